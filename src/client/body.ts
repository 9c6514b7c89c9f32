/**
 * Message bodies on their way out (checked against Chatwork's length limits)
 * and on their way in (messages that parse their body into a tree when asked).
 */
import { ChatworkArgumentError } from '../errors.ts'
import { bodyText, characterCount, MAX_BODY_LENGTH, type MessageBody } from '../markup/body.ts'
import { parse } from '../markup/parse.ts'
import type { Root } from '../markup/nodes.ts'
import type { Message } from './types.ts'

/**
 * The markup of a body to send, checked: a string, a builder or a tree, from
 * `min` to {@link MAX_BODY_LENGTH} characters. Throws a {@link ChatworkArgumentError} otherwise.
 *
 * @example
 * sendableBody(message().text('hi'), 1) // 'hi'
 */
export function sendableBody(body: MessageBody, min: 0 | 1): string {
  const text = bodyText(body)
  if (text === undefined) throw new ChatworkArgumentError('body', 'A body must be a string, a builder or a markup tree')
  return checkBodyLength(text, min)
}

/**
 * Checks a body's length in code points, as Chatwork counts: from `min` to
 * {@link MAX_BODY_LENGTH}. Throws a {@link ChatworkArgumentError} otherwise.
 *
 * @example
 * checkBodyLength('', 1) // throws: the body is empty
 */
function checkBodyLength(text: string, min: 0 | 1): string {
  if (text.length < min) throw new ChatworkArgumentError('body', 'The body is empty')
  // Cheap first: a string of at most MAX UTF-16 units has at most MAX code points.
  if (text.length > MAX_BODY_LENGTH) {
    const count = characterCount(text)
    if (count > MAX_BODY_LENGTH) throw new ChatworkArgumentError('body', `The body has ${count} characters; Chatwork takes at most ${MAX_BODY_LENGTH}`)
  }
  return text
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
