import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ESCAPE_MARK, escapeCode, escapeText, lint, parse, toPlainText, unescapeText } from 'chatwork-kit'
import { anyText, hostile, TEXT_LEVEL } from '../helpers/builder-arbitraries.ts'

const Z = ESCAPE_MARK
const types = (body: string) => parse(body, { positions: false }).children.map((node) => node.type)

describe('escapeText', () => {
  it.each([
    ['[toall]', `[${Z}toall]`],
    ['[To:1]', `[${Z}To:1]`],
    ['[TO:1]', `[${Z}TO:1]`],
    ['[rp aid=1 to=2-3]', `[${Z}rp aid=1 to=2-3]`],
    ['[/info][toall]', `[${Z}/info][${Z}toall]`],
    ['a [ 1', 'a [ 1'],
    ['[ To:1]', `[${Z} To:1]`],
    ['[\u3000toall] [\t hr]', `[${Z}\u3000toall] [${Z}\t hr]`],
    ['arr[0] = [1, 2]', 'arr[0] = [1, 2]'],
    ['ends with [', `ends with [${Z}`],
    [`[${Z}toall]`, `[${Z}${Z}toall]`],
    ['[[toall]]', `[[${Z}toall]]`],
    ['no brackets :)', 'no brackets :)'],
  ])('%j → %j', (input, escaped) => {
    expect(escapeText(input)).toBe(escaped)
  })

  it('is reversed by unescapeText, for every string', () => {
    fc.assert(fc.property(anyText, (s) => unescapeText(escapeText(s)) === s))
  })

  it('adds one U+200B after each `[` that a letter, `/`, U+200B, spaces and a Latin letter, or only spaces to the end follow, and nothing else', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        let marks = 0
        for (let i = 0; i < s.length; i++) {
          const rest = s.slice(i + 1)
          if (s[i] === '[' && (/^[ \t\u3000]*$/.test(rest) || /^(?:[\p{L}/\u200B]|[ \t\u3000]+[A-Za-z])/u.test(rest))) marks++
        }
        const escaped = escapeText(s)
        return escaped.length === s.length + marks && unescapeText(escaped) === s
      }),
    )
  })

  it('changes nothing where no tag could start', () => {
    // every `[` followed by something no tag starts with
    const harmless = anyText.map((s) => s.replace(/\[(?=[\p{L}/\u200B]|[ \t\u3000]+[A-Za-z]|$)/gu, '[0'))
    fc.assert(fc.property(harmless, (s) => escapeText(s) === s))
  })

  it('leaves nothing that lint reports as tag-like, near tags with spaces included', () => {
    const nearTags = fc
      .array(fc.constantFrom('[', ']', '/', ' ', '\t', '\u3000', 'To:1', 'toall', 'info', 'hr', 'rp aid=1 to=2-3', 'x'), { maxLength: 12 })
      .map((pieces) => pieces.join(''))
    for (const s of ['[ To:1]', '[ info]x[/info]', '[ hr]', '[\u3000toall]']) expect(lint(escapeText(s))).toEqual([])
    fc.assert(fc.property(nearTags, (s) => lint(escapeText(s)).length === 0))
  })

  it('leaves no tag in what it returns, and the plain text is the input', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const tree = parse(escapeText(s))
        expect(tree.children.every((node) => TEXT_LEVEL.has(node.type))).toBe(true)
        expect(toPlainText(tree)).toBe(s)
      }),
    )
  })

  it('leaves no tag when escaped pieces are joined, whatever half tags they end or start with', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 5 }), (pieces) => {
        const body = pieces.map(escapeText).join('')
        expect(types(body).every((type) => TEXT_LEVEL.has(type))).toBe(true)
        expect(unescapeText(body)).toBe(pieces.join(''))
      }),
    )
  })

  it('cannot close a block around the text or add one', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        for (const [open, close] of [['[info]', '[/info]'], ['[title]', '[/title]'], ['[qt]', '[/qt]'], ['[qt][qtmeta aid=1 time=2]', '[/qt]']]) {
          const tree = parse(open + escapeText(s) + close)
          expect(tree.children).toHaveLength(1)
          const block = tree.children[0] as { children: { type: string }[] }
          expect(block.children.every((node) => TEXT_LEVEL.has(node.type))).toBe(true)
          expect(toPlainText(tree)).toBe(s)
        }
      }),
    )
  })
})

describe('escapeCode', () => {
  it.each([
    ['a[/code]b', `a[${Z}/code]b`],
    ['a[/CODE]b', `a[${Z}/CODE]b`],
    ['[/info] and [info] and [qt x=1]', `[${Z}/info] and [${Z}info] and [${Z}qt x=1]`],
    ['[download:1]', `[${Z}download:1]`],
    ['[code] [infox] :) http://x.com arr[0] [To x] [rpx]', '[code] [infox] :) http://x.com arr[0] [To x] [rpx]'],
    // mentions: whether Chatwork notifies inside code is not known (spec §8)
    ['grep "[toall]" deploy.log', `grep "[${Z}toall]" deploy.log`],
    ['[To:1] [TO:abc] [rp aid=1 to=2-3] [TOALL x=1]', `[${Z}To:1] [${Z}TO:abc] [${Z}rp aid=1 to=2-3] [${Z}TOALL x=1]`],
    [`[${Z}`, `[${Z}${Z}`],
  ])('%j → %j', (input, escaped) => {
    expect(escapeCode(input)).toBe(escaped)
  })

  it('is reversed by unescapeText, for every string', () => {
    fc.assert(fc.property(anyText, (s) => unescapeText(escapeCode(s)) === s))
  })

  it('keeps one whole code block, at the top and inside every block', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const value = escapeCode(s)
        for (const [open, close] of [['', ''], ['[info]', '[/info]'], ['[info][title]', '[/title][/info]'], ['[qt]', '[/qt]'], ['[qt][qtmeta aid=1]', '[/qt]']]) {
          const tree = parse(`${open}[code]${value}[/code]${close}`, { positions: false })
          expect(tree.children).toHaveLength(1)
          let node = tree.children[0]
          while ('children' in node) {
            expect(node.children).toHaveLength(1)
            node = node.children[0]
          }
          expect(node).toEqual({ type: 'code', value, open: '[code]', close: '[/code]' })
          expect(unescapeText(value)).toBe(s)
        }
      }),
    )
  })
})

describe('unescapeText', () => {
  it('removes one mark after each `[` and nothing else', () => {
    expect(unescapeText(`[${Z}${Z}a] ${Z} [b`)).toBe(`[${Z}a] ${Z} [b`)
  })
})
