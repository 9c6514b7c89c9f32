/** What the endpoints share: the request context, reply helpers, parameter readers and response shapes. */
import { ChatworkEmulatorError } from '../../errors.ts'
import {
  type EmulatorAccount,
  type EmulatorFile,
  type EmulatorMessage,
  type EmulatorRoom,
  type EmulatorState,
  type EmulatorTask,
  type LimitType,
  type TaskStatus,
} from '../state/index.ts'
import { flag, idList, missing, optionalString, pathId, text } from '../params.ts'
import { ROOM_POST_LIMIT_MESSAGE, type RateLimiter } from '../rate-limit.ts'

/**
 * Largest upload (spec §1.9).
 *
 * @example
 * emu.upload(roomId, { filename: 'big.bin', content: new Uint8Array(MAX_FILE_BYTES) })
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024
/** How long a `download_url` works (spec §5.25). */
export const DOWNLOAD_URL_TTL_MS = 30_000

/**
 * The list endpoints that answer 204 when empty (spec §1.6), as path patterns.
 *
 * @example
 * await startEmulator({ emptyListStatus: { '/rooms/:roomId/tasks': 200 } satisfies Partial<Record<ListEndpoint, 200 | 204>> })
 */
export type ListEndpoint =
  | '/my/tasks'
  | '/contacts'
  | '/rooms/:roomId/messages'
  | '/rooms/:roomId/tasks'
  | '/rooms/:roomId/files'
  | '/incoming_requests'

/**
 * Free-plan message limitation (spec §3).
 *
 * @example
 * await startEmulator({ messageLimitation: { days: 40, maxMessages: 5000 } })
 */
export interface MessageLimitationOptions {
  /** Only messages of the last `days` days are visible. Default 40. */
  days?: number
  /** Only the latest `maxMessages` of a room are visible. Default: no cap. */
  maxMessages?: number
  /** The `chatwork-message-limitation-summary` header. */
  summary?: string
}

/** The route-level settings, resolved from the emulator options. */
export interface RouteSettings {
  emptyListStatus: (endpoint: ListEndpoint) => 200 | 204
  messageLimitation: Required<Omit<MessageLimitationOptions, 'maxMessages'>> & { maxMessages: number } | undefined
  forceAdvancesCursor: boolean
  deleteActionTypeFromQuery: boolean
}

/** One authenticated request, as the handlers see it. */
export interface RouteContext {
  state: EmulatorState
  limiter: RateLimiter
  settings: RouteSettings
  token: string
  actor: number
  params: Record<string, string>
  query: URLSearchParams
  /** The form body of POST, PUT and DELETE (never the query string). */
  form: URLSearchParams
  /** The multipart body, parsed on demand. */
  multipart: () => FormData
  /** Publishes a file for 30 seconds and returns its URL. */
  downloadUrl: (file: EmulatorFile) => string
}

/** What a handler answers. */
export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Answer no body at all (an OAuth 401 carries its reason in `WWW-Authenticate`). */
  noBody?: boolean
}

export type Handler = (context: RouteContext) => Reply | Promise<Reply>

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  pattern: string
  regex: RegExp
  keys: string[]
  handler: Handler
}

export const ok = (body: unknown): Reply => ({ status: 200, body })
export const NO_CONTENT: Reply = { status: 204 }

export function list(context: RouteContext, endpoint: ListEndpoint, items: unknown[], headers?: Record<string, string>): Reply {
  if (items.length === 0) return { status: context.settings.emptyListStatus(endpoint), body: context.settings.emptyListStatus(endpoint) === 200 ? [] : undefined, headers }
  return { status: 200, body: items, headers }
}

// Shapes (spec §4)

export function accountRef(state: EmulatorState, accountId: number) {
  const account = state.accounts.get(accountId)
  return {
    account_id: accountId,
    name: account?.name ?? '',
    avatar_image_url: account?.avatar_image_url ?? '',
  }
}

export function person(account: EmulatorAccount) {
  return {
    name: account.name,
    chatwork_id: account.chatwork_id,
    organization_id: account.organization_id,
    organization_name: account.organization_name,
    department: account.department,
    avatar_image_url: account.avatar_image_url,
  }
}

/** The room as `accountId` sees it: a direct chat is named after, and shows, the other person. */
export function roomItem(state: EmulatorState, room: EmulatorRoom, accountId: number) {
  const other = room.type === 'direct' ? state.accounts.get([...room.members.keys()].find((id) => id !== accountId)!) : undefined
  const openTasks = room.tasks.filter((task) => task.status === 'open')
  return {
    room_id: room.room_id,
    name: other?.name ?? room.name,
    type: room.type,
    role: room.members.get(accountId)!,
    sticky: room.sticky.has(accountId),
    ...state.counters(room, accountId),
    mytask_num: openTasks.filter((task) => task.account_id === accountId).length,
    message_num: room.messages.length,
    file_num: room.files.length,
    task_num: openTasks.length,
    icon_path: other?.avatar_image_url ?? room.icon_path,
    last_update_time: room.last_update_time,
  }
}

export function messageShape(state: EmulatorState, message: EmulatorMessage) {
  return {
    message_id: message.message_id,
    account: accountRef(state, message.account_id),
    body: message.body,
    send_time: message.send_time,
    update_time: message.update_time,
  }
}

export function taskFields(state: EmulatorState, task: EmulatorTask) {
  return {
    task_id: task.task_id,
    account: accountRef(state, task.account_id),
    assigned_by_account: accountRef(state, task.assigned_by_account_id),
    message_id: task.message_id,
    body: task.body,
    limit_time: task.limit_time,
    status: task.status,
    limit_type: task.limit_type,
  }
}

export function fileShape(state: EmulatorState, file: EmulatorFile) {
  return {
    file_id: file.file_id,
    account: accountRef(state, file.account_id),
    message_id: file.message_id,
    filename: file.filename,
    filesize: file.filesize,
    upload_time: file.upload_time,
  }
}

export function linkShape(room: EmulatorRoom) {
  if (room.link === undefined) return { public: false }
  return {
    public: true,
    url: `https://www.chatwork.com/g/${room.link.code}`,
    need_acceptance: room.link.need_acceptance,
    description: room.link.description,
  }
}

export function contactShape(state: EmulatorState, accountId: number, roomId: number) {
  const account = state.account(accountId)
  return { account_id: accountId, room_id: roomId, ...person(account) }
}

// Parameters shared by several endpoints

export const STATUSES: readonly TaskStatus[] = ['open', 'done']
export const LIMIT_TYPES: readonly LimitType[] = ['none', 'date', 'time']
export const LINK_CODE = /^[A-Za-z0-9_-]+$/
export const MESSAGE_ID = /^\d{1,19}$/

export function roomId(context: RouteContext): number {
  return pathId(context.params.roomId!, `Room ${context.params.roomId}`)
}

export function room(context: RouteContext): EmulatorRoom {
  return context.state.room(roomId(context), context.actor)
}

export function messageIdParam(value: string | undefined): string {
  if (value === undefined || !MESSAGE_ID.test(value)) throw new ChatworkEmulatorError(404, 'Message not found')
  return value
}

export function memberLists(form: URLSearchParams) {
  const admin = idList(form, 'members_admin_ids')
  if (admin === undefined) throw missing('members_admin_ids')
  return { admin, member: idList(form, 'members_member_ids'), readonly: idList(form, 'members_readonly_ids') }
}

export function linkInput(form: URLSearchParams, codeName: string, acceptanceName: string) {
  return {
    code: text(form, codeName, { min: 1, max: 50, pattern: LINK_CODE }),
    need_acceptance: flag(form, acceptanceName),
    description: optionalString(form, 'description'),
  }
}

/**
 * Makes a post within the room's posting budget: answers the per-room 429
 * before posting when the budget is spent, and spends it only when `post`
 * succeeds, since a refused post (400, 403) was not accepted. `post` must be
 * synchronous, so that no other post can take the slot in between.
 */
export function withinRoomBudget<T>(context: RouteContext, id: number, post: () => T): T {
  if (!context.limiter.roomPostAllowed(id)) throw new ChatworkEmulatorError(429, ROOM_POST_LIMIT_MESSAGE)
  const posted = post()
  context.limiter.roomPost(id)
  return posted
}

/** The Free-plan filter and its headers, when the limitation is on. */
export function limitation(context: RouteContext, target: EmulatorRoom) {
  const settings = context.settings.messageLimitation
  if (settings === undefined) return undefined
  const oldest = context.state.now() - settings.days * 86_400
  const latest = new Set(target.messages.slice(-settings.maxMessages).map((message) => message.message_id))
  return {
    visible: (message: EmulatorMessage) => message.send_time >= oldest && latest.has(message.message_id),
    headers: { 'chatwork-message-limitation': 'true', 'chatwork-message-limitation-summary': settings.summary },
  }
}


/** Endpoints as written: method, path pattern (`:name` for a path parameter), handler. */
export type RouteTable = [Route['method'], string, Handler][]
