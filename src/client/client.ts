/** `ChatworkClient`: one requester, shared by the resource namespaces, and the account-level calls. */
import type { RateLimit } from '../errors.ts'
import { request, idParam, type Id } from './call.ts'
import { Requester, type ChatworkClientOptions, type RequestOptions } from './request.ts'
import type { Contact, Me, MyStatus, MyTask, TaskStatus } from './types.ts'
import { Rooms } from './rooms.ts'
import { Messages } from './messages.ts'
import { Tasks } from './tasks.ts'
import { Files } from './files.ts'
import { Links } from './links.ts'
import { IncomingRequests } from './incoming-requests.ts'
import { oneOf, TASK_STATUSES } from './arguments.ts'

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
    const params = { status: oneOf(options.status, 'status', TASK_STATUSES), assigned_by_account_id: idParam(options.assignedByAccountId, 'assignedByAccountId') }
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
