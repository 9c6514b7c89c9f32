import { EMOTICON_CODES, EXTENDED_EMOTICON_CODES, type EmoticonCode } from './emoticons.ts'
import { SharedPoints } from './location.ts'
import type { Code, Content, Emoticon, Link, Node, Parent, Point, Root, Text } from './nodes.ts'

/** Names of the paired tags. */
export const BLOCK_NAMES: ReadonlySet<string> = new Set(['qt', 'info', 'title', 'code', 'download', 'task'])

/** A link or an emoticon found in text, with its offsets in the whole source. */
export interface InlineToken {
  kind: 'inline'
  node: Link | Emoticon
  start: number
  end: number
}

/**
 * What the grammar finds: inline tags, openers (their node is used only if
 * they pair with a closer), closers, links and emoticons. The text between
 * tokens is implicit.
 */
export type Token =
  | { kind: 'node'; node: Content; start: number; end: number }
  | { kind: 'open'; node: Block; spelling: string; start: number; end: number }
  | { kind: 'close'; spelling: string; start: number; end: number }
  | InlineToken

/** Which shapes each tag name allows: `[name]`, `[name:value]`, `[name key=value …]`. */
export const SHAPES: Readonly<Record<string, { bare?: true; colon?: true; attributes?: true }>> = {
  to: { colon: true },
  toall: { bare: true, attributes: true },
  rp: { attributes: true },
  qt: { bare: true, attributes: true },
  qtmeta: { attributes: true },
  info: { bare: true, attributes: true },
  title: { bare: true, attributes: true },
  hr: { bare: true, attributes: true },
  code: { bare: true, attributes: true },
  picon: { colon: true },
  pname: { colon: true },
  piconname: { colon: true },
  preview: { attributes: true },
  download: { colon: true },
  task: { attributes: true },
  dtext: { colon: true },
  date: { colon: true },
  live: { attributes: true },
}

/** What a bare tag such as `[info]` has; shared, since attributes are only read. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map()

const DIGITS = /^\d+$/
const STARTS_WITH_SPACE = /^[ \t\r\n]/

/** A decimal id that fits a number exactly, or undefined. */
function id(value: string | undefined): number | undefined {
  if (value === undefined || !DIGITS.test(value)) return undefined
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : undefined
}

/**
 * `key=value` pairs of an attribute list (first of each key wins), or
 * undefined when there are none. Items are separated by spaces, tabs and line
 * breaks; a value runs from the first `=` to the next of them. A character
 * loop: a regular expression split costs more than the whole tag.
 *
 * @example
 * attributes(' aid=1 to=2-3')?.get('to') // '2-3'
 */
export function attributes(text: string): Map<string, string> | undefined {
  let found: Map<string, string> | undefined
  const length = text.length
  let i = 0
  while (i < length) {
    while (i < length && isSpace(text.charCodeAt(i))) i++
    const start = i
    let eq = -1
    for (let c = text.charCodeAt(i); i < length && !isSpace(c); c = text.charCodeAt(++i)) if (c === 61 && eq === -1) eq = i
    if (eq > start) {
      const key = text.slice(start, eq)
      found ??= new Map()
      if (!found.has(key)) found.set(key, text.slice(eq + 1, i))
    }
  }
  return found
}

/** Space, tab, line feed or carriage return: what separates attributes. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** A block opener's node, before its children and closer are known. */
export type Block = Exclude<Parent, Root> | Code

/**
 * The node a tag of a known name and shape stands for, or undefined when its
 * value or attributes do not make a valid tag (`[To:abc]`, `[rp aid=1]`).
 */
function tagNode(lower: string, value: string | null, rest: string, attrs: ReadonlyMap<string, string>, source: string): Content | Block | undefined {
  if (value !== null) {
    if (lower === 'dtext') return { type: 'dtext', key: value, source }
    const n = id(value)
    if (n === undefined) return undefined
    switch (lower) {
      case 'to':
        return { type: 'to', accountId: n, source }
      case 'picon':
      case 'pname':
      case 'piconname':
        return { type: lower, accountId: n, source }
      case 'date':
        return { type: 'date', time: n, source }
      default:
        // download: extra text after the id makes the opener literal
        return rest === '' ? { type: 'download', fileId: n, open: source, children: [] } : undefined
    }
  }
  switch (lower) {
    case 'toall':
      return { type: 'toall', source }
    case 'hr':
      return { type: 'hr', source }
    case 'rp': {
      const accountId = id(attrs.get('aid'))
      const target = /^(\d+)[-:](\d+)$/.exec(attrs.get('to') ?? '')
      const roomId = id(target?.[1])
      if (accountId === undefined || roomId === undefined) return undefined
      return { type: 'reply', accountId, roomId, messageId: target![2], source }
    }
    case 'qtmeta': {
      const accountId = id(attrs.get('aid'))
      if (accountId === undefined) return undefined
      const time = id(attrs.get('time'))
      return { type: 'qtmeta', accountId, ...(time === undefined ? {} : { time }), source }
    }
    case 'preview': {
      const fileId = id(attrs.get('id'))
      if (fileId === undefined) return undefined
      const height = id(attrs.get('ht'))
      return { type: 'preview', fileId, ...(height === undefined ? {} : { height }), source }
    }
    case 'live': {
      const liveId = id(attrs.get('id'))
      const roomId = id(attrs.get('rid'))
      if (liveId === undefined || roomId === undefined) return undefined
      return { type: 'live', id: liveId, roomId, source }
    }
    case 'task':
      return taskNode(attrs, source)
    case 'qt':
      return { type: 'quote', open: source, children: [] }
    case 'code':
      return { type: 'code', value: '', open: source }
    default:
      return { type: lower as 'info' | 'title', open: source, children: [] }
  }
}

function taskNode(attrs: ReadonlyMap<string, string>, source: string): Block | undefined {
  const accountIds = (attrs.get('aid') ?? '').split(',').map(id)
  const status = attrs.get('st')
  const limit = attrs.get('lt') ?? ''
  if (accountIds.includes(undefined) || (status !== 'open' && status !== 'done') || !/^-?\d+$/.test(limit)) return undefined
  const limitType = attrs.get('ltype')
  return {
    type: 'task',
    accountIds: accountIds as number[],
    status,
    limitTime: Number(limit),
    ...(limitType === undefined ? {} : { limitType }),
    open: source,
    children: [],
  }
}

/**
 * The node that a tag written `[name:value rest]` (`value` null when there is
 * no colon) stands for, a block's without children or closer, or undefined
 * when it is not a valid tag: an unknown name, a shape the name does not
 * allow, or a value or attributes that make no valid tag (`[To:abc]`, `[rp aid=1]`).
 * Shared by the grammar's actions and the printer, which reads a parsed
 * node's spelling back to tell whether it still says what the node says.
 *
 * @example
 * readTagParts('TO', '1', '', '[TO:1]') // { type: 'to', accountId: 1, source: '[TO:1]' }
 */
export function readTagParts(name: string, value: string | null, rest: string, source: string): Content | Block | undefined {
  const lower = name.toLowerCase()
  const shape = Object.hasOwn(SHAPES, lower) ? SHAPES[lower] : undefined
  if (shape === undefined) return undefined
  let attrs: ReadonlyMap<string, string> | undefined = NO_ATTRIBUTES
  if (value !== null) {
    if (!shape.colon) return undefined
  } else if (rest !== '') {
    attrs = shape.attributes && STARTS_WITH_SPACE.test(rest) ? attributes(rest) : undefined
  } else if (!shape.bare) {
    return undefined
  }
  return attrs && tagNode(lower, value, rest, attrs, source)
}

/** Options of the parser that change what is recognised. */
export interface GrammarOptions {
  /** Record each node's `position` (default true). */
  positions?: boolean
  /** Also recognise the six unverified emoticons of {@link EXTENDED_EMOTICON_CODES} (default false). */
  extendedEmoticons?: boolean
  /** Further emoticons to recognise, written `(name)` with at most 12 characters inside. */
  emoticons?: readonly EmoticonCode[]
}


const STANDARD_EMOTICONS = new Map(EMOTICON_CODES.map((e) => [e.code, e]))

/**
 * The typed factories that the grammar's actions call. One instance serves one
 * parse: it knows the source, for positions, and the offset of the text run
 * that the Inline rule is scanning.
 */
export class GrammarActions {
  /** Offset of the current Inline run in the whole source. */
  base = 0
  /** The points of positions, or undefined when positions are off. */
  readonly points: SharedPoints | undefined
  private readonly emoticonTable: Map<string, EmoticonCode>

  constructor(
    readonly source: string,
    options: GrammarOptions,
  ) {
    this.points = options.positions === false ? undefined : new SharedPoints(source)
    this.emoticonTable =
      options.extendedEmoticons || options.emoticons
        ? new Map([...STANDARD_EMOTICONS, ...[...(options.extendedEmoticons ? EXTENDED_EMOTICON_CODES : []), ...(options.emoticons ?? [])].map((e) => [e.code, e] as const)])
        : STANDARD_EMOTICONS
  }

  /** `[name]`, `[name:value rest]` or `[name rest]`; null when it is not a valid tag. */
  tag(start: number, source: string, name: string, value: string | null, rest: string): Token | null {
    const node = readTagParts(name, value, rest, source)
    if (node === undefined) return null
    const end = start + source.length
    // a block's position is set when it is paired, and only then does it count
    if (BLOCK_NAMES.has(node.type === 'quote' ? 'qt' : node.type)) return { kind: 'open', node: node as Block, spelling: name, start, end }
    return { kind: 'node', node: this.at(node as Content, start, end), start, end }
  }

  /** `[/name]`; null when the name is not a block. */
  closer(start: number, source: string, name: string): Token | null {
    if (!BLOCK_NAMES.has(name.toLowerCase())) return null
    return { kind: 'close', spelling: name, start, end: start + source.length }
  }

  link(offset: number, url: string): InlineToken {
    const start = this.base + offset
    const end = start + url.length
    const node: Link = this.points === undefined ? { type: 'link', url } : { type: 'link', url, position: this.points.span(start, end) }
    return { kind: 'inline', node, start, end }
  }

  isEmoticon(code: string): boolean {
    return this.emoticonTable.has(code)
  }

  emoticon(offset: number, code: string): InlineToken {
    const start = this.base + offset
    const end = start + code.length
    const name = this.emoticonTable.get(code)!.name
    const node: Emoticon = this.points === undefined ? { type: 'emoticon', code, name } : { type: 'emoticon', code, name, position: this.points.span(start, end) }
    return { kind: 'inline', node, start, end }
  }

  /**
   * The text node of the source from `start` to `end`, its position made
   * with it (adding one later costs a shape change), from the points of the
   * nodes beside it when given.
   */
  text(start: number, end: number, startPoint: Point | undefined, endPoint: Point | undefined): Text {
    const value = this.source.slice(start, end)
    const points = this.points
    if (points === undefined) return { type: 'text', value }
    return { type: 'text', value, position: { start: startPoint ?? points.at(start), end: endPoint ?? points.at(end) } }
  }

  /** Sets a node's position when positions are on. */
  at<T extends Node>(node: T, start: number, end: number): T {
    if (this.points !== undefined) node.position = this.points.span(start, end)
    return node
  }
}
