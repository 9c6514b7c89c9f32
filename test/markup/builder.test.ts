import { fileURLToPath } from 'node:url'
import { build as bundle } from 'esbuild'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { code, ESCAPE_MARK, info, message, MessageBuilder, parse, quote, root, stringify, text, title, to, toPlainText, unescapeText, type Content, type Root } from 'chatwork-kit'
import { lint } from 'chatwork-kit/markup'
import { said } from '../helpers/semantic.ts'
import { anyText, build, hostile, ops, quoteMeta, strip, TEXT_LEVEL } from '../helpers/builder-arbitraries.ts'

const Z = ESCAPE_MARK

describe('message()', () => {
  it('writes canonical markup for every part', () => {
    const body = message()
      .to(123, 'Sato-san')
      .toAll()
      .reply({ accountId: 1, roomId: 2, messageId: '3' }, 'Ito-san')
      .text('Hello')
      .line()
      .line('line')
      .info('content')
      .info('T', 'content')
      .title('heading')
      .hr()
      .code('npm test')
      .quote({ accountId: 4, time: 1700000000 }, 'quoted')
      .quote(undefined, 'bare')
      .picon(5)
      .pname(6)
      .piconname(7)
      .preview(8, 100)
      .preview(9)
      .toString()
    expect(body).toBe(
      '[To:123]Sato-san\n[toall][rp aid=1 to=2-3]Ito-san\nHello\nline\n[info]content[/info][info][title]T[/title]content[/info]' +
        '[title]heading[/title][hr][code]npm test[/code][qt][qtmeta aid=4 time=1700000000]quoted[/qt][qt]bare[/qt]' +
        '[picon:5][pname:6][piconname:7][preview id=8 ht=100][preview id=9]',
    )
  })

  it('writes a mention without a name as the tag alone', () => {
    expect(message().to(1).to(2).text(' hi').toString()).toBe('[To:1][To:2] hi')
  })

  it('takes content as a string, a node, a builder or a callback', () => {
    const expected = '[info][title]T[/title]a [To:1][/info]'
    expect(message().info('T', message().text('a ').to(1)).toString()).toBe(expected)
    expect(message().info('T', (m) => m.text('a ').to(1)).toString()).toBe(expected)
    expect(message().info(title('T'), info('x')).toString()).toBe('[info][title][title]T[/title][/title][info]x[/info][/info]')
    expect(message().info(text('T'), 'a ').append(to(1)).toString()).toBe('[info][title]T[/title]a [/info][To:1]')
    expect(message().append('[toall]').append(message().hr()).toString()).toBe(`[${Z}toall][hr]`)
  })

  it('rejects content that is none of those, naming the argument', () => {
    expect(() => message().info(() => 'x' as never)).toThrow(/message\(\)\.info\(\): content: the callback must return a builder, got "x"/)
    expect(() => message().quote(undefined, 42 as never)).toThrow(/message\(\)\.quote\(\): content must be a string, a node, a builder or a callback, got 42/)
    expect(() => message().info('t', null as never)).toThrow(TypeError)
    expect(() => message().append({ type: 'to', accountId: 0 } as never)).toThrow(/accountId must be a positive safe integer, got 0/)
    expect(() => message().text(undefined as never)).toThrow(/message\(\)\.text\(\): value must be a string/)
    expect(() => message().to(1, 2 as never)).toThrow(/message\(\)\.to\(\): name must be a string/)
    expect(() => message().to(1.5)).toThrow(/to\(\): accountId/)
    expect(() => message().reply({ accountId: 1, roomId: 2, messageId: 3 as never })).toThrow(/reply\(\): messageId/)
    expect(() => message().quote({ accountId: 1, time: -1 }, 'x')).toThrow(/message\(\)\.quote\(\): meta\.time/)
    expect(() => message().preview(1, 0)).toThrow(/preview\(\): height/)
  })

  it('is immutable: every call returns a new builder and leaves the old one as it was', () => {
    const greeting = message().to(1, 'Sato-san')
    const a = greeting.text('a')
    const b = greeting.text('b')
    expect([greeting.toString(), a.toString(), b.toString()]).toEqual(['[To:1]Sato-san\n', '[To:1]Sato-san\na', '[To:1]Sato-san\nb'])
    expect(a).not.toBe(greeting)
    expect(a).toBeInstanceOf(MessageBuilder)
  })

  it('is unaffected by later changes to appended nodes or returned trees', () => {
    const node = info('x')
    const b = message().append(node).quote(undefined, node)
    node.children.push(to(9))
    const tree = b.toTree()
    ;(tree.children[0] as { children: unknown[] }).children.length = 0
    expect(b.toString()).toBe('[info]x[/info][qt][info]x[/info][/qt]')
    expect(b.toTree()).not.toBe(b.toTree())
  })

  it('shows every line feed it is given, adding the one Chatwork swallows after [/qt] and [/code]', () => {
    const b = message().quote({ accountId: 1 }, 'q').line().text('after').code('c').text('\n\nend')
    expect(b.toString()).toBe('[qt][qtmeta aid=1]q[/qt]\n\nafter[code]c[/code]\n\n\nend')
    expect(toPlainText(parse(b.toString()))).toBe(toPlainText(b.toTree()))
    expect(message().quote(undefined, 'q').text('after').toString()).toBe('[qt]q[/qt]after')
  })

  it('adds the swallowed line feed however the text after a quote or code arrives', () => {
    const code = message().code('c')
    const bodies = [
      code.append(message().text('\nx')),
      code.append(text('\nx')),
      code.text('').append(message()).line().text('x'),
      message().quote(undefined, 'q').append(message().append(message().line().text('x'))),
    ]
    expect(bodies.map(String)).toEqual(['[code]c[/code]\n\nx', '[code]c[/code]\n\nx', '[code]c[/code]\n\nx', '[qt]q[/qt]\n\nx'])
    for (const b of bodies) expect(strip(parse(b.toString()))).toEqual(b.toTree())
    expect(code.hr().text('\nx').toString()).toBe('[code]c[/code][hr]\nx')
  })

  it('chains and nests a hundred thousand parts without overflowing the stack', () => {
    let long = message()
    for (let i = 0; i < 100_000; i++) long = long.text('a').hr()
    expect(long.toString()).toHaveLength('a[hr]'.length * 100_000)
    expect(long.toTree().children).toHaveLength(200_000)
    let deep = message().text('x')
    for (let i = 0; i < 100_000; i++) deep = message().info(deep)
    expect(deep.toString()).toHaveLength('[info]'.length * 100_000 + 1 + '[/info]'.length * 100_000)
    expect(stringify(deep.toTree())).toBe(deep.toString())
  })

  it('places a [deleted] node, a tag only as a whole body, as the text Chatwork would show', () => {
    const b = message().title(parse('[deleted]'))
    expect(b.toString()).toBe(`[title][${Z}deleted][/title]`)
    expect(strip(parse(b.toString()))).toEqual(b.toTree())
    expect(message().append(parse('[deleted]')).toString()).toBe(`[${Z}deleted]`)
  })

  it('text pieces cannot join into a mistyped tag: the output of text alone lints clean (issue 21, item 12)', () => {
    expect(message().text('[ ').text('To:1]').toString()).toBe(`[${Z} To:1]`)
    expect(lint(message().text('[ ').text('To:1]').toString())).toEqual([])
    expect(stringify(root('[ ', 'To:1]'))).toBe(`[${Z} To:1]`)
    const piece = fc.oneof(anyText, fc.constantFrom('[', '[ ', '[\u3000', ' ', 'To:1]', 'toall]', ' To:1]', '/info]'))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (pieces) => {
        const b = pieces.reduce((m, p) => m.text(p), message())
        const joined = stringify(root(...pieces))
        for (const body of [b.toString(), joined]) {
          expect(lint(body).filter((d) => d.code === 'malformed-tag')).toEqual([])
          expect(parse(body).children.every((node) => TEXT_LEVEL.has(node.type))).toBe(true)
        }
        expect(strip(parse(b.toString()))).toEqual(b.toTree())
        expect(said(parse(b.toString()).children)).toEqual(said(b.toTree().children))
      }),
      { numRuns: 2000 },
    )
  })

  it('code() neutralises mentions, so that a log line holding [toall] notifies nobody (issue 21, item 13)', () => {
    const b = message().code('grep "[toall]" deploy.log; [To:1] [rp aid=1 to=2-3]')
    expect(b.toString()).toBe(`[code]grep "[${Z}toall]" deploy.log; [${Z}To:1] [${Z}rp aid=1 to=2-3][/code]`)
    expect(lint(b.toString())).toEqual([])
    expect(unescapeText((b.toTree().children[0] as Extract<Content, { type: 'code' }>).value)).toBe('grep "[toall]" deploy.log; [To:1] [rp aid=1 to=2-3]')
    fc.assert(
      fc.property(anyText, (s) => {
        const body = message().code(s).toString()
        expect(lint(body).filter((d) => d.code === 'mention-in-code')).toEqual([])
      }),
    )
  })

  it('the builder obeys the edit law: toTree() says what parse(toString()) says', () => {
    fc.assert(fc.property(ops, (list) => {
      const b = build(list)
      expect(said(parse(b.toString()).children)).toEqual(said(b.toTree().children))
    }), { numRuns: 500 })
  })

  it('prints its tree: stringify(toTree()) is toString()', () => {
    fc.assert(fc.property(ops, (list) => stringify(build(list).toTree()) === build(list).toString()))
  })

  it('parse(b.toString()) deep-equals b.toTree(), positions and source spellings aside', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const b = build(list)
        expect(strip(parse(b.toString()))).toEqual(b.toTree())
      }),
      { numRuns: 500 },
    )
  })
})

describe('safety', () => {
  /** The tag nodes of a tree, in document order, without their spellings. */
  const tags = (tree: Root): string[] => {
    const found: string[] = []
    const pending = [...tree.children].reverse()
    while (pending.length > 0) {
      const node = pending.pop()!
      if (!TEXT_LEVEL.has(node.type)) found.push(node.type)
      if ('children' in node) pending.push(...[...node.children].reverse())
    }
    return found
  }

  it('no string given as text, line, name, title, info, quote or code content adds a tag', () => {
    const shapes: [string, (s: string) => ReturnType<typeof message>, string[]][] = [
      ['text', (s) => message().text(s), []],
      ['line', (s) => message().line(s), []],
      ['to name', (s) => message().to(1, s), ['to']],
      ['reply name', (s) => message().reply({ accountId: 1, roomId: 2, messageId: '3' }, s), ['reply']],
      ['info', (s) => message().info(s), ['info']],
      ['info title', (s) => message().info(s, s), ['info', 'title']],
      ['title', (s) => message().title(s), ['title']],
      ['quote', (s) => message().quote({ accountId: 1 }, s), ['quote']],
      ['code', (s) => message().code(s), ['code']],
      ['nested', (s) => message().info(s, (m) => m.quote(undefined, (q) => q.text(s).code(s).text(s))), ['info', 'title', 'quote', 'code']],
      ['append', (s) => message().text(s).append(s).text(s), []],
    ]
    fc.assert(
      fc.property(anyText, fc.constantFrom(...shapes), (s, [, make, expected]) => {
        expect(tags(parse(make(s).toString()))).toEqual(expected)
      }),
    )
  })

  it('the reader sees the string as given', () => {
    fc.assert(
      fc.property(anyText, quoteMeta, (s, meta) => {
        expect(toPlainText(message().text(s).toString())).toBe(s)
        expect(toPlainText(message().info(s).toString())).toBe(s)
        expect(toPlainText(message().title(s).toString())).toBe(s)
        expect(toPlainText(message().quote(meta, s).toString())).toBe(s)
        expect(toPlainText(message().code(s).toString())).toBe(s.startsWith('\n') ? s.slice(1) : s)
      }),
    )
  })

  it('half tags split across parts cannot join', () => {
    expect(message().text('[to').text('all]').toString()).toBe(`[${Z}to` + 'all]')
    expect(message().text('[').text('To:1]').toString()).toBe(`[${Z}To:1]`)
    expect(message().append(parse('[')).text('toall]').toString()).toBe(`[${Z}toall]`)
    expect(message().append(parse('[info]')).append(parse('x[/info]')).toString()).toBe(`[${Z}info]x[${Z}/info]`)
    // and the marks stay reversible where parsed text ends with `[`
    expect(toPlainText(message().append(parse('a[')).text(`${Z}]`).toString())).toBe(`a[${Z}]`)
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 6 }), (pieces) => {
        const b = pieces.reduce((m, piece) => m.text(piece), message())
        expect(tags(parse(b.toString()))).toEqual([])
      }),
    )
  })

  it('code cannot end its block or the blocks around it early', () => {
    const b = message().info('T', (m) => m.quote(undefined, (q) => q.code('[/code][/qt][/title][/info][toall]')))
    expect(tags(parse(b.toString()))).toEqual(['info', 'title', 'quote', 'code'])
    expect(b.toString()).toBe(`[info][title]T[/title][qt][code][${Z}/code][${Z}/qt][${Z}/title][${Z}/info][${Z}toall][/code][/qt][/info]`)
  })
})

describe('bundle size', () => {
  it('message and the factories do not load the parser', async () => {
    const entry = `import { message, to, quote, code } from ${JSON.stringify(fileURLToPath(new URL('../../src/index.ts', import.meta.url)))}
console.log(message().to(1).code('x').append(quote(undefined, to(2))).toTree())`
    const result = await bundle({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, metafile: true, format: 'esm', platform: 'neutral', external: ['vitest', 'node:*'] })
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([path]) => path)
    expect(inputs.some((path) => path.endsWith('src/markup/builder.ts'))).toBe(true)
    expect(inputs.filter((path) => /generated\/grammar|src\/parse\.ts|grammar-actions/.test(path))).toEqual([])
  })
})

describe('factories and builder agree', () => {
  it('message().append(node) prints as the node does', () => {
    fc.assert(fc.property(anyText, (s) => message().append(quote(undefined, s, code(s))).toString() === stringify(quote(undefined, s, code(s)))))
  })
})
