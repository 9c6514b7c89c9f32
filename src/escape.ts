/**
 * Neutralising caller text so that it can never form a tag.
 *
 * Chatwork has no escape syntax. A tag needs its name, or the `/` of a closer,
 * right after `[`, so inserting an invisible ZERO WIDTH SPACE (U+200B) there
 * leaves the text looking the same while no tag can form. It is inserted only
 * where a tag could start:
 * - after `[` followed by an ASCII letter or `/` (`[toall]`, `[/info]`);
 * - after a `[` that ends the string, because the next piece may complete it;
 * - after `[` followed by U+200B already, so that the change stays reversible.
 *
 * `unescapeText` removes one U+200B after every `[`, so
 * `unescapeText(escapeText(s)) === s` for every string.
 */

/** The invisible character inserted after `[` (U+200B ZERO WIDTH SPACE). */
export const ESCAPE_MARK = '\u200B'

const NEEDS_MARK = /\[(?=[A-Za-z/\u200B]|$)/g
const MARKED = /\[\u200B/g
const CODE_NEEDS_MARK = /\[(?=\/code\]|\u200B)/gi

/**
 * Makes text safe to place in a message: nothing in it can become a tag or
 * close an enclosing block. Invisible to readers; reversed by {@link unescapeText}.
 *
 * @example
 * escapeText('[toall] hi') // '[\u200Btoall] hi'
 */
export function escapeText(text: string): string {
  return text.replace(NEEDS_MARK, '[' + ESCAPE_MARK)
}

/**
 * Undoes {@link escapeText}: removes one U+200B after every `[`.
 *
 * @example
 * unescapeText(escapeText('[To:1]')) // '[To:1]'
 */
export function unescapeText(text: string): string {
  return text.replace(MARKED, '[')
}

/**
 * Makes text safe as the content of `[code]…[/code]`: only a closer could end
 * the block early, so only `[/code]` (any case) is neutralised.
 * Reversed by {@link unescapeText}.
 *
 * @example
 * escapeCode('a[/code]b') // 'a[\u200B/code]b'
 */
export function escapeCode(text: string): string {
  return text.replace(CODE_NEEDS_MARK, '[' + ESCAPE_MARK)
}
