import { fromMarkdown as parseMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown as printWithMdastUtil } from 'mdast-util-to-markdown'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { CHATWORK_NESTING_LIMIT, DEFAULT_LINE_BREAKS, toMarkdown, toMdast } from 'chatwork-kit/markdown'
import { info, parse, root, stringify, text, title, to } from 'chatwork-kit/markup'

const accounts = new Map([
  [1002, { name: 'Taro Yamada', avatarUrl: 'https://example.com/taro.png' }],
  [1003, { name: 'Hanako' }],
])
const messageUrl = (roomId: number, messageId: string) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`
const md = (body: string, options = {}) => toMarkdown(body, options)
/** What a GFM reader makes of the Markdown: the tree's text. */
const readBack = (markdown: string) => toString(parseMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }))

describe('toMarkdown: text', () => {
  it('keeps Markdown syntax in text as text', () => {
    const body = '*a* _b_ # c <b>x</b> `d` | e | ~~f~~ [g](h) ![i](j) &amp; \\k'
    const markdown = md(body)
    expect(markdown).not.toBe(body + '\n')
    expect(readBack(markdown)).toBe(body)
  })

  it('keeps what would start a block as text: headings, lists, quotes, fences, tables', () => {
    const body = '# not a heading\n- not a list\n> not a quote\n```\n1. no\n| a | b |\n|---|---|\n    not code'
    expect(readBack(md(body, { lineBreaks: 'soft' }))).toBe(body)
    const tree = parseMarkdown(md(body), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph'])
  })

  it('writes a line feed as a hard break by default, a blank line as a new paragraph', () => {
    expect(DEFAULT_LINE_BREAKS).toBe('hard')
    expect(md('a\nb\n\n\nc')).toBe('a\\\nb\n\nc\n')
    expect(md('a\nb\n\nc', { lineBreaks: 'soft' })).toBe('a\nb\n\nc\n')
  })

  it('removes the escaping marks of builder text', () => {
    expect(md(stringify(root(text('[toall] hi'))))).toBe('\\[toall] hi\n')
  })

  it('renders nothing for an empty body', () => {
    expect(md('')).toBe('')
    expect(md('[deleted]')).toBe('')
  })
})

describe('toMarkdown: mentions and replies', () => {
  it('writes To as @Name or @{id}, toall as @all', () => {
    expect(md('[To:1002] hi [To:9]', { accounts })).toBe('@Taro Yamada hi @9\n')
    expect(md('[toall] lunch')).toBe('@all lunch\n')
  })

  it('reads accounts from a function too', () => {
    expect(md('[To:5]', { accounts: (id: number) => ({ name: `user${id}` }) })).toBe('@user5\n')
  })

  it('writes a reply as ↩ @Name, linked when messageUrl is given', () => {
    expect(md('[rp aid=1002 to=2-3] ok', { accounts })).toBe('↩ @Taro Yamada ok\n')
    expect(md('[rp aid=1002 to=2-3] ok', { accounts, messageUrl })).toBe('[↩ @Taro Yamada](https://www.chatwork.com/#!rid2-3) ok\n')
  })

  it('does not link the to=R:M reply form, whose link Chatwork shows broken', () => {
    expect(md('[rp aid=1 to=2:3] ok', { messageUrl })).toBe('↩ @1 ok\n')
  })

  it('links only http(s) message URLs', () => {
    expect(md('[rp aid=1 to=2-3]', { messageUrl: () => 'javascript:alert(1)' })).toBe('↩ @1\n')
  })
})

describe('toMarkdown: blocks', () => {
  it('writes a quote as a blockquote after an attribution line', () => {
    expect(md('[qt][qtmeta aid=1002 time=1700000000]Ship it?[/qt]\nYes', { accounts })).toBe('> **Taro Yamada** · Nov 14, 2023, 10:13 PM\n>\n> Ship it?\n\nYes\n')
    expect(md('[qt][qtmeta aid=7]x[/qt]')).toBe('> **#7**\n>\n> x\n')
    expect(md('[qt]bare[/qt]')).toBe('> bare\n')
  })

  it('writes the quote date in the locale and time zone', () => {
    expect(md('[qt][qtmeta aid=1 time=1700000000]x[/qt]', { locale: 'ja', timeZone: 'Asia/Tokyo' })).toContain('2023/11/15 7:13')
  })

  it('writes a qtmeta outside a quote as an attribution', () => {
    expect(md('a [qtmeta aid=1002] b', { accounts })).toBe('a **Taro Yamada** b\n')
  })

  it('nests quotes', () => {
    expect(md('[qt]a[qt]b[/qt][/qt]')).toBe('> a\n>\n> > b\n')
  })

  it('writes info as a blockquote whose title is bold', () => {
    expect(md('[info][title]Deploy[/title]Done :)[/info]')).toBe('> **Deploy**\n>\n> Done :)\n')
  })

  it('writes a title outside info as a bold line, and nothing for an empty title', () => {
    expect(md('[title]Weather[/title]Sunny')).toBe('**Weather**\n\nSunny\n')
    expect(md('[title][/title]x')).toBe('x\n')
    expect(md('[info][title][/title]x[/info]')).toBe('> x\n')
  })

  it('writes code as a fenced block, verbatim, with a fence longer than any backtick run', () => {
    expect(md('[code]\n[To:1] *x* :) http://a.b\n[/code]')).toBe('```\n[To:1] *x* :) http://a.b\n```\n')
    expect(md('[code]a ```` b[/code]')).toBe('`````\na ```` b\n`````\n')
  })

  it('writes hr as a thematic break, splitting the paragraph', () => {
    expect(md('a[hr]b')).toBe('a\n\n---\n\nb\n')
  })

  it('writes a task as a task list item with assignees and due date', () => {
    expect(md('[task aid=1002,1003 st=open lt=1735600000]Write docs[/task]', { accounts })).toBe('- [ ] Write docs — @Taro Yamada, @Hanako · Due Dec 30, 2024\n')
    expect(md('[task aid=1 st=done lt=0]x[/task]')).toBe('- [x] x — @1 · No due date\n')
    expect(md('[task aid=1 st=done lt=0]x[/task]', { locale: 'ja' })).toBe('- [x] x — @1 · 期限なし\n')
  })
})

describe('toMarkdown: inline tags', () => {
  it('writes names, and an avatar as an image only when its URL is known', () => {
    expect(md('[pname:1002] [piconname:1003] [pname:9]', { accounts })).toBe('Taro Yamada Hanako #9\n')
    expect(md('[picon:1002]', { accounts })).toBe('![Taro Yamada](https://example.com/taro.png)\n')
    expect(md('a[picon:1003]b', { accounts })).toBe('ab\n')
  })

  it('writes a preview as an image when files gives its URL, else its name', () => {
    const files = new Map([[5, { name: 'cat.png', previewUrl: 'https://example.com/cat.png' }], [6, { name: 'x.png', url: 'data:image/png;base64,AA' }]])
    expect(md('[preview id=5 ht=100]', { files })).toBe('![cat.png](https://example.com/cat.png)\n')
    expect(md('[preview id=6 ht=100]', { files })).toBe('\\[x.png]\n')
    expect(md('[preview id=7 ht=100]')).toBe('\\[file 7]\n')
  })

  it('writes a download as a link with name and size when files gives its URL', () => {
    const files = new Map([[5, { url: 'https://example.com/a.zip' }]])
    expect(md('[download:5]a.zip (2 KB)[/download]', { files })).toBe('[a.zip (2 KB)](https://example.com/a.zip)\n')
    expect(md('[download:6]b.zip (0 B)[/download]')).toBe('b.zip (0 B)\n')
  })

  it('writes a download whose content is more than a label (a mention, a block) as that content, losing nothing', () => {
    const files = new Map([[5, { url: 'https://example.com/a.zip' }]])
    expect(md('[download:5][To:1002] see this[/download]', { accounts, files })).toBe('@Taro Yamada see this\n')
    expect(md('[download:5]a.zip [qt]q[/qt] (2 KB)[/download]', { files })).toBe('a.zip\n\n> q\n\n&#x20;(2 KB)\n')
  })

  it('writes dtext as its sentence, date localized, live as its label', () => {
    expect(md('[dtext:task_done]')).toBe('Task completed.\n')
    expect(md('[dtext:task_done]', { locale: 'ja' })).toBe('タスクを完了しました。\n')
    expect(md('[dtext:nope]')).toBe('\\[dtext:nope]\n')
    expect(md('[date:1735600000]')).toBe('Dec 30, 2024\n')
    expect(md('[live id=5 rid=6]')).toBe('Join ChatWork Live\n')
  })

  it('writes emoticons as their code, or as emoji with emoji: true', () => {
    expect(md('hi :) (coffee) (:/)')).toBe('hi :) (coffee) (:/)\n')
    expect(md('hi :) (coffee) (:/)', { emoji: true })).toBe('hi 🙂 ☕ (:/)\n')
  })

  it('writes links as autolinks', () => {
    expect(md('see https://example.com/a_b*c ok')).toBe('see <https://example.com/a_b*c> ok\n')
  })
})

describe('toMarkdown: trees and options', () => {
  it('takes a tree as well as a body', () => {
    expect(toMarkdown(root(to(1002), ' hi', info(title('T'), 'x')), { accounts })).toBe('@Taro Yamada hi\n\n> **T**\n>\n> x\n')
    expect(toMarkdown(parse('[hr]').children[0])).toBe('---\n')
  })

  it('gives the mdast tree for remark', () => {
    expect(toMdast('[info][title]T[/title]x[/info]')).toEqual({
      type: 'root',
      children: [{ type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'T' }] }] }, { type: 'paragraph', children: [{ type: 'text', value: 'x' }] }] }],
    })
  })

  it("prints the same tree with mdast-util-to-markdown, as the README shows", () => {
    const tree = toMdast('[info][title]Deploy[/title]Done :)[/info]')
    expect(printWithMdastUtil(tree, { extensions: [gfmToMarkdown()], strong: '*' })).toBe('> **Deploy**\n>\n> Done :)\n')
    expect(toMarkdown('[info][title]Deploy[/title]Done :)[/info]')).toBe('> **Deploy**\n>\n> Done :)\n')
  })

  it('rejects bad options with a TypeError or RangeError', () => {
    expect(() => md('x', { accounts: [] })).toThrow(TypeError)
    expect(() => md('x', { locale: 'fr' })).toThrow(TypeError)
    expect(() => md('x', { lineBreaks: 'br' })).toThrow(TypeError)
    expect(() => md('x', { messageUrl: 'https://x' })).toThrow(TypeError)
    expect(() => md('x', { timeZone: 'Mars/Olympus' })).toThrow(RangeError)
    expect(() => toMarkdown(null as never)).toThrow(TypeError)
  })

  it('survives deep nesting, writing content past the limit as text', () => {
    const depth = 5000
    const markdown = md('[qt]'.repeat(depth) + 'deep *x*' + '[/qt]'.repeat(depth) + '[info]'.repeat(depth) + 'i' + '[/info]'.repeat(depth))
    expect(readBack(markdown)).toBe('deep *x*i')
    expect(markdown.split('\n')[0]).toBe('> '.repeat(CHATWORK_NESTING_LIMIT) + 'deep \\*x\\*')
  })

  it('does not let a name inject Markdown', () => {
    const evil = new Map([[1, { name: '**x** [a](javascript:alert(1)) <img src=x>' }]])
    const markdown = md('[To:1]', { accounts: evil })
    expect(readBack(markdown)).toBe('@**x** [a](javascript:alert(1)) <img src=x>')
  })
})
