/** Generated avatars: an account's initials on a colour of its id, as SVG (no external images). */
import { escapeHtml } from './page.ts'

const COLOURS = ['#1d6fa5', '#2e7d32', '#8e24aa', '#c62828', '#ef6c00', '#00838f', '#5d4037', '#3949ab', '#ad1457', '#558b2f']

/** Up to two initials of a name: the first letters of its first two words, or its first character. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0]!, words[1]!].map((word) => [...word][0]!) : [...(words[0] ?? '?')].slice(0, 1)
  return letters.join('').toUpperCase()
}

/**
 * An SVG avatar of an account.
 *
 * @example
 * avatarSvg(1002, 'Taro Yamada') // '<svg …>…TY…</svg>'
 */
export function avatarSvg(accountId: number, name: string): string {
  const colour = COLOURS[accountId % COLOURS.length]!
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">' +
    `<rect width="64" height="64" rx="12" fill="${colour}"/>` +
    `<text x="32" y="41" font-family="sans-serif" font-size="26" font-weight="600" text-anchor="middle" fill="#fff">${escapeHtml(initialsOf(name))}</text>` +
    '</svg>'
  )
}
