import { describe, expect, it } from 'vitest'
import { DEFAULT_SECTIONS, fromMarkdown } from 'chatwork-kit/markdown'
import { lint, mentions, parse, stringify, toPlainText, type Root } from 'chatwork-kit/markup'

const ZW = '\u200B'
const body = (markdown: string, options = {}) => stringify(fromMarkdown(markdown, options))

/** The body, checked to lint clean, as every result of fromMarkdown must. */
function clean(markdown: string, options = {}): string {
  const out = body(markdown, options)
  expect(lint(out), out).toEqual([])
  return out
}

describe('fromMarkdown: blocks', () => {
  it('makes headings [title] lines', () => {
    expect(DEFAULT_SECTIONS).toBe('title')
    expect(clean('# Release 1.2\nAll *green*\n## Notes\nnone')).toBe('[title]Release 1.2[/title]All green\n[title]Notes[/title]none')
  })

  it("with sections: 'info', puts each heading and its section in [info], nesting subsections", () => {
    expect(clean('# A\na\n## B\nb\n# C\nc', { sections: 'info' })).toBe('[info][title]A[/title]a\n[info][title]B[/title]b[/info][/info][info][title]C[/title]c[/info]')
    expect(clean('intro\n# A', { sections: 'info' })).toBe('intro\n[info][title]A[/title][/info]')
  })

  it('makes fenced and indented code [code], verbatim', () => {
    expect(clean('```js\nconst a = *b*;\n```')).toBe('[code]const a = *b*;[/code]')
    expect(clean('text\n\n    indented :)\n')).toBe('text\n[code]indented :)[/code]')
  })

  it('repeats a leading line feed of code, which Chatwork hides', () => {
    const tree = fromMarkdown('```\n\nx\n```')
    expect(stringify(tree)).toBe('[code]\n\nx[/code]')
    expect(toPlainText(tree)).toBe('\nx')
  })

  it('makes blockquotes [qt], thematic breaks [hr]', () => {
    expect(clean('> quoted\n> > nested\n\n---\n\nafter')).toBe('[qt]quoted\n[qt]nested[/qt][/qt][hr]after')
  })

  it('makes lists ・ or numbered lines, nested by indentation, task items ☐/☑', () => {
    expect(clean('- a\n- b\n  - c\n    more\n\n3. x\n4. y')).toBe('・a\n・b\n  ・c\n    more\n\n3. x\n4. y')
    expect(clean('- [ ] open\n- [x] done\n1. [x] first')).toBe('・☐ open\n・☑ done\n\n1. ☑ first')
  })

  it('keeps the blocks of a list item after its line', () => {
    expect(clean('- item\n\n  ```\n  code\n  ```\n- next')).toBe('・item\n[code]code[/code]・next')
  })

  it('makes tables a column-aligned [code] block', () => {
    expect(clean('| Name | Qty |\n|:--|--:|\n| 日本 | 1 |\n| **tea** | 22 |')).toBe('[code]Name | Qty\n-----|----\n日本 |   1\ntea  |  22[/code]')
  })

  it('leaves out what would be an empty block', () => {
    expect(clean('#\n\n>\n\n```\n```\n\n```\n  \n```\n\n# \u3000')).toBe('')
  })

  it('keeps raw HTML as text', () => {
    expect(clean('<div>\n<b>hi</b>\n</div>\n\na <i>b</i>')).toBe('<div>\n<b>hi</b>\n</div>\n\na <i>b</i>')
  })

  it('keeps footnotes as [^label]', () => {
    expect(clean('a[^1]\n\n[^1]: the note')).toBe('a[^1]\n\n[^1]: the note')
  })
})

describe('fromMarkdown: inline', () => {
  it('makes links text (url), or the url when the text is the url', () => {
    expect(clean('[docs](https://example.com/docs) <https://a.b/> www.example.com https://x.y/z <me@example.com>')).toBe(
      'docs (https://example.com/docs) https://a.b/ http://www.example.com https://x.y/z me@example.com',
    )
    expect(clean('[ref][r] and [r]\n\n[r]: https://example.com/r')).toBe('ref (https://example.com/r) and r (https://example.com/r)')
  })

  it('auto-links the urls it writes, as Chatwork does', () => {
    const [, link] = fromMarkdown('[docs](https://example.com/docs)').children
    expect(link).toEqual({ type: 'link', url: 'https://example.com/docs' })
  })

  it('makes images their url', () => {
    expect(clean('![a cat](https://example.com/cat.png) ![r][c]\n\n[c]: https://example.com/c.png')).toBe('https://example.com/cat.png https://example.com/c.png')
  })

  it('makes emphasis, strong, strikethrough and inline code their text', () => {
    expect(clean('*a* **b** ~~c~~ `d [To:1]` ***e***')).toBe(`a b c d [${ZW}To:1] e`)
  })

  it('keeps hard and soft line breaks as line feeds', () => {
    expect(clean('a\nb  \nc\\\nd')).toBe('a\nb\nc\nd')
  })
})

describe('fromMarkdown: no accidental tags or mentions', () => {
  it('keeps Chatwork tags in the Markdown as text', () => {
    const out = clean('[toall] [To:1] [rp aid=1 to=2-3] [info]x[/info] [/code] [qt]\n\n# [title]t[/title]')
    expect(mentions(fromMarkdown('[toall] [To:1] [rp aid=1 to=2-3]'))).toEqual({ accountIds: [], toAll: false, replies: [] })
    expect(out).toBe(`[${ZW}toall] [${ZW}To:1] [${ZW}rp aid=1 to=2-3] [${ZW}info]x[${ZW}/info] [${ZW}/code] [${ZW}qt]\n[title][${ZW}title]t[${ZW}/title][/title]`)
  })

  it('marks mentions written in code, which Chatwork may or may not notify for', () => {
    expect(clean('```\n[To:1] [toall] [rp aid=1 to=2-3] a[i]\n```')).toBe(`[code][${ZW}To:1] [${ZW}toall] [${ZW}rp aid=1 to=2-3] a[i][/code]`)
  })

  it('makes mentions only for the handles of the mentions option', () => {
    const options = { mentions: { '@taro': 1002, '@all': 'toall' } } as const
    expect(clean('@taro please review, @all FYI', options)).toBe('[To:1002]taro please review, [toall] FYI')
    expect(clean('taro@taro.example @taroko @Taro x@all', options)).toBe('taro@taro.example @taroko @Taro x@all')
    expect(mentions(fromMarkdown('@taro and @taro', options)).accountIds).toEqual([1002])
  })

  it('makes no mention in quotes, code, links or tables, where it would not notify or not read as one', () => {
    const options = { mentions: { '@taro': 1002 } }
    const tree = fromMarkdown('> @taro\n\n`@taro` [@taro](https://x.y)\n\n```\n@taro\n```\n\n| @taro |\n|-|\n| x |', options)
    expect(mentions(tree).accountIds).toEqual([])
    expect(lint(stringify(tree))).toEqual([])
  })

  it('rejects bad options with a TypeError', () => {
    expect(() => fromMarkdown('x', { mentions: { taro: 1 } })).toThrow(TypeError)
    expect(() => fromMarkdown('x', { mentions: { '@taro': 0 } })).toThrow(TypeError)
    expect(() => fromMarkdown('x', { mentions: { '@taro': '1' as never } })).toThrow(TypeError)
    expect(() => fromMarkdown('x', { mentions: [] as never })).toThrow(TypeError)
    expect(() => fromMarkdown('x', { sections: 'h1' as never })).toThrow(TypeError)
    expect(() => fromMarkdown(1 as never)).toThrow(TypeError)
  })
})

describe('fromMarkdown: the tree', () => {
  it('is canonical: parsing its markup gives it back', () => {
    const tree = fromMarkdown('# T\n\n> q :)\n\n- [x] a https://e.x\n\n```\n[/code]\n```')
    const strip = (root: Root) => JSON.parse(JSON.stringify(root, (key, value) => (key === 'position' || key === 'open' || key === 'close' || key === 'source' ? undefined : value)))
    expect(strip(parse(stringify(tree), { positions: false }))).toEqual(strip(tree))
  })

  it('survives deep nesting', () => {
    const deepQuote = fromMarkdown('>'.repeat(1000) + ' x')
    expect(toPlainText(deepQuote)).toBe('x')
    expect(lint(stringify(deepQuote))).toEqual([])
    expect(toPlainText(fromMarkdown('- '.repeat(600) + 'x'))).toContain('x')
    expect(toPlainText(fromMarkdown('*'.repeat(1000) + 'x' + '*'.repeat(1000)))).toBe('x')
  })
})
