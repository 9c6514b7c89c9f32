import { describe, expect, it } from 'vitest'
import { formatDiagnostics, lint } from 'chatwork-kit/markup'

function format(body: string, options?: Parameters<typeof formatDiagnostics>[2]): string {
  return formatDiagnostics(lint(body), body, options)
}

describe('formatDiagnostics', () => {
  it('prints file:line:col, severity, message and code, then the line with a caret under the span', () => {
    expect(format('Hello [To: 123] さん\n[info]x', { filename: 'hello.txt' })).toMatchInlineSnapshot(`
      "hello.txt:1:7  error  [To: 123] is not a tag: no space may follow the colon  malformed-tag
        1 | Hello [To: 123] さん
          |       ^^^^^^^^^

      hello.txt:2:1  error  [info] shows as text: it has no closer [/info]  unclosed-tag
        2 | [info]x
          | ^^^^^^"
    `)
  })

  it('prints line:col without a filename, and aligns the gutter to the widest line number', () => {
    const body = `${'\n'.repeat(9)}[hr ]\n${'\n'.repeat(2)}x[/qt]`
    expect(format(body)).toMatchInlineSnapshot(`
      "10:1  error  [hr ] is not a tag: no space may come before ]  malformed-tag
        10 | [hr ]
           | ^^^^^

      13:2  error  [/qt] shows as text: no [qt] is open before it  stray-closer
        13 | x[/qt]
           |  ^^^^^"
    `)
  })

  it('counts wide characters as two columns, so the caret stays under the span', () => {
    expect(format('今日は[titel]天気')).toMatchInlineSnapshot(`
      "1:4  warning  [titel] is not a Chatwork tag, so it shows as text; did you mean [title]?  unknown-tag
        1 | 今日は[titel]天気
          |       ^^^^^^^"
    `)
  })

  it('underlines a span that runs over several lines to the end of its first line', () => {
    expect(format('a [info]\n\n[/info] b')).toMatchInlineSnapshot(`
      "1:3  warning  [info] is empty  empty-block
        1 | a [info]
          |   ^^^^^^"
    `)
  })

  it('cuts a long line around the span', () => {
    const body = `${'x'.repeat(200)}[To:abc]${'y'.repeat(200)}`
    expect(format(body)).toMatchInlineSnapshot(`
      "1:201  error  [To:abc] is not a tag: the id "abc" is not a number; write [To:ACCOUNT]  malformed-tag
        1 | …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx[To:abc]yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…
          |                                          ^^^^^^^^"
    `)
  })

  it('colors the location, severity, caret and code with ANSI escapes when asked', () => {
    expect(JSON.stringify(format('[info]x', { color: true }))).toMatchInlineSnapshot(
      `""\\u001b[1m1:1\\u001b[22m  \\u001b[31merror\\u001b[39m  [info] shows as text: it has no closer [/info]  \\u001b[2munclosed-tag\\u001b[22m\\n  1 | [info]x\\n    | \\u001b[31m^^^^^^\\u001b[39m""`,
    )
    expect(format('[info]x')).not.toContain('\u001B')
  })

  it('prints nothing for no diagnostics', () => {
    expect(formatDiagnostics([], 'fine')).toBe('')
  })
})
