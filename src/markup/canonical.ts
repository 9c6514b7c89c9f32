import { escapeText, guardCode, guardText } from './escape.ts'
import type { Content, Download, Emoticon, Info, Link, Node, Parent, Quote, Root, Task, Text, Title } from './nodes.ts'
import { closeMarkup, openMarkup, type Tag } from './canonical-markup.ts'
import { FIELDS } from './node-fields.ts'
import { segmentText } from './segment.ts'
import { checkId, checkMessageId, checkString, checkTime, describe } from './validate.ts'

/** Where a builder keeps its parts; {@link canonical} inserts them in place. */
export const PARTS: unique symbol = Symbol('chatwork-kit.parts')

/** Anything whose parts can be inserted: a message builder. */
export interface Composable {
  readonly [PARTS]: readonly Item[]
}

/** The children of a {@link Draft}. */
interface DraftChildren {
  children: readonly Item[]
}

/** A block whose children may still be strings, builders or non-canonical nodes. */
export type Draft = (Omit<Root, 'children'> | Omit<Quote, 'children'> | Omit<Info, 'children'> | Omit<Title, 'children'> | Omit<Download, 'children'> | Omit<Task, 'children'>) &
  DraftChildren

/**
 * What message content is made of: strings (caller text, escaped when
 * printed), nodes, drafts and builders. A root is a fragment: its children
 * are inserted in its place.
 */
export type Item = string | Node | Draft | Composable

/** Content in canonical form: its nodes, and their markup as the printer writes them. */
export interface Canonical {
  nodes: Content[]
  markup: string
}

/** A level of {@link compose}'s walk: the items still to take (last first) and where their copies go. */
interface Level {
  pending: Item[]
  into: Content[]
  /** What the printer writes after the level's nodes: the closer of the block that holds them. */
  close: string
  /** The quote being filled, which takes a leading `[qtmeta]` as its header, as the parser does. */
  quote: Quote | undefined
}

/**
 * Makes the canonical form of message content, the one the factories and the
 * builder return and print:
 * - caller strings are escaped ({@link escapeText}); the text of nodes,
 *   which is markup already, gets the idempotent {@link guardText}; both
 *   mark a `[` that ends a piece, so pieces joined cannot form a tag either;
 * - adjacent text is merged, and with `segment` split into text, link and
 *   emoticon nodes as the parser splits it;
 * - a quote or code followed by text that starts with a line feed gets
 *   `lineFeed: true`, so the printed markup repeats the line feed that
 *   Chatwork swallows after `[/qt]` and `[/code]`, and the one written shows;
 * - nodes are copied without `position` and source spellings, so they print
 *   as canonical markup, and their ids are checked; a `deleted` node, a tag
 *   only as a whole body, becomes the text `[deleted]`.
 *
 * @example
 * canonical(['a ', { type: 'to', accountId: 1 }], true) // [{ type: 'text', value: 'a ' }, { type: 'to', accountId: 1 }]
 */
export function canonical(items: readonly Item[], segment: boolean, context = 'message content'): Content[] {
  return compose(items, segment, context).nodes
}

/**
 * {@link canonical}, with the markup of the nodes made in the same walk, so
 * that the builder need not print them again.
 *
 * Iterative, in document order: content nested arbitrarily deep cannot
 * overflow the stack.
 *
 * @example
 * compose([{ type: 'info', children: ['[toall]'] }], false).markup // '[info][\u200Btoall][/info]'
 */
export function compose(items: readonly Item[], segment: boolean, context = 'message content'): Canonical {
  const nodes: Content[] = []
  const parents: Level[] = []
  let level: Level = { pending: reversed(items), into: nodes, close: '', quote: undefined }
  let markup = ''
  // text ready to print, and text of nodes still to be guarded: adjacent
  // nodes are guarded together, so a mark goes only where the joined text
  // needs one; escaped and guarded pieces both mark a `[` that ends them, so
  // they cannot form a tag when joined and the marks stay reversible
  let run = ''
  let raw = ''
  for (;;) {
    const pending = level.pending
    if (pending.length === 0) {
      if (run !== '' || raw !== '') markup += flush(run + guardText(raw), level.into, segment)
      run = raw = ''
      markup += level.close
      if (level.quote !== undefined) foldQuoteMeta(level.quote)
      const parent = parents.pop()
      if (parent === undefined) return { nodes, markup }
      level = parent
      continue
    }
    const item = pending.pop()!
    if (typeof item === 'string') {
      run += guardText(raw) + escapeText(item)
      raw = ''
      continue
    }
    if (typeof item !== 'object' || item === null) throw new TypeError(`${context}: expected a string, a node or a builder, got ${describe(item)}`)
    if (PARTS in item) {
      const parts = item[PARTS]
      for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i])
      continue
    }
    switch (item.type) {
      case 'text':
        raw += checkString(item.value, `${context}: text value`)
        continue
      case 'link':
        raw += checkString(item.url, `${context}: link url`)
        continue
      case 'emoticon':
        raw += checkString(item.code, `${context}: emoticon code`)
        continue
      case 'root':
        for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i])
        continue
      case 'deleted':
        // a tag only as a whole body, which content placed among other content is not: text, as Chatwork shows it
        raw += '[deleted]'
        continue
    }
    if (run !== '' || raw !== '') markup += flush(run + guardText(raw), level.into, segment)
    run = raw = ''
    const node = copy(item, context)
    level.into.push(node)
    markup += openMarkup(node)
    if ('children' in item) {
      if (!Array.isArray(item.children)) throw new TypeError(`${context}: ${item.type} children must be an array`)
      parents.push(level)
      level = { pending: reversed(item.children), into: (node as Parent).children, close: closeMarkup(node), quote: node.type === 'quote' ? node : undefined }
    } else {
      markup += closeMarkup(node)
    }
  }
}

/**
 * Takes a leading `[qtmeta]` child into a bare quote as its header, as the
 * parser does (it prints the same).
 */
function foldQuoteMeta(quote: Quote): void {
  const first = quote.children[0]
  if (quote.accountId === undefined && first?.type === 'qtmeta') {
    quote.accountId = first.accountId
    if (first.time !== undefined) quote.time = first.time
    quote.children = quote.children.slice(1)
  }
}

/**
 * Adds one run of text after the nodes so far and returns its markup, with
 * the line feed that a quote or code before it now prints after its closer.
 */
function flush(text: string, into: Content[], segment: boolean): string {
  const previous = into[into.length - 1]
  let markup = text
  if (text.charCodeAt(0) === 10 && (previous?.type === 'quote' || previous?.type === 'code')) {
    previous.lineFeed = true
    markup = '\n' + text
  }
  if (!segment) into.push({ type: 'text', value: text })
  else for (const node of segmentText(text)) into.push(node)
  return markup
}

/** A copy of `items`, last first, so that `pop()` takes them in order. */
function reversed(items: readonly Item[]): Item[] {
  const out: Item[] = []
  for (let i = items.length - 1; i >= 0; i--) out.push(items[i])
  return out
}

/** Checks a field of a copied node and returns its canonical value. */
type Check = (value: unknown, name: string) => unknown

const WORD = /^\w+$/

function checkWord(value: unknown, name: string): string {
  if (typeof value !== 'string' || !WORD.test(value)) throw new TypeError(`${name} must be a word, got ${describe(value)}`)
  return value
}

const CHECKS: Record<string, Check> = {
  accountId: checkId,
  roomId: checkId,
  fileId: checkId,
  id: checkId,
  height: checkId,
  messageId: checkMessageId,
  time: checkTime,
  key: checkWord,
  limitType: checkWord,
  value: (value, name) => guardCode(checkString(value, name)),
  accountIds: (value, name) => {
    if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${name} must be a non-empty array`)
    return value.map((id: unknown, i) => checkId(id, `${name}[${i}]`))
  },
  status: (value, name) => {
    if (value !== 'open' && value !== 'done') throw new TypeError(`${name} must be 'open' or 'done', got ${describe(value)}`)
    return value
  },
  limitTime: (value, name) => {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be a safe integer, got ${describe(value)}`)
    return value
  },
}

/**
 * A canonical copy of a node other than text: its printed fields only,
 * checked (so no `position` or source spelling), and empty children for a block.
 */
function copy(node: Exclude<Node | Draft, { type: 'text' | 'link' | 'emoticon' | 'root' | 'deleted' }>, context: string): Tag {
  const where = `${context}: ${String(node.type)}`
  const fields = Object.hasOwn(FIELDS, node.type) ? FIELDS[node.type] : undefined
  if (fields === undefined) throw new TypeError(`${where} is not a node type`)
  const source = node as unknown as Record<string, unknown>
  const made: Record<string, unknown> = { type: node.type }
  for (const field of fields) {
    const name = field.endsWith('?') ? field.slice(0, -1) : field
    if (source[name] !== undefined || name === field) made[name] = CHECKS[name](source[name], `${where}.${name}`)
  }
  // the printer writes a quote's time only in its header, which needs the account
  if (node.type === 'quote' && made.time !== undefined && made.accountId === undefined) throw new TypeError(`${where}.time is not printed without an accountId`)
  if ('children' in node) made.children = []
  return made as unknown as Tag
}

