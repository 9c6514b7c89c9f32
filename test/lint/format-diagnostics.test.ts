import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDiagnostics, lint, MAX_SOURCE_WIDTH } from 'chatwork-kit/markup'

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

describe('formatDiagnostics on hostile input', () => {
  const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

  it('shows terminal control characters visibly, in excerpts, messages and the filename', () => {
    const body = 'a\u001b]0;pwned\u0007b [To: 1]\u009b2J\u202eevil\u0000'
    const out = formatDiagnostics(lint(body), body, { filename: 'x\u001b[31m.txt' })
    expect(out).not.toMatch(RAW_CONTROLS)
    expect(out).toContain('a␛]0;pwned␇b [To: 1]\ufffd2J\ufffdevil␀')
    expect(out).toContain('x␛[31m.txt:1:')
  })

  it('never lets a control character through, for any body (property)', () => {
    const controls = fc.constantFrom('\u001b', '\u0007', '\u009b', '\u009d', '\u007f', '\u202e', '\u2066', '\r', '\u0000', '[To: 1]', '[info]', 'x', '\t')
    fc.assert(
      fc.property(fc.array(controls, { maxLength: 20 }).map((parts) => parts.join('')), (body) => {
        expect(formatDiagnostics(lint(body), body)).not.toMatch(RAW_CONTROLS)
      }),
    )
  })

  it('prints 130,000 diagnostics (a spread of that many arguments throws)', () => {
    const body = '[/qt]\n'.repeat(130_000)
    const out = formatDiagnostics(lint(body), body)
    expect(out.match(/stray-closer/g)).toHaveLength(130_000)
    expect(out).toContain('  130000 | [/qt]')
  }, 60_000)

  it('formats 10,000 diagnostics on one 1 MB line, each excerpt cut around its own span', () => {
    const unit = `[/qt]${'x'.repeat(95)}`
    const body = unit.repeat(10_000)
    const diagnostics = lint(body).filter((d) => d.code === 'stray-closer')
    expect(diagnostics).toHaveLength(10_000)
    const blocks = formatDiagnostics(diagnostics, body).split('\n\n')
    expect(blocks).toHaveLength(10_000)
    for (const [i, block] of blocks.entries()) {
      const [header, source, carets] = block.split('\n')
      expect(header).toContain(`1:${i * 100 + 1}`)
      expect(source!.length).toBeLessThanOrEqual(MAX_SOURCE_WIDTH + 12)
      const at = carets!.indexOf('^')
      expect(source!.slice(at, at + 5)).toBe('[/qt]')
    }
  }, 60_000)

  it('reads a bounded part of a line of zero-width characters for each excerpt', () => {
    const body = `${'\u200b'.repeat(500_000)}[/qt]${'\u200b'.repeat(500_000)}`
    const out = formatDiagnostics(lint(body).filter((d) => d.code === 'stray-closer'), body)
    const source = out.split('\n')[1]!
    expect(source.length).toBeLessThan(MAX_SOURCE_WIDTH * 5)
    expect(source).toContain('[/qt]')
  })
})
