/** `client.messages`: read, send, edit, delete, mark and poll a room's messages. */
import { Endpoints, messageIdOf, toCall, type Id, type MessageId } from './call.ts'
import { mayHaveBeenProcessed, type RequestOptions } from './request.ts'
import { sendableBody, toMessage } from './body.ts'
import { sleep } from './sleep.ts'
import type { MessageBody } from '../markup/body.ts'
import type { Message, MessageList, UnreadCounts } from './types.ts'
import { MESSAGE_FIELDS, MESSAGE_ID_FIELDS } from './answer-shape.ts'

/**
 * Time between two reads of `messages.poll`: 5 seconds, 60 of the 300 requests a 5-minute window allows.
 *
 * @example
 * for await (const m of client.messages.poll(roomId, { intervalMs: DEFAULT_POLL_INTERVAL_MS * 2 })) console.log(m.body)
 */
export const DEFAULT_POLL_INTERVAL_MS = 5_000

/**
 * `client.messages`. Messages from `list`, `get` and `poll` carry `tree`,
 * their parsed body.
 *
 * @example
 * const { message_id } = await client.messages.send(roomId, 'hello')
 */
export class Messages extends Endpoints {
  /**
   * Up to 100 messages (`GET /rooms/{room_id}/messages`). Without `force`,
   * only those this token has not received yet, and the call moves the
   * token's cursor; with `force: true`, the latest 100. The result's
   * `limitation` is set when the free plan hid messages.
   *
   * @example
   * const latest = await client.messages.list(roomId, { force: true })
   * console.log(latest.map((m) => m.tree.children.length))
   */
  async list(roomId: Id, options: { force?: boolean } & RequestOptions = {}): Promise<MessageList> {
    const answer = await this.requester.send<Omit<Message, 'tree'>[]>(
      // without force, a read moves the cursor, so a repeated read would not return what a lost one held
      toCall('GET /rooms/{room_id}/messages', [roomId], { params: { force: options.force }, list: true, fields: MESSAGE_FIELDS, limited: true, repeatable: options.force === true, options }),
    )
    const messages: MessageList = answer.data.map(toMessage)
    if (answer.limitation) messages.limitation = answer.limitation
    return messages
  }

  /**
   * Posts a message (`POST /rooms/{room_id}/messages`): markup text, a
   * builder or a tree. Refuses an empty body or one over 65,535 characters
   * before any request. Keeps to the room's posting window; never posts twice.
   *
   * @example
   * await client.messages.send(roomId, message().to(1001, 'Hanako').text(' please check'))
   */
  async send(roomId: Id, body: MessageBody, options: { selfUnread?: boolean } & RequestOptions = {}): Promise<{ message_id: string }> {
    const params = { body: sendableBody(body, 1), self_unread: options.selfUnread }
    return this.request('POST /rooms/{room_id}/messages', [roomId], { params, room: 'post', fields: MESSAGE_ID_FIELDS, options })
  }

  /**
   * One message (`GET /rooms/{room_id}/messages/{message_id}`). On the free
   * plan a 404 with `error.limitation` set means "restricted", not "missing".
   *
   * @example
   * const { tree } = await client.messages.get(roomId, '1718000000000000001')
   */
  async get(roomId: Id, messageId: MessageId, options?: RequestOptions): Promise<Message> {
    const answer = await this.requester.send<Omit<Message, 'tree'>>(
      toCall('GET /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { limited: true, fields: MESSAGE_FIELDS, options }),
    )
    return toMessage(answer.data)
  }

  /**
   * Edits a message (`PUT /rooms/{room_id}/messages/{message_id}`); the same body rules as `send`.
   *
   * @example
   * await client.messages.update(roomId, messageId, 'fixed typo')
   */
  async update(roomId: Id, messageId: MessageId, body: MessageBody, options?: RequestOptions): Promise<{ message_id: string }> {
    const params = { body: sendableBody(body, 1) }
    return this.request('PUT /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { params, fields: MESSAGE_ID_FIELDS, options })
  }

  /**
   * Deletes a message (`DELETE /rooms/{room_id}/messages/{message_id}`, which answers with its id).
   *
   * @example
   * await client.messages.delete(roomId, messageId)
   */
  async delete(roomId: Id, messageId: MessageId, options?: RequestOptions): Promise<{ message_id: string }> {
    return this.request('DELETE /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { repeatable: false, fields: MESSAGE_ID_FIELDS, options })
  }

  /**
   * Marks messages read up to `messageId`, or all of them without it
   * (`PUT /rooms/{room_id}/messages/read`). Chatwork answers 400 when the
   * message is already read.
   *
   * @example
   * const { unread_num } = await client.messages.markRead(roomId)
   */
  async markRead(roomId: Id, messageId?: MessageId, options?: RequestOptions): Promise<UnreadCounts> {
    const params = { message_id: messageId === undefined ? undefined : messageIdOf(messageId) }
    return this.request('PUT /rooms/{room_id}/messages/read', [roomId], { params, repeatable: false, options })
  }

  /**
   * Marks `messageId` and every later message unread (`PUT /rooms/{room_id}/messages/unread`).
   *
   * @example
   * await client.messages.markUnread(roomId, messageId)
   */
  async markUnread(roomId: Id, messageId: MessageId, options?: RequestOptions): Promise<UnreadCounts> {
    const params = { message_id: messageIdOf(messageId) }
    return this.request('PUT /rooms/{room_id}/messages/unread', [roomId], { params, options })
  }

  /**
   * New messages as they come: reads the room without `force` every
   * `intervalMs` (default {@link DEFAULT_POLL_INTERVAL_MS}) and yields each
   * message once, oldest first. The first read drains what this token has not
   * received yet (up to 100). A read without `force` moves the token's cursor
   * even when its answer is lost, so after a timeout, a lost connection or a
   * transient 5xx the next read is forced (the latest 100) and yields what
   * came after the last message yielded. Ends quietly when `signal` aborts or
   * the loop breaks; other errors, or a forced read that fails too, end it by
   * throwing.
   *
   * @example
   * for await (const m of client.messages.poll(roomId, { signal: AbortSignal.timeout(60_000) })) {
   *   console.log(m.account.name, m.tree)
   * }
   */
  async *poll(roomId: Id, options: { intervalMs?: number } & RequestOptions = {}): AsyncGenerator<Message, void, undefined> {
    const { intervalMs = DEFAULT_POLL_INTERVAL_MS, signal } = options
    let newest: Message | undefined
    let lost = false
    for (;;) {
      try {
        const read = await this.list(roomId, lost ? { ...options, force: true } : options)
        lost = false
        // The order of a read is undocumented (spec §5.12): sort by time, then by id.
        for (const m of read.sort(bySendTime)) if (newest === undefined || bySendTime(m, newest) > 0) yield (newest = m)
        await sleep(intervalMs, signal)
      } catch (error) {
        if (signal?.aborted) return
        if (lost || !mayHaveBeenProcessed(error)) throw error
        lost = true
      }
    }
  }
}

/** Orders messages by send time, then by id. */
function bySendTime(a: Message, b: Message): number {
  return a.send_time - b.send_time || compareDecimal(a.message_id, b.message_id)
}

/** Orders decimal strings by value without converting them to numbers. */
function compareDecimal(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}
