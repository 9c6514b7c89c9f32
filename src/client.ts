/**
 * `chatwork-kit/client`: `ChatworkClient`, a typed client of every Chatwork
 * API v2 endpoint (spec §5), built on ofetch, that keeps to both rate limits
 * and retries only what is safe to retry.
 */
import { ChatworkArgumentError, type RateLimit } from './errors.ts'
import { mayHaveBeenProcessed, Requester, type Call, type ChatworkClientOptions, type RequestOptions } from './client-request.ts'
import type {
  ChatworkFile,
  Contact,
  IconPreset,
  IncomingRequest,
  InviteLink,
  Me,
  Member,
  Message,
  MessageList,
  MyStatus,
  MyTask,
  Room,
  RoomDetail,
  RoomMembers,
  RoomTask,
  TaskLimitType,
  TaskStatus,
  UnreadCounts,
} from './client-types.ts'
import { bodyText, checkBodyLength, toMessage, type MessageBody } from './message-body.ts'
import type { RoomSlot } from './rate-limiter.ts'
import { sleep } from './sleep.ts'

export * from './client-types.ts'
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  MAX_RATE_LIMIT_RETRIES,
  mayHaveBeenProcessed,
  type ChatworkClientOptions,
  type RateLimitEvent,
  type RequestOptions,
  type RetryEvent,
  type RetryPolicy,
  type TokenSource,
} from './client-request.ts'
export { DEFAULT_POSTING_LIMIT, RATE_LIMIT_FALLBACK_WAIT_MS, type PostingLimit } from './rate-limiter.ts'
export { MAX_BODY_LENGTH, type MarkupSource, type MessageBody } from './message-body.ts'
export {
  ChatworkError,
  ChatworkApiError,
  ChatworkArgumentError,
  ChatworkMissingTokenError,
  ChatworkNetworkError,
  ChatworkRateLimitError,
  ChatworkTimeoutError,
  type MessageLimitation,
  type RateLimit,
} from './errors.ts'

/**
 * Time between two reads of `messages.poll`: 5 seconds, 60 of the 300 requests a 5-minute window allows.
 *
 * @example
 * for await (const m of client.messages.poll(roomId, { intervalMs: DEFAULT_POLL_INTERVAL_MS * 2 })) console.log(m.body)
 */
export const DEFAULT_POLL_INTERVAL_MS = 5_000

/**
 * An account, room, task, file or request id: a safe integer, or its decimal string.
 *
 * @example
 * await client.rooms.get(5002)
 * await client.rooms.get('5002')
 */
export type Id = number | string
/**
 * A message id: its decimal string (real ones exceed 2^53), or a bigint.
 *
 * @example
 * await client.messages.get(roomId, '1928374655918273645')
 * await client.messages.get(roomId, 1928374655918273645n)
 */
export type MessageId = string | bigint

/**
 * Room membership by role, as account ids; `adminIds` needs at least one.
 *
 * @example
 * await client.rooms.setMembers(roomId, { adminIds: [1001], memberIds: [1002, 1003], readonlyIds: [] })
 */
export interface MemberIds {
  adminIds: readonly Id[]
  memberIds?: readonly Id[]
  readonlyIds?: readonly Id[]
}

/**
 * `rooms.create`: a group chat.
 *
 * @example
 * await client.rooms.create({ name: 'Launch', adminIds: [1001], iconPreset: 'star', link: true, linkNeedAcceptance: false })
 */
export interface CreateRoomInput extends MemberIds {
  /** 1 to 255 characters. */
  name: string
  description?: string
  iconPreset?: IconPreset
  /** Create an invite link too. */
  link?: boolean
  /** The link's code (1 to 50 of `A-Za-z0-9_-`); random if omitted. */
  linkCode?: string
  /** Whether joining by the link needs an admin's approval (Chatwork's default: yes). */
  linkNeedAcceptance?: boolean
}

/**
 * `rooms.update`: what to change.
 *
 * @example
 * await client.rooms.update(roomId, { name: 'Launch (done)' })
 */
export interface UpdateRoomInput {
  name?: string
  description?: string
  iconPreset?: IconPreset
}

/**
 * `links.create` and `links.update`. An update is not a patch: omitted fields revert to Chatwork's defaults (spec §5.28).
 *
 * @example
 * await client.links.update(roomId, { code: 'launch', needAcceptance: false, description: 'Join us' })
 */
export interface InviteLinkInput {
  /** 1 to 50 of `A-Za-z0-9_-`; random if omitted. */
  code?: string
  /** Whether joining needs an admin's approval (Chatwork's default: yes). */
  needAcceptance?: boolean
  description?: string
}

/**
 * `tasks.create`: one task per assignee.
 *
 * @example
 * await client.tasks.create(roomId, { body: 'Review', toIds: [1002], limit: new Date('2030-01-31'), limitType: 'date' })
 */
export interface CreateTaskInput {
  body: MessageBody
  /** Assignees. */
  toIds: readonly Id[]
  /** Due time: a Date, or Unix seconds. */
  limit?: Date | number
  /** Sent only when given: Chatwork's default is undocumented (spec §5.20), so say what you mean. */
  limitType?: TaskLimitType
}

/**
 * A file to upload: a Blob or File, bytes, or (on Node, Bun and Deno) a path.
 *
 * @example
 * await client.files.upload(roomId, './report.pdf')
 * await client.files.upload(roomId, new Blob(['a,b']), { filename: 'data.csv' })
 */
export type UploadFile = Blob | Uint8Array | string

/**
 * A Chatwork API v2 client. Arguments are camelCase; results keep the API's
 * field names and types. Every method takes {@link RequestOptions} last
 * (`signal`, `timeout`, `retry`), inside its options object when it has one.
 *
 * @example
 * import { ChatworkClient, message } from 'chatwork-kit'
 *
 * const client = new ChatworkClient({ token: process.env.CHATWORK_API_TOKEN })
 * const { room_id } = await client.me()
 * await client.messages.send(room_id, message().toAll().text(' deploy done'))
 * for (const m of await client.messages.list(room_id, { force: true })) console.log(m.tree)
 */
export class ChatworkClient {
  readonly #requester: Requester

  /** Rooms: list, create, read, change, leave or delete them, and their members. */
  readonly rooms: Rooms
  /** Messages of a room: read, send, edit, delete, mark, poll. */
  readonly messages: Messages
  /** Tasks of a room. */
  readonly tasks: Tasks
  /** Files of a room. */
  readonly files: Files
  /** A room's invite link. */
  readonly links: Links
  /** Contact requests sent to you. */
  readonly incomingRequests: IncomingRequests

  /** Throws {@link ChatworkMissingTokenError} without any credential. */
  constructor(options: ChatworkClientOptions = {}) {
    const requester = (this.#requester = new Requester(options))
    this.rooms = new Rooms(requester)
    this.messages = new Messages(requester)
    this.tasks = new Tasks(requester)
    this.files = new Files(requester)
    this.links = new Links(requester)
    this.incomingRequests = new IncomingRequests(requester)
  }

  /**
   * The newest `x-ratelimit-*` headers seen: `{ limit, remaining, resetAt }`,
   * `undefined` before the first answer.
   *
   * @example
   * await client.me()
   * console.log(client.rateLimit?.remaining)
   */
  get rateLimit(): RateLimit | undefined {
    return this.#requester.limiter.rateLimit
  }

  /**
   * Your profile (`GET /me`).
   *
   * @example
   * const { account_id, room_id } = await client.me()
   */
  async me(options?: RequestOptions): Promise<Me> {
    return request(this.#requester, 'GET /me', [], { options })
  }

  /**
   * Your unread, mention and task counts (`GET /my/status`).
   *
   * @example
   * const { unread_num } = await client.myStatus()
   */
  async myStatus(options?: RequestOptions): Promise<MyStatus> {
    return request(this.#requester, 'GET /my/status', [], { options })
  }

  /**
   * Tasks assigned to you, at most 100 (`GET /my/tasks`); Chatwork's default status is `open`.
   *
   * @example
   * const done = await client.myTasks({ status: 'done' })
   */
  async myTasks(options: { status?: TaskStatus; assignedByAccountId?: Id } & RequestOptions = {}): Promise<MyTask[]> {
    const params = { status: options.status, assigned_by_account_id: idParam(options.assignedByAccountId, 'assignedByAccountId') }
    return request(this.#requester, 'GET /my/tasks', [], { params, list: true, options })
  }

  /**
   * Your contacts (`GET /contacts`).
   *
   * @example
   * const names = (await client.contacts()).map((contact) => contact.name)
   */
  async contacts(options?: RequestOptions): Promise<Contact[]> {
    return request(this.#requester, 'GET /contacts', [], { list: true, options })
  }
}

/** What the namespaces share: they send their calls through the client's requester. */
abstract class Endpoints {
  protected readonly requester: Requester
  constructor(requester: Requester) {
    this.requester = requester
  }

  /** Sends a call (see {@link request}); resolves with its data. */
  protected request<T>(route: string, ids: readonly (Id | MessageId)[], extras?: CallExtras): Promise<T> {
    return request(this.requester, route, ids, extras)
  }
}

/**
 * `client.rooms`.
 *
 * @example
 * const { room_id } = await client.rooms.create({ name: 'Launch', adminIds: [me.account_id] })
 */
class Rooms extends Endpoints {
  /**
   * Every chat you are in (`GET /rooms`); list items have no `description`.
   *
   * @example
   * const groups = (await client.rooms.list()).filter((room) => room.type === 'group')
   */
  async list(options?: RequestOptions): Promise<Room[]> {
    return this.request('GET /rooms', [], { list: true, options })
  }

  /**
   * Creates a group chat (`POST /rooms`).
   *
   * @example
   * const { room_id } = await client.rooms.create({ name: 'Launch', adminIds: [1], memberIds: [2, 3], link: true })
   */
  async create(input: CreateRoomInput, options?: RequestOptions): Promise<{ room_id: number }> {
    const params = {
      name: input.name,
      ...memberParams(input),
      description: input.description,
      icon_preset: input.iconPreset,
      link: input.link,
      link_code: input.linkCode,
      link_need_acceptance: input.linkNeedAcceptance,
    }
    return this.request('POST /rooms', [], { params, options })
  }

  /**
   * One room, with its description (`GET /rooms/{room_id}`).
   *
   * @example
   * const { description } = await client.rooms.get(roomId)
   */
  async get(roomId: Id, options?: RequestOptions): Promise<RoomDetail> {
    return this.request('GET /rooms/{room_id}', [roomId], { options })
  }

  /**
   * Changes a group chat's name, description or icon (`PUT /rooms/{room_id}`).
   *
   * @example
   * await client.rooms.update(roomId, { description: 'Weekly sync' })
   */
  async update(roomId: Id, input: UpdateRoomInput, options?: RequestOptions): Promise<{ room_id: number }> {
    const params = { name: input.name, description: input.description, icon_preset: input.iconPreset }
    return this.request('PUT /rooms/{room_id}', [roomId], { params, options })
  }

  /**
   * Leaves a group chat; your tasks and files there are deleted (`DELETE /rooms/{room_id}`, `action_type=leave`).
   *
   * @example
   * await client.rooms.leave(roomId)
   */
  async leave(roomId: Id, options?: RequestOptions): Promise<void> {
    return this.#remove(roomId, 'leave', options)
  }

  /**
   * Deletes a group chat for everyone, with all its messages, tasks and files (`action_type=delete`).
   *
   * @example
   * await client.rooms.delete(roomId)
   */
  async delete(roomId: Id, options?: RequestOptions): Promise<void> {
    return this.#remove(roomId, 'delete', options)
  }

  #remove(roomId: Id, action: 'leave' | 'delete', options: RequestOptions | undefined): Promise<void> {
    // In the form body, as Chatwork's own example sends it (spec §1.3).
    const params = { action_type: action }
    return this.request('DELETE /rooms/{room_id}', [roomId], { params, repeatable: false, options })
  }

  /**
   * The members of a room (`GET /rooms/{room_id}/members`).
   *
   * @example
   * const admins = (await client.rooms.members(roomId)).filter((member) => member.role === 'admin')
   */
  async members(roomId: Id, options?: RequestOptions): Promise<Member[]> {
    return this.request('GET /rooms/{room_id}/members', [roomId], { list: true, options })
  }

  /**
   * Replaces the whole membership (`PUT /rooms/{room_id}/members`): anyone left out is removed.
   *
   * @example
   * const { admin, member } = await client.rooms.setMembers(roomId, { adminIds: [1], memberIds: [2] })
   */
  async setMembers(roomId: Id, input: MemberIds, options?: RequestOptions): Promise<RoomMembers> {
    return this.request('PUT /rooms/{room_id}/members', [roomId], { params: memberParams(input), options })
  }
}

/**
 * `client.messages`. Messages from `list`, `get` and `poll` carry `tree`,
 * their parsed body.
 *
 * @example
 * const { message_id } = await client.messages.send(roomId, 'hello')
 */
class Messages extends Endpoints {
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
      toCall('GET /rooms/{room_id}/messages', [roomId], { params: { force: options.force }, list: true, limited: true, repeatable: options.force === true, options }),
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
    const params = { body: checkBodyLength(bodyText(body), 1), self_unread: options.selfUnread }
    return this.request('POST /rooms/{room_id}/messages', [roomId], { params, room: 'post', options })
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
      toCall('GET /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { limited: true, options }),
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
    const params = { body: checkBodyLength(bodyText(body), 1) }
    return this.request('PUT /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { params, options })
  }

  /**
   * Deletes a message (`DELETE /rooms/{room_id}/messages/{message_id}`, which answers with its id).
   *
   * @example
   * await client.messages.delete(roomId, messageId)
   */
  async delete(roomId: Id, messageId: MessageId, options?: RequestOptions): Promise<{ message_id: string }> {
    return this.request('DELETE /rooms/{room_id}/messages/{message_id}', [roomId, messageId], { repeatable: false, options })
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

/**
 * `client.tasks`.
 *
 * @example
 * await client.tasks.create(roomId, { body: 'Review', toIds: [1002], limit: new Date('2030-01-01'), limitType: 'date' })
 */
class Tasks extends Endpoints {
  /**
   * The tasks of a room, at most 100 (`GET /rooms/{room_id}/tasks`); Chatwork's default status is `open`.
   *
   * @example
   * const mine = await client.tasks.list(roomId, { accountId: me.account_id, status: 'open' })
   */
  async list(roomId: Id, options: { accountId?: Id; assignedByAccountId?: Id; status?: TaskStatus } & RequestOptions = {}): Promise<RoomTask[]> {
    const params = {
      account_id: idParam(options.accountId, 'accountId'),
      assigned_by_account_id: idParam(options.assignedByAccountId, 'assignedByAccountId'),
      status: options.status,
    }
    return this.request('GET /rooms/{room_id}/tasks', [roomId], { params, list: true, options })
  }

  /**
   * Creates one task per assignee (`POST /rooms/{room_id}/tasks`). Shares the
   * room's posting window with messages.
   *
   * @example
   * const { task_ids } = await client.tasks.create(roomId, { body: 'Book the room', toIds: [1003] })
   */
  async create(roomId: Id, input: CreateTaskInput, options?: RequestOptions): Promise<{ task_ids: number[] }> {
    const params = {
      body: checkBodyLength(bodyText(input.body), 0),
      to_ids: idParam(input.toIds, 'toIds'),
      limit: input.limit,
      limit_type: input.limitType,
    }
    return this.request('POST /rooms/{room_id}/tasks', [roomId], { params, room: 'post', options })
  }

  /**
   * One task (`GET /rooms/{room_id}/tasks/{task_id}`).
   *
   * @example
   * const { status } = await client.tasks.get(roomId, taskId)
   */
  async get(roomId: Id, taskId: Id, options?: RequestOptions): Promise<RoomTask> {
    return this.request('GET /rooms/{room_id}/tasks/{task_id}', [roomId, taskId], { options })
  }

  /**
   * Completes (`'done'`) or reopens (`'open'`) a task (`PUT …/tasks/{task_id}/status`; the field is named `body`).
   *
   * @example
   * await client.tasks.setStatus(roomId, taskId, 'done')
   */
  async setStatus(roomId: Id, taskId: Id, status: TaskStatus, options?: RequestOptions): Promise<{ task_id: number }> {
    return this.request('PUT /rooms/{room_id}/tasks/{task_id}/status', [roomId, taskId], { params: { body: status }, options })
  }
}

/**
 * `client.files`.
 *
 * @example
 * await client.files.upload(roomId, new Blob(['hello']), { filename: 'hello.txt', message: 'notes' })
 */
class Files extends Endpoints {
  /**
   * The files of a room, at most 100 (`GET /rooms/{room_id}/files`).
   *
   * @example
   * const files = await client.files.list(roomId, { accountId: 1001 })
   */
  async list(roomId: Id, options: { accountId?: Id } & RequestOptions = {}): Promise<ChatworkFile[]> {
    const params = { account_id: idParam(options.accountId, 'accountId') }
    return this.request('GET /rooms/{room_id}/files', [roomId], { params, list: true, options })
  }

  /**
   * One file (`GET /rooms/{room_id}/files/{file_id}`); with `downloadUrl: true`, a `download_url` valid for 30 seconds.
   *
   * @example
   * const { download_url } = await client.files.get(roomId, fileId, { downloadUrl: true })
   */
  async get(roomId: Id, fileId: Id, options: { downloadUrl?: boolean } & RequestOptions = {}): Promise<ChatworkFile> {
    const params = { create_download_url: options.downloadUrl }
    return this.request('GET /rooms/{room_id}/files/{file_id}', [roomId, fileId], { params, options })
  }

  /**
   * Uploads a file (`POST /rooms/{room_id}/files`, multipart), optionally with
   * a message. `filename` defaults to the File's or the path's name,
   * `contentType` to the Blob's type or `application/octet-stream`.
   *
   * @example
   * await client.files.upload(roomId, new TextEncoder().encode('a,b\n1,2\n'), { filename: 'data.csv', contentType: 'text/csv' })
   */
  async upload(
    roomId: Id,
    file: UploadFile,
    options: { message?: string; filename?: string; contentType?: string } & RequestOptions = {},
  ): Promise<{ file_id: number }> {
    const { message, filename, contentType } = options
    const blob = await toBlob(file)
    const name = (typeof file === 'string' ? file.split(/[\\/]/).pop() : (blob as File).name) || 'file'
    const form = new FormData()
    form.append('file', contentType ? new Blob([blob], { type: contentType }) : blob, filename ?? name)
    if (message !== undefined) form.append('message', message)
    return this.request('POST /rooms/{room_id}/files', [roomId], { form, room: 'upload', options })
  }
}

/**
 * `client.links`: a room's invite link.
 *
 * @example
 * const { url } = await client.links.create(roomId, { code: 'launch', needAcceptance: false })
 */
class Links extends Endpoints {
  /**
   * The room's invite link; `{ public: false }` when it has none (`GET /rooms/{room_id}/link`).
   *
   * @example
   * const link = await client.links.get(roomId)
   */
  async get(roomId: Id, options?: RequestOptions): Promise<InviteLink> {
    return this.request('GET /rooms/{room_id}/link', [roomId], { options })
  }

  /**
   * Creates the invite link (`POST /rooms/{room_id}/link`).
   *
   * @example
   * await client.links.create(roomId, { description: 'Join us' })
   */
  async create(roomId: Id, input: InviteLinkInput = {}, options?: RequestOptions): Promise<InviteLink> {
    return this.request('POST /rooms/{room_id}/link', [roomId], { params: linkParams(input), options })
  }

  /**
   * Changes the invite link (`PUT /rooms/{room_id}/link`). Not a patch: send every field you want to keep.
   *
   * @example
   * await client.links.update(roomId, { code: 'launch', needAcceptance: true, description: 'Join us' })
   */
  async update(roomId: Id, input: InviteLinkInput = {}, options?: RequestOptions): Promise<InviteLink> {
    return this.request('PUT /rooms/{room_id}/link', [roomId], { params: linkParams(input), options })
  }

  /**
   * Deletes the invite link; answers `{ public: false }` (`DELETE /rooms/{room_id}/link`).
   *
   * @example
   * await client.links.delete(roomId)
   */
  async delete(roomId: Id, options?: RequestOptions): Promise<InviteLink> {
    return this.request('DELETE /rooms/{room_id}/link', [roomId], { options })
  }
}

/**
 * `client.incomingRequests`: contact requests sent to you.
 *
 * @example
 * for (const request of await client.incomingRequests.list()) await client.incomingRequests.accept(request.request_id)
 */
class IncomingRequests extends Endpoints {
  /**
   * Pending contact requests, at most 100 (`GET /incoming_requests`).
   *
   * @example
   * const requests = await client.incomingRequests.list()
   */
  async list(options?: RequestOptions): Promise<IncomingRequest[]> {
    return this.request('GET /incoming_requests', [], { list: true, options })
  }

  /**
   * Accepts a request; answers the new contact (`PUT /incoming_requests/{request_id}`).
   *
   * @example
   * const { room_id } = await client.incomingRequests.accept(requestId)
   */
  async accept(requestId: Id, options?: RequestOptions): Promise<Contact> {
    return this.request('PUT /incoming_requests/{request_id}', [requestId], { repeatable: false, options })
  }

  /**
   * Declines a request (`DELETE /incoming_requests/{request_id}`).
   *
   * @example
   * await client.incomingRequests.decline(requestId)
   */
  async decline(requestId: Id, options?: RequestOptions): Promise<void> {
    return this.request('DELETE /incoming_requests/{request_id}', [requestId], { repeatable: false, options })
  }
}

export type { Rooms, Messages, Tasks, Files, Links, IncomingRequests }

/** What an endpoint method adds to its route: `room` is the posting budget the call spends in the room of its first id. */
type CallExtras = Omit<Call, 'method' | 'path' | 'ids' | 'room'> & { room?: RoomSlot['kind'] }

/** Sends a call (see {@link toCall}); resolves with its data. */
async function request<T>(requester: Requester, route: string, ids: readonly (Id | MessageId)[], extras: CallExtras = {}): Promise<T> {
  return (await requester.send<T>(toCall(route, ids, extras))).data
}

/**
 * The call to `route` (`'GET /rooms/{room_id}'`), its placeholders filled
 * from `values` in order. Each is checked first, and named in errors after its
 * placeholder (`{room_id}`: `roomId`).
 */
function toCall(route: string, values: readonly (Id | MessageId)[], extras: CallExtras): Call {
  const [method, path] = route.split(' ') as [Call['method'], string]
  const ids: Record<string, string> = {}
  let i = 0
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const value = values[i++]
    ids[name] = name === 'message_id' ? messageIdOf(value as MessageId) : id(value as Id, name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()))
  }
  return { ...extras, method, path, ids, room: extras.room && { roomId: ids.room_id, kind: extras.room } }
}

const DECIMAL = /^\d+$/

/** An integer id as its decimal string, or a {@link ChatworkArgumentError}. */
function id(value: Id, name: string): string {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? String(value) : '') : value
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new ChatworkArgumentError(name, `${name} must be a non-negative integer or its decimal string, got ${String(value)}`)
  }
  return text
}

/** Ids for a parameter, checked and comma-separated, as Chatwork reads lists; `undefined` stays unsent. */
function idParam(value: Id | readonly Id[] | undefined, name: string): string | undefined {
  return value === undefined ? undefined : [value].flat().map((item) => id(item, name)).join(',')
}

/** A message id as an exact decimal string: numbers are refused, as they may have lost digits already. */
function messageIdOf(value: MessageId): string {
  const text = typeof value === 'bigint' ? value.toString() : value
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new ChatworkArgumentError('messageId', `messageId must be a decimal string or a bigint, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
  }
  return text
}

function memberParams(input: MemberIds) {
  if (input.adminIds.length === 0) throw new ChatworkArgumentError('adminIds', 'adminIds needs at least one account id')
  return {
    members_admin_ids: idParam(input.adminIds, 'adminIds'),
    members_member_ids: idParam(input.memberIds, 'memberIds'),
    members_readonly_ids: idParam(input.readonlyIds, 'readonlyIds'),
  }
}

function linkParams(input: InviteLinkInput) {
  return { code: input.code, need_acceptance: input.needAcceptance, description: input.description }
}

/** Orders messages by send time, then by id. */
function bySendTime(a: Message, b: Message): number {
  return a.send_time - b.send_time || compareDecimal(a.message_id, b.message_id)
}

/** Orders decimal strings by value without converting them to numbers. */
function compareDecimal(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

async function toBlob(file: UploadFile): Promise<Blob> {
  if (file instanceof Blob) return file
  if (typeof file === 'string') {
    // Loaded only for paths, so the client still runs where there is no file system.
    const { readFile } = await import('node:fs/promises')
    file = await readFile(file)
  }
  if (file instanceof Uint8Array) return new Blob([file as Uint8Array<ArrayBuffer>])
  throw new ChatworkArgumentError('file', 'file must be a Blob, a Uint8Array or a path')
}
