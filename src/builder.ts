import { canonical, foldQuoteMeta, PARTS, type Composable } from './canonical.ts'
import { escapeText } from './escape.ts'
import { code, hr, picon, piconname, pname, preview, quoteHeader, reply, to, toAll, type MessageRef, type QuoteMeta } from './factories.ts'
import type { Content, Quote, Root } from './nodes.ts'
import { stringify } from './stringify.ts'
import { checkString, describe } from './validate.ts'

/**
 * What the content of a block can be: a string (text, escaped), a node, a
 * builder, or a callback that receives a fresh builder and returns one.
 *
 * @example
 * message().info('text').info(hr()).info(message().to(1)).info((m) => m.line('a').text('b'))
 */
export type MessageContent = string | Content | Root | MessageBuilder | ((message: MessageBuilder) => MessageBuilder)

let make: (previous: MessageBuilder | undefined, part: Content | undefined) => MessageBuilder

/**
 * An immutable message under construction: every method returns a new
 * builder, so a builder can be shared and extended in several directions.
 * Text is escaped and ids are checked as parts are added; see {@link message}.
 *
 * Each builder adds one part to the one before it. Parts are kept in
 * canonical printing form as they are added (text escaped, nodes copied and
 * checked), so `toString()` only prints; `toTree()` merges and splits the
 * text as the parser would.
 *
 * @example
 * const greeting = message().to(1, 'Sato-san')
 * greeting.text('Done.').toString() // '[To:1]Sato-san\nDone.'
 * greeting.text('Failed.').toString() // '[To:1]Sato-san\nFailed.'
 * greeting instanceof MessageBuilder // true
 */
export class MessageBuilder implements Composable {
  static {
    make = (previous, part) => new MessageBuilder(previous, part)
  }

  // plain fields rather than #private ones, declared only, so that the
  // constructor alone sets them: this is the hot path of every message
  private declare readonly previous: MessageBuilder | undefined
  private declare readonly part: Content | undefined
  /** How many parts this builder has, with those before it. */
  private declare readonly size: number
  private declare parts: Content[] | undefined

  private constructor(previous: MessageBuilder | undefined, part: Content | undefined) {
    this.previous = previous
    this.part = part
    this.size = (previous?.size ?? 0) + (part === undefined ? 0 : 1)
    this.parts = undefined
  }

  /** The parts in order; computed once, since the builder never changes. */
  get [PARTS](): readonly Content[] {
    if (this.parts !== undefined) return this.parts
    const parts = new Array<Content>(this.size)
    let i = this.size
    for (let b: MessageBuilder | undefined = this; b !== undefined; b = b.previous) if (b.part !== undefined) parts[--i] = b.part
    this.parts = parts
    return parts
  }

  /**
   * Adds a part. Text that starts with a line feed right after a quote or
   * code gets the line feed that Chatwork swallows after `[/qt]` and
   * `[/code]` repeated (`lineFeed`), on a copy, since other builders share the part.
   */
  #add(part: Content, startsWithLineFeed = part.type === 'text' && part.value.charCodeAt(0) === 10): MessageBuilder {
    const previous = this.part
    if (startsWithLineFeed && (previous?.type === 'quote' || previous?.type === 'code') && !previous.lineFeed) {
      return make(make(this.previous, { ...previous, lineFeed: true }), part)
    }
    return make(this, part)
  }

  #addAll(parts: readonly Content[]): MessageBuilder {
    let b: MessageBuilder = this
    for (const part of parts) b = b.#add(part)
    return b
  }

  /** Adds caller text, escaped, then `suffix` (a line break), which needs no escaping. */
  #addText(value: string, suffix = ''): MessageBuilder {
    if (value === '' && suffix === '') return make(this.previous, this.part)
    // tested before joining: the joined string would have to be flattened
    const startsWithLineFeed = (value === '' ? suffix : value).charCodeAt(0) === 10
    return this.#add({ type: 'text', value: escapeText(value) + suffix }, startsWithLineFeed)
  }

  /**
   * `[To:123]`, then, with a name, what the web client writes when you pick a
   * recipient: the name as text and a line break (`[To:123]Sato-san\n`). The
   * name is written as given: add an honorific such as `さん` yourself.
   *
   * @example
   * message().to(123, 'Sato-san').text('Deployed.').toString() // '[To:123]Sato-san\nDeployed.'
   */
  to(accountId: number, name?: string): MessageBuilder {
    const tag = this.#add(to(accountId))
    return name === undefined ? tag : tag.#addText(checkString(name, 'message().to(): name'), '\n')
  }

  /**
   * `[toall]`: mentions every member of the room.
   *
   * @example
   * message().toAll().text('Lunch at noon').toString() // '[toall]Lunch at noon'
   */
  toAll(): MessageBuilder {
    return this.#add(toAll())
  }

  /**
   * `[rp aid=1 to=2-3]`, then, with a name, the name and a line break, as the
   * web client writes when you reply.
   *
   * @example
   * message().reply({ accountId: 1, roomId: 2, messageId: '3' }, 'Sato-san').text('Agreed.').toString()
   * // '[rp aid=1 to=2-3]Sato-san\nAgreed.'
   */
  reply(ref: MessageRef, name?: string): MessageBuilder {
    const tag = this.#add(reply(ref))
    return name === undefined ? tag : tag.#addText(checkString(name, 'message().reply(): name'), '\n')
  }

  /**
   * Text, escaped: nothing in it can form a tag.
   *
   * @example
   * message().text('[toall] stays text').toString() // '[\u200Btoall] stays text'
   */
  text(value: string): MessageBuilder {
    return this.#addText(checkString(value, 'message().text(): value'))
  }

  /**
   * Text followed by a line break; without text, a line break.
   *
   * @example
   * message().line('one').line('two').toString() // 'one\ntwo\n'
   */
  line(value = ''): MessageBuilder {
    return this.#addText(checkString(value, 'message().line(): value'), '\n')
  }

  /**
   * `[info]…[/info]`, with a `[title]` first when given a title and content.
   *
   * @example
   * message().info('Release 1.2', (m) => m.line('All checks passed').hr().text('Thanks')).toString()
   * // '[info][title]Release 1.2[/title]All checks passed\n[hr]Thanks[/info]'
   */
  info(content: MessageContent): MessageBuilder
  info(title: MessageContent, content: MessageContent): MessageBuilder
  info(...args: [MessageContent] | [MessageContent, MessageContent]): MessageBuilder {
    const children: Content[] = []
    if (args.length === 2) children.push({ type: 'title', children: content(args[0], 'message().info(): title') })
    return this.#add({ type: 'info', children: content(args[args.length - 1], 'message().info(): content', children) })
  }

  /**
   * `[title]…[/title]`: a heading.
   *
   * @example
   * message().title('Weather').text('Sunny').toString() // '[title]Weather[/title]Sunny'
   */
  title(value: MessageContent): MessageBuilder {
    return this.#add({ type: 'title', children: content(value, 'message().title(): content') })
  }

  /**
   * `[hr]`: a horizontal rule.
   *
   * @example
   * message().text('a').hr().text('b').toString() // 'a[hr]b'
   */
  hr(): MessageBuilder {
    return this.#add(hr())
  }

  /**
   * `[code]…[/code]`: `value` verbatim, except that nothing in it can end the
   * block early. Chatwork hides one leading line feed of the content.
   *
   * @example
   * message().code('npm test').toString() // '[code]npm test[/code]'
   */
  code(value: string): MessageBuilder {
    return this.#add(code(value))
  }

  /**
   * `[qt][qtmeta aid=1 time=…]…[/qt]`: a quote, with a header when `meta` is
   * given (`time` as Unix seconds or a Date), bare when it is `undefined`.
   *
   * @example
   * message().quote({ accountId: 1, time: 1700000000 }, 'Ship it?').text('Yes').toString()
   * // '[qt][qtmeta aid=1 time=1700000000]Ship it?[/qt]Yes'
   */
  quote(meta: QuoteMeta | undefined, value: MessageContent): MessageBuilder {
    const node: Quote = quoteHeader(meta, 'message().quote()')
    content(value, 'message().quote(): content', node.children)
    return this.#add(foldQuoteMeta(node))
  }

  /**
   * `[picon:123]`: an avatar.
   *
   * @example
   * message().picon(123).toString() // '[picon:123]'
   */
  picon(accountId: number): MessageBuilder {
    return this.#add(picon(accountId))
  }

  /**
   * `[pname:123]`: a display name.
   *
   * @example
   * message().pname(123).toString() // '[pname:123]'
   */
  pname(accountId: number): MessageBuilder {
    return this.#add(pname(accountId))
  }

  /**
   * `[piconname:123]`: an avatar and a display name.
   *
   * @example
   * message().piconname(123).toString() // '[piconname:123]'
   */
  piconname(accountId: number): MessageBuilder {
    return this.#add(piconname(accountId))
  }

  /**
   * `[preview id=1 ht=100]`: an inline image of an uploaded file.
   *
   * @example
   * message().preview(64242599, 150).toString() // '[preview id=64242599 ht=150]'
   */
  preview(fileId: number, height?: number): MessageBuilder {
    return this.#add(preview(fileId, height))
  }

  /**
   * Appends a node (copied, with ids checked and text guarded), the parts of
   * another builder, or a string, which is text.
   *
   * @example
   * message().append(to(1)).append(message().text(' hi')).toString() // '[To:1] hi'
   */
  append(value: Content | Root | MessageBuilder | string): MessageBuilder {
    return typeof value === 'string' ? this.#addText(value) : this.#addAll(content(value, 'message().append(): value'))
  }

  /**
   * The message as a tree: what `parse(this.toString())` gives, without
   * positions and source spellings (`source`, `open`, `close`, `meta`).
   *
   * @example
   * message().text('hi :)').toTree().children // [{ type: 'text', value: 'hi ' }, { type: 'emoticon', code: ':)', name: 'smile' }]
   */
  toTree(): Root {
    return { type: 'root', children: canonical(this[PARTS], true) }
  }

  /**
   * The message as canonical markup, ready to send.
   *
   * @example
   * message().to(1).text(' hi').toString() // '[To:1] hi'
   */
  toString(): string {
    return stringify(this[PARTS])
  }
}

/**
 * One piece of content as canonical parts, added to `into`; callbacks run
 * now, so that errors point at the caller, and nodes are copied now, so that
 * later changes to them do not reach the builder.
 */
function content(value: MessageContent, name: string, into: Content[] = []): Content[] {
  if (typeof value === 'string') {
    if (value !== '') into.push({ type: 'text', value: escapeText(value) })
    return into
  }
  let built: unknown = value
  if (typeof value === 'function') {
    built = value(message())
    if (!(built instanceof MessageBuilder)) throw new TypeError(`${name}: the callback must return a builder, got ${describe(built)}`)
  }
  if (built instanceof MessageBuilder) {
    for (const part of built[PARTS]) into.push(part)
    return into
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new TypeError(`${name} must be a string, a node, a builder or a callback, got ${describe(value)}`)
  }
  for (const node of canonical([value as Content | Root], false, name)) into.push(node)
  return into
}

const EMPTY = make(undefined, undefined)

/**
 * Starts a message. The builder is immutable and safe by construction: text
 * cannot form tags (`[toall]` in a user name stays text), code cannot end its
 * block early, and ids are checked when a part is added.
 *
 * @example
 * message()
 *   .to(123, 'Sato-san')
 *   .text('The deploy finished.')
 *   .info('Release 1.2', 'All checks passed')
 *   .toString()
 * // '[To:123]Sato-san\nThe deploy finished.[info][title]Release 1.2[/title]All checks passed[/info]'
 */
export function message(): MessageBuilder {
  return EMPTY
}
