import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { code, cw, ESCAPE_MARK, info, message, MessageBuilder, parse, quote, to, toPlainText, unescapeText, type Interpolation } from 'chatwork-kit'
import { anyText, factoryNode, hostile, markup, strip, TEXT_LEVEL } from '../helpers/builder-arbitraries.ts'
import { said } from '../helpers/semantic.ts'

const Z = ESCAPE_MARK

/** Calls cw with literal parts and values given as arrays, as a tagged template would. */
function tag(strings: readonly string[], values: readonly Interpolation[]): MessageBuilder {
  return cw(Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray, ...values)
}

describe('cw', () => {
  it('parses the literal parts as markup and prints them canonically', () => {
    expect(cw`[TO:1] hi [INFO][title]T[/title]x[/INFO] [rp to=2-3 aid=1]`.toString()).toBe('[To:1] hi [info][title]T[/title]x[/info] [rp aid=1 to=2-3]')
    expect(cw`[qt][qtmeta aid=1 time=2]q[/qt]\nnext`.toTree().children).toEqual([
      { type: 'quote', accountId: 1, time: 2, children: [{ type: 'text', value: 'q' }] },
      { type: 'text', value: 'next' },
    ])
    expect(cw`plain :)`.toString()).toBe('plain :)')
  })

  it('makes interpolated strings and numbers text, and inserts nodes and builders as structure', () => {
    const user = '[toall] Mallory'
    const b = cw`[info][title]New member[/title]${user} (${42}, ${10n ** 20n}) joined ${to(42)}${message().hr()}[/info]`
    expect(b.toString()).toBe(`[info][title]New member[/title][${Z}toall] Mallory (42, 100000000000000000000) joined [To:42][hr][/info]`)
    expect(cw`${[to(1), ' and ', to(2)]} ${info('x')}`.toString()).toBe('[To:1] and [To:2] [info]x[/info]')
  })

  it('escapes interpolations inside code as code', () => {
    expect(cw`[code]log: ${'[/code][toall]'}[/code]`.toString()).toBe(`[code]log: [${Z}/code][${Z}toall][/code]`)
    expect(cw`[info][code]${'[/info]'}${['a', 1]}[/code][/info]`.toString()).toBe(`[info][code][${Z}/info]a1[/code][/info]`)
  })

  it('returns a builder that goes on like any other', () => {
    const b = cw`${to(1)} hi`
    expect(b).toBeInstanceOf(MessageBuilder)
    expect(b.text('!').toString()).toBe('[To:1] hi!')
    expect(cw`Hi ${'Sato'}`.line().code('x').toString()).toBe('Hi Sato\n[code]x[/code]')
  })

  it('rejects an interpolation inside a tag, where it could only be text', () => {
    for (const make of [
      () => cw`[To:${1}]`,
      () => cw`[To:1${2}]`,
      () => cw`[rp aid=1 to=2-${'3'}]`,
      () => cw`[qt][qtmeta aid=${1} time=2]q[/qt]`,
      () => cw`[preview id=${1} ht=100]`,
      () => cw`[info a=${'b'}]x[/info]`,
      () => cw`[dtext:${'file_uploaded'}]`,
      () => cw`[To:${to(1)}]`,
    ]) {
      expect(make).toThrow(/cw: interpolation 1 is inside the tag/)
    }
    // brackets that do not form a tag are fine; a `[` right before an interpolation gets the mark, as at the end of any piece
    expect(cw`[WIP ${'title'}] arr[${0}]`.toString()).toBe(`[${Z}WIP title] arr[${Z}0]`)
  })

  it('rejects values that are neither text nor structure, and structure inside code', () => {
    for (const bad of [undefined, null, true, {}, Symbol('x'), () => message()]) {
      expect(() => cw`a ${bad as never} b`).toThrow(/cw: interpolation 1 must be a string, a number, a node, a builder or an array of them/)
    }
    expect(() => cw`[code]${to(1)}[/code]`).toThrow(/cw: interpolation 1 is inside \[code\]…\[\/code\], which holds only text/)
    expect(() => cw`${{ type: 'to', accountId: -1 } as never}`).toThrow(/accountId must be a positive safe integer/)
  })

  it('rejects a call that is not shaped like a tagged template', () => {
    expect(() => tag(['a', 'b'], [])).toThrow(/cw: 2 literal parts need 1 values, got 0/)
    expect(() => tag(['a', undefined as never], ['x'])).toThrow(/invalid escape sequence/)
  })

  it('works when a literal part holds the character it uses as a stand-in', () => {
    expect(cw`\uE000${'x'}\uE001`.toString()).toBe('\uE000x\uE001')
  })

  it('no interpolated string can add a tag, and the reader sees it as given', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(['', ''], ['[info]', '[/info]'], ['[info][title]', '[/title][/info]'], ['[qt][qtmeta aid=1]', '[/qt]'], ['a[', ']b']), (s, [before, after]) => {
        const tree = parse(tag([before, after], [s]).toString())
        let leaves = tree.children
        while (before.startsWith('[') && leaves.length === 1 && 'children' in leaves[0]) leaves = leaves[0].children
        expect(leaves.every((node) => TEXT_LEVEL.has(node.type))).toBe(true)
        expect(toPlainText(tree)).toBe(before === 'a[' ? `a[${s}]b` : s)
      }),
    )
  })

  it('an interpolated string inside code is the code', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const [node] = parse(cw`[info][code]${s}[/code][/info]`.toString()).children
        expect(node.type).toBe('info')
        const inner = (node as { children: { type: string; value?: string }[] }).children
        expect(inner).toHaveLength(1)
        expect(unescapeText(inner[0].value!)).toBe(s)
      }),
    )
  })

  it('parse(b.toString()) deep-equals b.toTree() for any literal parts and values', () => {
    const value = fc.oneof(anyText, fc.integer(), factoryNode, fc.array(fc.oneof(hostile, factoryNode), { maxLength: 3 }))
    fc.assert(
      fc.property(fc.array(fc.tuple(value, markup), { maxLength: 4 }), markup, (rest, first) => {
        let b: MessageBuilder
        try {
          b = tag([first, ...rest.map(([, literal]) => literal)], rest.map(([v]) => v))
        } catch (error) {
          // literal markup may put an interpolation inside a tag or code
          expect(String(error)).toMatch(/cw: interpolation \d+ is inside/)
          return
        }
        expect(strip(parse(b.toString()))).toEqual(b.toTree())
      }),
      { numRuns: 500 },
    )
  })

  it('escapes where literal parts and values meet, so that no mistyped tag forms there (issue 21, item 12)', () => {
    expect(cw`[ ${'To:1'}]`.toString()).toBe(`[${Z} To:1]`)
    expect(strip(parse(cw`[ ${'To:1'}]`.toString()))).toEqual(cw`[ ${'To:1'}]`.toTree())
    const seamText = fc.oneof(anyText, fc.constantFrom('To:1', ' To:1', 'toall', 'To:1]', '[', '[ ', ' ', 'info]', '/info]'))
    const literal = fc.constantFrom('', '[', '[ ', '[\t', ' ', ']', 'x', 'y', 'z', '[To', ':1]', 'a[', '[/')
    fc.assert(
      fc.property(fc.tuple(literal, literal, literal), seamText, seamText, ([x, y, z], a, b) => {
        for (const built of [tag(['[ ', ']'], [a]), tag([x, y, z], [a, b])]) {
          expect(strip(parse(built.toString()))).toEqual(built.toTree())
          expect(said(parse(built.toString()).children)).toEqual(said(built.toTree().children))
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('accepts quotes and code from the factories as interpolations', () => {
    expect(cw`${quote({ accountId: 1 }, 'q')}\n${code('c')}`.toString()).toBe('[qt][qtmeta aid=1]q[/qt]\n\n[code]c[/code]')
  })
})
