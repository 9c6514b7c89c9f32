import { describe, expect, it } from 'vitest'
import { code, info, parse, quote, root, text, title, type Root } from 'chatwork-kit/markup'
import { SLACK_EMOTICONS, SLACK_MAX_NESTING, toSlack } from 'chatwork-kit/slack'

const accounts = new Map([
  [1, { name: 'Taro' }],
  [2, { name: 'Hanako <admin>' }],
])
const users = new Map([[1, 'U024BE7LH']])

describe('toSlack: each node type', () => {
  it('text: &, < and > escaped, line breaks kept, Slack formatting characters left alone', () => {
    expect(toSlack('a & b <!channel> <@U1>\n*bold* `x`')).toBe('a &amp; b &lt;!channel&gt; &lt;@U1&gt;\n*bold* `x`')
    expect(toSlack('')).toBe('')
  })

  it('To: a Slack mention from users, else @Name, else @id', () => {
    expect(toSlack('[To:1] Taro [To:2][To:3]', { accounts, users })).toBe('<@U024BE7LH> Taro @Hanako &lt;admin&gt;@3')
  })

  it('toall: the text @all by default', () => {
    expect(toSlack('[toall]Good morning')).toBe('@allGood morning')
  })

  it('reply: an arrow and the author, the arrow linked with messageUrl except for to=R:M', () => {
    const messageUrl = (roomId: number, messageId: string) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`
    expect(toSlack('[rp aid=1 to=3-1928374655918273645] Taro', { accounts, messageUrl })).toBe('<https://www.chatwork.com/#!rid3-1928374655918273645|↩> @Taro Taro')
    expect(toSlack('[rp aid=1 to=3-4] Taro', { accounts })).toBe('↩ @Taro Taro')
    expect(toSlack('[rp aid=1 to=3:4]', { accounts, messageUrl })).toBe('↩ @Taro')
  })

  it('quote: > lines under a bold author and a Slack date; bare and nested quotes', () => {
    expect(toSlack('[qt][qtmeta aid=1 time=1700000000]Hi\n\nthere[/qt]\nafter', { accounts })).toBe(
      '> *Taro* <!date^1700000000^{date_short_pretty} {time}|Nov 14, 2023, 10:13 PM>\n> Hi\n>\n> there\nafter',
    )
    expect(toSlack('before[qt][qtmeta aid=2]x[/qt]', { accounts })).toBe('before\n> *Hanako &lt;admin&gt;*\n> x')
    expect(toSlack('[qt]partial[/qt]')).toBe('> partial')
    expect(toSlack('[qt][qt]in[/qt]out[/qt]')).toBe('> > in\n> out')
    expect(toSlack('[qt][/qt]')).toBe('>')
  })

  it('qtmeta outside a quote: the author and date inline', () => {
    expect(toSlack('a [qtmeta aid=7] b')).toBe('a *#7* b')
  })

  it('info: a bold title line and a > body; a title elsewhere is a bold line; an empty title is nothing', () => {
    expect(toSlack('[info][title]Weather[/title]Cloudy\nwarm[/info]')).toBe('*Weather*\n> Cloudy\n> warm')
    expect(toSlack('[info]intro[title]Heading[/title]rest[/info]')).toBe('> intro\n> *Heading*\n> rest')
    expect(toSlack('[title]見出し[/title]text')).toBe('*見出し*\ntext')
    expect(toSlack('[info][title][/title]x[/info]')).toBe('> x')
    expect(toSlack('[info][/info]')).toBe('')
    expect(toSlack('[info][title] two\nlines [/title][/info]')).toBe('*two*\n*lines*')
  })

  it('hr: a rule line', () => {
    expect(toSlack('A[hr]B')).toBe('A\n──────────\nB')
  })

  it('code: a ``` block, nothing inside converted but the escaping Slack needs', () => {
    expect(toSlack('see[code]\n[To:1] :) https://x.com *b* <i> &\n[/code]\nnext')).toBe('see\n```\n[To:1] :) https://x.com *b* &lt;i&gt; &amp;\n```\nnext')
    expect(toSlack('[code]a ``` b ```` c `` d[/code]')).toBe('```\na `\u200B`\u200B` b `\u200B`\u200B`\u200B` c `\u200B` d\n```')
  })

  it('picon: nothing; pname and piconname: the name', () => {
    expect(toSlack('[picon:1][pname:1] and [piconname:2], [pname:9]', { accounts })).toBe('Taro and Hanako &lt;admin&gt;, #9')
  })

  it('preview: a link to the preview or file when known, else nothing', () => {
    expect(toSlack('[preview id=5 ht=10]', { files: new Map([[5, { name: 'cat|1.png', previewUrl: 'https://f.example/5/thumb' }]]) })).toBe('<https://f.example/5/thumb|cat¦1.png>')
    expect(toSlack('a[preview id=6 ht=10]b')).toBe('ab')
  })

  it('download: the file name (linked when its url is known) and size', () => {
    const files = new Map([[5, { url: 'https://f.example/5?a=1&b=2' }]])
    expect(toSlack('[download:5]file <1>.zip (247.60 KB)[/download]', { files })).toBe('<https://f.example/5?a=1&amp;b=2|file &lt;1&gt;.zip> (247.60 KB)')
    expect(toSlack('[download:6]notes[/download]')).toBe('notes')
    expect(toSlack('[download:5][To:1] a.zip[/download]', { files, users })).toBe('<@U024BE7LH> a.zip')
  })

  it('task: a box, the body, then the assignees, due date or none, and state', () => {
    expect(toSlack('[task aid=1,2 st=open lt=1454165999]Write\nit[/task]', { accounts, users })).toBe(
      '☐ Write\nit\n<@U024BE7LH> @Hanako &lt;admin&gt; · Due: <!date^1454165999^{date_short_pretty}|Jan 30, 2016> · Open',
    )
    expect(toSlack('[task aid=1 st=done lt=0]x[/task]', { accounts, locale: 'ja' })).toBe('☑ x\n@Taro · 期限なし · 完了')
  })

  it('dtext: the sentence, or the tag for an unknown key', () => {
    expect(toSlack('[dtext:chatroom_member_is][piconname:1][dtext:chatroom_added][dtext:nope]', { accounts, locale: 'ja' })).toBe('メンバー「Taro」を追加しました。[dtext:nope]')
  })

  it('deleted: nothing', () => {
    expect(toSlack('[deleted]')).toBe('')
  })

  it('date: a Slack date token with the localized date as its fallback; past the calendar, the number', () => {
    expect(toSlack('[date:1735600000]', { locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe('<!date^1735600000^{date_short_pretty}|2024/12/31>')
    expect(toSlack('[date:9007199254740991]')).toBe('9007199254740991')
  })

  it('live: its plain-text form', () => {
    expect(toSlack('[live id=5 rid=5002]')).toBe('[ChatWork Live]')
  })

  it('emoticons: Slack names from the table, text for codes without one', () => {
    expect(toSlack(':) (coffee) (:/) (y) ]:)')).toBe(':slightly_smiling_face: :coffee: (:/) :+1: :smirk:')
    expect(toSlack(parse('(think)', { extendedEmoticons: true }))).toBe(':thinking_face:')
    expect(SLACK_EMOTICONS[':)']).toBe('slightly_smiling_face')
  })

  it('links: <url> for http(s); another scheme in a hand-made tree is escaped text', () => {
    expect(toSlack('see https://example.com/a?b=1&c=(2) ok')).toBe('see <https://example.com/a?b=1&amp;c=(2)> ok')
    const tree: Root = { type: 'root', children: [{ type: 'link', url: 'javascript:x<y>' }, { type: 'link', url: 'https://x.com/a|b' }] }
    expect(toSlack(tree)).toBe('javascript:x&lt;y&gt;<https://x.com/a%7Cb>')
  })

  it('renders a node given alone and trees made by the factories', () => {
    expect(toSlack(text('a<'))).toBe('a&lt;')
    expect(toSlack(root(info(title('T'), 'x'), quote({ accountId: 1 }, 'q'), code('c')), { accounts })).toBe('*T*\n> x\n> *Taro*\n> q\n```\nc\n```')
  })

  it(`nests at most ${SLACK_MAX_NESTING} quote levels, keeping deeper content, for any depth`, () => {
    const out = toSlack(`${'[qt]'.repeat(7000)}deep${'[/qt]'.repeat(7000)}`)
    expect(out).toBe(`${'> '.repeat(SLACK_MAX_NESTING)}deep`)
  })
})

describe('toSlack: options', () => {
  it('toAll: live Slack mentions only when asked', () => {
    expect(toSlack('[toall]', { toAll: 'channel' })).toBe('<!channel>')
    expect(toSlack('[toall]', { toAll: 'here' })).toBe('<!here>')
    expect(toSlack('[toall]', { toAll: 'everyone' })).toBe('<!everyone>')
    expect(toSlack('[toall]', { toAll: 'text' })).toBe('@all')
  })

  it('users and accounts as functions', () => {
    expect(toSlack('[To:4][To:5]', { users: (id) => (id === 4 ? 'W0123ABC' : undefined), accounts: (id) => ({ name: `user${id}` }) })).toBe('<@W0123ABC>@user5')
  })

  it('emoticons: add and replace names', () => {
    expect(toSlack(':) (:/)', { emoticons: { ':)': 'smile', '(:/)': 'komanechi' } })).toBe(':smile: :komanechi:')
  })

  it('locale and timeZone: labels, sentences and fallback dates', () => {
    expect(toSlack('[dtext:task_done][qt][qtmeta aid=1 time=1700000000]x[/qt]', { locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      'タスクを完了しました。\n> *#1* <!date^1700000000^{date_short_pretty} {time}|2023/11/15 7:13>\n> x',
    )
  })

  it('refuses bad options, and Slack user ids that could inject markup, with a TypeError naming them', () => {
    expect(() => toSlack('x', { toAll: 'channel!' as never })).toThrow(/toAll/)
    expect(() => toSlack('x', { users: {} as never })).toThrow(/users/)
    expect(() => toSlack('[To:1]', { users: new Map([[1, 'U1>|<!channel']]) })).toThrow(/account 1/)
    expect(() => toSlack('x', { emoticons: { ':)': 'a b' } })).toThrow(/emoticons/)
    expect(() => toSlack('x', { locale: 'de' as never })).toThrow(/locale/)
    expect(() => toSlack('x', { timeZone: 'Nowhere/City' })).toThrow(RangeError)
    expect(() => toSlack('x', { messageUrl: 'x' as never })).toThrow(/messageUrl/)
    expect(() => toSlack(null as never)).toThrow(TypeError)
  })
})

describe('toSlack: a node of unknown type', () => {
  it('throws a TypeError naming the type instead of dropping it', () => {
    expect(() => toSlack({ type: 'root', children: [{ type: 'bold' } as never] })).toThrow(/"bold"/)
  })
})
