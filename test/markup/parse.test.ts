import { describe, expect, it } from 'vitest'
import { parse, stringify, type Content, type Node } from 'chatwork-kit/markup'
import { corpusBodies } from '../helpers/corpus.ts'

/** A compact rendering of a tree in the spec's outcome notation. */
function outline(nodes: Content[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return JSON.stringify(node.value)
        case 'to':
        case 'picon':
        case 'pname':
        case 'piconname':
          return `${node.type}(${node.accountId})`
        case 'toall':
        case 'hr':
        case 'deleted':
          return node.type
        case 'reply':
          return `rp(${node.accountId} ${node.roomId}-${node.messageId})`
        case 'qtmeta':
          return `qtmeta(${node.accountId}${node.time === undefined ? '' : ' ' + node.time})`
        case 'quote':
          return `qt${node.accountId === undefined ? '' : `(${node.accountId}${node.time === undefined ? '' : ' ' + node.time})`}{${outline(node.children)}}`
        case 'code':
          return `code{${JSON.stringify(node.value)}}`
        case 'info':
        case 'title':
          return `${node.type}{${outline(node.children)}}`
        case 'download':
          return `download(${node.fileId}){${outline(node.children)}}`
        case 'task':
          return `task(${node.accountIds.join(',')} ${node.status} ${node.limitTime}){${outline(node.children)}}`
        case 'preview':
          return `preview(${node.fileId}${node.height === undefined ? '' : ' ' + node.height})`
        case 'dtext':
          return `dtext(${node.key})`
        case 'date':
          return `date(${node.time})`
        case 'live':
          return `live(${node.id} ${node.roomId})`
        case 'emoticon':
          return `☺${node.code}`
        case 'link':
          return `⟨${node.url}⟩`
      }
    })
    .join(' + ')
}

const cases: [string, string][] = [
  // §2.2 unknown names
  ['[foo]bar[/foo]', '"[foo]bar[/foo]"'],
  ['[url]https://example.com[/url]', '"[url]" + ⟨https://example.com⟩ + "[/url]"'],
  // §3.1 case-insensitive names
  ['[to:1]', 'to(1)'],
  ['[TO:1]', 'to(1)'],
  ['[HR]', 'hr'],
  ['[Rp aid=1 to=2-3]', 'rp(1 2-3)'],
  // §3.2 closers repeat the opener's spelling
  ['[INFO]x[/INFO]', 'info{"x"}'],
  ['[INFO]x[/info]', '"[INFO]x[/info]"'],
  ['[info]x[/Info]', '"[info]x[/Info]"'],
  // §3.3 colon form
  ['[ To:123]', '"[ To:123]"'],
  ['[To: 123]', '"[To: 123]"'],
  ['[To:]', '"[To:]"'],
  ['[To:12 3]', 'to(12)'],
  ['[To:abc]', '"[To:abc]"'],
  ['[download:1 x=1]a[/download]', '"[download:1 x=1]a[/download]"'],
  // §3.4 attribute form
  ['[rp   aid=1   to=2-3]', 'rp(1 2-3)'],
  ['[qtmeta aid=123 ]', 'qtmeta(123)'],
  ['[preview id=1 ht=a=b]', 'preview(1)'],
  ['[rp to=2-3 aid=1]', 'rp(1 2-3)'],
  ['[qtmeta aid=1 time=2 foo=bar]', 'qtmeta(1 2)'],
  ['[qtmeta aid="1"]', '"[qtmeta aid=\\"1\\"]"'],
  ['[hr ]', '"[hr ]"'],
  ['[info foo]x[/info]', '"[info foo]x[/info]"'],
  ['[code lang=js]x[/code]', 'code{"x"}'],
  ['[info a=b]x[/info]', 'info{"x"}'],
  // §3.6 nesting
  ['[info][info]a[/info]b[/info]', 'info{info{"a"} + "b"}'],
  [
    '[qt][qtmeta aid=400 time=1711267800][qt][qtmeta aid=500 time=1711267000]quoted body[/qt][/qt]',
    'qt(400 1711267800){qt(500 1711267000){"quoted body"}}',
  ],
  ['[info][title]T[/title]a[hr]b[code]x[/code][/info]', 'info{title{"T"} + "a" + hr + "b" + code{"x"}}'],
  // §3.7 code is opaque and does not nest
  ['[code][To:1] :) http://example.com[/code]', 'code{"[To:1] :) http://example.com"}'],
  ['[code]a[code]b[/code]c[/code]', 'code{"a[code]b"} + "c[/code]"'],
  ['[code]missing close', '"[code]missing close"'],
  // §3.8 crossed tags
  ['[info]a[qt]b[/info]c[/qt]', 'info{"a[qt]b"} + "c[/qt]"'],
  ['[title]x[info]y[/title]z[/info]', 'title{"x[info]y"} + "z[/info]"'],
  // §3.9 unclosed openers and stray closers
  ['[info]unclosed tag', '"[info]unclosed tag"'],
  ['[info][title]Weather[/title]', '"[info]" + title{"Weather"}'],
  ['[qt][qtmeta aid=1]missing close', '"[qt]" + qtmeta(1) + "missing close"'],
  ['[/info]', '"[/info]"'],
  ['x[/qtmeta]y', '"x[/qtmeta]y"'],
  // §3.10 line feeds after [/qt] and [/code]
  ['[qt][qtmeta aid=1 time=2]x[/qt]\nafter', 'qt(1 2){"x"} + "after"'],
  ['[code]\nls -l[/code]\nnext', 'code{"\\nls -l"} + "next"'],
  ['[info]a[/info]\nb', 'info{"a"} + "\\nb"'],
  // §3.11 deleted
  ['[deleted]', 'deleted'],
  ['x[deleted]', '"x[deleted]"'],
  ['[deleted]\n', '"[deleted]\\n"'],
  // §4 tags
  ['[To:123] 山田さん', 'to(123) + " 山田さん"'],
  ['[toall]Good morning everyone', 'toall + "Good morning everyone"'],
  ['[toall][To:123]Alice\nHello', 'toall + to(123) + "Alice\\nHello"'],
  ['[rp aid=1 to=41230372-1025725715] Mikazuki Fuyunoさん', 'rp(1 41230372-1025725715) + " Mikazuki Fuyunoさん"'],
  ['[rp aid=1 to=2-x]', '"[rp aid=1 to=2-x]"'],
  ['[rp aid=1 to=2]', '"[rp aid=1 to=2]"'],
  ['[rp aid=1 to=2-3][rp aid=1 to=2-4]', 'rp(1 2-3) + rp(1 2-4)'],
  ['[rp aid=1 to=2:3]', 'rp(1 2-3)'],
  ['[qt]quoted body[/qt]', 'qt{"quoted body"}'],
  [
    '[qt][qtmeta account_id="12345" time="1710000000"][/qtmeta]quoted body[/qt]',
    'qt{"[qtmeta account_id=\\"12345\\" time=\\"1710000000\\"][/qtmeta]quoted body"}',
  ],
  ['[qtmeta time=1]', '"[qtmeta time=1]"'],
  ['[info][title]Weather[/title]Cloudy[/info]', 'info{title{"Weather"} + "Cloudy"}'],
  ['[info]intro[title]Heading[/title]rest[/info]', 'info{"intro" + title{"Heading"} + "rest"}'],
  ['[title]見出し[/title]', 'title{"見出し"}'],
  ['A[hr]B', '"A" + hr + "B"'],
  ['[code]\nA | B\n1 | 2\n[/code]', 'code{"\\nA | B\\n1 | 2\\n"}'],
  ['[picon:12345]Hello', 'picon(12345) + "Hello"'],
  ['[dtext:chatroom_member_is][piconname:367][dtext:chatroom_added]', 'dtext(chatroom_member_is) + piconname(367) + dtext(chatroom_added)'],
  ['[pname:5]', 'pname(5)'],
  ['[preview id=64242599 ht=26]', 'preview(64242599 26)'],
  ['[preview ht=10]', '"[preview ht=10]"'],
  [
    '[info][title][dtext:file_uploaded][/title][preview id=123 ht=150][download:123]filename.png[/download][/info]',
    'info{title{dtext(file_uploaded)} + preview(123 150) + download(123){"filename.png"}}',
  ],
  ['[download:67090163]file.zip (247.60 KB)[/download]', 'download(67090163){"file.zip (247.60 KB)"}'],
  ['[task aid=1607346 st=done lt=1454165999]Task Content[/task]', 'task(1607346 done 1454165999){"Task Content"}'],
  ['[task aid=8638511 st=open lt=1705642989 ltype=date]TASK[/task]', 'task(8638511 open 1705642989){"TASK"}'],
  ['[task aid=1,2 st=open lt=-5]x[/task]', 'task(1,2 open -5){"x"}'],
  ['[task aid=1 st=maybe lt=0]x[/task]', '"[task aid=1 st=maybe lt=0]x[/task]"'],
  ['a[dtext:no_such_key]b', '"a" + dtext(no_such_key) + "b"'],
  ['[date:1735600000]', 'date(1735600000)'],
  ['[live id=5 rid=5002]', 'live(5 5002)'],
  // §5 emoticons
  [':param', '☺:p + "aram"'],
  ['テスト8-):p', '"テスト" + ☺8-) + ☺:p'],
  [']:)', '☺]:)'],
  ['(^^;)', '☺(^^;)'],
  [':P', '":P"'],
  ['(f)', '"(f)"'],
  ['(F)', '☺(F)'],
  ['[code]:)[/code]', 'code{":)"}'],
  ['http://example.com/:p', '⟨http://example.com/:p⟩'],
  ['(yes) (no) (santa)', '"(yes) (no) (santa)"'],
  ['(think)', '"(think)"'],
  ['[foo]:)', '"[foo" + ☺]:)'],
  ['[info]:)[/info]', 'info{☺:)}'],
  // §6 links
  ['see http://example.com/a(b)c) ok', '"see " + ⟨http://example.com/a(b)c⟩ + ") ok"'],
  ['https://www.youtube.com/watch?v=Y-Mc2OenReA　（16:00〜）', '⟨https://www.youtube.com/watch?v=Y-Mc2OenReA⟩ + "　（16:00〜）"'],
  ['https://例え.jp/', '"https://例え.jp/"'],
  ['[info]https://example.com[/info]', 'info{⟨https://example.com⟩}'],
  ['example.com www.example.com ftp://x', '"example.com www.example.com ftp://x"'],
  ['http://x.com/a_b(c(d)e)f)', '⟨http://x.com/a_b(c(d)e)f⟩ + ")"'],
  // §7 editor forms are literal
  ['[返信 aid=1 to=2-3]', '"[返信 aid=1 to=2-3]"'],
  ['[Reply aid=1 to=2-3]', '"[Reply aid=1 to=2-3]"'],
  // §10 non-Chatwork forms
  ['[cc:9999]本日の会議', '"[cc:9999]本日の会議"'],
  ['[CC][To:5]', '"[CC]" + to(5)'],
  ['[To:7]name[/To]', 'to(7) + "name[/To]"'],
  ['[quote]x[/quote]', '"[quote]x[/quote]"'],
  // §3.12 not determined: same-spelling depth only; a tag never spans a "["
  ['[info][Info]a[/Info][/info]', 'info{info{"a"}}'],
  ['[info][info]a[/Info][/info]', '"[info]" + info{"a[/Info]"}'],
  ['[To aid=1]', '"[To aid=1]"'],
  ['[rp:1]', '"[rp:1]"'],
  ['[To:1 [To:2]', '"[To:1 " + to(2)'],
  // the model counts raw openers, even inside code
  ['[info][code][/info][/code][/info]', 'info{"[code]"} + "[/code][/info]"'],
  ['[To:99999999999999999999]', '"[To:99999999999999999999]"'],
]

describe('parse: spec examples', () => {
  it.each(cases)('%j', (body, expected) => {
    const tree = parse(body)
    expect(outline(tree.children)).toBe(expected)
    expect(stringify(tree)).toBe(body)
  })
})

describe('parse: tree details', () => {
  it('folds a qtmeta directly after [qt] into the quote and keeps its spelling', () => {
    const [quote] = parse('[qt][qtmeta aid=1 time=2]x[/qt]').children
    expect(quote).toMatchObject({ type: 'quote', accountId: 1, time: 2, meta: '[qtmeta aid=1 time=2]' })
  })

  it('does not fold a qtmeta that follows text', () => {
    const [quote] = parse('[qt]a[qtmeta aid=1]b[/qt]').children
    expect(quote.type === 'quote' && quote.accountId).toBeUndefined()
    expect(outline(parse('[qt]a[qtmeta aid=1]b[/qt]').children)).toBe('qt{"a" + qtmeta(1) + "b"}')
  })

  it('keeps message ids as exact strings beyond 2^53', () => {
    const [reply] = parse('[rp aid=1 to=2-1928374655918273645]').children
    expect(reply).toMatchObject({ type: 'reply', messageId: '1928374655918273645' })
  })

  it('records the swallowed line feed on the block', () => {
    const [quote, rest] = parse('[qt]x[/qt]\n\ny').children
    expect(quote).toMatchObject({ type: 'quote', lineFeed: true })
    expect(rest).toMatchObject({ type: 'text', value: '\ny' })
    const [code] = parse('[code]x[/code]\r\ny').children
    expect(code.type === 'code' && code.lineFeed).toBeFalsy()
  })

  it('merges adjacent literal text into one node', () => {
    expect(parse('a[/info][foo]b[To:x]c').children).toEqual([expect.objectContaining({ type: 'text', value: 'a[/info][foo]b[To:x]c' })])
  })

  it('gives unist positions with line, column and offset', () => {
    const tree = parse('ab\n[To:1] x\n[info]y[/info]')
    const [, to, , info] = tree.children
    expect(to.position).toEqual({ start: { line: 2, column: 1, offset: 3 }, end: { line: 2, column: 7, offset: 9 } })
    expect(info.position?.start).toEqual({ line: 3, column: 1, offset: 12 })
    expect(info.position?.end.offset).toBe(26)
    expect(tree.position).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 15, offset: 26 } })
  })

  it('shares one point object where one node ends and the next begins', () => {
    const tree = parse('a[To:1]b[info]c[/info]')
    const [a, to, b, info] = tree.children
    expect(a.position!.end).toBe(to.position!.start)
    expect(to.position!.end).toBe(b.position!.start)
    expect(b.position!.end).toBe(info.position!.start)
    expect(tree.position!.start).toBe(a.position!.start)
    expect(tree.position!.end).toBe(info.position!.end)
  })

  it('leaves positions out when asked', () => {
    expect(JSON.stringify(parse('[To:1] :) [info]x[/info]', { positions: false }))).not.toContain('position')
  })

  it('recognises the six unverified emoticons and custom ones only when asked', () => {
    expect(outline(parse('(think)(eat)', { extendedEmoticons: true }).children)).toBe('☺(think) + ☺(eat)')
    expect(outline(parse('(party)', { emoticons: [{ code: '(party)', name: 'party' }] }).children)).toBe('☺(party)')
  })

  it('stringifies hand-made nodes canonically', () => {
    const nodes: Content[] = [
      { type: 'to', accountId: 1 },
      { type: 'toall' },
      { type: 'reply', accountId: 1, roomId: 2, messageId: '3' },
      { type: 'quote', accountId: 4, time: 5, children: [{ type: 'text', value: 'q' }] },
      { type: 'quote', children: [] },
      { type: 'info', children: [{ type: 'title', children: [{ type: 'text', value: 'T' }] }, { type: 'hr' }] },
      { type: 'code', value: 'x' },
      { type: 'picon', accountId: 6 },
      { type: 'pname', accountId: 7 },
      { type: 'piconname', accountId: 8 },
      { type: 'preview', fileId: 9, height: 10 },
      { type: 'preview', fileId: 9 },
      { type: 'download', fileId: 11, children: [{ type: 'text', value: 'f' }] },
      { type: 'task', accountIds: [1, 2], status: 'open', limitTime: 0, children: [] },
      { type: 'dtext', key: 'task_done' },
      { type: 'date', time: 12 },
      { type: 'live', id: 13, roomId: 14 },
      { type: 'emoticon', code: ':)', name: 'smile' },
      { type: 'link', url: 'https://a.b' },
    ]
    expect(stringify(nodes)).toBe(
      '[To:1][toall][rp aid=1 to=2-3][qt][qtmeta aid=4 time=5]q[/qt][qt][/qt][info][title]T[/title][hr][/info][code]x[/code]' +
        '[picon:6][pname:7][piconname:8][preview id=9 ht=10][preview id=9][download:11]f[/download][task aid=1,2 st=open lt=0][/task]' +
        '[dtext:task_done][date:12][live id=13 rid=14]:)https://a.b',
    )
    expect(stringify({ type: 'deleted' } satisfies Node)).toBe('[deleted]')
  })
})

describe('parse: corpus', () => {
  const bodies = corpusBodies

  it('has the whole corpus', () => {
    expect(bodies.length).toBeGreaterThan(100)
  })

  it.each(bodies.map((body, i) => [i, body] as const))('body %i round-trips byte for byte', (_, body) => {
    expect(stringify(parse(body))).toBe(body)
  })
})
