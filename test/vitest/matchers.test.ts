import { describe, expect, it } from 'vitest'
import { message, parse } from 'chatwork-kit/markup'
import 'chatwork-kit/vitest'
import { chatworkMatchers } from 'chatwork-kit/vitest'

/** The message of the assertion error a failing matcher throws. */
function failure(assertion: () => void): string {
  try {
    assertion()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('the assertion passed')
}

describe('chatwork-kit/vitest', () => {
  it('registers the matchers on import and exports them for expect.extend', () => {
    expect(Object.keys(chatworkMatchers).sort()).toEqual(['toBeValidChatworkMarkup', 'toHavePlainText', 'toMention', 'toMentionAll', 'toReplyTo'])
    expect(() => expect.extend(chatworkMatchers)).not.toThrow()
  })

  describe('toBeValidChatworkMarkup', () => {
    it('passes for valid markup as a string, a tree or a builder', () => {
      expect('[To:1] Hello [info][title]T[/title]x[/info]').toBeValidChatworkMarkup()
      expect(parse('[qt][qtmeta aid=1]x[/qt]')).toBeValidChatworkMarkup()
      expect(message().to(1, 'Yamada').text('[info] is literal here')).toBeValidChatworkMarkup()
      // info diagnostics never fail it
      expect('[toall] hi').toBeValidChatworkMarkup({ rules: { toall: 'info' } })
    })

    it('fails with the formatted diagnostics', () => {
      expect(failure(() => expect('[INFO]x[/info]\n[To: 1]').toBeValidChatworkMarkup())).toMatchInlineSnapshot(`
        "expected valid Chatwork markup, but lint found 2 problems:

        1:8  error  [/info] does not repeat the spelling of its opener [INFO], so both show as text  closer-case-mismatch
          1 | [INFO]x[/info]
            |        ^^^^^^^

        2:1  error  [To: 1] is not a tag: no space may follow the colon  malformed-tag
          2 | [To: 1]
            | ^^^^^^^"
      `)
    })

    it('fails on warnings too, and follows rule options', () => {
      expect(failure(() => expect('[qt][To:1][/qt]').toBeValidChatworkMarkup())).toContain('mention-in-quote')
      expect('[qt][To:1][/qt]').toBeValidChatworkMarkup({ rules: { 'mention-in-quote': 'off' } })
      expect(failure(() => expect('[toall]').toBeValidChatworkMarkup({ rules: { toall: 'warning' } }))).toContain('1 problem:')
    })

    it('negated, fails for valid markup and passes for broken markup', () => {
      expect('[info]x').not.toBeValidChatworkMarkup()
      expect(failure(() => expect('[hr]').not.toBeValidChatworkMarkup())).toBe(
        'expected "[hr]" not to be valid Chatwork markup, but lint found no errors or warnings',
      )
    })

    it('fails, saying what it got, for something that is no body', () => {
      expect(failure(() => expect(42).toBeValidChatworkMarkup())).toBe(
        'toBeValidChatworkMarkup: expected a message body (a string, a tree or a builder), but received 42',
      )
    })
  })

  describe('toMention', () => {
    it('passes when the message notifies the account', () => {
      expect('[To:1] [To:2] hi').toMention(2)
      expect(message().to(3)).toMention(3)
      expect(parse('[To:4]')).toMention(4)
      expect('[To:1]').not.toMention(2)
    })

    it('fails saying whom it mentions, and when the mention sits in a quote', () => {
      expect(failure(() => expect('[To:1] [To:2] hi').toMention(3))).toBe('expected the message to mention account 3, but it mentions 1, 2')
      expect(failure(() => expect('hello').toMention(3))).toBe('expected the message to mention account 3, but it mentions nobody')
      expect(failure(() => expect('[qt][To:3][/qt]').toMention(3))).toBe(
        'expected the message to mention account 3, but it mentions nobody (it appears only inside [qt], which notifies nobody)',
      )
      expect(failure(() => expect('[To:3]').not.toMention(3))).toBe('expected the message not to mention account 3, but it does')
    })
  })

  describe('toMentionAll', () => {
    it('passes for [toall] outside quotes', () => {
      expect('[toall] morning').toMentionAll()
      expect(message().toAll().text('hi')).toMentionAll()
      expect('[To:1]').not.toMentionAll()
    })

    it('fails saying what it found', () => {
      expect(failure(() => expect('[To:1] hi').toMentionAll())).toBe('expected the message to mention everyone with [toall], but it mentions only 1')
      expect(failure(() => expect('[qt][toall][/qt]').toMentionAll())).toBe(
        'expected the message to mention everyone with [toall], but it mentions nobody (it appears only inside [qt], which notifies nobody)',
      )
      expect(failure(() => expect('[toall]').not.toMentionAll())).toBe('expected the message not to mention everyone, but it has [toall]')
    })
  })

  describe('toReplyTo', () => {
    it('passes when a reply matches every given field', () => {
      const body = '[rp aid=1 to=2-1234567890123456789] Yamada'
      expect(body).toReplyTo({ accountId: 1 })
      expect(body).toReplyTo({ roomId: 2, messageId: '1234567890123456789' })
      expect(body).toReplyTo({})
      expect(message().reply({ accountId: 5, roomId: 6, messageId: '7' })).toReplyTo({ accountId: 5, roomId: 6, messageId: 7 })
      expect(body).not.toReplyTo({ accountId: 1, roomId: 3 })
      expect(failure(() => expect(body).not.toReplyTo({ accountId: 1 }))).toBe(
        'expected the message not to reply as [rp aid=1 to=*-*], but it replies with [rp aid=1 to=2-1234567890123456789]',
      )
    })

    it('fails listing the replies it found', () => {
      expect(failure(() => expect('[rp aid=1 to=2-3] [rp aid=4 to=5-6]').toReplyTo({ accountId: 9 }))).toBe(
        'expected the message to reply as [rp aid=9 to=*-*], but it replies with [rp aid=1 to=2-3], [rp aid=4 to=5-6]',
      )
      expect(failure(() => expect('hi').toReplyTo({ messageId: '3' }))).toBe('expected the message to reply as [rp aid=* to=*-3], but it has no reply')
      expect(failure(() => expect('[qt][rp aid=1 to=2-3][/qt]').toReplyTo({ accountId: 1 }))).toBe(
        'expected the message to reply as [rp aid=1 to=*-*], but it has no reply (it appears only inside [qt], which notifies nobody)',
      )
    })
  })

  describe('toHavePlainText', () => {
    it('passes when the plain text is exactly the text', () => {
      expect('[To:1] Hi [info][title]Weather[/title]Sunny :)[/info]').toHavePlainText(' Hi \nWeather\nSunny :)')
      expect(message().text('[toall] is escaped')).toHavePlainText('[toall] is escaped')
      expect('a').not.toHavePlainText('b')
    })

    it('fails showing both texts', () => {
      expect(failure(() => expect('[info]x[/info]').toHavePlainText('y'))).toBe('expected the plain text to be "y", but it is "x"')
      expect(failure(() => expect('x').not.toHavePlainText('x'))).toBe('expected the plain text not to be "x"')
    })
  })
})
