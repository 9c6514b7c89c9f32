/** The matchers, registered on vitest's `expect` when this module loads. */
import { expect, type MatcherState } from 'vitest'
import { formatDiagnostics, lint, type LintOptions } from '../lint/index.ts'
import { mentions, type ReplyRef } from '../markup/mentions.ts'
import { bodyText, type MessageBody } from '../markup/body.ts'
import type { Reply, To, ToAll } from '../markup/nodes.ts'
import { parse } from '../markup/parse.ts'
import { toPlainText, type PlainTextOptions } from '../markup/plain-text.ts'
import { SKIP, visit } from '../markup/visit.ts'

/**
 * What `toReplyTo` looks for; unset fields match any reply.
 *
 * @example
 * expect('[rp aid=1 to=2-3]').toReplyTo({ accountId: 1, messageId: '3' })
 */
export interface ReplyExpectation {
  accountId?: number
  roomId?: number
  /** A decimal string (message ids exceed 2^53), or a number for small ids. */
  messageId?: string | number
}

/**
 * The chatwork-kit matchers, as they appear on `expect(…)`.
 *
 * @example
 * expect(message().to(1).text('hi')).toMention(1)
 * expect('[toall] hi').toMentionAll()
 */
export interface ChatworkMatchers<R = unknown> {
  /** Passes when lint finds no error and no warning (info never fails). */
  toBeValidChatworkMarkup(options?: LintOptions): R
  /** Passes when the message notifies the account with `[To:…]` (outside quotes). */
  toMention(accountId: number): R
  /** Passes when the message notifies every member with `[toall]` (outside quotes). */
  toMentionAll(): R
  /** Passes when the message holds a reply (outside quotes) that matches every given field. */
  toReplyTo(reply: ReplyExpectation): R
  /** Passes when the plain text of the message equals `text` exactly. */
  toHavePlainText(text: string, options?: PlainTextOptions): R
}

declare module 'vitest' {
  interface Assertion<T = any> extends ChatworkMatchers<T> {}
  interface AsymmetricMatchersContaining extends ChatworkMatchers {}
}

interface Result {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

/** The markup of a received value, or a failing result that says what it was. */
function received(state: MatcherState, value: unknown, matcher: string): string | Result {
  let text: string | undefined
  try {
    text = bodyText(value as MessageBody)
  } catch {
    // a hand-made tree that cannot be printed is not a body either
  }
  if (text !== undefined) return text
  return {
    pass: state.isNot,
    message: () => `${matcher}: expected a message body (a string, a tree or a builder), but received ${state.utils.stringify(value)}`,
  }
}

/** A reply as markup; `*` stands for a field the expectation leaves open. */
function describeReply(reply: ReplyExpectation): string {
  return `[rp aid=${reply.accountId ?? '*'} to=${reply.roomId ?? '*'}-${reply.messageId ?? '*'}]`
}

/** Mentions inside `[qt]` notify nobody; when the one looked for is there, say so. */
function quoteNote(body: string, wanted: (node: To | ToAll | Reply) => boolean): string {
  let quoted = false
  visit(parse(body, { positions: false }), 'quote', (quote) => {
    visit(quote, ['to', 'toall', 'reply'], (node) => {
      quoted ||= wanted(node)
    })
    return SKIP
  })
  return quoted ? ' (it appears only inside [qt], which notifies nobody)' : ''
}

/**
 * The matchers, for `expect.extend(chatworkMatchers)`. Importing
 * `chatwork-kit/vitest` already registers them.
 *
 * @example
 * import { expect, test } from 'vitest'
 * import { chatworkMatchers } from 'chatwork-kit/vitest'
 *
 * expect.extend(chatworkMatchers)
 * test('greets', () => {
 *   expect('[To:1] hi').toMention(1)
 * })
 */
export const chatworkMatchers = {
  toBeValidChatworkMarkup(this: MatcherState, value: unknown, options?: LintOptions): Result {
    const body = received(this, value, 'toBeValidChatworkMarkup')
    if (typeof body !== 'string') return body
    const problems = lint(body, options).filter((d) => d.severity !== 'info')
    const pass = problems.length === 0
    return {
      pass,
      message: () =>
        pass
          ? `expected ${JSON.stringify(body)} not to be valid Chatwork markup, but lint found no errors or warnings`
          : `expected valid Chatwork markup, but lint found ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n\n${formatDiagnostics(problems, body)}`,
    }
  },

  toMention(this: MatcherState, value: unknown, accountId: number): Result {
    const body = received(this, value, 'toMention')
    if (typeof body !== 'string') return body
    const { accountIds } = mentions(body)
    const pass = accountIds.includes(accountId)
    const found = accountIds.length === 0 ? 'it mentions nobody' : `it mentions ${accountIds.join(', ')}`
    return {
      pass,
      message: () =>
        pass
          ? `expected the message not to mention account ${accountId}, but it does`
          : `expected the message to mention account ${accountId}, but ${found}${quoteNote(body, (node) => node.type === 'to' && node.accountId === accountId)}`,
    }
  },

  toMentionAll(this: MatcherState, value: unknown): Result {
    const body = received(this, value, 'toMentionAll')
    if (typeof body !== 'string') return body
    const { toAll, accountIds } = mentions(body)
    const found = accountIds.length === 0 ? 'it mentions nobody' : `it mentions only ${accountIds.join(', ')}`
    return {
      pass: toAll,
      message: () =>
        toAll
          ? 'expected the message not to mention everyone, but it has [toall]'
          : `expected the message to mention everyone with [toall], but ${found}${quoteNote(body, (node) => node.type === 'toall')}`,
    }
  },

  toReplyTo(this: MatcherState, value: unknown, expected: ReplyExpectation): Result {
    const body = received(this, value, 'toReplyTo')
    if (typeof body !== 'string') return body
    const matches = (reply: ReplyRef): boolean =>
      (expected.accountId === undefined || reply.accountId === expected.accountId) &&
      (expected.roomId === undefined || reply.roomId === expected.roomId) &&
      (expected.messageId === undefined || reply.messageId === String(expected.messageId))
    const { replies } = mentions(body)
    const pass = replies.some(matches)
    const wanted = describeReply(expected)
    const found = replies.length === 0 ? 'it has no reply' : `it replies with ${replies.map(describeReply).join(', ')}`
    return {
      pass,
      message: () =>
        pass
          ? `expected the message not to reply as ${wanted}, but ${found}`
          : `expected the message to reply as ${wanted}, but ${found}${quoteNote(body, (node) => node.type === 'reply' && matches(node))}`,
    }
  },

  toHavePlainText(this: MatcherState, value: unknown, text: string, options?: PlainTextOptions): Result {
    const body = received(this, value, 'toHavePlainText')
    if (typeof body !== 'string') return body
    const actual = toPlainText(body, options)
    const pass = actual === text
    return {
      pass,
      actual,
      expected: text,
      message: () =>
        pass
          ? `expected the plain text not to be ${JSON.stringify(text)}`
          : `expected the plain text to be ${JSON.stringify(text)}, but it is ${JSON.stringify(actual)}`,
    }
  },
}

expect.extend(chatworkMatchers)
