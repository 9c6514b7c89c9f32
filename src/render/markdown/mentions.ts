import type { To, ToAll } from '../../markup/index.ts'
import type { Item } from '../../markup/canonical.ts'

/**
 * Which `@handles` of the Markdown mention whom: an account id makes `[To:id]`,
 * `'toall'` makes `[toall]`. Handles match exactly (case included) and only
 * as whole words: not inside `taro@example.com` or `@taroko`.
 *
 * @example
 * fromMarkdown('@taro please review', { mentions: { '@taro': 1002, '@all': 'toall' } })
 */
export type MarkdownMentions = Readonly<Record<string, number | 'toall'>>

/** Finds the handles of a {@link MarkdownMentions} in text and makes their tags. */
export interface MentionMatcher {
  /** `value` as items: its text, with a `[To:]` (and the handle's name) or `[toall]` where a handle stands. */
  apply(value: string, into: Item[]): void
}

/** What may not stand right before a handle (a word, an e-mail address) or right after it (more of a word). */
const BEFORE = String.raw`(?<![\p{L}\p{N}\p{M}_.@+\-])`
const AFTER = String.raw`(?![\p{L}\p{N}\p{M}_\-])`

/**
 * The matcher of the `mentions` option, checked: handles are strings that
 * start with `@` and have more after it, targets positive safe integers or
 * `'toall'`; anything else throws a TypeError naming the handle.
 *
 * @example
 * mentionMatcher({ '@taro': 1002 })
 */
export function mentionMatcher(mentions: unknown): MentionMatcher | undefined {
  if (mentions === undefined) return undefined
  if (typeof mentions !== 'object' || mentions === null || Array.isArray(mentions)) {
    throw new TypeError("fromMarkdown(): mentions must be an object of '@handle' to an account id or 'toall'")
  }
  const targets = new Map<string, To | ToAll>()
  for (const [handle, target] of Object.entries(mentions)) {
    if (!handle.startsWith('@') || handle.length < 2 || /\s/.test(handle)) throw new TypeError(`fromMarkdown(): mentions: ${JSON.stringify(handle)} is not an @handle`)
    if (target === 'toall') targets.set(handle, { type: 'toall' })
    else if (typeof target === 'number' && Number.isSafeInteger(target) && target > 0) targets.set(handle, { type: 'to', accountId: target })
    else throw new TypeError(`fromMarkdown(): mentions: ${handle} must map to a positive safe integer account id or 'toall', got ${JSON.stringify(target)}`)
  }
  if (targets.size === 0) return undefined
  // longest first, so that '@taro' does not take the start of '@taro.y'
  const alternatives = [...targets.keys()].sort((a, b) => b.length - a.length).map((handle) => handle.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
  const pattern = new RegExp(`${BEFORE}(?:${alternatives.join('|')})${AFTER}`, 'gu')
  return {
    apply(value, into) {
      if (!value.includes('@')) {
        into.push(value)
        return
      }
      let done = 0
      for (const match of value.matchAll(pattern)) {
        if (match.index > done) into.push(value.slice(done, match.index))
        const tag = targets.get(match[0])!
        into.push(tag)
        // Chatwork's convention: the name follows the To as text, so the message still reads as written
        if (tag.type === 'to') into.push(match[0].slice(1))
        done = match.index + match[0].length
      }
      if (done < value.length) into.push(value.slice(done))
    },
  }
}
