/** What counts as a message body (a string, a builder or a tree), its markup, and how Chatwork counts its length. */
import type { Node, Root } from './nodes.ts'
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
 * `stringify`, a builder through its `toString()`; `undefined` for anything else.
 *
 * @example
 * bodyText({ type: 'root', children: [{ type: 'toall' }] }) // '[toall]'
 */
export function bodyText(body: MessageBody): string | undefined {
  if (typeof body === 'string') return body
  if (Array.isArray(body)) return stringify(body as readonly Node[])
  if (typeof body === 'object' && body !== null) {
    if (typeof (body as Node).type === 'string') return stringify(body as Node)
    if (typeof (body as MarkupSource).toTree === 'function') return String(body)
  }
  return undefined
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
