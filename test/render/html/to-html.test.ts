import { describe, expect, it } from 'vitest'
import { code, info, parse, quote, root, text, title, type Root } from 'chatwork-kit/markup'
import { CHATWORK_CSS, DEFAULT_LINK_REL, MAX_NESTING, toHast, toHtml } from 'chatwork-kit/html'
import { CLASSES } from './documented.ts'

const wrap = (inner: string) => `<div class="cw-message">${inner}</div>`
const accounts = new Map([
  [1, { name: 'Taro', avatarUrl: 'https://example.com/1.png' }],
  [2, { name: 'Hanako' }],
])
const avatar1 = '<img class="cw-avatar" src="https://example.com/1.png" alt="">'
const rel = `rel="${DEFAULT_LINK_REL}"`

describe('toHtml: each node type', () => {
  it('text keeps its line breaks and is escaped', () => {
    expect(toHtml('a\n<b>&"\n')).toBe(wrap('a\n&#x3C;b>&#x26;"\n'))
    expect(toHtml('')).toBe(wrap(''))
  })

  it('To: a chip with the badge, the avatar and the name; an unknown id shows #id', () => {
    expect(toHtml('[To:1] Taro', { accounts })).toBe(wrap(`<span class="cw-to"><span class="cw-badge">To</span>${avatar1}<span class="cw-name">Taro</span></span> Taro`))
    expect(toHtml('[To:9]')).toBe(wrap('<span class="cw-to"><span class="cw-badge">To</span><span class="cw-avatar"></span><span class="cw-name">#9</span></span>'))
  })

  it('toall: To ALL', () => {
    expect(toHtml('[toall]hi')).toBe(wrap('<span class="cw-toall"><span class="cw-badge">To ALL</span></span>hi'))
  })

  it('reply: a RE chip, linked only with messageUrl and never for to=R:M', () => {
    const messageUrl = (roomId: number, messageId: string) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`
    const chip = `<span class="cw-badge">RE</span><span class="cw-avatar"></span><span class="cw-name">Hanako</span>`
    expect(toHtml('[rp aid=2 to=3-1928374655918273645]', { accounts, messageUrl })).toBe(
      wrap(`<a class="cw-reply" href="https://www.chatwork.com/#!rid3-1928374655918273645" ${rel}>${chip}</a>`),
    )
    expect(toHtml('[rp aid=2 to=3-4]', { accounts })).toBe(wrap(`<span class="cw-reply">${chip}</span>`))
    expect(toHtml('[rp aid=2 to=3:4]', { accounts, messageUrl })).toBe(wrap(`<span class="cw-reply">${chip}</span>`))
  })

  it('quote: a box with a header (avatar, name, date and time only when time is given), or none for a bare quote', () => {
    expect(toHtml('[qt][qtmeta aid=1 time=1700000000]Hi\nthere[/qt]\nafter', { accounts })).toBe(
      wrap(
        `<blockquote class="cw-quote"><div class="cw-quote-header">${avatar1}<span class="cw-name">Taro</span><time class="cw-time" datetime="2023-11-14T22:13:20.000Z">Nov 14, 2023, 10:13 PM</time></div>` +
          '<div class="cw-quote-body">Hi\nthere</div></blockquote>after',
      ),
    )
    expect(toHtml('[qt][qtmeta aid=2]x[/qt]', { accounts })).toBe(
      wrap('<blockquote class="cw-quote"><div class="cw-quote-header"><span class="cw-avatar"></span><span class="cw-name">Hanako</span></div><div class="cw-quote-body">x</div></blockquote>'),
    )
    expect(toHtml('[qt]partial[/qt]')).toBe(wrap('<blockquote class="cw-quote"><div class="cw-quote-body">partial</div></blockquote>'))
    expect(toHtml('[qt][qt]in[/qt]out[/qt]')).toBe(
      wrap('<blockquote class="cw-quote"><div class="cw-quote-body"><blockquote class="cw-quote"><div class="cw-quote-body">in</div></blockquote>out</div></blockquote>'),
    )
  })

  it('qtmeta outside a quote: the header inline', () => {
    expect(toHtml('a[qtmeta aid=2 time=0]b', { accounts })).toBe(
      wrap('a<span class="cw-qtmeta"><span class="cw-avatar"></span><span class="cw-name">Hanako</span><time class="cw-time" datetime="1970-01-01T00:00:00.000Z">Jan 1, 1970, 12:00 AM</time></span>b'),
    )
  })

  it('info and title: a framed box and its heading line; a title outside info and an empty title render', () => {
    expect(toHtml('[info][title]Weather[/title]Cloudy[hr]:)[/info]')).toBe(
      wrap('<div class="cw-info"><div class="cw-title">Weather</div>Cloudy<hr class="cw-hr"><span class="cw-emoticon" title="Smile">:)</span></div>'),
    )
    expect(toHtml('[title]見出し[/title]')).toBe(wrap('<div class="cw-title">見出し</div>'))
    expect(toHtml('[info][title][/title]x[/info]')).toBe(wrap('<div class="cw-info"><div class="cw-title"></div>x</div>'))
  })

  it('hr', () => {
    expect(toHtml('A[hr]B')).toBe(wrap('A<hr class="cw-hr">B'))
  })

  it('code: pre > code, verbatim, without its one leading line feed', () => {
    expect(toHtml('[code]\n[To:1] :) https://x.com <i>\n[/code]\nnext')).toBe(wrap('<pre class="cw-code"><code>[To:1] :) https://x.com &#x3C;i>\n</code></pre>next'))
    expect(toHtml('[code]\n\nx[/code]')).toBe(wrap('<pre class="cw-code"><code>\nx</code></pre>'))
    expect(toHtml('[code][/code]')).toBe(wrap('<pre class="cw-code"><code></code></pre>'))
  })

  it('picon, pname, piconname', () => {
    expect(toHtml('[picon:1][picon:2]', { accounts })).toBe(
      wrap('<img class="cw-avatar" src="https://example.com/1.png" alt="Taro"><span class="cw-avatar" title="Hanako"></span>'),
    )
    expect(toHtml('[pname:1][pname:7]', { accounts })).toBe(wrap('<span class="cw-name">Taro</span><span class="cw-name">#7</span>'))
    expect(toHtml('[piconname:1]', { accounts })).toBe(wrap(`<span class="cw-piconname">${avatar1}<span class="cw-name">Taro</span></span>`))
  })

  it('preview: an image of its height when the file has a previewUrl, else a placeholder of that height', () => {
    const files = new Map([[5, { name: 'cat.png', previewUrl: 'https://files.example/5/thumb' }]])
    expect(toHtml('[preview id=5 ht=150]', { files })).toBe(wrap('<img class="cw-preview" src="https://files.example/5/thumb" alt="cat.png" style="height:150px">'))
    expect(toHtml('[preview id=6 ht=26]', { files })).toBe(wrap('<span class="cw-preview" style="height:26px"></span>'))
    expect(toHtml('[preview id=6]')).toBe(wrap('<span class="cw-preview"></span>'))
  })

  it('download: a link with the file name and size, the name from files when known', () => {
    const files = new Map([[5, { url: 'https://files.example/5' }], [6, { name: 'renamed.zip' }]])
    expect(toHtml('[download:5]file.zip (247.60 KB)[/download]', { files })).toBe(
      wrap(`<a class="cw-download" href="https://files.example/5" ${rel}><span class="cw-file-name">file.zip</span><span class="cw-file-size">247.60 KB</span></a>`),
    )
    expect(toHtml('[download:6]old.zip (0 B)[/download]', { files })).toBe(
      wrap('<span class="cw-download"><span class="cw-file-name">renamed.zip</span><span class="cw-file-size">0 B</span></span>'),
    )
    expect(toHtml('[download:7]notes[/download]')).toBe(wrap('<span class="cw-download"><span class="cw-file-name">notes</span></span>'))
    // content with a mention is kept as it is, and not linked
    expect(toHtml('[download:5][To:2] a.zip[/download]', { files, accounts })).toBe(
      wrap('<span class="cw-download"><span class="cw-to"><span class="cw-badge">To</span><span class="cw-avatar"></span><span class="cw-name">Hanako</span></span> a.zip</span>'),
    )
  })

  it('task: a panel with its body, assignees, due date or "no due date", and state', () => {
    expect(toHtml('[task aid=1,2 st=open lt=1454165999]Task Content[/task]', { accounts })).toBe(
      wrap(
        '<div class="cw-task cw-task-open"><div class="cw-task-body">Task Content</div><div class="cw-task-meta"><span class="cw-task-assignees">' +
          `<span class="cw-piconname">${avatar1}<span class="cw-name">Taro</span></span>` +
          '<span class="cw-piconname"><span class="cw-avatar"></span><span class="cw-name">Hanako</span></span></span>' +
          '<span class="cw-task-due">Due: <time class="cw-time" datetime="2016-01-30T14:59:59.000Z">Jan 30, 2016</time></span><span class="cw-task-status">Open</span></div></div>',
      ),
    )
    expect(toHtml('[task aid=2 st=done lt=0]x[/task]', { accounts, locale: 'ja' })).toContain(
      '<span class="cw-task-due cw-task-no-due">期限なし</span><span class="cw-task-status">完了</span>',
    )
    expect(toHtml('[task aid=2 st=done lt=0]x[/task]')).toMatch(/^<div class="cw-message"><div class="cw-task cw-task-done">/)
    expect(toHtml('[task aid=2 st=open lt=1454165999 ltype=time]x[/task]')).toContain('Jan 30, 2016, 2:59 PM</time>')
  })

  it('dtext: the sentence in the locale; an unknown key literally', () => {
    const body = '[dtext:chatroom_member_is][piconname:2][dtext:chatroom_added][dtext:no_such_key]'
    expect(toHtml(body, { accounts, locale: 'ja' })).toBe(
      wrap('メンバー「<span class="cw-piconname"><span class="cw-avatar"></span><span class="cw-name">Hanako</span></span>」を追加しました。[dtext:no_such_key]'),
    )
    expect(toHtml(body, { accounts })).toBe(wrap('<span class="cw-piconname"><span class="cw-avatar"></span><span class="cw-name">Hanako</span></span> joined the group.[dtext:no_such_key]'))
  })

  it('deleted: nothing but a marker', () => {
    expect(toHtml('[deleted]')).toBe(wrap('<span class="cw-deleted"></span>'))
  })

  it('date: localized, in the time zone; a time past the calendar as its number', () => {
    expect(toHtml('[date:1735600000]')).toBe(wrap('<time class="cw-date" datetime="2024-12-30T23:06:40.000Z">Dec 30, 2024</time>'))
    expect(toHtml('[date:1735600000]', { locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe(wrap('<time class="cw-date" datetime="2024-12-30T23:06:40.000Z">2024/12/31</time>'))
    expect(toHtml('[date:9007199254740991]')).toBe(wrap('<time class="cw-date">9007199254740991</time>'))
  })

  it('live: the join label', () => {
    expect(toHtml('[live id=5 rid=5002]')).toBe(wrap('<span class="cw-live">Join ChatWork Live</span>'))
  })

  it('emoticons: the code in a span titled with its label; extended and custom ones titled with their name', () => {
    expect(toHtml('(coffee)', { locale: 'ja' })).toBe(wrap('<span class="cw-emoticon" title="コーヒー">(coffee)</span>'))
    expect(toHtml(parse('(think)', { extendedEmoticons: true }))).toBe(wrap('<span class="cw-emoticon" title="think">(think)</span>'))
  })

  it('links: http and https only; a link node of another scheme in a hand-made tree is text', () => {
    expect(toHtml('see https://example.com/a(b)c) ok')).toBe(wrap(`see <a class="cw-link" href="https://example.com/a(b)c" ${rel}>https://example.com/a(b)c</a>) ok`))
    const tree: Root = { type: 'root', children: [{ type: 'link', url: 'javascript:alert(1)' }] }
    expect(toHtml(tree)).toBe(wrap('javascript:alert(1)'))
  })

  it('renders a node given alone, and trees made by the factories', () => {
    expect(toHtml(text('a<'))).toBe(wrap('a&#x3C;'))
    expect(toHtml(root(info(title('T'), 'x'), quote({ accountId: 2, time: 0 }, 'q'), code('c')))).toBe(
      wrap(
        '<div class="cw-info"><div class="cw-title">T</div>x</div><blockquote class="cw-quote"><div class="cw-quote-header"><span class="cw-avatar"></span><span class="cw-name">#2</span>' +
          '<time class="cw-time" datetime="1970-01-01T00:00:00.000Z">Jan 1, 1970, 12:00 AM</time></div><div class="cw-quote-body">q</div></blockquote><pre class="cw-code"><code>c</code></pre>',
      ),
    )
  })
})

describe('toHtml: options', () => {
  it('accounts as a function', () => {
    expect(toHtml('[pname:3]', { accounts: (id) => ({ name: `user ${id}` }) })).toBe(wrap('<span class="cw-name">user 3</span>'))
  })

  it('an avatarUrl, previewUrl or file url that is not http(s) is not used', () => {
    const html = toHtml('[picon:1][preview id=2 ht=1][download:2]a[/download]', {
      accounts: new Map([[1, { name: 'x', avatarUrl: 'javascript:alert(1)' }]]),
      files: new Map([[2, { url: 'data:text/html,x', previewUrl: 'vbscript:x' }]]),
    })
    expect(html).toBe(wrap('<span class="cw-avatar" title="x"></span><span class="cw-preview" style="height:1px"></span><span class="cw-download"><span class="cw-file-name">a</span></span>'))
  })

  it('emoticonUrl: an image titled with the label; undefined or a non-web URL keeps the default', () => {
    const emoticonUrl = (code: string, name: string) => (name === 'smile' ? `https://cdn.example/${name}.gif` : name === 'sad' ? 'javascript:x' : undefined)
    expect(toHtml(':) :( (F)', { emoticonUrl })).toBe(
      wrap('<img class="cw-emoticon" src="https://cdn.example/smile.gif" alt=":)" title="Smile"> <span class="cw-emoticon" title="Sad">:(</span> <span class="cw-emoticon" title="Flower">(F)</span>'),
    )
  })

  it('messageUrl returning a non-web URL leaves the reply unlinked', () => {
    expect(toHtml('[rp aid=1 to=2-3]', { messageUrl: () => 'javascript:alert(1)' })).toMatch(/^<div class="cw-message"><span class="cw-reply"/)
  })

  it('linkTarget and linkRel apply to links, downloads and replies', () => {
    const options = { linkTarget: '_blank', linkRel: 'noopener', files: new Map([[1, { url: 'https://f/1' }]]), messageUrl: () => 'https://m/' }
    const html = toHtml('https://x.com [download:1]a[/download][rp aid=1 to=2-3]', options)
    expect(html.match(/target="_blank" rel="noopener"/g)).toHaveLength(3)
    expect(toHtml('https://x.com', { linkRel: '' })).toBe(wrap('<a class="cw-link" href="https://x.com">https://x.com</a>'))
  })

  it('locale: labels, sentences and dates', () => {
    expect(toHtml('[task aid=1 st=open lt=1454165999]x[/task][dtext:task_added]', { locale: 'ja' })).toContain('期限: <time class="cw-time" datetime="2016-01-30T14:59:59.000Z">2016/01/30</time></span><span class="cw-task-status">未完了</span></div></div>タスクを追加しました。')
  })

  it('timeZone: dates in that zone', () => {
    expect(toHtml('[qt][qtmeta aid=1 time=1700000000]x[/qt]', { timeZone: 'Asia/Tokyo' })).toContain('Nov 15, 2023, 7:13 AM')
  })

  it('refuses bad options with a typed error naming them', () => {
    expect(() => toHtml('x', { locale: 'fr' as 'en' })).toThrow(/locale/)
    expect(() => toHtml('x', { timeZone: 'Nowhere/City' })).toThrow(RangeError)
    expect(() => toHtml('x', { accounts: {} as Map<number, never> })).toThrow(/accounts/)
    expect(() => toHtml('x', { files: [] as never })).toThrow(/files/)
    expect(() => toHtml('x', { messageUrl: 'https://x' as never })).toThrow(/messageUrl/)
    expect(() => toHtml('x', { linkTarget: 1 as never })).toThrow(/linkTarget/)
    expect(() => toHtml('[To:1]', { accounts: () => ({}) as never })).toThrow(/account 1/)
    expect(() => toHtml(42 as never)).toThrow(TypeError)
  })
})

describe('toHast', () => {
  it('returns a hast root holding one div.cw-message', () => {
    const tree = toHast('a')
    expect(tree).toEqual({ type: 'root', children: [{ type: 'element', tagName: 'div', properties: { className: ['cw-message'] }, children: [{ type: 'text', value: 'a' }] }] })
  })

  it(`nests at most ${MAX_NESTING} blocks deep, keeping the deeper content, for any depth`, () => {
    const depth = 7000
    const html = toHtml(`${'[qt]'.repeat(depth)}x:)${'[/qt]'.repeat(depth)}`)
    expect(html.match(/<blockquote/g)).toHaveLength(MAX_NESTING)
    expect(html).toContain('x<span class="cw-emoticon" title="Smile">:)</span>')
    expect(toHtml(`${'[info]'.repeat(depth)}[title]t[/title]${'[/info]'.repeat(depth)}`).match(/class="cw-info"/g)).toHaveLength(MAX_NESTING)
  })
})

describe('CHATWORK_CSS', () => {
  it('the renderer uses every documented class and no other; the stylesheet styles only documented classes', () => {
    const used = new Set<string>()
    const bodies = ['[To:1][toall][rp aid=1 to=2-3][qt][qtmeta aid=1 time=1]q[/qt][qtmeta aid=1][info][title]t[/title][/info][hr][code]c[/code]', '[picon:1][pname:1][piconname:1][preview id=1][download:1]a (1 B)[/download]', '[task aid=1 st=open lt=1]a[/task][task aid=1 st=done lt=0]a[/task][date:1][live id=1 rid=2]:) https://x.com', '[deleted]']
    for (const body of bodies) for (const [, names] of toHtml(body).matchAll(/class="([^"]*)"/g)) for (const name of names.split(' ')) used.add(name)
    expect([...used].sort()).toEqual([...CLASSES].sort())
    expect([...CHATWORK_CSS.matchAll(/\.([a-z][\w-]*)/g)].map((match) => match[1]).filter((name) => !CLASSES.has(name))).toEqual([])
  })
})

describe('toHtml: a node of unknown type', () => {
  it('throws a TypeError naming the type instead of dropping it', () => {
    expect(() => toHtml({ type: 'root', children: [{ type: 'bold' } as never] })).toThrow(/"bold"/)
  })
})
