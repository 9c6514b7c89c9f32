/**
 * The typed tree shared by the parser, the printer, the builder and the linter.
 *
 * Node shapes follow unist: every node has a `type` discriminant, and nodes
 * made by the parser carry a `position` into the body. Nodes made by hand have
 * no position and print as canonical markup. Where one parsed node ends and
 * the next begins, their positions share one point object (same offset, line
 * and column; a third less heap per node): read points freely, but to move a
 * node's position, give it new point objects rather than changing the shared
 * ones.
 *
 * Losslessness: `stringify(parse(body)) === body` for every string. Fields that
 * exist only for that purpose record the exact source spelling:
 * - `source` on inline tags: the tag exactly as written (`[TO:1]`, `[rp to=2-3 aid=1]`);
 * - `open` and `close` on blocks: the opener and closer exactly as written;
 * - `meta` on a quote: the `[qtmeta …]` folded into it, exactly as written;
 * - `lineFeed` on `quote` and `code`: the one line feed after the closer that
 *   Chatwork swallows in display (it is part of the node's source).
 *
 * The printer prints a spelling as written while it still says the node's
 * fields; change the fields and it prints the new values, in the old spelling
 * where it can (tag-name case, attribute order, extra attributes), else in
 * canonical form. The fields win: a spelling never needs deleting.
 *
 * Ids: account, room and file ids are numbers; message ids are decimal strings,
 * because real ones exceed 2^53.
 */

/** One place in the source: 1-based line and column, 0-based offset (UTF-16 code units). */
export interface Point {
  line: number
  column: number
  offset: number
}

/** The span of a node in the source (end is exclusive). */
export interface Position {
  start: Point
  end: Point
}

interface NodeBase {
  /** Where the node is in the parsed body; absent on nodes made by hand. */
  position?: Position
}

interface InlineTagBase extends NodeBase {
  /** The tag exactly as written, when parsed. */
  source?: string
}

interface BlockBase extends NodeBase {
  /** The opener exactly as written, when parsed (`[INFO]`, `[code lang=js]`). */
  open?: string
  /** The closer exactly as written, when parsed. */
  close?: string
}

/** The whole body. */
export interface Root extends NodeBase {
  type: 'root'
  children: Content[]
}

/** A run of literal text, including anything that looked like a tag but was not one. */
export interface Text extends NodeBase {
  type: 'text'
  value: string
}

/** `[To:123]`: mentions one account. */
export interface To extends InlineTagBase {
  type: 'to'
  accountId: number
}

/** `[toall]`: mentions every member of the room. */
export interface ToAll extends InlineTagBase {
  type: 'toall'
}

/** `[rp aid=1 to=2-3]`: a reply to message 3 of room 2, written by account 1. */
export interface Reply extends InlineTagBase {
  type: 'reply'
  accountId: number
  roomId: number
  messageId: string
}

/** `[qt]…[/qt]`, with the header of a directly following `[qtmeta …]` folded in. */
export interface Quote extends BlockBase {
  type: 'quote'
  accountId?: number
  /** Send time of the quoted message, Unix seconds. */
  time?: number
  /** The folded `[qtmeta …]` exactly as written, when parsed. */
  meta?: string
  /** Whether the line feed right after `[/qt]` belongs to this node. */
  lineFeed?: boolean
  children: Content[]
}

/** `[qtmeta aid=1 time=2]` anywhere but directly after `[qt]`. */
export interface QuoteMeta extends InlineTagBase {
  type: 'qtmeta'
  accountId: number
  time?: number
}

/** `[info]…[/info]`: a framed box. */
export interface Info extends BlockBase {
  type: 'info'
  children: Content[]
}

/** `[title]…[/title]`: a heading, usually inside info. */
export interface Title extends BlockBase {
  type: 'title'
  children: Content[]
}

/** `[hr]`: a horizontal rule. */
export interface Hr extends InlineTagBase {
  type: 'hr'
}

/** `[code]…[/code]`: opaque, verbatim content. */
export interface Code extends BlockBase {
  type: 'code'
  value: string
  /** Whether the line feed right after `[/code]` belongs to this node. */
  lineFeed?: boolean
}

/** `[picon:123]`: an avatar. */
export interface Picon extends InlineTagBase {
  type: 'picon'
  accountId: number
}

/** `[pname:123]`: a display name. */
export interface Pname extends InlineTagBase {
  type: 'pname'
  accountId: number
}

/** `[piconname:123]`: an avatar and a display name. */
export interface Piconname extends InlineTagBase {
  type: 'piconname'
  accountId: number
}

/** `[preview id=1 ht=100]`: an inline image of an uploaded file. */
export interface Preview extends InlineTagBase {
  type: 'preview'
  fileId: number
  /** Height in pixels, when `ht` is a decimal integer. */
  height?: number
}

/** `[download:1]file.zip (2 KB)[/download]`: a file link (system messages). */
export interface Download extends BlockBase {
  type: 'download'
  fileId: number
  children: Content[]
}

/** `[task aid=1 st=open lt=0]…[/task]`: a task panel (system messages). */
export interface Task extends BlockBase {
  type: 'task'
  accountIds: number[]
  status: 'open' | 'done'
  /** Due time in Unix seconds; 0 means none. */
  limitTime: number
  /** The `ltype` attribute (`date`, `time`), when present. */
  limitType?: string
  children: Content[]
}

/** `[dtext:key]`: a localized system sentence fragment. */
export interface Dtext extends InlineTagBase {
  type: 'dtext'
  key: string
}

/** `[deleted]`, only as the whole body. */
export interface Deleted extends InlineTagBase {
  type: 'deleted'
}

/** `[date:1735600000]`: a localized date. */
export interface DateTag extends InlineTagBase {
  type: 'date'
  time: number
}

/** `[live id=5 rid=5002]`: a legacy ChatWork Live button. */
export interface Live extends InlineTagBase {
  type: 'live'
  id: number
  roomId: number
}

/** An emoticon code in text, such as `:)` or `(coffee)`. */
export interface Emoticon extends NodeBase {
  type: 'emoticon'
  code: string
  /** Chatwork's internal name, such as `smile` or `coffee`. */
  name: string
}

/** An auto-linked `http://` or `https://` URL in text. */
export interface Link extends NodeBase {
  type: 'link'
  url: string
}

/** Any node that can be a child of the root or of a block. */
export type Content =
  | Text
  | To
  | ToAll
  | Reply
  | Quote
  | QuoteMeta
  | Info
  | Title
  | Hr
  | Code
  | Picon
  | Pname
  | Piconname
  | Preview
  | Download
  | Task
  | Dtext
  | Deleted
  | DateTag
  | Live
  | Emoticon
  | Link

/** Any node of the tree. */
export type Node = Root | Content

/** Nodes that have children. */
export type Parent = Root | Quote | Info | Title | Download | Task

/** The `type` strings of all nodes. */
export type NodeType = Node['type']
