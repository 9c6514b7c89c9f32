/** Messages: posting, editing, deleting, read state, mention counts and the per-token read cursor. */
import { MAX_BODY_LENGTH, characterCount } from '../../markup/body.ts'
import { mentions } from '../../markup/mentions.ts'
import { RoomState } from './rooms.ts'
import { badRequest, forbidden, notFound, LIST_CAP, MESSAGE_ID, MESSAGE_ID_STEP, type EmulatorMessage, type EmulatorRoom } from './model.ts'

/** What each message mentions, remembered until its body changes (parsing is the costly part of counting). */
const mentionCache = new WeakMap<EmulatorMessage, { body: string; found: ReturnType<typeof mentions> }>()

/** Whether `message` notifies `accountId`: `[toall]`, `[To:…]` or a reply to them, not by themself. */
export function notifies(message: EmulatorMessage, accountId: number): boolean {
  if (accountId === message.account_id) return false
  let cached = mentionCache.get(message)
  if (cached === undefined || cached.body !== message.body) {
    cached = { body: message.body, found: mentions(message.body) }
    mentionCache.set(message, cached)
  }
  const { found } = cached
  return found.toAll || found.accountIds.includes(accountId) || found.replies.some((reply) => reply.accountId === accountId)
}

/** The state with messages. */
export class MessageState extends RoomState {
  protected nextMessageId(): string {
    this.lastMessageId += MESSAGE_ID_STEP
    return this.lastMessageId.toString()
  }

  /** Posts a message as `actor`; every other member gets it unread (and `actor` too with `selfUnread`). */
  postMessage(actor: number, roomId: number, body: string, options: { selfUnread?: boolean; sendTime?: number; messageId?: string } = {}): EmulatorMessage {
    const room = this.writableRoom(roomId, actor)
    this.checkBody(body, true)
    return this.insertMessage(room, actor, body, options)
  }

  /** A room `actor` may post to: read-only members cannot post, assign tasks or upload. */
  protected writableRoom(roomId: number, actor: number): EmulatorRoom {
    const room = this.room(roomId, actor)
    if (room.members.get(actor) === 'readonly') throw forbidden('Read-only members cannot post to this room')
    return room
  }

  /** Adds a message, unchecked: also how Chatwork's own notices (tasks, uploads) are written. */
  protected insertMessage(room: EmulatorRoom, actor: number, body: string, options: { selfUnread?: boolean; sendTime?: number; messageId?: string } = {}): EmulatorMessage {
    let messageId = options.messageId
    if (messageId === undefined) {
      messageId = this.nextMessageId()
    } else {
      if (!MESSAGE_ID.test(messageId)) throw badRequest(`Invalid message id ${messageId}`)
      const id = BigInt(messageId)
      const newest = room.messages.at(-1)
      if (newest !== undefined && BigInt(newest.message_id) >= id) throw badRequest(`Message id ${messageId} must be newer than the room's newest`)
      if (id > this.lastMessageId) this.lastMessageId = id
    }
    const message: EmulatorMessage = { message_id: messageId, account_id: actor, body, send_time: options.sendTime ?? this.now(), update_time: 0 }
    room.messages.push(message)
    room.last_update_time = Math.max(room.last_update_time, message.send_time)
    for (const member of room.members.keys()) {
      if (member !== actor || options.selfUnread) this.unreadSet(room, member).add(messageId)
    }
    this.events.message?.('message_created', room, message)
    return message
  }

  protected unreadSet(room: EmulatorRoom, accountId: number): Set<string> {
    let set = room.unread.get(accountId)
    if (set === undefined) room.unread.set(accountId, (set = new Set()))
    return set
  }

  /** Checks a message body: 1 to 65,535 characters (tasks may be empty). */
  checkBody(body: string, required: boolean): void {
    if (required && body === '') throw badRequest("Parameter 'body' is required")
    if (characterCount(body) > MAX_BODY_LENGTH) throw badRequest(`Parameter 'body' must be at most ${MAX_BODY_LENGTH} characters`)
  }

  message(roomId: number, messageId: string, actor?: number): EmulatorMessage {
    const room = this.room(roomId, actor)
    const message = room.messages.find((candidate) => candidate.message_id === messageId)
    if (message === undefined) throw notFound('Message')
    return message
  }

  protected editable(actor: number, roomId: number, messageId: string): { room: EmulatorRoom; message: EmulatorMessage } {
    const message = this.message(roomId, messageId, actor)
    if (this.behavior.editableBy === 'sender' && message.account_id !== actor) throw forbidden('Only the sender can change this message')
    return { room: this.room(roomId), message }
  }

  editMessage(actor: number, roomId: number, messageId: string, body: string): EmulatorMessage {
    this.checkBody(body, true)
    const { room, message } = this.editable(actor, roomId, messageId)
    message.body = body
    message.update_time = this.now()
    room.last_update_time = Math.max(room.last_update_time, message.update_time)
    this.events.message?.('message_updated', room, message)
    return message
  }

  deleteMessage(actor: number, roomId: number, messageId: string): void {
    const { room, message } = this.editable(actor, roomId, messageId)
    room.messages.splice(room.messages.indexOf(message), 1)
    for (const set of room.unread.values()) set.delete(messageId)
    this.events.message?.('message_deleted', room, message)
  }

  /** Marks messages read up to and including `messageId` (all when omitted); 400 if it is read already. */
  markRead(actor: number, roomId: number, messageId?: string): EmulatorRoom {
    const room = this.room(roomId, actor)
    const unread = this.unreadSet(room, actor)
    if (messageId === undefined) {
      unread.clear()
      return room
    }
    this.message(roomId, messageId)
    if (!unread.has(messageId)) throw badRequest('The message is already read')
    const limit = BigInt(messageId)
    for (const id of unread) if (BigInt(id) <= limit) unread.delete(id)
    return room
  }

  /** Marks `messageId` and every later message unread. */
  markUnread(actor: number, roomId: number, messageId: string): EmulatorRoom {
    const room = this.room(roomId, actor)
    this.message(roomId, messageId)
    const from = BigInt(messageId)
    const unread = this.unreadSet(room, actor)
    for (const message of room.messages) if (BigInt(message.message_id) >= from) unread.add(message.message_id)
    return room
  }

  /** A member's unread and mention counts in a room. */
  counters(room: EmulatorRoom, accountId: number): { unread_num: number; mention_num: number } {
    const unread = room.unread.get(accountId) ?? new Set<string>()
    let mentionNum = 0
    for (const message of room.messages) {
      if (unread.has(message.message_id) && notifies(message, accountId)) mentionNum++
    }
    return { unread_num: unread.size, mention_num: mentionNum }
  }

  /**
   * Messages for `GET …/messages`: the latest {@link LIST_CAP}, and without
   * `force` only those `token` has not received yet, advancing its cursor.
   */
  readMessages(token: string, actor: number, roomId: number, options: { force: boolean; advanceOnForce: boolean; visible?: (message: EmulatorMessage) => boolean }): EmulatorMessage[] {
    const room = this.room(roomId, actor)
    const key = `${token}\0${roomId}`
    const cursor = this.cursors.get(key) ?? 0n
    const latest = room.messages.slice(-LIST_CAP)
    const result = options.force ? latest : latest.filter((message) => BigInt(message.message_id) > cursor)
    const newest = latest.at(-1)
    if (newest !== undefined && (!options.force || options.advanceOnForce)) {
      const id = BigInt(newest.message_id)
      if (id > cursor) this.cursors.set(key, id)
    }
    return result
  }

}
