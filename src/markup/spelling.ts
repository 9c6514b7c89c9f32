import { readTagParts, type Block } from './grammar-actions.ts'
import { openMarkup, type Tag } from './canonical-markup.ts'
import { FIELDS } from './node-fields.ts'
import type { Content } from './nodes.ts'

/**
 * Reading a parsed node's spelling back, so that the printer prints what the
 * node says: the spelling as written while it still says the node's fields,
 * else the spelling with the changed fields written in (name case, attribute
 * order and extra attributes kept), else nothing (the printer falls back to
 * the canonical form).
 */

/** One whole tag, as the grammar's Opener rule reads it. */
const TAG = /^\[([A-Za-z]+)(?::([A-Za-z0-9_]+))?([^[\]]*)\]$/

/**
 * The node that `spelling` stands for when it is one whole tag or block
 * opener, else undefined.
 *
 * @example
 * readTag('[rp to=2-3 aid=1]') // { type: 'reply', accountId: 1, roomId: 2, messageId: '3', source: '[rp to=2-3 aid=1]' }
 */
export function readTag(spelling: string): Content | Block | undefined {
  const match = TAG.exec(spelling)
  return match === null ? undefined : readTagParts(match[1], match[2] ?? null, match[3], spelling)
}

/**
 * The tag name as written at the start of an opener or a tag (`INFO` of `[INFO a=b]`).
 *
 * @example
 * spelledName('[INFO a=b]') // 'INFO'
 */
export function spelledName(spelling: string): string {
  let end = 1
  for (let c = spelling.charCodeAt(1) | 32; c >= 97 && c <= 122; c = spelling.charCodeAt(++end) | 32);
  return spelling.slice(1, end)
}

/** The field that the value of a colon-form tag holds. */
const COLON_FIELDS: Readonly<Record<string, string>> = {
  to: 'accountId',
  picon: 'accountId',
  pname: 'accountId',
  piconname: 'accountId',
  date: 'time',
  dtext: 'key',
  download: 'fileId',
}

type Fields = Record<string, unknown>

/** The attributes that an attribute-form tag's fields are written in: key, and the value a node says (undefined: absent). */
const ATTRIBUTE_FIELDS: Readonly<Record<string, readonly (readonly [key: string, value: (node: Fields) => string | undefined])[]>> = {
  reply: [
    ['aid', (node) => text(node.accountId)],
    ['to', (node) => `${text(node.roomId)}-${text(node.messageId)}`],
  ],
  qtmeta: [
    ['aid', (node) => text(node.accountId)],
    ['time', (node) => text(node.time)],
  ],
  preview: [
    ['id', (node) => text(node.fileId)],
    ['ht', (node) => text(node.height)],
  ],
  live: [
    ['id', (node) => text(node.id)],
    ['rid', (node) => text(node.roomId)],
  ],
  task: [
    ['aid', (node) => (Array.isArray(node.accountIds) ? node.accountIds.join(',') : undefined)],
    ['st', (node) => text(node.status)],
    ['lt', (node) => text(node.limitTime)],
    ['ltype', (node) => text(node.limitType)],
  ],
}

function text(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value)
}

/** Whitespace between attributes, kept by the split. */
const SEPARATOR = /([ \t\r\n]+)/

/**
 * What to print for a tag, a block opener or a quote header (as a `qtmeta`
 * node) that was parsed from `spelling`: the spelling itself while it says
 * the node's type and fields, else the spelling with the changed fields
 * rewritten, or undefined when neither says the node (the caller prints the
 * canonical form). Only what the spelling itself can say is compared: a
 * quote's header and a code block's content are not part of their opener.
 *
 * @example
 * spell({ type: 'to', accountId: 5 }, '[TO:1]') // '[TO:5]'
 * spell({ type: 'reply', accountId: 1, roomId: 2, messageId: '3' }, '[rp to=2-3 aid=1 x=y]') // '[rp to=2-3 aid=1 x=y]'
 */
export function spell(node: { type: string }, spelling: string | undefined): string | undefined {
  if (spelling === undefined) return undefined
  if (node.type === 'deleted') return spelling.length === 9 && spelling.toLowerCase() === '[deleted]' ? spelling : undefined
  if (saysAtAGlance(node as Fields, spelling)) return spelling
  const match = TAG.exec(spelling)
  if (match === null) return undefined
  const read = readTagParts(match[1], match[2] ?? null, match[3], spelling)
  if (read === undefined || read.type !== node.type) return undefined
  if (saysFields(node as Fields, read as unknown as Fields)) return spelling
  const respelled = respell(node as Fields, read as unknown as Fields, match[1], match[2], match[3])
  if (respelled === undefined) return undefined
  const again = readTag(respelled)
  return again !== undefined && again.type === node.type && saysFields(node as Fields, again as unknown as Fields) ? respelled : undefined
}

/** The names of each type's semantic fields. */
const FIELD_NAMES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(FIELDS).map(([type, fields]) => [type, fields.map((field) => (field.endsWith('?') ? field.slice(0, -1) : field))]),
)

/**
 * Whether `spelling` is, at a glance, a common spelling of `node`: a bare
 * `[name]` in any case, `[name:value rest]` whose value is the node's, or
 * the canonical form. Without regular expressions or allocation where it
 * can, because every parsed tag is checked each time it is printed; false
 * means only that the full reading must tell.
 */
function saysAtAGlance(node: Fields, spelling: string): boolean {
  const end = spelling.length - 1
  if (end < 2 || spelling.charCodeAt(0) !== 91 || spelling.charCodeAt(end) !== 93) return false
  const type = node.type as string
  switch (type) {
    case 'toall':
    case 'hr':
    case 'info':
    case 'title':
    case 'code':
      return end === type.length + 1 && isName(spelling, type)
    case 'quote':
      return end === 3 && isName(spelling, 'qt')
    case 'to':
    case 'picon':
    case 'pname':
    case 'piconname':
    case 'date':
    case 'dtext':
    case 'download':
      return saysColonForm(node, type, spelling, end)
    case 'reply': {
      let i = number(spelling, after(spelling, 0, '[rp aid='), node.accountId)
      i = number(spelling, after(spelling, i, ' to='), node.roomId)
      // `to=R:M` is read as `to=R-M`, so it says the same node
      if (i !== -1 && (spelling.charCodeAt(i) === 45 || spelling.charCodeAt(i) === 58)) i = after(spelling, i + 1, node.messageId)
      else return false
      return i === end
    }
    case 'qtmeta':
      return optionalNumber(spelling, number(spelling, after(spelling, 0, '[qtmeta aid='), node.accountId), ' time=', node.time) === end
    case 'preview':
      return optionalNumber(spelling, number(spelling, after(spelling, 0, '[preview id='), node.fileId), ' ht=', node.height) === end
    case 'live':
      return number(spelling, after(spelling, number(spelling, after(spelling, 0, '[live id='), node.id), ' rid='), node.roomId) === end
    default:
      return spelling === openMarkup(node as unknown as Tag)
  }
}

/** The index after `text` at `i` in `spelling`, or -1 (also when `i` is -1). */
function after(spelling: string, i: number, text: unknown): number {
  return i !== -1 && typeof text === 'string' && spelling.startsWith(text, i) ? i + text.length : -1
}

/** The index after the decimal digits of `value` at `i` in `spelling`, or -1. */
function number(spelling: string, i: number, value: unknown): number {
  if (i === -1 || typeof value !== 'number') return -1
  const start = i
  let read = 0
  for (let c = spelling.charCodeAt(i); c >= 48 && c <= 57; c = spelling.charCodeAt(++i)) read = read * 10 + c - 48
  // a leading zero is not canonical; longer ids may not be exact in a double
  return i === start || i - start > 15 || read !== value || (spelling.charCodeAt(start) === 48 && i - start > 1) ? -1 : i
}

/** {@link number} after `key`, when `value` is defined; else `i`. */
function optionalNumber(spelling: string, i: number, key: string, value: unknown): number {
  return value === undefined ? i : number(spelling, after(spelling, i, key), value)
}

/** {@link saysAtAGlance} for the colon form `[name:value rest]`. */
function saysColonForm(node: Fields, type: string, spelling: string, end: number): boolean {
  if (spelling.charCodeAt(type.length + 1) !== 58 || !isName(spelling, type)) return false
  let i = type.length + 2
  if (type === 'dtext') {
    if (typeof node.key !== 'string' || node.key === '' || !spelling.startsWith(node.key, i)) return false
    i += node.key.length
  } else {
    const start = i
    let value = 0
    for (let c = spelling.charCodeAt(i); c >= 48 && c <= 57; c = spelling.charCodeAt(++i)) value = value * 10 + c - 48
    // longer ids may not be exact in a double: the full reading tells
    if (i === start || i - start > 15 || value !== (type === 'date' ? node.time : type === 'download' ? node.fileId : node.accountId)) return false
  }
  if (i < end && isWordCharacter(spelling.charCodeAt(i))) return false
  if (type === 'download') return i === end
  for (; i < end; i++) {
    const c = spelling.charCodeAt(i)
    if (c === 91 || c === 93) return false
  }
  return true
}

/** Whether `name` (lower-case letters) follows the `[` of `spelling`, in any case. */
function isName(spelling: string, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((spelling.charCodeAt(k + 1) | 32) !== name.charCodeAt(k)) return false
  return true
}

function isWordCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95
}

/** Whether a spelling read as `read` says the fields of `node` that an opener or tag can say. */
function saysFields(node: Fields, read: Fields): boolean {
  // a quote's fields are in its header, a code block's content after its opener
  if (node.type === 'quote' || node.type === 'code') return true
  for (const name of FIELD_NAMES[node.type as string] ?? []) {
    const a = node[name]
    const b = read[name]
    if (Array.isArray(a) && Array.isArray(b) ? a.length !== b.length || a.some((x, i) => x !== b[i]) : a !== b) return false
  }
  return true
}

/** The spelling with the fields that differ from what it says written in, or undefined when it has no place for them. */
function respell(node: Fields, read: Fields, name: string, value: string | undefined, rest: string): string | undefined {
  const colon = COLON_FIELDS[node.type as string]
  if (colon !== undefined) return value === undefined || node[colon] === undefined ? undefined : `[${name}:${String(node[colon])}${rest}]`
  const attributes = ATTRIBUTE_FIELDS[node.type as string]
  if (attributes === undefined || rest === '') return undefined
  // items at even indices, the whitespace before each at the odd index before it
  const parts = rest.split(SEPARATOR)
  for (const [key, say] of attributes) {
    const wanted = say(node)
    if (wanted === say(read)) continue
    let found = false
    for (let i = 2; i < parts.length; i += 2) {
      if (!isKey(parts[i], key)) continue
      if (wanted === undefined) {
        // the first of each key wins, so every one goes
        parts[i] = parts[i - 1] = ''
      } else if (!found) {
        parts[i] = `${key}=${wanted}`
      }
      found = true
    }
    if (!found && wanted !== undefined) {
      let last = parts.length - 1
      while (last > 0 && parts[last] === '') last -= 2
      parts.splice(last + 1, 0, ' ', `${key}=${wanted}`)
    }
  }
  return `[${name}${parts.join('')}]`
}

function isKey(item: string, key: string): boolean {
  return item.length > key.length && item.charCodeAt(key.length) === 61 && item.startsWith(key)
}
