import { describe, expect, it } from 'vitest'
import { fixMarkup, formatDiagnostics, lint } from 'chatwork-kit/markup'

const N = 20_000
/** These bodies are longer than the API takes; that rule is not what they test. */
const LONG = { rules: { 'body-too-long': 'off' as const } }

describe('lint on hostile input', () => {
  it.each([
    ['[qt]', 'unclosed-tag'],
    ['[/info]', 'stray-closer'],
    ['[To: 1]', 'malformed-tag'],
    ['[titel]', 'unknown-tag'],
    ['[返信 aid=1 to=2-3]', 'editor-form'],
    ['[cc:1]', 'not-chatwork'],
    ['[preview id=1]', 'preview-without-height'],
  ])('%j repeated 20,000 times gives one diagnostic per piece', (unit, code) => {
    const diagnostics = lint(unit.repeat(N), LONG)
    expect(diagnostics).toHaveLength(N)
    expect(diagnostics.every((d) => d.code === code)).toBe(true)
  })

  it('20,000 mentions in one code block give one diagnostic each', () => {
    const diagnostics = lint(`[code]${'[To:1]'.repeat(N)}[/code]`, LONG)
    expect(diagnostics).toHaveLength(N)
    expect(diagnostics.every((d) => d.code === 'mention-in-code')).toBe(true)
  })

  it('many unclosed openers followed by many closers of other names pair in linear time', () => {
    const body = '[qt]'.repeat(N) + '[/info]'.repeat(N) + '[INFO]'.repeat(N) + '[/info]'.repeat(N)
    const counts = new Map<string, number>()
    for (const d of lint(body, LONG)) counts.set(d.code, (counts.get(d.code) ?? 0) + 1)
    expect(Object.fromEntries(counts)).toEqual({ 'unclosed-tag': N, 'stray-closer': N, 'closer-case-mismatch': N })
  })

  it('crossed blocks nested 20,000 deep are reported without overflowing the stack', () => {
    const body = '[info]'.repeat(N) + '[qt]' + '[/info]'.repeat(N) + '[/qt]'
    expect(lint(body, LONG).map((d) => d.code)).toEqual(['unclosed-tag', 'stray-closer'])
  })

  it('a one-megabyte word in brackets and a one-megabyte line are handled', () => {
    expect(lint(`[${'a'.repeat(1_000_000)}]`, LONG)).toEqual([])
    const line = `${'x'.repeat(1_000_000)}[To:abc]`
    const printed = formatDiagnostics(lint(line, LONG), line)
    expect(printed.split('\n')[1].length).toBeLessThan(200)
  })

  it('fixes 20,000 pieces at once', () => {
    expect(fixMarkup('[To: 1]'.repeat(N), LONG)).toBe('[To:1]'.repeat(N))
    expect(fixMarkup('[titel]t[/titel][QT]q[/QT]'.repeat(N / 2), LONG)).toBe('[title]t[/title][qt]q[/qt]'.repeat(N / 2))
  })

  it.each([
    ['[INFO]x[/info]', 'closer-case-mismatch', 1],
    ['[titel]x[/titel]', 'unknown-tag', 2],
    ['[QT]x[/QT]', 'uppercase-block', 1],
  ])('%j repeated 20,000 times: each fix is checked for what else it would change, in linear time', (unit, code, perUnit) => {
    const diagnostics = lint(unit.repeat(N), LONG)
    expect(diagnostics).toHaveLength(N * perUnit)
    expect(diagnostics.every((d) => d.code === code)).toBe(true)
  })

  it('misspelt pairs and upper-case blocks nested 20,000 deep are checked without quadratic time', () => {
    expect(lint('[titel]'.repeat(N) + '[/titel]'.repeat(N), LONG).filter((d) => d.code === 'unknown-tag')).toHaveLength(2 * N)
    expect(lint('[QT]'.repeat(N) + '[/QT]'.repeat(N), LONG).filter((d) => d.code === 'uppercase-block')).toHaveLength(N)
  })
})
