/**
 * Message bodies on their way out (a string, a builder or a tree, checked
 * against Chatwork's length limits) and on their way in (messages that parse
 * their body into a tree when asked).
 */
import { ChatworkArgumentError } from './errors.ts'
import type { Message } from './client-types.ts'
import type { Node, Root } from './nodes.ts'
import { parse } from './parse.ts'
import { stringify } from './stringify.ts'

/**
 * The longest body Chatwork accepts, in characters (code points), spec §1.9.
 *
 * @example
 * if ([...body].length > MAX_BODY_LENGTH) body = body.slice(0, 60_000)
 */
export const MAX_BODY_LENGTH = 65_535

/**
 * A builder (`message()`), or anything shaped like one: its markup is its `toString()`.
 *
 * @example
 * await client.messages.send(roomId, message().toAll().text(' standup') satisfies MarkupSource)
 */
export interface MarkupSource {
  toTree(): Root
  toString(): string
}

/**
 * What `messages.send`, `messages.update` and `tasks.create` accept as a body: markup text, a builder, or a tree.
 *
 * @example
 * const bodies: MessageBody[] = ['hi', message().text('hi'), parse('[toall] hi'), [{ type: 'hr' }]]
 */
export type MessageBody = string | MarkupSource | Node | readonly Node[]

/**
 * The markup of a body: a string as it is, a tree or nodes printed with
 * `stringify`, a builder through its `toString()`.
 *
 * @example
 * bodyText({ type: 'root', children: [{ type: 'toall' }] }) // '[toall]'
 */
export function bodyText(body: MessageBody): string {
  if (typeof body === 'string') return body
  if (Array.isArray(body)) return stringify(body as readonly Node[])
  if (typeof body === 'object' && body !== null) {
    if (typeof (body as Node).type === 'string') return stringify(body as Node)
    if (typeof (body as MarkupSource).toTree === 'function') return String(body)
  }
  throw new ChatworkArgumentError('body', 'A body must be a string, a builder or a markup tree')
}

/**
 * Checks a body's length in code points, as Chatwork counts: from `min` to
 * {@link MAX_BODY_LENGTH}. Throws a {@link ChatworkArgumentError} otherwise.
 *
 * @example
 * checkBodyLength('', 1) // throws: the body is empty
 */
export function checkBodyLength(text: string, min: 0 | 1): string {
  if (text.length < min) throw new ChatworkArgumentError('body', 'The body is empty')
  // Cheap first: a string of at most MAX UTF-16 units has at most MAX code points.
  if (text.length > MAX_BODY_LENGTH) {
    const count = characterCount(text)
    if (count > MAX_BODY_LENGTH) throw new ChatworkArgumentError('body', `The body has ${count} characters; Chatwork takes at most ${MAX_BODY_LENGTH}`)
  }
  return text
}

/**
 * Number of characters (code points) of a string, as Chatwork counts body length.
 *
 * @example
 * characterCount('😀a') // 2
 */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** A message from the API, with its body parsed on first read of `tree`. */
class ParsedMessage {
  declare body: string
  #parsedBody: string | undefined
  #tree: Root | undefined

  get tree(): Root {
    if (this.#tree === undefined || this.#parsedBody !== this.body) {
      this.#tree = parse(this.body)
      this.#parsedBody = this.body
    }
    return this.#tree
  }
}

/**
 * A message as the API sent it, plus a lazy `tree` getter (on the prototype,
 * so `JSON.stringify` and spreading leave it out).
 *
 * @example
 * toMessage({ message_id: '1', account, body: '[toall] hi', send_time: 0, update_time: 0 }).tree.children[0].type // 'toall'
 */
export function toMessage(raw: Omit<Message, 'tree'>): Message {
  return Object.assign(new ParsedMessage(), raw) as Message
}
