import { canonical, closeMarkup, compose, foldQuoteMeta, openMarkup, PARTS, type Composable, type Tag } from './canonical.ts'
import { escapeText } from './escape.ts'
import { code, hr, picon, piconname, pname, preview, quoteHeader, reply, to, toAll, type MessageRef, type QuoteMeta } from './factories.ts'
import type { Content, Info, Root, Title } from './nodes.ts'
import { checkString, describe } from './validate.ts'

/**
 * What the content of a block can be: a string (text, escaped), a node, a
 * builder, or a callback that receives a fresh builder and returns one.
 *
 * @example
 * message().info('text').info(hr()).info(message().to(1)).info((m) => m.line('a').text('b'))
 */
export type MessageContent = string | Content | Root | MessageBuilder | ((message: MessageBuilder) => MessageBuilder)

let make: (previous: MessageBuilder | undefined, part: Content | Root | undefined, markup: string) => MessageBuilder

/**
 * An immutable message under construction: every method returns a new
 * builder, so a builder can be shared and extended in several directions.
 * Text is escaped and ids are checked as parts are added; see {@link message}.
 *
 * Each builder adds one part to the one before it (a node, or a root holding
 * the nodes of appended content), and keeps the markup of the whole message,
 * extended as the part is added, so `toString()` only returns it. Parts are
 * kept in canonical form (text escaped, nodes copied and checked);
 * `toTree()` merges and splits their text as the parser would.
 *
 * @example
 * const greeting = message().to(1, 'Sato-san')
 * greeting.text('Done.').toString() // '[To:1]Sato-san\nDone.'
 * greeting.text('Failed.').toString() // '[To:1]Sato-san\nFailed.'
 * greeting instanceof MessageBuilder // true
 */
export class MessageBuilder implements Composable {
  static {
    make = (previous, part, markup) => new MessageBuilder(previous, part, markup)
  }

  // plain fields rather than #private ones, declared only, so that the
  // constructor alone sets them: this is the hot path of every message
  private declare readonly previous: MessageBuilder | undefined
  private declare readonly part: Content | Root | undefined
  /** The markup of the whole message so far. */
  private declare readonly markup: string
  private declare parts: Content[] | undefined

  private constructor(previous: MessageBuilder | undefined, part: Content | Root | undefined, markup: string) {
    this.previous = previous
    this.part = part
    this.markup = markup
    this.parts = undefined
  }

  /** The nodes in order; computed once, since the builder never changes. */
  get [PARTS](): readonly Content[] {
    if (this.parts !== undefined) return this.parts
    const parts: Content[] = []
    for (let b: MessageBuilder | undefined = this; b !== undefined; b = b.previous) {
      const part = b.part
      if (part?.type === 'root') for (let i = part.children.length - 1; i >= 0; i--) parts.push(part.children[i])
      else if (part !== undefined) parts.push(part)
    }
    return (this.parts = parts.reverse())
  }

  /**
   * Adds a part and its markup. Content that starts with a line feed right
   * after a quote or code gets the line feed that Chatwork swallows after
   * `[/qt]` and `[/code]` repeated (`lineFeed`), on a copy, since other
   * builders share the node.
   */
  #add(part: Content | Root, markup: string, startsWithLineFeed: boolean): MessageBuilder {
    const own = this.part
    const last = own?.type === 'root' ? own.children[own.children.length - 1] : own
    if (startsWithLineFeed && (last?.type === 'quote' || last?.type === 'code') && !last.lineFeed) {
      const fixed = { ...last, lineFeed: true }
      const previous = make(this.previous, own!.type === 'root' ? { type: 'root', children: [...own.children.slice(0, -1), fixed] } : fixed, this.markup + '\n')
      return make(previous, part, previous.markup + markup)
    }
    return make(this, part, this.markup + markup)
  }

  /** Adds a tag or a block, printed in canonical form around the markup of its children. */
  #addNode(node: Tag, inner = ''): MessageBuilder {
    return this.#add(node, openMarkup(node) + inner + closeMarkup(node), false)
  }

  /** Adds caller text, escaped, then `suffix` (a line break), which needs no escaping. */
  #addText(value: string, suffix = ''): MessageBuilder {
    const markup = escapeText(value) + suffix
    if (markup === '') return make(this.previous, this.part, this.markup)
    // tested before joining: the joined string would have to be flattened
    return this.#add({ type: 'text', value: markup }, markup, (value === '' ? suffix : value).charCodeAt(0) === 10)
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
    const tag = this.#addNode(to(accountId))
    return name === undefined ? tag : tag.#addText(checkString(name, 'message().to(): name'), '\n')
  }

  /**
   * `[toall]`: mentions every member of the room.
   *
   * @example
   * message().toAll().text('Lunch at noon').toString() // '[toall]Lunch at noon'
   */
  toAll(): MessageBuilder {
    return this.#addNode(toAll())
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
    const tag = this.#addNode(reply(ref))
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
    const node: Info = { type: 'info', children: [] }
    const heading = args.length === 2 ? titled(args[0], 'message().info(): title', node.children) : ''
    return this.#addNode(node, heading + content(args[args.length - 1], 'message().info(): content', node.children))
  }

  /**
   * `[title]…[/title]`: a heading.
   *
   * @example
   * message().title('Weather').text('Sunny').toString() // '[title]Weather[/title]Sunny'
   */
  title(value: MessageContent): MessageBuilder {
    const nodes: Content[] = []
    const markup = titled(value, 'message().title(): content', nodes)
    return this.#add(nodes[0], markup, false)
  }

  /**
   * `[hr]`: a horizontal rule.
   *
   * @example
   * message().text('a').hr().text('b').toString() // 'a[hr]b'
   */
  hr(): MessageBuilder {
    return this.#addNode(hr())
  }

  /**
   * `[code]…[/code]`: `value` verbatim, except that nothing in it can end the
   * block early. Chatwork hides one leading line feed of the content.
   *
   * @example
   * message().code('npm test').toString() // '[code]npm test[/code]'
   */
  code(value: string): MessageBuilder {
    return this.#addNode(code(value))
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
    const node = quoteHeader(meta, 'message().quote()')
    // printed before the header is folded: a `[qtmeta]` that the quote takes prints as it did
    const markup = openMarkup(node) + content(value, 'message().quote(): content', node.children) + closeMarkup(node)
    return this.#add(foldQuoteMeta(node), markup, false)
  }

  /**
   * `[picon:123]`: an avatar.
   *
   * @example
   * message().picon(123).toString() // '[picon:123]'
   */
  picon(accountId: number): MessageBuilder {
    return this.#addNode(picon(accountId))
  }

  /**
   * `[pname:123]`: a display name.
   *
   * @example
   * message().pname(123).toString() // '[pname:123]'
   */
  pname(accountId: number): MessageBuilder {
    return this.#addNode(pname(accountId))
  }

  /**
   * `[piconname:123]`: an avatar and a display name.
   *
   * @example
   * message().piconname(123).toString() // '[piconname:123]'
   */
  piconname(accountId: number): MessageBuilder {
    return this.#addNode(piconname(accountId))
  }

  /**
   * `[preview id=1 ht=100]`: an inline image of an uploaded file.
   *
   * @example
   * message().preview(64242599, 150).toString() // '[preview id=64242599 ht=150]'
   */
  preview(fileId: number, height?: number): MessageBuilder {
    return this.#addNode(preview(fileId, height))
  }

  /**
   * Appends a node (copied, with ids checked and text guarded), the parts of
   * another builder, or a string, which is text.
   *
   * @example
   * message().append(to(1)).append(message().text(' hi')).toString() // '[To:1] hi'
   */
  append(value: Content | Root | MessageBuilder | string): MessageBuilder {
    if (typeof value === 'string') return this.#addText(value)
    const nodes: Content[] = []
    const markup = content(value, 'message().append(): value', nodes)
    if (nodes.length === 0) return make(this.previous, this.part, this.markup)
    return this.#add({ type: 'root', children: nodes }, markup, nodes[0].type === 'text' && nodes[0].value.charCodeAt(0) === 10)
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
    return this.markup
  }
}

/**
 * Adds one piece of content in canonical form to `into` and returns its
 * markup. Callbacks run now, so that errors point at the caller, and nodes are
 * copied now, so that later changes to them do not reach the builder.
 */
function content(value: MessageContent, name: string, into: Content[]): string {
  if (typeof value === 'string') {
    const markup = escapeText(value)
    if (markup !== '') into.push({ type: 'text', value: markup })
    return markup
  }
  let built: unknown = value
  if (typeof value === 'function') {
    built = value(message())
    if (!(built instanceof MessageBuilder)) throw new TypeError(`${name}: the callback must return a builder, got ${describe(built)}`)
  }
  if (typeof built !== 'object' || built === null || typeof (built as { type?: unknown }).type !== 'string') {
    if (!(built instanceof MessageBuilder)) throw new TypeError(`${name} must be a string, a node, a builder or a callback, got ${describe(value)}`)
  }
  const made = built instanceof MessageBuilder ? { nodes: built[PARTS], markup: built.toString() } : compose([built as Content | Root], false, name)
  for (const node of made.nodes) into.push(node)
  return made.markup
}

/** Adds a `[title]` of `value` to `into` and returns its markup. */
function titled(value: MessageContent, name: string, into: Content[]): string {
  const node: Title = { type: 'title', children: [] }
  into.push(node)
  return openMarkup(node) + content(value, name, node.children) + closeMarkup(node)
}

const EMPTY = make(undefined, undefined, '')

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
