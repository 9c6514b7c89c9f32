/**
 * Reading a tag that text holds, as the grammar would read it there: what the
 * printer checks in every piece of text it prints that holds a `[`.
 */
import { BLOCK_NAMES, readTagParts, SHAPES } from './grammar-actions.ts'

// What a tag found in text is: neither, a tag wherever it stands, or an
// opener or closer, which is one only where it pairs.
export const NOT_A_TAG = 0
export const INLINE_TAG = 1
export const BLOCK_TAG = 2

/** A tag of `kind` that ends at `end` (exclusive), as {@link tagAt} answers: one number, no object per reading. */
const read = (kind: number, end: number): number => end * 4 + kind

/** Lower-case names, by length, for reading a name in text without slicing it. */
function byLength(names: Iterable<string>): readonly (readonly string[])[] {
  const table: string[][] = []
  for (const name of names) (table[name.length] ??= []).push(name)
  return table
}

const TAG_NAMES = byLength(Object.keys(SHAPES))
const BLOCK_NAMES_BY_LENGTH = byLength(BLOCK_NAMES)

/** The name of `names` (lower case) that `text` spells, in any case, from `start` to `end`; else undefined. */
function knownName(text: string, start: number, end: number, names: readonly (readonly string[])[]): string | undefined {
  const candidates = names[end - start]
  if (candidates === undefined) return undefined
  for (const name of candidates) if (spellsName(text, start, name)) return name
  return undefined
}

function spellsName(text: string, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((text.charCodeAt(start + k) | 32) !== name.charCodeAt(k)) return false
  return true
}

/**
 * What the `[` at `i` of `text` starts, as the grammar's Opener and Closer
 * rules read it (`[`, an optional `/`, a name, a colon value, the rest up to
 * `]`, with no `[` inside): its kind (`% 4`: {@link NOT_A_TAG},
 * {@link INLINE_TAG} or {@link BLOCK_TAG}) and where it ends (`>>> 2`). A
 * character loop, without allocation but for the full reading of a known
 * name with a value or attributes: text is checked each time it prints.
 *
 * @example
 * const found = tagAt('a [info] b', 2)
 * found % 4 // BLOCK_TAG
 * found >>> 2 // 8
 */
export function tagAt(text: string, i: number): number {
  const closer = text.charCodeAt(i + 1) === 47
  const nameStart = closer ? i + 2 : i + 1
  let j = nameEnd(text, nameStart)
  if (j === nameStart) return NOT_A_TAG
  if (closer) {
    if (text.charCodeAt(j) !== 93) return NOT_A_TAG
    return knownName(text, nameStart, j, BLOCK_NAMES_BY_LENGTH) === undefined ? NOT_A_TAG : read(BLOCK_TAG, j + 1)
  }
  const name = knownName(text, nameStart, j, TAG_NAMES)
  if (name === undefined) return NOT_A_TAG
  const nameStop = j
  let valueEnd = -1
  if (text.charCodeAt(j) === 58) {
    let k = j + 1
    while (isWordCharacter(text.charCodeAt(k))) k++
    if (k > j + 1) valueEnd = j = k
  }
  const restStart = j
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 93) break
    if (c === 91) return NOT_A_TAG
  }
  if (j === text.length) return NOT_A_TAG
  if (valueEnd === -1 && restStart === j) return SHAPES[name].bare ? read(BLOCK_NAMES.has(name) ? BLOCK_TAG : INLINE_TAG, j + 1) : NOT_A_TAG
  const value = valueEnd === -1 ? null : text.slice(nameStop + 1, valueEnd)
  const node = readTagParts(name, value, text.slice(restStart, j), text.slice(i, j + 1))
  if (node === undefined) return NOT_A_TAG
  return read('children' in node || node.type === 'code' ? BLOCK_TAG : INLINE_TAG, j + 1)
}

/**
 * Where the run of ASCII letters that starts at `start` of `text` ends: a tag name's end.
 *
 * @example
 * nameEnd('[INFO a=b]', 1) // 5
 */
export function nameEnd(text: string, start: number): number {
  let end = start
  while (isLetter(text.charCodeAt(end))) end++
  return end
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122
}

/** A character of `[A-Za-z0-9_]`, which a colon value is made of. */
function isWordCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c) || c === 95
}
