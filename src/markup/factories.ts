/**
 * Node factories: the parser's node types, made by hand, safely. Strings
 * become escaped text (see {@link escapeText}), ids are checked when the node
 * is made (a TypeError names the bad argument), and blocks hold canonical
 * children: text merged and split into text, link and emoticon nodes as the
 * parser would, so `parse(stringify(node))` gives the same tree back.
 */
import { canonical, type Composable, type Draft } from './canonical.ts'
import { escapeCode, escapeText } from './escape.ts'
import type { Code, Content, Hr, Info, Picon, Piconname, Pname, Preview, Quote, Reply, Root, Text, Title, To, ToAll } from './nodes.ts'
import { checkId, checkMessageId, checkString, checkTime } from './validate.ts'

/**
 * A child of a block made by a factory: a node, a builder, or a string, which
 * is text. A root's children are inserted in its place.
 *
 * @example
 * info('text', to(1), message().hr(), parse('[To:2]'))
 */
export type Child = Content | Root | string | Composable

/**
 * Which message a reply points to.
 *
 * @example
 * reply({ accountId: 1, roomId: 2, messageId: '1928374655918273645' } satisfies MessageRef)
 */
export interface MessageRef {
  /** Account id of the author of the message replied to. */
  accountId: number
  /** Room id of the message. */
  roomId: number
  /** Message id, a decimal string (real ones exceed 2^53). */
  messageId: string
}

/**
 * The header of a quote: whose message, and when it was sent.
 *
 * @example
 * quote({ accountId: 1, time: new Date('2024-01-01T00:00:00Z') } satisfies QuoteMeta, 'quoted')
 */
export interface QuoteMeta {
  /** Account id of the author of the quoted message. */
  accountId: number
  /** Send time of the quoted message: Unix seconds or a Date. Without it, Chatwork shows no date. */
  time?: number | Date
}

/** Canonical children of a block that a factory makes. */
function block<T extends Quote | Info | Title>(draft: Draft & { type: T['type'] }, context: string): T {
  return canonical([draft], true, context)[0] as T
}

/**
 * A text node. Nothing in `value` can form a tag or close a block: a `[`
 * where a tag could start gets an invisible U+200B after it ({@link escapeText}).
 *
 * @example
 * stringify(text('[toall] is how you mention everyone')) // '[\u200Btoall] is how you mention everyone'
 */
export function text(value: string): Text {
  return { type: 'text', value: escapeText(checkString(value, 'text(): value')) }
}

/**
 * `[To:123]`: mentions one account.
 *
 * @example
 * stringify(to(123)) // '[To:123]'
 */
export function to(accountId: number): To {
  return { type: 'to', accountId: checkId(accountId, 'to(): accountId') }
}

/**
 * `[toall]`: mentions every member of the room.
 *
 * @example
 * stringify(toAll()) // '[toall]'
 */
export function toAll(): ToAll {
  return { type: 'toall' }
}

/**
 * `[rp aid=1 to=2-3]`: a reply to message 3 of room 2, written by account 1.
 *
 * @example
 * stringify(reply({ accountId: 1, roomId: 2, messageId: '3' })) // '[rp aid=1 to=2-3]'
 */
export function reply(ref: MessageRef): Reply {
  if (typeof ref !== 'object' || ref === null) throw new TypeError('reply(): ref must be an object { accountId, roomId, messageId }')
  return {
    type: 'reply',
    accountId: checkId(ref.accountId, 'reply(): accountId'),
    roomId: checkId(ref.roomId, 'reply(): roomId'),
    messageId: checkMessageId(ref.messageId, 'reply(): messageId'),
  }
}

/**
 * `[qt][qtmeta aid=1 time=1700000000]…[/qt]`: a quote, with a header when
 * `meta` is given (`time` as Unix seconds or a Date), bare without.
 *
 * @example
 * stringify(quote({ accountId: 1, time: 1700000000 }, 'Ship it?')) // '[qt][qtmeta aid=1 time=1700000000]Ship it?[/qt]'
 * stringify(quote(undefined, 'partial quote')) // '[qt]partial quote[/qt]'
 */
export function quote(meta: QuoteMeta | undefined, ...children: Child[]): Quote {
  return block({ ...quoteHeader(meta, 'quote()'), children }, 'quote()')
}

/** A quote without children yet, with the checked header of `meta`. */
export function quoteHeader(meta: QuoteMeta | undefined | null, context: string): Draft & Omit<Quote, 'children'> {
  if (meta === undefined || meta === null) return { type: 'quote', children: [] }
  if (typeof meta !== 'object') throw new TypeError(`${context}: meta must be { accountId, time? } or undefined`)
  const accountId = checkId(meta.accountId, `${context}: meta.accountId`)
  return meta.time === undefined
    ? { type: 'quote', accountId, children: [] }
    : { type: 'quote', accountId, time: checkTime(meta.time, `${context}: meta.time`), children: [] }
}

/**
 * `[info]…[/info]`: a framed box. Put a {@link title} first to give it a heading.
 *
 * @example
 * stringify(info(title('Deploy'), 'Done :)')) // '[info][title]Deploy[/title]Done :)[/info]'
 */
export function info(...children: Child[]): Info {
  return block({ type: 'info', children }, 'info()')
}

/**
 * `[title]…[/title]`: a heading, usually the first child of {@link info}.
 *
 * @example
 * stringify(title('Weather')) // '[title]Weather[/title]'
 */
export function title(...children: Child[]): Title {
  return block({ type: 'title', children }, 'title()')
}

/**
 * `[hr]`: a horizontal rule.
 *
 * @example
 * stringify(hr()) // '[hr]'
 */
export function hr(): Hr {
  return { type: 'hr' }
}

/**
 * `[code]…[/code]`: `value` verbatim, except that nothing in it can end the
 * block, or a block around it, early, and mentions in it get the escape mark
 * ({@link escapeCode}).
 *
 * @example
 * stringify(code('if (a[/code]) {}')) // '[code]if (a[\u200B/code]) {}[/code]'
 */
export function code(value: string): Code {
  return { type: 'code', value: escapeCode(checkString(value, 'code(): value')) }
}

/**
 * `[picon:123]`: an avatar.
 *
 * @example
 * stringify(picon(123)) // '[picon:123]'
 */
export function picon(accountId: number): Picon {
  return { type: 'picon', accountId: checkId(accountId, 'picon(): accountId') }
}

/**
 * `[pname:123]`: a display name.
 *
 * @example
 * stringify(pname(123)) // '[pname:123]'
 */
export function pname(accountId: number): Pname {
  return { type: 'pname', accountId: checkId(accountId, 'pname(): accountId') }
}

/**
 * `[piconname:123]`: an avatar and a display name.
 *
 * @example
 * stringify(piconname(123)) // '[piconname:123]'
 */
export function piconname(accountId: number): Piconname {
  return { type: 'piconname', accountId: checkId(accountId, 'piconname(): accountId') }
}

/**
 * `[preview id=1 ht=100]`: an inline image of an uploaded file, `height`
 * pixels high. Chatwork always writes `ht`; its rendering without it is not known.
 *
 * @example
 * stringify(preview(64242599, 150)) // '[preview id=64242599 ht=150]'
 */
export function preview(fileId: number, height?: number): Preview {
  const id = checkId(fileId, 'preview(): fileId')
  return height === undefined ? { type: 'preview', fileId: id } : { type: 'preview', fileId: id, height: checkId(height, 'preview(): height') }
}

/**
 * A whole message: `parse(stringify(root(…)))` deep-equals it, positions and
 * source spellings aside.
 *
 * @example
 * stringify(root(to(1), ' Hi ', info('see https://example.com'))) // '[To:1] Hi [info]see https://example.com[/info]'
 */
export function root(...children: Child[]): Root {
  return { type: 'root', children: canonical(children, true, 'root()') }
}
