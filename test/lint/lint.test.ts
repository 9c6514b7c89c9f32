import { describe, expect, it } from 'vitest'
import { applyFixes, fixMarkup, lint, LINT_RULES, message, parse, type Diagnostic, type LintCode, type LintOptions } from 'chatwork-kit/markup'
import { MAX_BODY_LENGTH } from '../../src/markup/body.ts'

/** Each diagnostic as `code: the text it points at`. */
function found(body: string, options?: LintOptions): string[] {
  return lint(body, options).map((d) => `${d.code}: ${body.slice(d.position.start.offset, d.position.end.offset)}`)
}

function only(body: string, code: LintCode, options?: LintOptions): Diagnostic[] {
  return lint(body, options).filter((d) => d.code === code)
}

describe('lint rules', () => {
  describe('unclosed-tag', () => {
    it('reports an opener with no closer, which shows as text', () => {
      expect(found('[info]unclosed tag')).toEqual(['unclosed-tag: [info]'])
      expect(found('[info][title]Weather[/title]')).toEqual(['unclosed-tag: [info]'])
      expect(found('[code]missing close')).toEqual(['unclosed-tag: [code]'])
      expect(only('[info]x', 'unclosed-tag')[0]).toMatchObject({ severity: 'error', message: '[info] shows as text: it has no closer [/info]' })
    })
    it('tells a crossed block from a missing closer', () => {
      expect(found('[info]a[qt]b[/info]c[/qt]')).toEqual(['unclosed-tag: [qt]', 'stray-closer: [/qt]'])
      expect(only('[info]a[qt]b[/info]c[/qt]', 'unclosed-tag')[0].message).toContain('crossed tags')
      expect(only('[info]a[qt]b[/info]c[/qt]', 'stray-closer')[0].message).toContain('crossed tags')
    })
    it('stays quiet on closed blocks, nested blocks of one name, and text that only resembles an opener', () => {
      expect(found('[info][info]a[/info]b[/info]')).toEqual([])
      expect(found('[qt][qtmeta aid=1 time=2][qt]inner[/qt][/qt]')).toEqual([])
      expect(found('[code review] and [info only]')).toEqual([])
      expect(found('[\u200Binfo] escaped')).toEqual([])
    })
  })

  describe('stray-closer', () => {
    it('reports a closer with no opener', () => {
      expect(found('[/info]')).toEqual(['stray-closer: [/info]'])
      expect(found('a[/qt]b')).toEqual(['stray-closer: [/qt]'])
      expect(found('x[/hr]y')).toEqual(['stray-closer: [/hr]'])
      expect(only('x[/hr]y', 'stray-closer')[0].message).toContain('not a block')
    })
    it('stays quiet on closers that close something, unknown names and escaped text', () => {
      expect(found('[info]x[/info]')).toEqual([])
      expect(found('[/foo] [/bar]')).toEqual([])
      expect(found('[\u200B/info]')).toEqual([])
    })
  })

  describe('closer-case-mismatch', () => {
    it('reports a closer that differs from its opener only in case, with a fix that repeats the opener', () => {
      const [diagnostic] = only('[INFO]x[/info]', 'closer-case-mismatch')
      expect(diagnostic).toMatchObject({ severity: 'error', fix: { range: [7, 14], text: '[/INFO]' } })
      expect(found('[INFO]x[/info]')).toEqual(['closer-case-mismatch: [/info]'])
      expect(found('[info]x[/Info]')).toEqual(['closer-case-mismatch: [/Info]'])
      expect(fixMarkup('[info][title]T[/TITLE][/Info]')).toBe('[info][title]T[/title][/info]')
    })
    it('stays quiet when the closer repeats the spelling', () => {
      expect(found('[INFO]x[/INFO]')).toEqual([])
      expect(found('[Info]x[/Info]')).toEqual([])
    })
  })

  describe('malformed-tag', () => {
    it.each([
      ['[To: 123]', 'no space may follow the colon', '[To:123]'],
      ['[ To:123]', 'no space may come between [ and the name', undefined],
      ['[To:abc]', 'the id "abc" is not a number', undefined],
      ['[To:]', 'nothing follows the colon', undefined],
      ['[rp aid=1 to=2]', 'to= must be ROOM-MESSAGE', undefined],
      ['[rp aid=1 to=2-x]', 'the message id of to= "x" is not a number', undefined],
      ['[rp to=2-3]', 'aid= is missing', undefined],
      ['[qtmeta time=1]', 'aid= is missing', undefined],
      ['[preview ht=10]', 'id= is missing', undefined],
      ['[hr ]', 'no space may come before ]', '[hr]'],
      ['[To aid=1]', '[To] takes a colon value, not attributes', undefined],
      ['[rp:1]', '[rp] takes no ":value"', undefined],
      ['[download:1 x=1]a[/download]', 'nothing may follow the file id', undefined],
      ['[task aid=1 st=later lt=0]x[/task]', 'st= must be open or done', undefined],
      ['[task aid=1 st=open lt=soon]x[/task]', 'lt= must be a Unix time', undefined],
      ['[info foo]x[/info]', 'what follows the name is not key=value attributes', undefined],
    ])('%s: %s', (body, why, fix) => {
      const [diagnostic, ...rest] = only(body, 'malformed-tag')
      expect(rest).toEqual([])
      expect(diagnostic.severity).toBe('error')
      expect(diagnostic.message).toContain(why)
      expect(diagnostic.fix?.text).toBe(fix)
      // the malformed opener does not also make its closer a stray one
      expect(found(body).filter((line) => !line.startsWith('malformed-tag'))).toEqual([])
    })
    it('reports the unverified to=ROOM:MESSAGE reply form with a fix to the hyphen form', () => {
      expect(only('[rp aid=1 to=2:3] Yamada', 'malformed-tag')[0]).toMatchObject({ fix: { range: [0, 17], text: '[rp aid=1 to=2-3]' } })
    })
    it('checks only the to= that the parser reads, the first one', () => {
      expect(found('[rp aid=1 to=2-3 to=4:5]')).toEqual([])
      expect(only('[rp aid=1 to=4:5 to=2-3]', 'malformed-tag')[0]).toMatchObject({ fix: { range: [0, 24], text: '[rp aid=1 to=4-5 to=2-3]' } })
    })
    it('reports quoted values of a tag, with a fix that removes the quotes', () => {
      expect(only('[qtmeta aid=1 time="2"]', 'malformed-tag')[0]).toMatchObject({ fix: { text: '[qtmeta aid=1 time=2]' } })
    })
    it('reports a closer with spaces in it', () => {
      expect(only('[info]x[/info ]', 'malformed-tag')[0]).toMatchObject({ fix: { range: [7, 15], text: '[/info]' } })
    })
    it('stays quiet on valid tags, ignored remainders, and plain words in brackets', () => {
      expect(found('[To:123] [rp aid=1 to=2-3] [qtmeta aid=1] [preview id=1 ht=2] [hr] [To:12 3]')).toEqual([])
      expect(found('[to do] [code review] [To] [rp]')).toEqual([])
    })
  })

  describe('unknown-tag', () => {
    it('reports a word close to a tag name, with the likely name', () => {
      expect(only('[infp]', 'unknown-tag')[0].message).toContain('did you mean [info]?')
      expect(only('[titel]', 'unknown-tag')[0].message).toContain('did you mean [title]?')
      expect(only('[tooall] everyone', 'unknown-tag')[0].message).toContain('did you mean [toall]?')
      expect(only('[PREVEIW id=1 ht=2]', 'unknown-tag')[0].message).toContain('did you mean [PREVIEW]?')
      expect(only('[tooall]', 'unknown-tag')[0].severity).toBe('warning')
    })
    it('fixes a misspelt block only when both its opener and closer are there, with one fix for both', () => {
      // renamed alone, either half would be an unclosed opener or a stray closer
      const fix = { range: [0, 16], text: '[title]T[/title]' }
      expect(lint('[titel]T[/titel]').map((d) => d.fix)).toEqual([fix, fix])
      expect(fixMarkup('[infp]a[/infp]')).toBe('[info]a[/info]')
      expect(lint('[titel] alone').map((d) => d.fix)).toEqual([undefined])
      // a lone misspelt single tag is not fixed either: [toall] would notify everyone
      expect(lint('[tooall]').map((d) => d.fix)).toEqual([undefined])
    })
    it('stays quiet on words far from every tag name, short words and known names', () => {
      expect(found('[foo] [CC] [ok] [note] [line] [data] [todo]')).toEqual([])
      expect(found('[info]x[/info] [hr]')).toEqual([])
    })
  })

  describe('uppercase-block', () => {
    it('reports [QT] and [CODE], with a fix that lower-cases opener and closer', () => {
      expect(found('[QT]x[/QT]')).toEqual(['uppercase-block: [QT]'])
      expect(only('[CODE]x[/CODE]\nnext', 'uppercase-block')[0]).toMatchObject({ severity: 'warning', fix: { range: [0, 14], text: '[code]x[/code]' } })
      expect(fixMarkup('[QT][qtmeta aid=1]x[/QT]')).toBe('[qt][qtmeta aid=1]x[/qt]')
      expect(fixMarkup('[Code][To:1][/Code]')).toBe('[code][To:1][/code]')
    })
    it('offers no fix when the lower-case closer would end the block elsewhere', () => {
      // code ends at its first [/code]: lower-cased, this one would close at the [/code] inside
      expect(lint('[CODE]a[/code]b[/CODE]')).toMatchObject([{ code: 'uppercase-block' }])
      expect(lint('[CODE]a[/code]b[/CODE]')[0].fix).toBeUndefined()
      expect(fixMarkup('[CODE]a[/code]b[/CODE]')).toBe('[CODE]a[/code]b[/CODE]')
      expect(fixMarkup('[QT][qt]a[/QT]b[/qt]')).toBe('[QT][qt]a[/QT]b[/qt]')
      // a code closer closes every open code opener: lower-cased, this one would also close the literal [code] before it
      expect(fixMarkup('[code][CODE]x[/CODE]')).toBe('[code][CODE]x[/CODE]')
    })
    it('stays quiet on lower-case blocks and on other upper-case blocks', () => {
      expect(found('[qt]x[/qt][code]y[/code]')).toEqual([])
      expect(found('[INFO]x[/INFO] [TITLE]t[/TITLE]')).toEqual([])
    })
  })

  describe('invalid-id', () => {
    it.each([
      ['[To:0]', 'account 0'],
      ['[picon:0]', 'account 0'],
      ['[qtmeta aid=0]', 'account 0'],
      ['[qt][qtmeta aid=0]x[/qt]', 'account 0'],
      ['[rp aid=0 to=1-2]', 'account 0'],
      ['[rp aid=1 to=0-2]', 'room 0'],
      ['[rp aid=1 to=1-0]', 'message 0'],
      ['[rp aid=1 to=1-12345678901234567890]', 'message 12345678901234567890'],
      ['[preview id=0 ht=1]', 'file 0'],
      ['[To:99999999999999999999]', 'larger than any id can be'],
      ['[To:12a]', '12a is not a decimal number'],
      ['[rp aid=1x to=2-3]', '1x is not a decimal number'],
      ['[qtmeta aid="1"]', 'has quotes'],
    ])('%s: %s', (body, why) => {
      const diagnostics = only(body, 'invalid-id')
      expect(diagnostics).toHaveLength(1)
      expect(diagnostics[0].severity).toBe('error')
      expect(diagnostics[0].message).toContain(why)
    })
    it('fixes quoted ids by removing the quotes', () => {
      expect(fixMarkup('[qt][qtmeta aid="12" time=3]x[/qt]')).toBe('[qt][qtmeta aid=12 time=3]x[/qt]')
    })
    it('stays quiet on valid ids, including 19-digit message ids', () => {
      expect(found('[To:1][picon:2][rp aid=3 to=4-1234567890123456789][preview id=5 ht=6][qt][qtmeta aid=7]x[/qt]')).toEqual([])
    })
  })

  describe('mention-in-quote', () => {
    it('reports To, toall and rp inside [qt], however deep', () => {
      expect(found('[qt][qtmeta aid=1 time=2][To:3][toall][rp aid=4 to=5-6] hi[/qt]')).toEqual([
        'mention-in-quote: [To:3]',
        'mention-in-quote: [toall]',
        'mention-in-quote: [rp aid=4 to=5-6]',
      ])
      expect(found('[qt][info][qt][To:9][/qt][/info][/qt]')).toEqual(['mention-in-quote: [To:9]'])
      expect(only('[qt][To:3][/qt]', 'mention-in-quote')[0]).toMatchObject({ severity: 'warning', message: '[To:3] is inside [qt], so it notifies nobody' })
    })
    it('stays quiet on mentions outside quotes and on text in code', () => {
      expect(only('[To:1] [rp aid=2 to=3-4] [qt]quoted[/qt] [code][qt][To:1][/qt][/code]', 'mention-in-quote')).toEqual([])
    })
  })

  describe('mention-in-code', () => {
    it('reports text in code that would be a To, toall or rp outside it, as its notification is not known', () => {
      expect(found('[code]\n[To:1] [toall]\n[rp aid=2 to=3-4] [to:5][/code]')).toEqual([
        'mention-in-code: [To:1]',
        'mention-in-code: [toall]',
        'mention-in-code: [rp aid=2 to=3-4]',
        'mention-in-code: [to:5]',
      ])
      expect(found('[info][CODE]x [qt][To:1][/qt][/CODE][/info]')).toEqual(['uppercase-block: [CODE]', 'mention-in-code: [To:1]'])
      expect(only('[code][toall][/code]', 'mention-in-code')).toMatchObject([
        { severity: 'warning', message: '[toall] is inside [code]: it shows as text, but Chatwork may or may not notify for it (its behaviour inside code is not known)' },
      ])
      expect(lint('[code][To:1][/code]')[0].fix).toBeUndefined()
    })
    it('stays quiet on text in code that is no mention, on mentions outside code, and on code in a quote', () => {
      expect(found('[code][To: 1] [To:abc] [info] a[0] [toall x][/code] [To:1]')).toEqual([])
      // inside a quote nothing notifies
      expect(found('[qt][code][To:1][/code][/qt]')).toEqual([])
    })
  })

  describe('editor-form', () => {
    it('reports the localized reply forms, with a fix to [rp …]', () => {
      for (const word of ['返信', 'Reply', 'Responder', 'ตอบกลับ', 'Trả lời', '回信', '回覆']) {
        const body = `[${word} aid=1 to=2-3] Yamada`
        expect(only(body, 'editor-form')).toMatchObject([{ severity: 'warning', fix: { text: '[rp aid=1 to=2-3]' } }])
      }
    })
    it('reports the localized quote forms, fixing them only as a pair', () => {
      expect(fixMarkup('[引用 aid=3691320 time=1619918369]VPC and サブネット[/引用]')).toBe('[qt][qtmeta aid=3691320 time=1619918369]VPC and サブネット[/qt]')
      expect(fixMarkup('[Quote]x[/Quote]')).toBe('[qt]x[/qt]')
      expect(fixMarkup('[Quote aid=1][To:1] [To: 2][/Quote]')).toBe('[qt][qtmeta aid=1][To:1] [To:2][/qt]')
      expect(lint('[引用]alone').map((d) => [d.code, d.fix])).toEqual([['editor-form', undefined]])
      expect(lint('alone[/引用]').map((d) => [d.code, d.fix])).toEqual([['editor-form', undefined]])
    })
    it('stays quiet on the stored forms and on the bare reply word', () => {
      expect(found('[rp aid=1 to=2-3] [qt][qtmeta aid=1]x[/qt] [Reply] [返信]')).toEqual([])
    })
  })

  describe('not-chatwork', () => {
    it.each([
      ['[cc:9999]本日の会議', '[cc:9999]', 'Chatwork has no cc'],
      ['[url]https://example.com[/url]', '[url]', 'a URL is linked by itself, so write it alone'],
      ['[To:1]Yamada[/To]', '[/To]', '[To:ACCOUNT] has no closer, and the name after it is plain text'],
      ['[qt][qtmeta aid=1][/qtmeta]x[/qt]', '[/qtmeta]', '[qtmeta aid=ACCOUNT time=UNIX] has no closer'],
      ['[reply time=1 to=2-3] Yamada', '[reply time=1 to=2-3]', 'write [rp aid=ACCOUNT to=ROOM-MESSAGE]'],
      ['[task:5]', '[task:5]', 'it is a legacy form whose meaning is not known'],
    ])('%s: %s', (body, piece, advice) => {
      const [diagnostic] = lint(body)
      expect(found(body)[0]).toBe(`not-chatwork: ${piece}`)
      expect(diagnostic).toMatchObject({ severity: 'warning', message: `${piece} is not Chatwork markup, so it shows as text: ${advice}` })
      expect(diagnostic.fix).toBeUndefined()
    })
    it('gives each piece this one diagnostic, not also a stray closer or a malformed tag', () => {
      expect(found('[url]x[/URL] [To:1]a[/to] [/QTMETA] [task:1] [reply aid=1]x[/reply]')).toEqual([
        'not-chatwork: [url]',
        'not-chatwork: [/URL]',
        'not-chatwork: [/to]',
        'not-chatwork: [/QTMETA]',
        'not-chatwork: [task:1]',
        'editor-form: [reply aid=1]',
        'not-chatwork: [/reply]',
      ])
      // [quote]…[/quote] is reported as the editor's quote form, which it matches, with a fix to [qt]…[/qt]
      expect(lint('[quote]x[/quote]').map((d) => [d.code, d.fix?.text])).toEqual([
        ['editor-form', '[qt]x[/qt]'],
        ['editor-form', '[qt]x[/qt]'],
      ])
    })
    it('stays quiet on [CC] before a mention, a bare [reply], escaped forms and the Chatwork forms', () => {
      expect(found('[CC][To:1] [reply] [\u200Bcc:1] [\u200B/To] https://example.com [qt][qtmeta aid=1]x[/qt] [rp aid=1 to=2-3]')).toEqual([])
    })
  })

  describe('preview-without-height', () => {
    it('reports a preview with no ht=, as informational', () => {
      expect(found('[preview id=1] and [PREVIEW id=2 x=3]')).toEqual(['preview-without-height: [preview id=1]', 'preview-without-height: [PREVIEW id=2 x=3]'])
      expect(only('[preview id=1]', 'preview-without-height')).toMatchObject([
        { severity: 'info', message: '[preview id=1] has no ht=; Chatwork always writes the height in pixels, and how it shows a preview without one is not known' },
      ])
      expect(lint('[preview id=1]')[0].fix).toBeUndefined()
    })
    it('stays quiet on a preview with ht=, and on text that is no preview', () => {
      expect(found('[preview id=1 ht=26] [preview ht=3 id=2] [code][preview id=3][/code]')).toEqual([])
      expect(only('[preview ht=10]', 'preview-without-height')).toEqual([])
    })
  })

  describe('system-tag', () => {
    it('reports tags that only Chatwork writes', () => {
      expect(found('[dtext:file_uploaded] [download:1]f.zip[/download] [task aid=1 st=open lt=0]t[/task]')).toEqual([
        'system-tag: [dtext:file_uploaded]',
        'system-tag: [download:1]f.zip[/download]',
        'system-tag: [task aid=1 st=open lt=0]t[/task]',
      ])
      expect(found('[deleted]')).toEqual(['system-tag: [deleted]'])
      expect(found('x[deleted]')).toEqual(['system-tag: [deleted]'])
      expect(only('x[deleted]', 'system-tag')[0].message).toContain('only as a whole body')
    })
    it('stays quiet on tags people write', () => {
      expect(found('[To:1] [picon:1] [pname:1] [piconname:1] [date:1735600000] [hr]')).toEqual([])
    })
  })

  describe('empty-block', () => {
    it('reports empty (or blank) info, title and code', () => {
      expect(found('[info][/info][title] [/title][code]\n[/code]')).toEqual(['empty-block: [info][/info]', 'empty-block: [title] [/title]', 'empty-block: [code]\n[/code]'])
      expect(only('[info][/info]', 'empty-block')[0].severity).toBe('warning')
    })
    it('stays quiet on blocks with content, even content that is only a tag', () => {
      expect(found('[info][hr][/info][title]T[/title][code]x[/code][qt][/qt]')).toEqual([])
    })
  })

  describe('body-too-long', () => {
    it('reports a body over 65,535 characters, counting code points, from where it overflows', () => {
      const body = 'a'.repeat(MAX_BODY_LENGTH + 1)
      expect(only(body, 'body-too-long')).toMatchObject([{ severity: 'error', position: { start: { offset: MAX_BODY_LENGTH }, end: { offset: MAX_BODY_LENGTH + 1 } } }])
      expect(only('abcd', 'body-too-long', { maxLength: 3 })).toHaveLength(1)
    })
    it('stays quiet at the limit, and for astral characters that are two code units each', () => {
      expect(only('a'.repeat(MAX_BODY_LENGTH), 'body-too-long')).toEqual([])
      expect(only('😀'.repeat(MAX_BODY_LENGTH), 'body-too-long')).toEqual([])
      expect(only('😀'.repeat(4), 'body-too-long', { maxLength: 3 })[0].position.start.offset).toBe(6)
    })
  })

  describe('toall', () => {
    it('is off by default, and informs when turned on', () => {
      expect(found('[toall] hello')).toEqual([])
      expect(lint('[toall] hello', { rules: { toall: 'info' } })).toMatchObject([{ code: 'toall', severity: 'info', message: '[toall] notifies every member of the room' }])
    })
    it('stays quiet without [toall], even when on', () => {
      expect(lint('[To:1] hello', { rules: { toall: 'info' } })).toEqual([])
    })
  })
})

describe('lint', () => {
  it('has a default setting for every rule, with toall off', () => {
    expect(Object.keys(LINT_RULES).sort()).toEqual(
      [
        'body-too-long',
        'closer-case-mismatch',
        'editor-form',
        'empty-block',
        'invalid-id',
        'malformed-tag',
        'mention-in-code',
        'mention-in-quote',
        'not-chatwork',
        'preview-without-height',
        'stray-closer',
        'system-tag',
        'toall',
        'unclosed-tag',
        'unknown-tag',
        'uppercase-block',
      ].sort(),
    )
    expect(LINT_RULES.toall).toBe('off')
  })

  it('lets options change a severity or turn a rule off', () => {
    expect(lint('[info]x', { rules: { 'unclosed-tag': 'warning' } })[0].severity).toBe('warning')
    expect(lint('[info]x', { rules: { 'unclosed-tag': 'off' } })).toEqual([])
  })

  it('gives unist positions with lines and columns into the body', () => {
    const [diagnostic] = lint('hello\n  [To: 1]')
    expect(diagnostic.position).toEqual({ start: { line: 2, column: 3, offset: 8 }, end: { line: 2, column: 10, offset: 15 } })
  })

  it('sees tag-like text split by emoticons and links', () => {
    expect(found('[To:p] [qtmeta aid=1 x=http://a.b]')).toEqual(['malformed-tag: [To:p]'])
  })

  it('lints a tree, a hand-made one included, through its markup', () => {
    expect(lint(parse('[INFO]x[/info]'))).toEqual(lint('[INFO]x[/info]'))
    const tree = { type: 'root' as const, children: [{ type: 'quote' as const, children: [{ type: 'to' as const, accountId: 1 }] }] }
    expect(lint(tree)).toMatchObject([{ code: 'mention-in-quote', position: { start: { offset: 4 }, end: { offset: 10 } } }])
  })

  it('finds nothing in what the builder makes from hostile text', () => {
    const body = message().to(1, '[To: 2] Yamada').text('[info] [/qt] [titel] [Reply aid=1 to=2-3]').info('[title]x', '[CODE]').toString()
    expect(lint(body)).toEqual([])
    // escaping marks a [ before a letter of any script, so a localized editor form in text is no finding (and no fix turns it into a reply)
    expect(lint(message().text('[返信 aid=1 to=2-3] [引用 aid=1]x[/引用]').toString())).toEqual([])
  })
})

describe('safe fixes', () => {
  it('offers no fix that would re-pair other blocks', () => {
    // fixed, [info] would close at the [/info] inside the title, and the quote and title would show as text
    const crossed = '[info ]A[qt]b[title]c[/info]d[/title]e[/qt]'
    expect(lint(crossed).map((d) => [d.code, d.fix])).toEqual([
      ['malformed-tag', undefined],
      ['stray-closer', undefined],
    ])
    expect(fixMarkup(crossed)).toBe(crossed)
    expect(fixMarkup('[title ]x[info]y[/title]z[/info]')).toBe('[title ]x[info]y[/title]z[/info]')
    // fixed, [info] would close at the first [/info], the one meant for [ info]
    expect(lint('[infp][ info][/infp][/info]').filter((d) => d.fix)).toEqual([])
  })

  it('offers no fix that would add an error or swallow a tag', () => {
    // unquoted, aid=0 makes a reply to account 0 that also has the colon form: two errors for one
    expect(lint('[rp aid="0" to=2:3]')).toMatchObject([{ code: 'invalid-id' }])
    expect(lint('[rp aid="0" to=2:3]')[0].fix).toBeUndefined()
    // the closer repeating [CODE] would turn the mention into code
    expect(fixMarkup('[CODE][To:1][/Code]')).toBe('[CODE][To:1][/Code]')
  })

  it('still fixes many mistakes of a typical body', () => {
    const body = '[INFO]x[/info] [titel]t[/titel] [QT]q[/QT] '.repeat(50)
    expect(fixMarkup(body)).toBe('[INFO]x[/INFO] [title]t[/title] [qt]q[/qt] '.repeat(50))
  })
})

describe('applyFixes', () => {
  it('applies the fixes that do not overlap, the first of overlapping ones winning', () => {
    const body = '[To: 1] [hr ]'
    expect(applyFixes(body, lint(body))).toBe('[To:1] [hr]')
    const overlapping: Diagnostic[] = [
      { ...lint('[hr ]')[0], fix: { range: [0, 5], text: 'A' } },
      { ...lint('[hr ]')[0], fix: { range: [2, 4], text: 'B' } },
    ]
    expect(applyFixes('[hr ]', overlapping)).toBe('A')
  })

  it('leaves a body without fixes unchanged', () => {
    expect(applyFixes('[info]x', lint('[info]x'))).toBe('[info]x')
  })

  it('applies fixes that are safe alone but not together only as far as they stay safe', () => {
    // alone, [/info] closes the malformed [ info] opener; once [title] holds that opener, it would be a stray closer
    const body = '[titel][ info][/titel][/info ]'
    expect(lint(body).flatMap((d) => (d.fix ? [d.fix.text] : []))).toEqual(['[title][ info][/title]', '[title][ info][/title]', '[/info]'])
    expect(applyFixes(body, lint(body))).toBe('[title][ info][/title][/info ]')
    expect(fixMarkup(body)).toBe('[title][ info][/title][/info ]')
  })
})

describe('fixMarkup', () => {
  it('applies fixes that overlapped in a later round', () => {
    // the case fix of [QT] spans the whole quote, which holds another fix
    expect(fixMarkup('[QT][To: 1][/QT]')).toBe('[qt][To:1][/qt]')
    expect(fixMarkup('[QT]x[/qt]')).toBe('[qt]x[/qt]')
  })

  it('follows the rule settings: a rule that is off fixes nothing', () => {
    expect(fixMarkup('[To: 1]', { rules: { 'malformed-tag': 'off' } })).toBe('[To: 1]')
  })
})
