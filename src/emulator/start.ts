/**
 * `startEmulator`: a local Chatwork API v2 on loopback, and the `emu` object
 * that drives it: act as other people, inspect state, inject faults, read the
 * request log, deliver webhooks.
 */
import { createServer } from 'node:http'
import { ChatworkEmulatorError } from '../errors.ts'
import { type Fault, FaultQueue, type FaultSpec } from './faults.ts'
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts'
import type { ListEndpoint, MessageLimitationOptions, RouteSettings } from './routes/index.ts'
import { applySeed, DEFAULT_SEED, EMPTY_SEED, type EmulatorSeed } from './seed.ts'
import { API_PREFIX, createHandler, type RecordedRequest } from './server.ts'
import {
  type EmulatorAccount,
  type EmulatorBehavior,
  type EmulatorContactRequest,
  type EmulatorFile,
  type EmulatorMessage,
  EmulatorState,
  type EmulatorTask,
  type LimitType,
  type MemberLists,
  type Role,
  type RoomType,
  type TaskStatus,
} from './state/index.ts'
import { DEFAULT_WEBHOOK_DISABLE_AFTER, DEFAULT_WEBHOOK_TIMEOUT_MS, EmulatorWebhooks, WEBHOOK_USER_AGENT } from './webhooks.ts'
import { listen } from './listen.ts'
import { DEFAULT_REQUEST_LOG_MAX_BYTES, DEFAULT_REQUEST_LOG_MAX_ENTRIES, RequestLog, type RequestLogOptions } from './request-log.ts'
import { EmulatorEvents } from './events.ts'
import { DEFAULT_EMULATOR_HOST } from './listen.ts'
import { createUiSecret, emulatorUiRoutes, oauthConsentRoutes, UiRouter } from './ui/index.ts'
import { DEFAULT_INSUFFICIENT_SCOPE_STATUS, EmulatorOAuth, resolveOAuthSettings, type EmulatorOAuthOptions } from './oauth.ts'
import { ENDPOINT_SCOPES } from './routes/scopes.ts'

/**
 * The default Free-plan window, in days (spec §3).
 *
 * @example
 * await startEmulator({ messageLimitation: { days: DEFAULT_LIMITATION_DAYS } })
 */
export const DEFAULT_LIMITATION_DAYS = 40

/**
 * Options of {@link startEmulator}; all optional.
 *
 * @example
 * const options: EmulatorOptions = { port: 8787, tokens: ['bot-token'], rateLimit: { roomPostLimit: 3 } }
 */
export interface EmulatorOptions {
  /** Port to listen on. Default 0: a free port. */
  port?: number
  /** Host to listen on. Default `127.0.0.1`. */
  host?: string
  /** API tokens: the i-th belongs to the i-th seeded account (extra ones get new accounts). Default: one random token for the main account. */
  tokens?: string[]
  /** Initial data. Default {@link DEFAULT_SEED}; `false` for a single account and nothing else. */
  seed?: EmulatorSeed | false
  /** Rate limits; defaults 300 per 300,000 ms per token, and 10 posts per 10,000 ms per room. */
  rateLimit?: RateLimitOptions
  /** The time in milliseconds, for tests that move time. Default `Date.now`. */
  clock?: () => number
  /** Switches the Free-plan message limitation on (spec §3). Default off. */
  messageLimitation?: boolean | MessageLimitationOptions
  /** Status of an empty list, for all list endpoints or per endpoint pattern. Default 204 (spec §1.6). */
  emptyListStatus?: 200 | 204 | Partial<Record<ListEndpoint, 200 | 204>>
  /** Whether `GET …/messages?force=1` advances the unread cursor. Default `false` (spec §5.12). */
  forceAdvancesCursor?: boolean
  /** Whether `DELETE /rooms/{id}` also reads `action_type` from the query string. Default `true` (spec §1.3). */
  deleteActionTypeFromQuery?: boolean
  /** Whether JSON escapes non-ASCII characters as `\uXXXX`. Default `false` (spec §1.4). */
  escapeNonAscii?: boolean
  /** Choices where Chatwork's behaviour is undocumented (who may edit, default `limit_type`, …). */
  behavior?: Partial<EmulatorBehavior>
  /** How long a webhook delivery waits for the receiver. Default 10,000 ms. */
  webhookTimeoutMs?: number
  /** The `user-agent` of webhook deliveries. Default `ChatWork-Webhook/1.0.0`. */
  webhookUserAgent?: string
  /**
   * Failed deliveries in a row (a non-200, a body over 2,048 bytes, no answer)
   * after which a webhook setting is disabled, as Chatwork disables a setting
   * whose error rate becomes high (spec §6.5; the threshold is undocumented).
   * A success starts the count again. Default 10; `Infinity` never disables.
   */
  webhookDisableAfter?: number
  /** How much `emu.requests` keeps: default the last {@link DEFAULT_REQUEST_LOG_MAX_ENTRIES} requests and {@link DEFAULT_REQUEST_LOG_MAX_BYTES} of bodies. */
  requestLog?: RequestLogOptions
  /**
   * Serves the web UI at the emulator's origin (`emu.uiURL`), beside the API:
   * rooms, timelines, compose with preview and lint, webhook deliveries and
   * requests, live. Default `false` (`chatwork-kit emulator` turns it on).
   */
  ui?: boolean
  /** OAuth (`emu.oauth`): token lifetimes, the status of a call outside the scopes, the scopes of uncertain endpoints. */
  oauth?: EmulatorOAuthOptions
}

/** A room as the helpers show it. */
export interface RoomSummary {
  room_id: number
  type: RoomType
  name: string
  description: string
  members: { account_id: number; role: Role }[]
}

/** An account made by `emu.addAccount`, with its API token. */
export type AccountWithToken = EmulatorAccount & { token: string }

/** Who a helper acts as; default: the main account. */
export interface ActAs {
  as?: number
}

function randomToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The `webhookDisableAfter` option, checked: a positive integer or `Infinity`. */
function webhookDisableAfter(options: EmulatorOptions): number {
  const value = options.webhookDisableAfter ?? DEFAULT_WEBHOOK_DISABLE_AFTER
  if (!(value === Infinity || (Number.isInteger(value) && value > 0))) throw new RangeError(`webhookDisableAfter must be a positive integer or Infinity, got ${value}`)
  return value
}

function resolveSettings(options: EmulatorOptions): RouteSettings {
  const empty = options.emptyListStatus ?? 204
  const limitation = options.messageLimitation === true ? {} : options.messageLimitation || undefined
  if (limitation !== undefined) {
    for (const [key, value] of Object.entries({ days: limitation.days, maxMessages: limitation.maxMessages })) {
      if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new RangeError(`messageLimitation.${key} must be a positive integer, got ${value}`)
    }
  }
  return {
    emptyListStatus: (endpoint) => (typeof empty === 'number' ? empty : (empty[endpoint] ?? 204)),
    messageLimitation: limitation && {
      days: limitation.days ?? DEFAULT_LIMITATION_DAYS,
      maxMessages: limitation.maxMessages ?? Infinity,
      summary: limitation.summary ?? `Messages older than ${limitation.days ?? DEFAULT_LIMITATION_DAYS} days are hidden on the Free plan.`,
    },
    forceAdvancesCursor: options.forceAdvancesCursor ?? false,
    deleteActionTypeFromQuery: options.deleteActionTypeFromQuery ?? true,
  }
}

/**
 * A running emulator: `baseURL` and `token` for your client, helpers to act
 * as other people and to inspect state, faults, the request log and webhooks.
 * Obtain one with {@link startEmulator}; `close()` it when done.
 *
 * @example
 * const emu = await startEmulator()
 * const [room] = emu.rooms().filter((r) => r.type === 'group')
 * const id = emu.post(room.room_id, '[To:1001] ping', { as: 1002 })
 * console.log(emu.messages(room.room_id).at(-1)?.message_id === id) // true
 * await emu.close()
 */
export class Emulator {
  /** The API base URL, like `https://api.chatwork.com/v2` (`http://127.0.0.1:<port>/v2`). */
  readonly baseURL: string
  /** The main account's API token. */
  readonly token: string
  /** The port listened on. */
  readonly port: number
  /** The web UI's URL (`http://127.0.0.1:<port>/`) when started with `ui: true`, else undefined. */
  readonly uiURL: string | undefined
  /**
   * The requests received, in order, tokens redacted: the latest ones within
   * the `requestLog` bounds (older ones are dropped). Clear it with `emu.requests.length = 0`.
   */
  readonly requests: RecordedRequest[]
  /** Webhook settings and deliveries. */
  readonly webhooks: EmulatorWebhooks
  /** OAuth clients, the consent step without a browser, revocation, and the endpoints for `chatwork-kit/oauth`. */
  readonly oauth: EmulatorOAuth
  private readonly state: EmulatorState
  private readonly faults: FaultQueue
  private readonly mainAccountId: number
  private readonly closeServer: () => Promise<void>

  /** @internal Use {@link startEmulator}. */
  constructor(parts: {
    baseURL: string
    token: string
    port: number
    uiURL: string | undefined
    requests: RecordedRequest[]
    webhooks: EmulatorWebhooks
    oauth: EmulatorOAuth
    state: EmulatorState
    faults: FaultQueue
    mainAccountId: number
    close: () => Promise<void>
  }) {
    this.baseURL = parts.baseURL
    this.token = parts.token
    this.port = parts.port
    this.uiURL = parts.uiURL
    this.requests = parts.requests
    this.webhooks = parts.webhooks
    this.oauth = parts.oauth
    this.state = parts.state
    this.faults = parts.faults
    this.mainAccountId = parts.mainAccountId
    this.closeServer = parts.close
  }

  /** The main account (the owner of `token`). */
  get account(): EmulatorAccount {
    return { ...this.state.account(this.mainAccountId) }
  }

  /** Stops the server, closing open connections; resolves when it is down. */
  close(): Promise<void> {
    return this.closeServer()
  }

  /** Same as `close()`, for `await using emu = await startEmulator()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  private actor(options: ActAs | undefined): number {
    return options?.as ?? this.mainAccountId
  }

  // Acting as people

  /**
   * Posts a message as someone (default: the main account); returns its id.
   * Webhooks fire as for a message posted over the API.
   *
   * @example
   * const messageId = emu.post(roomId, '[To:1001] lunch?', { as: 1002 })
   */
  post(roomId: number, body: string, options?: ActAs & { selfUnread?: boolean }): string {
    return this.state.postMessage(this.actor(options), roomId, body, { selfUnread: options?.selfUnread }).message_id
  }

  /**
   * Edits a message as its sender (or as `as`); fires `message_updated`.
   *
   * @example
   * emu.editMessage(roomId, messageId, 'lunch at 12?', { as: 1002 })
   */
  editMessage(roomId: number, messageId: string, body: string, options?: ActAs): void {
    const actor = options?.as ?? this.state.message(roomId, messageId).account_id
    this.state.editMessage(actor, roomId, messageId, body)
  }

  /**
   * Deletes a message as its sender (or as `as`).
   *
   * @example
   * emu.deleteMessage(roomId, messageId)
   */
  deleteMessage(roomId: number, messageId: string, options?: ActAs): void {
    const actor = options?.as ?? this.state.message(roomId, messageId).account_id
    this.state.deleteMessage(actor, roomId, messageId)
  }

  /**
   * Creates tasks (one per assignee) as someone; returns their ids.
   *
   * @example
   * const [taskId] = emu.addTask(roomId, { body: 'Review', to: [1001], as: 1002 })
   */
  addTask(roomId: number, input: ActAs & { body: string; to: number[]; limit?: number; limitType?: LimitType }): number[] {
    return this.state.createTasks(this.actor(input), roomId, input).map((task) => task.task_id)
  }

  /**
   * Completes or reopens a task.
   *
   * @example
   * emu.setTaskStatus(roomId, taskId, 'done')
   */
  setTaskStatus(roomId: number, taskId: number, status: TaskStatus): void {
    this.state.task(roomId, taskId).status = status
  }

  /**
   * Uploads a file as someone; returns its id.
   *
   * @example
   * const fileId = emu.upload(roomId, { filename: 'notes.txt', content: 'hello', as: 1003 })
   */
  upload(roomId: number, input: ActAs & { filename: string; content: string | Uint8Array; contentType?: string; message?: string }): number {
    const content = typeof input.content === 'string' ? new TextEncoder().encode(input.content) : input.content
    return this.state.uploadFile(this.actor(input), roomId, { ...input, content }).file_id
  }

  /**
   * Adds an account with its own API token (generated unless given).
   *
   * @example
   * const bob = emu.addAccount({ name: 'Bob' })
   * await fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': bob.token } })
   */
  addAccount(profile: Partial<EmulatorAccount> & { token?: string } = {}): AccountWithToken {
    const { token = randomToken(), ...fields } = profile
    if (this.state.tokens.has(token)) throw new ChatworkEmulatorError(400, 'This API token is already in use')
    const account = this.state.addAccount(fields)
    this.state.addToken(token, account.account_id)
    return { ...account, token }
  }

  /**
   * Gives an account (default: the main one) one more API token, generated
   * unless given, and returns it: a second bot or OAuth client of one
   * account, for `rateLimit: { per: 'account' }`. Throws a
   * `ChatworkEmulatorError` for a token in use or an unknown account.
   *
   * @example
   * const second = emu.addToken()
   * await fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': second } })
   */
  addToken(accountId: number = this.mainAccountId, token: string = randomToken()): string {
    this.state.addToken(token, accountId)
    return token
  }

  /**
   * Creates a group chat as its first admin (default lists: the main account
   * as admin); returns its id. Any accounts may be members, contacts or not.
   *
   * @example
   * const roomId = emu.addRoom({ name: 'Bots', members: { admin: [1001], member: [1002] } })
   */
  addRoom(input: { name: string; description?: string; members?: MemberLists }): number {
    const members = input.members ?? { admin: [this.mainAccountId] }
    const creator = members.admin[0] ?? this.mainAccountId
    return this.state.createRoom(creator, { name: input.name, description: input.description, members }, true).room_id
  }

  /**
   * Makes two accounts contacts (with a direct chat); returns the direct chat's id.
   *
   * @example
   * const roomId = emu.addContact(emu.account.account_id, bob.account_id)
   */
  addContact(a: number, b: number): number {
    return this.state.addContact(a, b).room_id
  }

  /**
   * Files a contact request (default: to the main account); returns its id.
   *
   * @example
   * const requestId = emu.addContactRequest({ from: bob.account_id, message: 'Hi!' })
   */
  addContactRequest(input: { from: number; to?: number; message?: string }): number {
    return this.state.addContactRequest(input.from, input.to ?? this.mainAccountId, input.message).request_id
  }

  // Inspecting state

  /**
   * A room's messages, oldest first (copies).
   *
   * @example
   * expect(emu.messages(roomId).map((m) => m.body)).toContain('hello')
   */
  messages(roomId: number): EmulatorMessage[] {
    return this.state.room(roomId).messages.map((message) => ({ ...message }))
  }

  /**
   * A room's tasks, open and done (copies).
   *
   * @example
   * expect(emu.tasks(roomId).filter((t) => t.status === 'done')).toHaveLength(1)
   */
  tasks(roomId: number): EmulatorTask[] {
    return this.state.room(roomId).tasks.map((task) => ({ ...task }))
  }

  /**
   * A room's files, with their content.
   *
   * @example
   * const [file] = emu.files(roomId)
   * console.log(new TextDecoder().decode(file.content))
   */
  files(roomId: number): EmulatorFile[] {
    return this.state.room(roomId).files.map((file) => ({ ...file }))
  }

  /**
   * The rooms an account belongs to (default: the main account).
   *
   * @example
   * const groups = emu.rooms().filter((room) => room.type === 'group')
   */
  rooms(accountId: number = this.mainAccountId): RoomSummary[] {
    return [...this.state.rooms.values()]
      .filter((room) => room.members.has(accountId))
      .map((room) => ({
        room_id: room.room_id,
        type: room.type,
        name: room.name,
        description: room.description,
        members: [...room.members].map(([id, role]) => ({ account_id: id, role })),
      }))
  }

  /**
   * The ids of an account's contacts (default: the main account).
   *
   * @example
   * expect(emu.contacts()).toContain(bob.account_id)
   */
  contacts(accountId: number = this.mainAccountId): number[] {
    return [...(this.state.contacts.get(accountId) ?? [])]
  }

  /**
   * Contact requests waiting for an account (default: the main account).
   *
   * @example
   * expect(emu.contactRequests()).toHaveLength(0)
   */
  contactRequests(accountId: number = this.mainAccountId): EmulatorContactRequest[] {
    return [...this.state.requests.values()].filter((request) => request.to_account_id === accountId).map((request) => ({ ...request }))
  }

  // Faults

  /**
   * Makes the next `times` (default 1) matching requests fail: latency, a
   * status such as 500/502/503, a dropped connection or a malformed JSON body.
   *
   * @example
   * emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', status: 503, times: 2 })
   */
  fault(spec: FaultSpec): Fault {
    return this.faults.add(spec)
  }

  /**
   * Cancels every pending fault.
   *
   * @example
   * emu.clearFaults()
   */
  clearFaults(): void {
    this.faults.clear()
  }
}

/**
 * Starts a local Chatwork API v2 emulator on loopback, seeded so that it is
 * useful at once. Point your client at `emu.baseURL` with `emu.token`.
 *
 * @example
 * import { startEmulator } from 'chatwork-kit/testing'
 *
 * const emu = await startEmulator()
 * const response = await fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': emu.token } })
 * console.log((await response.json()).name) // 'Hanako Sato'
 * await emu.close()
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? Date.now
  const settings = resolveSettings(options)
  const limiter = new RateLimiter(clock, options.rateLimit)
  const state = new EmulatorState(clock, options.behavior, resolveOAuthSettings(options.oauth))
  const oauthApi = {
    endpointScopes: { ...ENDPOINT_SCOPES, ...options.oauth?.endpointScopes },
    insufficientScopeStatus: options.oauth?.insufficientScopeStatus ?? DEFAULT_INSUFFICIENT_SCOPE_STATUS,
    expiresIn: options.oauth?.expiresIn ?? 'number',
  }
  const tokens = options.tokens ?? [randomToken()]
  if (tokens.length === 0) throw new ChatworkEmulatorError(400, 'At least one token is needed')
  const mainAccountId = applySeed(state, options.seed === false ? EMPTY_SEED : (options.seed ?? DEFAULT_SEED), tokens)
  const events = new EmulatorEvents()
  const webhooks = new EmulatorWebhooks({
    now: () => state.now(),
    defaultAccountId: () => mainAccountId,
    accountExists: (accountId) => state.accounts.has(accountId),
    timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    userAgent: options.webhookUserAgent ?? WEBHOOK_USER_AGENT,
    disableAfter: webhookDisableAfter(options),
    observe: (delivery) => events.emit({ type: 'delivery', delivery }),
  })
  state.events.message = (kind, room, message) => {
    if (kind !== 'message_deleted') webhooks.dispatch(kind, room, message)
    events.emit({ type: 'message', kind: kind === 'message_created' ? 'created' : kind === 'message_updated' ? 'updated' : 'deleted', roomId: room.room_id, message })
  }
  const faults = new FaultQueue()
  const log = new RequestLog(options.requestLog)

  let origin = ''
  // Pages beside the API: the UI's when asked for, and always the OAuth consent page.
  const pages = new UiRouter({ secret: createUiSecret(), host: options.host ?? DEFAULT_EMULATOR_HOST })
  if (options.ui === true) pages.add(emulatorUiRoutes({ state, webhooks, requests: log.entries, events, mainAccountId, origin: () => origin }))
  pages.add(oauthConsentRoutes({ state, mainAccountId }))
  const server = createServer(
    createHandler(
      { state, limiter, faults, settings, log, escapeNonAscii: options.escapeNonAscii ?? false, clock, observe: (request) => events.emit({ type: 'request', request }), ui: pages, oauth: oauthApi },
      () => origin,
    ),
  )
  const listening = await listen(server, options)
  origin = listening.origin
  const uiURL = options.ui === true ? `${origin}/` : undefined
  const oauth = new EmulatorOAuth(state, () => origin, mainAccountId)
  return new Emulator({ baseURL: `${origin}${API_PREFIX}`, token: tokens[0]!, port: listening.port, uiURL, requests: log.entries, webhooks, oauth, state, faults, mainAccountId, close: listening.close })
}
