import { escapeText, guardCode, guardText } from './escape.ts'
import type { Content, Download, Info, Node, Parent, Quote, Root, Task, Title } from './nodes.ts'
import { segmentText } from './segment.ts'
import { checkId, checkMessageId, checkString, checkTime, describe } from './validate.ts'

/** Where a builder keeps its parts; {@link canonical} inserts them in place. */
export const PARTS: unique symbol = Symbol('chatwork-kit.parts')

/** Anything whose parts can be inserted: a message builder. */
export interface Composable {
  readonly [PARTS]: readonly Content[]
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

interface Job {
  items: readonly Item[]
  into: Content[]
  /** The quote being filled, which takes a leading `[qtmeta]` as its header, as the parser does. */
  quote?: Quote
}

const SPELLING_WORD = /^\w+$/

/**
 * Makes the canonical form of message content, the one the factories and the
 * builder return and print:
 * - caller strings are escaped ({@link escapeText}); the text of nodes,
 *   which is markup already, gets the idempotent {@link guardText}, so text
 *   joined from several pieces cannot form a tag either;
 * - adjacent text is merged, and with `segment` split into text, link and
 *   emoticon nodes as the parser splits it;
 * - a quote or code followed by text that starts with a line feed gets
 *   `lineFeed: true`, so the printed markup repeats the line feed that
 *   Chatwork swallows after `[/qt]` and `[/code]`, and the one written shows;
 * - nodes are copied without `position` and source spellings, so they print
 *   as canonical markup, and their ids are checked.
 *
 * Iterative: content nested arbitrarily deep cannot overflow the stack.
 */
export function canonical(items: readonly Item[], segment: boolean, context = 'message content'): Content[] {
  const out: Content[] = []
  const jobs: Job[] = [{ items, into: out }]
  for (let job = jobs.pop(); job !== undefined; job = jobs.pop()) fill(job, jobs, segment, context)
  return out
}

function fill(job: Job, jobs: Job[], segment: boolean, context: string): void {
  const { items, into, quote } = job
  const pending: Item[] = []
  for (let i = items.length - 1; i >= 0; i--) pending.push(items[i])
  let run = ''
  // whether the run holds text of nodes, which escapeText has not seen
  let foreign = false
  while (pending.length > 0) {
    const item = pending.pop()!
    if (typeof item === 'string') {
      run += escapeText(item)
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
        run += checkString(item.value, `${context}: text value`)
        foreign = true
        continue
      case 'link':
        run += checkString(item.url, `${context}: link url`)
        foreign = true
        continue
      case 'emoticon':
        run += checkString(item.code, `${context}: emoticon code`)
        foreign = true
        continue
      case 'root':
        for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i])
        continue
    }
    if (run !== '') {
      flush(foreign ? guardText(run) : run, into, segment)
      run = ''
      foreign = false
    }
    const node = copy(item, context)
    into.push(node)
    if ('children' in item) {
      if (!Array.isArray(item.children)) throw new TypeError(`${context}: ${item.type} children must be an array`)
      jobs.push({ items: item.children, into: (node as Parent).children, quote: node.type === 'quote' ? node : undefined })
    }
  }
  if (run !== '') flush(foreign ? guardText(run) : run, into, segment)
  if (quote !== undefined) foldQuoteMeta(quote)
}

/**
 * Takes a leading `[qtmeta]` child into a bare quote as its header, as the
 * parser does (it prints the same). Returns the quote.
 */
export function foldQuoteMeta(quote: Quote): Quote {
  const first = quote.children[0]
  if (quote.accountId === undefined && first?.type === 'qtmeta') {
    quote.accountId = first.accountId
    if (first.time !== undefined) quote.time = first.time
    quote.children = quote.children.slice(1)
  }
  return quote
}

/** Adds one run of text after the nodes so far. */
function flush(text: string, into: Content[], segment: boolean): void {
  const previous = into[into.length - 1]
  if (text.charCodeAt(0) === 10 && (previous?.type === 'quote' || previous?.type === 'code')) previous.lineFeed = true
  if (!segment) into.push({ type: 'text', value: text })
  else for (const node of segmentText(text)) into.push(node)
}

/** A canonical copy of a node other than text; blocks get empty children. */
function copy(node: Exclude<Node | Draft, { type: 'text' | 'link' | 'emoticon' | 'root' }>, context: string): Content {
  const where = `${context}: ${String(node.type)}`
  switch (node.type) {
    case 'to':
    case 'picon':
    case 'pname':
    case 'piconname':
      return { type: node.type, accountId: checkId(node.accountId, `${where}.accountId`) }
    case 'toall':
    case 'hr':
    case 'deleted':
      return { type: node.type }
    case 'reply':
      return {
        type: 'reply',
        accountId: checkId(node.accountId, `${where}.accountId`),
        roomId: checkId(node.roomId, `${where}.roomId`),
        messageId: checkMessageId(node.messageId, `${where}.messageId`),
      }
    case 'quote': {
      const quote: Quote = { type: 'quote', children: [] }
      if (node.accountId !== undefined) {
        quote.accountId = checkId(node.accountId, `${where}.accountId`)
        if (node.time !== undefined) quote.time = checkTime(node.time, `${where}.time`)
      } else if (node.time !== undefined) {
        throw new TypeError(`${where}.time is not printed without an accountId`)
      }
      return quote
    }
    case 'qtmeta': {
      const accountId = checkId(node.accountId, `${where}.accountId`)
      return node.time === undefined ? { type: 'qtmeta', accountId } : { type: 'qtmeta', accountId, time: checkTime(node.time, `${where}.time`) }
    }
    case 'info':
    case 'title':
      return { type: node.type, children: [] }
    case 'code':
      return { type: 'code', value: guardCode(checkString(node.value, `${where}.value`)) }
    case 'preview': {
      const fileId = checkId(node.fileId, `${where}.fileId`)
      return node.height === undefined ? { type: 'preview', fileId } : { type: 'preview', fileId, height: checkId(node.height, `${where}.height`) }
    }
    case 'download':
      return { type: 'download', fileId: checkId(node.fileId, `${where}.fileId`), children: [] }
    case 'task': {
      if (!Array.isArray(node.accountIds) || node.accountIds.length === 0) throw new TypeError(`${where}.accountIds must be a non-empty array`)
      if (node.status !== 'open' && node.status !== 'done') throw new TypeError(`${where}.status must be 'open' or 'done'`)
      if (!Number.isSafeInteger(node.limitTime)) throw new TypeError(`${where}.limitTime must be a safe integer`)
      if (node.limitType !== undefined && !SPELLING_WORD.test(node.limitType)) throw new TypeError(`${where}.limitType must be a word`)
      return {
        type: 'task',
        accountIds: node.accountIds.map((id: unknown, i: number) => checkId(id, `${where}.accountIds[${i}]`)),
        status: node.status,
        limitTime: node.limitTime,
        ...(node.limitType === undefined ? {} : { limitType: node.limitType }),
        children: [],
      }
    }
    case 'dtext':
      if (typeof node.key !== 'string' || !SPELLING_WORD.test(node.key)) throw new TypeError(`${where}.key must be a word`)
      return { type: 'dtext', key: node.key }
    case 'date':
      return { type: 'date', time: checkTime(node.time, `${where}.time`) }
    case 'live':
      return { type: 'live', id: checkId(node.id, `${where}.id`), roomId: checkId(node.roomId, `${where}.roomId`) }
    default:
      throw new TypeError(`${where} is not a node type`)
  }
}
