import { canonical, compose, PARTS, type Composable, type Item } from './canonical.ts'
import { closeMarkup, openMarkup, type Tag } from './canonical-markup.ts'
import { escapeText } from './escape.ts'
import { code, hr, picon, piconname, pname, preview, quoteHeader, reply, to, toAll, type MessageRef, type QuoteMeta } from './factories.ts'
import type { Content, Info, Quote, Root, Title } from './nodes.ts'
import { checkString, describe } from './validate.ts'

/**
 * What the content of a block can be: a string (text, escaped), a node, a
 * builder, or a callback that receives a fresh builder and returns one.
 *
 * @example
 * message().info('text').info(hr()).info(message().to(1)).info((m) => m.line('a').text('b'))
 */
export type MessageContent = string | Content | Root | MessageBuilder | ((message: MessageBuilder) => MessageBuilder)

let make: (previous: MessageBuilder | undefined, part: Item | undefined, markup: string, endsWithBlock: boolean) => MessageBuilder

/**
 * An immutable message under construction: every method returns a new
 * builder, so a builder can be shared and extended in several directions.
 * Text is escaped and ids are checked as parts are added; see {@link message}.
 *
 * Each builder adds one part to the one before it and keeps the markup of
 * the whole message, extended as the part is added, so `toString()` only
 * returns it. The tree is made only when asked for: the parts are kept as
 * drafts for {@link canonical} (caller strings, checked nodes, builders), which
 * escapes, merges and splits their text as the parser would.
 *
 * @example
 * const greeting = message().to(1, 'Sato-san')
 * greeting.text('Done.').toString() // '[To:1]Sato-san\nDone.'
 * greeting.text('Failed.').toString() // '[To:1]Sato-san\nFailed.'
 * greeting instanceof MessageBuilder // true
 */
export class MessageBuilder implements Composable {
  static {
    make = (previous, part, markup, endsWithBlock) => new MessageBuilder(previous, part, markup, endsWithBlock)
  }

  // plain fields rather than #private ones, declared only, so that the
  // constructor alone sets them: this is the hot path of every message
  private declare readonly previous: MessageBuilder | undefined
  private declare readonly part: Item | undefined
  /** The markup of the whole message so far. */
  private declare readonly markup: string
  /**
   * Whether the markup ends with a quote or code: text that starts with a
   * line feed then repeats the line feed that Chatwork swallows after `[/qt]`
   * and `[/code]`, as the tree's `lineFeed` says.
   */
  private declare readonly endsWithBlock: boolean

  private constructor(previous: MessageBuilder | undefined, part: Item | undefined, markup: string, endsWithBlock: boolean) {
    this.previous = previous
    this.part = part
    this.markup = markup
    this.endsWithBlock = endsWithBlock
  }

  /** The parts in order. */
  get [PARTS](): readonly Item[] {
    const parts: Item[] = []
    for (let b: MessageBuilder | undefined = this; b !== undefined; b = b.previous) if (b.part !== undefined) parts.push(b.part)
    return parts.reverse()
  }

  /** Adds a part, and its markup after the line feed that text starting with one needs after a quote or code. */
  #add(part: Item, markup: string, startsWithLineFeed: boolean, endsWithBlock: boolean): MessageBuilder {
    return make(this, part, (startsWithLineFeed && this.endsWithBlock ? this.markup + '\n' : this.markup) + markup, endsWithBlock)
  }

  /** Adds a tag, which prints as its opener alone. */
  #addTag(node: Tag): MessageBuilder {
    return this.#add(node, openMarkup(node), false, false)
  }

  /** Adds caller text, escaped, then `suffix` (a line break), which needs no escaping. */
  #addText(value: string, suffix = ''): MessageBuilder {
    if (value === '' && suffix === '') return make(this.previous, this.part, this.markup, this.endsWithBlock)
    const markup = escapeText(value) + suffix
    // tested before joining: the joined string would have to be flattened
    const startsWithLineFeed = (value === '' ? suffix : value).charCodeAt(0) === 10
    return this.#add(suffix === '' ? value : { type: 'text', value: markup }, markup, startsWithLineFeed, false)
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
    const tag = this.#addTag(to(accountId))
    return name === undefined ? tag : tag.#addText(checkString(name, 'message().to(): name'), '\n')
  }

  /**
   * `[toall]`: mentions every member of the room.
   *
   * @example
   * message().toAll().text('Lunch at noon').toString() // '[toall]Lunch at noon'
   */
  toAll(): MessageBuilder {
    return this.#addTag(toAll())
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
    const tag = this.#addTag(reply(ref))
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
  info(first: MessageContent, second?: MessageContent): MessageBuilder {
    if (arguments.length < 2) {
      const body = content(first, 'message().info(): content')
      return this.#add({ type: 'info', children: [body] }, OPEN_INFO + markupOf(body) + CLOSE_INFO, false, false)
    }
    const heading = content(first, 'message().info(): title')
    const body = content(second!, 'message().info(): content')
    const markup = OPEN_INFO + OPEN_TITLE + markupOf(heading) + CLOSE_TITLE + markupOf(body) + CLOSE_INFO
    return this.#add({ type: 'info', children: [{ type: 'title', children: [heading] }, body] }, markup, false, false)
  }

  /**
   * `[title]…[/title]`: a heading.
   *
   * @example
   * message().title('Weather').text('Sunny').toString() // '[title]Weather[/title]Sunny'
   */
  title(value: MessageContent): MessageBuilder {
    const body = content(value, 'message().title(): content')
    return this.#add({ type: 'title', children: [body] }, OPEN_TITLE + markupOf(body) + CLOSE_TITLE, false, false)
  }

  /**
   * `[hr]`: a horizontal rule.
   *
   * @example
   * message().text('a').hr().text('b').toString() // 'a[hr]b'
   */
  hr(): MessageBuilder {
    return this.#addTag(hr())
  }

  /**
   * `[code]…[/code]`: `value` verbatim, except that nothing in it can end the
   * block early and mentions in it (`[toall]`, `[To:1]`, `[rp …]`) get the
   * invisible escape mark, so that they notify nobody ({@link escapeCode}).
   * Chatwork hides one leading line feed of the content.
   *
   * @example
   * message().code('npm test').toString() // '[code]npm test[/code]'
   */
  code(value: string): MessageBuilder {
    const node = code(value)
    return this.#add(node, openMarkup(node) + CLOSE_CODE, false, true)
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
    const body = content(value, 'message().quote(): content')
    node.children = [body]
    return this.#add(node, openMarkup(node as Quote) + markupOf(body) + CLOSE_QUOTE, false, true)
  }

  /**
   * `[picon:123]`: an avatar.
   *
   * @example
   * message().picon(123).toString() // '[picon:123]'
   */
  picon(accountId: number): MessageBuilder {
    return this.#addTag(picon(accountId))
  }

  /**
   * `[pname:123]`: a display name.
   *
   * @example
   * message().pname(123).toString() // '[pname:123]'
   */
  pname(accountId: number): MessageBuilder {
    return this.#addTag(pname(accountId))
  }

  /**
   * `[piconname:123]`: an avatar and a display name.
   *
   * @example
   * message().piconname(123).toString() // '[piconname:123]'
   */
  piconname(accountId: number): MessageBuilder {
    return this.#addTag(piconname(accountId))
  }

  /**
   * `[preview id=1 ht=100]`: an inline image of an uploaded file.
   *
   * @example
   * message().preview(64242599, 150).toString() // '[preview id=64242599 ht=150]'
   */
  preview(fileId: number, height?: number): MessageBuilder {
    return this.#addTag(preview(fileId, height))
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
    const added = content(value, 'message().append(): value') as MessageBuilder
    if (added.markup === '') return make(this.previous, this.part, this.markup, this.endsWithBlock)
    return this.#add(added, added.markup, added.markup.charCodeAt(0) === 10, added.endsWithBlock)
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
 * One piece of content: a string (caller text, escaped when printed) or a
 * builder. Callbacks run now, so that errors point at the caller, and nodes
 * are copied now, so that later changes to them do not reach the builder.
 */
function content(value: MessageContent, name: string): string | MessageBuilder {
  if (typeof value === 'string' || value instanceof MessageBuilder) return value
  if (typeof value === 'function') {
    const built: unknown = value(message())
    if (!(built instanceof MessageBuilder)) throw new TypeError(`${name}: the callback must return a builder, got ${describe(built)}`)
    return built
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new TypeError(`${name} must be a string, a node, a builder or a callback, got ${describe(value)}`)
  }
  const { nodes, markup } = compose([value], false, name)
  const last = nodes[nodes.length - 1]
  return make(undefined, { type: 'root', children: nodes }, markup, last?.type === 'quote' || last?.type === 'code')
}

/** The markup of a piece of {@link content}. */
function markupOf(body: string | MessageBuilder): string {
  return typeof body === 'string' ? escapeText(body) : body.toString()
}

// what goes around the content of blocks, the same for every block of a type:
// printed once, by the printer's helpers (each part would cost a dispatch on its type)
const INFO: Info = { type: 'info', children: [] }
const TITLE: Title = { type: 'title', children: [] }
const OPEN_INFO = openMarkup(INFO)
const CLOSE_INFO = closeMarkup(INFO)
const OPEN_TITLE = openMarkup(TITLE)
const CLOSE_TITLE = closeMarkup(TITLE)
const CLOSE_CODE = closeMarkup({ type: 'code', value: '' })
const CLOSE_QUOTE = closeMarkup({ type: 'quote', children: [] })

const EMPTY = make(undefined, undefined, '', false)

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
