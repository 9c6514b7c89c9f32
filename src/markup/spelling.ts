import { readTagParts, type Block } from './grammar-actions.ts'
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
 * What to print for a tag, a block opener or a quote header that was parsed
 * from `spelling`, read as a node of `type` (a quote's header as `qtmeta`:
 * the quote has its fields): the spelling itself while it says the node's
 * type and fields, else the spelling with the changed fields
 * rewritten, or undefined when neither says the node (the caller prints the
 * canonical form). Only what the spelling itself can say is compared: a
 * quote's header and a code block's content are not part of their opener.
 *
 * @example
 * spell({ type: 'to', accountId: 5 }, '[TO:1]') // '[TO:5]'
 * spell({ type: 'reply', accountId: 1, roomId: 2, messageId: '3' }, '[rp to=2-3 aid=1 x=y]') // '[rp to=2-3 aid=1 x=y]'
 * spell({ type: 'quote', accountId: 2, children: [] }, '[qtmeta aid=1]', 'qtmeta') // '[qtmeta aid=2]'
 */
export function spell(node: { type: string }, spelling: string | undefined, type: string = node.type): string | undefined {
  if (spelling === undefined) return undefined
  if (type === 'deleted') return spelling.length === 9 && spelling.toLowerCase() === '[deleted]' ? spelling : undefined
  const fields = node as Fields
  const match = TAG.exec(spelling)
  if (match === null) return undefined
  const read = readTagParts(match[1], match[2] ?? null, match[3], spelling)
  if (read === undefined || read.type !== type) return undefined
  if (saysFields(type, fields, read as unknown as Fields)) return spelling
  const respelled = respell(type, fields, read as unknown as Fields, match[1], match[2], match[3])
  if (respelled === undefined) return undefined
  const again = readTag(respelled)
  return again !== undefined && again.type === type && saysFields(type, fields, again as unknown as Fields) ? respelled : undefined
}

/** The names of each type's semantic fields. */
const FIELD_NAMES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(FIELDS).map(([type, fields]) => [type, fields.map((field) => (field.endsWith('?') ? field.slice(0, -1) : field))]),
)

/** Whether a spelling read as `read` says the fields of `node` that an opener or tag can say. */
function saysFields(type: string, node: Fields, read: Fields): boolean {
  // a quote's fields are in its header, a code block's content after its opener
  if (type === 'quote' || type === 'code') return true
  for (const name of FIELD_NAMES[type] ?? []) {
    const a = node[name]
    const b = read[name]
    if (Array.isArray(a) && Array.isArray(b) ? a.length !== b.length || a.some((x, i) => x !== b[i]) : a !== b) return false
  }
  return true
}

/** The spelling with the fields that differ from what it says written in, or undefined when it has no place for them. */
function respell(type: string, node: Fields, read: Fields, name: string, value: string | undefined, rest: string): string | undefined {
  const colon = COLON_FIELDS[type]
  if (colon !== undefined) return value === undefined || node[colon] === undefined ? undefined : `[${name}:${String(node[colon])}${rest}]`
  const attributes = ATTRIBUTE_FIELDS[type]
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
