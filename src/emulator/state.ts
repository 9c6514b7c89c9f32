/**
 * The emulator's in-memory Chatwork: accounts, contacts, rooms with their
 * messages, tasks, files and invite links, read state and message cursors.
 * Every operation keeps the whole consistent (a posted message is listed,
 * leaving a room drops it from the room list, accepting a request makes a
 * contact), and refuses bad input with a {@link ChatworkEmulatorError} whose
 * `status` is what the HTTP layer answers.
 */
import { ChatworkEmulatorError } from '../errors.ts'
import { MAX_BODY_LENGTH, characterCount } from '../markup/body.ts'
import { mentions } from '../markup/mentions.ts'

/** A member's role in a room. */
export type Role = 'admin' | 'member' | 'readonly'
/** The kind of a room: your own "My chat", a one-to-one chat, or a group chat. */
export type RoomType = 'my' | 'direct' | 'group'
/** A task's state. */
export type TaskStatus = 'open' | 'done'
/** How a task's due time is meant: no due date, a day, or a moment. */
export type LimitType = 'none' | 'date' | 'time'

/**
 * The room icon presets of `POST /rooms` and `PUT /rooms/{id}`.
 *
 * @example
 * ICON_PRESETS.includes('beer') // true
 */
export const ICON_PRESETS = [
  'group', 'check', 'document', 'meeting', 'event', 'project', 'business', 'study', 'security',
  'star', 'idea', 'heart', 'magcup', 'beer', 'music', 'sports', 'travel',
] as const
/** One of {@link ICON_PRESETS}. */
export type IconPreset = (typeof ICON_PRESETS)[number]

/** An account as `GET /me` shows it to its owner. */
export interface EmulatorAccount {
  account_id: number
  /** The account's "My chat". */
  room_id: number
  name: string
  chatwork_id: string
  organization_id: number
  organization_name: string
  department: string
  title: string
  url: string
  introduction: string
  mail: string
  tel_organization: string
  tel_extension: string
  tel_mobile: string
  skype: string
  facebook: string
  twitter: string
  avatar_image_url: string
  login_mail: string
}

/** A message as stored. `message_id` is a 19-digit decimal string. */
export interface EmulatorMessage {
  message_id: string
  account_id: number
  body: string
  send_time: number
  update_time: number
}

/** A task as stored: one assignee each. */
export interface EmulatorTask {
  task_id: number
  room_id: number
  /** The assignee. */
  account_id: number
  assigned_by_account_id: number
  message_id: string
  body: string
  limit_time: number
  status: TaskStatus
  limit_type: LimitType
}

/** An uploaded file as stored, with its bytes. */
export interface EmulatorFile {
  file_id: number
  room_id: number
  /** The uploader. */
  account_id: number
  message_id: string
  filename: string
  filesize: number
  upload_time: number
  content_type: string
  content: Uint8Array
}

/** A room's invite link settings. */
export interface EmulatorLink {
  code: string
  need_acceptance: boolean
  description: string
}

/** A contact request waiting for `to_account_id` to accept or decline it. */
export interface EmulatorContactRequest {
  request_id: number
  /** Who asks. */
  account_id: number
  /** Who is asked. */
  to_account_id: number
  message: string
}

/** A room as stored. */
export interface EmulatorRoom {
  room_id: number
  type: RoomType
  name: string
  description: string
  icon_path: string
  last_update_time: number
  /** Account id → role, in joining order. */
  members: Map<number, Role>
  /** Oldest first (ids increase). */
  messages: EmulatorMessage[]
  tasks: EmulatorTask[]
  files: EmulatorFile[]
  link?: EmulatorLink
  /** Account id → ids of the messages unread by that member. */
  unread: Map<number, Set<string>>
  /** Members who pinned the room. */
  sticky: Set<number>
}

/** What can change in a room's membership, as id lists. */
export interface MemberLists {
  admin: number[]
  member?: number[]
  readonly?: number[]
}

/** Where the state's behaviour is uncertain in the spec, the emulator lets you choose (spec §10). */
export interface EmulatorBehavior {
  /** Who may edit or delete a message (spec §5.17). Default `'sender'`. */
  editableBy: 'sender' | 'anyone'
  /** `limit_type` of a task created without one (spec §5.20). Default `'auto'`: `time` with a `limit`, `none` without. */
  defaultLimitType: 'auto' | LimitType
  /** Whether `PUT /rooms/{id}/link` keeps an omitted `description` (spec §5.28). Default `true`. */
  linkPutKeepsDescription: boolean
  /** Whether `POST /rooms` makes the caller an admin when the lists leave them out (spec §5.6). Default `true`. */
  addCreatorToRoom: boolean
}

/**
 * The {@link EmulatorBehavior} defaults.
 *
 * @example
 * await startEmulator({ behavior: { ...DEFAULT_BEHAVIOR, editableBy: 'anyone' } })
 */
export const DEFAULT_BEHAVIOR: EmulatorBehavior = {
  editableBy: 'sender',
  defaultLimitType: 'auto',
  linkPutKeepsDescription: true,
  addCreatorToRoom: true,
}

/** Longest room name, in characters (spec §5.6). */
export const MAX_ROOM_NAME_LENGTH = 255
/** Cap of every capped list (spec §1.8). */
export const LIST_CAP = 100

/**
 * Message ids: 19-digit decimals above 2^53, as Chatwork's are. Every id is
 * odd, so no id survives a round trip through a JavaScript number (doubles
 * that large are all multiples of 256): a client that loses precision fails.
 */
const FIRST_MESSAGE_ID = 1_718_000_000_000_000_001n
const MESSAGE_ID_STEP = 2_018n
const MESSAGE_ID = /^[1-9]\d{0,18}$/

/** The icon URL of a preset, in Chatwork's spelling. */
export function iconPath(preset: IconPreset): string {
  return `https://appdata.chatwork.com/icon/ico_${preset}.png`
}

/** Events the state reports, for webhooks. */
export interface StateEvents {
  message?: (kind: 'message_created' | 'message_updated', room: EmulatorRoom, message: EmulatorMessage) => void
}

function notFound(what: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(404, `${what} not found`)
}

function badRequest(message: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, message)
}

function forbidden(message: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(403, message)
}

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

/** The in-memory Chatwork behind one emulator. */
export class EmulatorState {
  readonly accounts = new Map<number, EmulatorAccount>()
  /** API token → account id. */
  readonly tokens = new Map<string, number>()
  readonly rooms = new Map<number, EmulatorRoom>()
  /** Account id → its contacts' ids (symmetric). */
  readonly contacts = new Map<number, Set<number>>()
  readonly requests = new Map<number, EmulatorContactRequest>()
  /** `token \0 roomId` → the newest message id that token has received from that room. */
  readonly cursors = new Map<string, bigint>()
  readonly behavior: EmulatorBehavior
  readonly events: StateEvents = {}
  private readonly clock: () => number
  private lastMessageId = FIRST_MESSAGE_ID - MESSAGE_ID_STEP
  private nextAccountId = 1001
  private nextRoomId = 5001
  private nextTaskId = 3001
  private nextFileId = 7001
  private nextRequestId = 81

  constructor(clock: () => number, behavior: Partial<EmulatorBehavior> = {}) {
    this.clock = clock
    this.behavior = { ...DEFAULT_BEHAVIOR, ...behavior }
  }

  /** The current time in Unix seconds. */
  now(): number {
    return Math.floor(this.clock() / 1000)
  }

  // Accounts and contacts

  /** Creates an account with its "My chat"; fields left out get plausible values. */
  addAccount(profile: Partial<EmulatorAccount> = {}): EmulatorAccount {
    const accountId = profile.account_id ?? this.nextAccountId
    if (!Number.isSafeInteger(accountId) || accountId <= 0) throw badRequest(`Invalid account id ${accountId}`)
    if (this.accounts.has(accountId)) throw badRequest(`Account ${accountId} already exists`)
    this.nextAccountId = Math.max(this.nextAccountId, accountId + 1)
    const name = profile.name ?? `User ${accountId}`
    const chatworkId = profile.chatwork_id ?? `user_${accountId}`
    const myChat = this.createRoomRecord('my', 'My Chat', '', iconPath('group'))
    myChat.members.set(accountId, 'admin')
    const account: EmulatorAccount = {
      account_id: accountId,
      room_id: myChat.room_id,
      name,
      chatwork_id: chatworkId,
      organization_id: 0,
      organization_name: '',
      department: '',
      title: '',
      url: '',
      introduction: '',
      mail: `${chatworkId}@example.org`,
      tel_organization: '',
      tel_extension: '',
      tel_mobile: '',
      skype: '',
      facebook: '',
      twitter: '',
      avatar_image_url: `https://appdata.chatwork.com/avatar/${accountId}.png`,
      login_mail: `${chatworkId}@example.org`,
      ...profile,
    }
    account.account_id = accountId
    account.room_id = myChat.room_id
    this.accounts.set(accountId, account)
    this.contacts.set(accountId, new Set())
    return account
  }

  /** Gives `accountId` an API token (an account may have several). */
  addToken(token: string, accountId: number): void {
    if (token === '' || /\s/.test(token)) throw badRequest('An API token must be non-empty and have no whitespace')
    if (this.tokens.has(token)) throw badRequest('This API token is already in use')
    this.account(accountId)
    this.tokens.set(token, accountId)
  }

  account(accountId: number): EmulatorAccount {
    const account = this.accounts.get(accountId)
    if (account === undefined) throw notFound(`Account ${accountId}`)
    return account
  }

  /** Makes two accounts contacts, with a direct chat between them; returns that chat. */
  addContact(a: number, b: number): EmulatorRoom {
    this.account(a)
    this.account(b)
    if (a === b) throw badRequest('An account cannot be its own contact')
    this.contacts.get(a)!.add(b)
    this.contacts.get(b)!.add(a)
    const existing = this.directRoom(a, b)
    if (existing !== undefined) return existing
    const room = this.createRoomRecord('direct', '', '', '')
    room.members.set(a, 'member')
    room.members.set(b, 'member')
    return room
  }

  /** The direct chat between two accounts, if any. */
  directRoom(a: number, b: number): EmulatorRoom | undefined {
    for (const room of this.rooms.values()) {
      if (room.type === 'direct' && room.members.has(a) && room.members.has(b)) return room
    }
    return undefined
  }

  /** Whether `actor` may add `accountId` to a room: themself, a contact, or someone of their organisation. */
  private canInvite(actor: number, accountId: number): boolean {
    if (actor === accountId || this.contacts.get(actor)?.has(accountId)) return true
    const organizationId = this.accounts.get(actor)?.organization_id
    return organizationId !== undefined && organizationId !== 0 && this.accounts.get(accountId)?.organization_id === organizationId
  }

  /** Files a contact request from `from` to `to`. */
  addContactRequest(from: number, to: number, message = ''): EmulatorContactRequest {
    this.account(from)
    this.account(to)
    if (from === to) throw badRequest('An account cannot ask itself')
    const request: EmulatorContactRequest = { request_id: this.nextRequestId++, account_id: from, to_account_id: to, message }
    this.requests.set(request.request_id, request)
    return request
  }

  /** A request addressed to `actor`. */
  private requestFor(actor: number, requestId: number): EmulatorContactRequest {
    const request = this.requests.get(requestId)
    if (request === undefined || request.to_account_id !== actor) throw notFound('Contact request')
    return request
  }

  /** Accepts a request: the two become contacts with a direct chat. */
  acceptRequest(actor: number, requestId: number): { request: EmulatorContactRequest; room: EmulatorRoom } {
    const request = this.requestFor(actor, requestId)
    this.requests.delete(requestId)
    return { request, room: this.addContact(actor, request.account_id) }
  }

  declineRequest(actor: number, requestId: number): void {
    this.requestFor(actor, requestId)
    this.requests.delete(requestId)
  }

  // Rooms

  private createRoomRecord(type: RoomType, name: string, description: string, icon: string): EmulatorRoom {
    const room: EmulatorRoom = {
      room_id: this.nextRoomId++,
      type,
      name,
      description,
      icon_path: icon,
      last_update_time: this.now(),
      members: new Map(),
      messages: [],
      tasks: [],
      files: [],
      unread: new Map(),
      sticky: new Set(),
    }
    this.rooms.set(room.room_id, room)
    return room
  }

  /** A room `actor` belongs to; 404 otherwise, as Chatwork does not reveal rooms you are not in. */
  room(roomId: number, actor?: number): EmulatorRoom {
    const room = this.rooms.get(roomId)
    if (room === undefined || (actor !== undefined && !room.members.has(actor))) throw notFound(`Room ${roomId}`)
    return room
  }

  /** A group chat `actor` administers. */
  private adminGroup(roomId: number, actor: number): EmulatorRoom {
    const room = this.room(roomId, actor)
    if (room.type !== 'group') throw badRequest('Only group chats can be changed')
    if (room.members.get(actor) !== 'admin') throw forbidden('You do not have permission to change this room')
    return room
  }

  /**
   * Checks member lists and returns them as one id → role map. Over the API,
   * members must be the caller's contacts or colleagues (or already members);
   * `trusted` (seeds and helpers, which shape the world) skips that check.
   */
  private memberMap(actor: number, lists: MemberLists, current?: EmulatorRoom, trusted = false): Map<number, Role> {
    const map = new Map<number, Role>()
    const roles: [Role, number[] | undefined][] = [['admin', lists.admin], ['member', lists.member], ['readonly', lists.readonly]]
    for (const [role, ids] of roles) {
      for (const id of ids ?? []) {
        if (!this.accounts.has(id)) throw badRequest(`Account ${id} does not exist`)
        if (!trusted && !current?.members.has(id) && !this.canInvite(actor, id)) {
          throw badRequest(`Account ${id} is neither your contact nor in your organization`)
        }
        if (map.has(id)) throw badRequest(`Account ${id} is listed twice`)
        map.set(id, role)
      }
    }
    if (![...map.values()].includes('admin')) throw badRequest("Parameter 'members_admin_ids' is required")
    return map
  }

  /** Creates a group chat; `trusted` skips the contact check (see `memberMap`). */
  createRoom(
    actor: number,
    input: { name: string; description?: string; iconPreset?: IconPreset; members: MemberLists; link?: Partial<EmulatorLink> },
    trusted = false,
  ): EmulatorRoom {
    this.account(actor)
    const members = this.memberMap(actor, input.members, undefined, trusted)
    if (this.behavior.addCreatorToRoom && !members.has(actor)) members.set(actor, 'admin')
    if (input.link !== undefined) this.checkLinkCode(input.link.code)
    const room = this.createRoomRecord('group', input.name, input.description ?? '', iconPath(input.iconPreset ?? 'group'))
    room.members = members
    if (input.link !== undefined) room.link = this.newLink(input.link)
    return room
  }

  updateRoom(actor: number, roomId: number, input: { name?: string; description?: string; iconPreset?: IconPreset }): EmulatorRoom {
    const room = this.adminGroup(roomId, actor)
    if (input.name !== undefined) room.name = input.name
    if (input.description !== undefined) room.description = input.description
    if (input.iconPreset !== undefined) room.icon_path = iconPath(input.iconPreset)
    room.last_update_time = this.now()
    return room
  }

  /** Leaves a group chat: the leaver's tasks there and the files they uploaded go too (spec §5.9). */
  leaveRoom(actor: number, roomId: number): void {
    const room = this.room(roomId, actor)
    if (room.type !== 'group') throw badRequest('Only group chats can be left')
    room.members.delete(actor)
    room.unread.delete(actor)
    room.sticky.delete(actor)
    room.tasks = room.tasks.filter((task) => task.account_id !== actor)
    room.files = room.files.filter((file) => file.account_id !== actor)
    if (room.members.size === 0) this.dropRoom(room)
  }

  /** Deletes a group chat with everything in it, for everyone. */
  deleteRoom(actor: number, roomId: number): void {
    this.dropRoom(this.adminGroup(roomId, actor))
  }

  private dropRoom(room: EmulatorRoom): void {
    this.rooms.delete(room.room_id)
    const suffix = `\0${room.room_id}`
    for (const key of this.cursors.keys()) if (key.endsWith(suffix)) this.cursors.delete(key)
  }

  /** Replaces the membership; members left out of every list are removed (spec §5.11). */
  setMembers(actor: number, roomId: number, lists: MemberLists): EmulatorRoom {
    const room = this.adminGroup(roomId, actor)
    const members = this.memberMap(actor, lists, room)
    for (const id of room.members.keys()) {
      if (!members.has(id)) {
        room.unread.delete(id)
        room.sticky.delete(id)
      }
    }
    room.members = members
    room.last_update_time = this.now()
    return room
  }

  // Messages

  private nextMessageId(): string {
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
  private writableRoom(roomId: number, actor: number): EmulatorRoom {
    const room = this.room(roomId, actor)
    if (room.members.get(actor) === 'readonly') throw forbidden('Read-only members cannot post to this room')
    return room
  }

  /** Adds a message, unchecked: also how Chatwork's own notices (tasks, uploads) are written. */
  private insertMessage(room: EmulatorRoom, actor: number, body: string, options: { selfUnread?: boolean; sendTime?: number; messageId?: string } = {}): EmulatorMessage {
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

  private unreadSet(room: EmulatorRoom, accountId: number): Set<string> {
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

  private editable(actor: number, roomId: number, messageId: string): { room: EmulatorRoom; message: EmulatorMessage } {
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

  // Tasks

  /** The `limit_type` of a new task, from the caller's choice or the configured default. */
  private limitType(given: LimitType | undefined, hasLimit: boolean): LimitType {
    if (given !== undefined) return given
    if (this.behavior.defaultLimitType !== 'auto') return this.behavior.defaultLimitType
    return hasLimit ? 'time' : 'none'
  }

  /** Creates one task per assignee, announced by one system message. */
  createTasks(actor: number, roomId: number, input: { body: string; to: number[]; limit?: number; limitType?: LimitType }): EmulatorTask[] {
    const room = this.writableRoom(roomId, actor)
    this.checkBody(input.body, false)
    if (input.to.length === 0) throw badRequest("Parameter 'to_ids' is required")
    for (const id of input.to) if (!room.members.has(id)) throw badRequest(`Account ${id} is not a member of the room`)
    const limitType = this.limitType(input.limitType, input.limit !== undefined)
    const limitTime = limitType === 'none' ? 0 : (input.limit ?? 0)
    const ltype = limitType === 'none' ? '' : ` ltype=${limitType}`
    const panels = input.to.map((id) => `[task aid=${id} st=open lt=${limitTime}${ltype}]${input.body}[/task]`).join('')
    const message = this.insertMessage(room, actor, `[info][title][dtext:task_added][/title]${panels}[/info]`)
    const tasks = input.to.map((id): EmulatorTask => ({
      task_id: this.nextTaskId++,
      room_id: roomId,
      account_id: id,
      assigned_by_account_id: actor,
      message_id: message.message_id,
      body: input.body,
      limit_time: limitTime,
      status: 'open',
      limit_type: limitType,
    }))
    room.tasks.push(...tasks)
    return tasks
  }

  task(roomId: number, taskId: number, actor?: number): EmulatorTask {
    const task = this.room(roomId, actor).tasks.find((candidate) => candidate.task_id === taskId)
    if (task === undefined) throw notFound('Task')
    return task
  }

  setTaskStatus(actor: number, roomId: number, taskId: number, status: TaskStatus): EmulatorTask {
    const task = this.task(roomId, taskId, actor)
    task.status = status
    return task
  }

  // Files

  /** Stores an upload and posts its notice (with `message` above it, when given). */
  uploadFile(actor: number, roomId: number, input: { filename: string; content: Uint8Array; contentType?: string; message?: string }): EmulatorFile {
    const room = this.writableRoom(roomId, actor)
    if (input.filename === '') throw badRequest("Parameter 'file' is required")
    const fileId = this.nextFileId++
    const text = input.message === undefined || input.message === '' ? '' : `${input.message}\n`
    const body = `${text}[info][title][dtext:file_uploaded][/title][download:${fileId}]${input.filename} (${formatSize(input.content.byteLength)})[/download][/info]`
    const message = this.insertMessage(room, actor, body)
    const file: EmulatorFile = {
      file_id: fileId,
      room_id: roomId,
      account_id: actor,
      message_id: message.message_id,
      filename: input.filename,
      filesize: input.content.byteLength,
      upload_time: message.send_time,
      content_type: input.contentType ?? 'application/octet-stream',
      content: input.content,
    }
    room.files.push(file)
    return file
  }

  file(roomId: number, fileId: number, actor?: number): EmulatorFile {
    const file = this.room(roomId, actor).files.find((candidate) => candidate.file_id === fileId)
    if (file === undefined) throw notFound('File')
    return file
  }

  // Invite links

  private checkLinkCode(code: string | undefined): void {
    if (code === undefined) return
    for (const room of this.rooms.values()) {
      if (room.link?.code === code) throw badRequest('This invite link code is already in use')
    }
  }

  private newLink(input: Partial<EmulatorLink>): EmulatorLink {
    return {
      code: input.code ?? randomCode(),
      need_acceptance: input.need_acceptance ?? true,
      description: input.description ?? '',
    }
  }

  createLink(actor: number, roomId: number, input: Partial<EmulatorLink>): EmulatorLink {
    const room = this.adminGroup(roomId, actor)
    if (room.link !== undefined) throw badRequest('The invite link already exists')
    this.checkLinkCode(input.code)
    room.link = this.newLink(input)
    return room.link
  }

  /** Replaces the link: omitted fields revert to their defaults (spec §5.28). */
  updateLink(actor: number, roomId: number, input: Partial<EmulatorLink>): EmulatorLink {
    const room = this.adminGroup(roomId, actor)
    const current = room.link
    if (current === undefined) throw badRequest('The invite link does not exist')
    if (input.code !== current.code) this.checkLinkCode(input.code)
    const description = input.description ?? (this.behavior.linkPutKeepsDescription ? current.description : undefined)
    room.link = this.newLink({ ...input, description })
    return room.link
  }

  deleteLink(actor: number, roomId: number): void {
    const room = this.adminGroup(roomId, actor)
    if (room.link === undefined) throw badRequest('The invite link does not exist')
    room.link = undefined
  }
}

const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random invite-link code, like Chatwork's. */
function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  let code = ''
  for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length]
  return code
}

/** A file size the way Chatwork's upload notice prints it (`0 B`, `1.2 KB`, `3.4 MB`). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}
