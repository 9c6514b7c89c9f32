/**
 * Neutralising caller text so that it can never form a tag.
 *
 * Chatwork has no escape syntax. A tag needs its name, or the `/` of a closer,
 * right after `[`, so inserting an invisible ZERO WIDTH SPACE (U+200B) there
 * leaves the text looking the same while no tag can form. It is inserted only
 * where a tag could start:
 * - after `[` followed by a letter or `/` (`[toall]`, `[/info]`); letters of
 *   any script, so that editor-only forms such as `[返信 aid=…]` stay text
 *   even for tools (or lint fixes) that turn them into real tags;
 * - after `[` followed by spaces and a Latin letter (`[ To:1]`): Chatwork
 *   shows it as text, but the linter reports it as a mistyped tag, and the
 *   builder's text must never look like one;
 * - after a `[` that ends the string, or that only spaces follow, because
 *   the next piece may complete it (`[ ` then `To:1]`);
 * - after `[` followed by U+200B already, so that the change stays reversible.
 *
 * `unescapeText` removes one U+200B after every `[`, so
 * `unescapeText(escapeText(s)) === s` for every string.
 *
 * Code is opaque, so inside it only the tags that end blocks early need the
 * mark: `[/code]`, and the openers and closers of the blocks around it, which
 * Chatwork counts even inside code when it pairs an enclosing block
 * (`[info][code][/info][/code][/info]` ends the info inside the code).
 * Mentions (`[toall]`, `[To:1]`, `[rp …]`) get the mark too: whether
 * Chatwork notifies for them inside code is not known (spec §8), and a log
 * line holding `[toall]` must notify nobody.
 */

/** The invisible character inserted after `[` (U+200B ZERO WIDTH SPACE). */
export const ESCAPE_MARK = '\u200B'

/** What follows `[` in a tag that can end a code block or the block around it. */
const BLOCK_TAG = String.raw`\/(?:code|qt|info|title|task|download)\]|(?:qt|info|title|task|download)[\]\s:]`

/** What follows `[` in a mention, which code must not hold either. */
const MENTION = String.raw`to(?:all[\]\s]|:)|rp\s`

/** What follows a `[` that a mark must go after, besides the `[` itself ending the text. */
const NEAR_TAG = String.raw`[\p{L}/]|[ \t\u3000]+[A-Za-z]`

/** A `[` that ends the text, with nothing but spaces after it: the next piece may complete a tag. */
const AT_END = String.raw`[ \t\u3000]*$`

const NEEDS_MARK = new RegExp(String.raw`\[(?=${NEAR_TAG}|\u200B|${AT_END})`, 'gu')
const MARKED = /\[\u200B/g
const CODE_NEEDS_MARK = new RegExp(String.raw`\[(?=${BLOCK_TAG}|${MENTION}|\u200B)`, 'gi')
const TAG_START = new RegExp(String.raw`\[(?=${NEAR_TAG}|${AT_END})`, 'gu')
const CODE_TAG_START = new RegExp(String.raw`\[(?=${BLOCK_TAG}|${MENTION})`, 'gi')

/**
 * Makes text safe to place in a message: nothing in it can become a tag or
 * close an enclosing block. Invisible to readers; reversed by {@link unescapeText}.
 *
 * @example
 * escapeText('[toall] hi') // '[\u200Btoall] hi'
 */
export function escapeText(text: string): string {
  // most text has no bracket: skip the regular expression
  return text.includes('[') ? text.replace(NEEDS_MARK, '[' + ESCAPE_MARK) : text
}

/**
 * Undoes {@link escapeText} and {@link escapeCode}: removes one U+200B after every `[`.
 *
 * @example
 * unescapeText(escapeText('[To:1]')) // '[To:1]'
 */
export function unescapeText(text: string): string {
  return text.includes('[') ? text.replace(MARKED, '[') : text
}

/**
 * Makes text safe as the content of `[code]…[/code]`, wherever the block is:
 * only `[/code]`, the openers and closers of blocks (`[info]`, `[/qt]`, any
 * case) and mentions (`[toall]`, `[To:1]`, `[rp …]`) are neutralised, so
 * everything else stays verbatim.
 * Reversed by {@link unescapeText}.
 *
 * @example
 * escapeCode('a[/code]b') // 'a[\u200B/code]b'
 */
export function escapeCode(text: string): string {
  return text.includes('[') ? text.replace(CODE_NEEDS_MARK, '[' + ESCAPE_MARK) : text
}

/**
 * Marks every `[` of markup text where a tag could start and no mark is yet,
 * including a `[` that ends the text, as {@link escapeText} does.
 * For text that is already markup (parsed or hand-made text nodes) and is
 * moved into new surroundings: idempotent, and a no-op on escaped text.
 * Unlike {@link escapeText} it is not reversible for text that already held
 * a U+200B after `[`, which is why caller strings go through `escapeText`.
 */
export function guardText(text: string): string {
  return text.includes('[') ? text.replace(TAG_START, '[' + ESCAPE_MARK) : text
}

/** {@link guardText} for the content of a code block: the idempotent form of {@link escapeCode}. */
export function guardCode(text: string): string {
  return text.includes('[') ? text.replace(CODE_TAG_START, '[' + ESCAPE_MARK) : text
}
