/**
 * The 32 endpoints of Chatwork API v2 (spec §5) over an {@link EmulatorState}:
 * parameter reading, status codes (204 for empty lists and two deletes, 200
 * with a body for the other two), response shapes, the per-room posting
 * budget and the Free-plan message limitation.
 */
import { ChatworkEmulatorError } from '../errors.ts'
import {
  type EmulatorAccount,
  type EmulatorFile,
  type EmulatorMessage,
  type EmulatorRoom,
  type EmulatorState,
  type EmulatorTask,
  ICON_PRESETS,
  type LimitType,
  LIST_CAP,
  MAX_ROOM_NAME_LENGTH,
  type TaskStatus,
} from './state.ts'
import { flag, idList, integer, missing, oneOf, optionalString, pathId, requiredString, text } from './params.ts'
import { ROOM_POST_LIMIT_MESSAGE, type RateLimiter } from './rate-limit.ts'

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
  multipart: () => Promise<FormData>
  /** Publishes a file for 30 seconds and returns its URL. */
  downloadUrl: (file: EmulatorFile) => string
}

/** What a handler answers. */
export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

type Handler = (context: RouteContext) => Reply | Promise<Reply>

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  pattern: string
  regex: RegExp
  keys: string[]
  handler: Handler
}

const ok = (body: unknown): Reply => ({ status: 200, body })
const NO_CONTENT: Reply = { status: 204 }

function list(context: RouteContext, endpoint: ListEndpoint, items: unknown[], headers?: Record<string, string>): Reply {
  if (items.length === 0) return { status: context.settings.emptyListStatus(endpoint), body: context.settings.emptyListStatus(endpoint) === 200 ? [] : undefined, headers }
  return { status: 200, body: items, headers }
}

// Shapes (spec §4)

function accountRef(state: EmulatorState, accountId: number) {
  const account = state.accounts.get(accountId)
  return {
    account_id: accountId,
    name: account?.name ?? '',
    avatar_image_url: account?.avatar_image_url ?? '',
  }
}

function person(account: EmulatorAccount) {
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
function roomItem(state: EmulatorState, room: EmulatorRoom, accountId: number) {
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

function messageShape(state: EmulatorState, message: EmulatorMessage) {
  return {
    message_id: message.message_id,
    account: accountRef(state, message.account_id),
    body: message.body,
    send_time: message.send_time,
    update_time: message.update_time,
  }
}

function taskFields(state: EmulatorState, task: EmulatorTask) {
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

function fileShape(state: EmulatorState, file: EmulatorFile) {
  return {
    file_id: file.file_id,
    account: accountRef(state, file.account_id),
    message_id: file.message_id,
    filename: file.filename,
    filesize: file.filesize,
    upload_time: file.upload_time,
  }
}

function linkShape(room: EmulatorRoom) {
  if (room.link === undefined) return { public: false }
  return {
    public: true,
    url: `https://www.chatwork.com/g/${room.link.code}`,
    need_acceptance: room.link.need_acceptance,
    description: room.link.description,
  }
}

function contactShape(state: EmulatorState, accountId: number, roomId: number) {
  const account = state.account(accountId)
  return { account_id: accountId, room_id: roomId, ...person(account) }
}

// Parameters shared by several endpoints

const STATUSES: readonly TaskStatus[] = ['open', 'done']
const LIMIT_TYPES: readonly LimitType[] = ['none', 'date', 'time']
const LINK_CODE = /^[A-Za-z0-9_-]+$/
const MESSAGE_ID = /^\d{1,19}$/

function roomId(context: RouteContext): number {
  return pathId(context.params.roomId!, `Room ${context.params.roomId}`)
}

function room(context: RouteContext): EmulatorRoom {
  return context.state.room(roomId(context), context.actor)
}

function messageIdParam(value: string | undefined): string {
  if (value === undefined || !MESSAGE_ID.test(value)) throw new ChatworkEmulatorError(404, 'Message not found')
  return value
}

function memberLists(form: URLSearchParams) {
  const admin = idList(form, 'members_admin_ids')
  if (admin === undefined) throw missing('members_admin_ids')
  return { admin, member: idList(form, 'members_member_ids'), readonly: idList(form, 'members_readonly_ids') }
}

function linkInput(form: URLSearchParams, codeName: string, acceptanceName: string) {
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
function withinRoomBudget<T>(context: RouteContext, id: number, post: () => T): T {
  if (!context.limiter.roomPostAllowed(id)) throw new ChatworkEmulatorError(429, ROOM_POST_LIMIT_MESSAGE)
  const posted = post()
  context.limiter.roomPost(id)
  return posted
}

/** The Free-plan filter and its headers, when the limitation is on. */
function limitation(context: RouteContext, target: EmulatorRoom) {
  const settings = context.settings.messageLimitation
  if (settings === undefined) return undefined
  const oldest = context.state.now() - settings.days * 86_400
  const latest = new Set(target.messages.slice(-settings.maxMessages).map((message) => message.message_id))
  return {
    visible: (message: EmulatorMessage) => message.send_time >= oldest && latest.has(message.message_id),
    headers: { 'chatwork-message-limitation': 'true', 'chatwork-message-limitation-summary': settings.summary },
  }
}

// The endpoints, in the order of the spec

const handlers: [Route['method'], string, Handler][] = [
  ['GET', '/me', ({ state, actor }) => ok(state.account(actor))],

  ['GET', '/my/status', ({ state, actor }) => {
    const status = { unread_room_num: 0, mention_room_num: 0, mytask_room_num: 0, unread_num: 0, mention_num: 0, mytask_num: 0 }
    for (const candidate of state.rooms.values()) {
      if (!candidate.members.has(actor)) continue
      const { unread_num, mention_num } = state.counters(candidate, actor)
      const mytasks = candidate.tasks.filter((task) => task.account_id === actor && task.status === 'open').length
      status.unread_num += unread_num
      status.mention_num += mention_num
      status.mytask_num += mytasks
      if (unread_num > 0) status.unread_room_num++
      if (mention_num > 0) status.mention_room_num++
      if (mytasks > 0) status.mytask_room_num++
    }
    return ok(status)
  }],

  ['GET', '/my/tasks', (context) => {
    const { state, actor, query } = context
    const by = integer(query, 'assigned_by_account_id')
    const status = oneOf(query, 'status', STATUSES) ?? 'open'
    const tasks = []
    for (const candidate of state.rooms.values()) {
      if (!candidate.members.has(actor)) continue
      for (const task of candidate.tasks) {
        if (task.account_id !== actor || task.status !== status || (by !== undefined && task.assigned_by_account_id !== by)) continue
        const { task_id, account: _, ...fields } = taskFields(state, task)
        tasks.push({ task_id, room: { room_id: candidate.room_id, name: candidate.name, icon_path: candidate.icon_path }, ...fields })
      }
    }
    return list(context, '/my/tasks', tasks.slice(-LIST_CAP))
  }],

  ['GET', '/contacts', (context) => {
    const { state, actor } = context
    const contacts = [...(state.contacts.get(actor) ?? [])].map((id) => contactShape(state, id, state.directRoom(actor, id)?.room_id ?? 0))
    return list(context, '/contacts', contacts)
  }],

  ['GET', '/rooms', ({ state, actor }) => {
    const rooms = [...state.rooms.values()].filter((candidate) => candidate.members.has(actor))
    return ok(rooms.map((candidate) => roomItem(state, candidate, actor)))
  }],

  ['POST', '/rooms', ({ state, actor, form }) => {
    const name = requiredString(form, 'name')
    text(form, 'name', { max: MAX_ROOM_NAME_LENGTH })
    const members = memberLists(form)
    const wantsLink = flag(form, 'link') ?? false
    const link = linkInput(form, 'link_code', 'link_need_acceptance')
    const created = state.createRoom(actor, {
      name,
      description: optionalString(form, 'description'),
      iconPreset: oneOf(form, 'icon_preset', ICON_PRESETS),
      members,
      link: wantsLink ? { code: link.code, need_acceptance: link.need_acceptance } : undefined,
    })
    return ok({ room_id: created.room_id })
  }],

  ['GET', '/rooms/:roomId', (context) => {
    const target = room(context)
    return ok({ ...roomItem(context.state, target, context.actor), description: target.description })
  }],

  ['PUT', '/rooms/:roomId', (context) => {
    const { form } = context
    const updated = context.state.updateRoom(context.actor, roomId(context), {
      name: text(form, 'name', { min: 1, max: MAX_ROOM_NAME_LENGTH }),
      description: optionalString(form, 'description'),
      iconPreset: oneOf(form, 'icon_preset', ICON_PRESETS),
    })
    return ok({ room_id: updated.room_id })
  }],

  ['DELETE', '/rooms/:roomId', (context) => {
    const { form, query, settings } = context
    const source = form.has('action_type') || !settings.deleteActionTypeFromQuery ? form : query
    const action = oneOf(source, 'action_type', ['leave', 'delete'] as const)
    if (action === undefined) throw missing('action_type')
    if (action === 'leave') context.state.leaveRoom(context.actor, roomId(context))
    else context.state.deleteRoom(context.actor, roomId(context))
    return NO_CONTENT
  }],

  ['GET', '/rooms/:roomId/members', (context) => {
    const target = room(context)
    return ok([...target.members].map(([id, role]) => ({ account_id: id, role, ...person(context.state.account(id)) })))
  }],

  ['PUT', '/rooms/:roomId/members', (context) => {
    const updated = context.state.setMembers(context.actor, roomId(context), memberLists(context.form))
    const result = { admin: [] as number[], member: [] as number[], readonly: [] as number[] }
    for (const [id, role] of updated.members) result[role].push(id)
    return ok(result)
  }],

  ['GET', '/rooms/:roomId/messages', (context) => {
    const { state, settings } = context
    const force = flag(context.query, 'force') ?? false
    const target = room(context)
    const messages = state.readMessages(context.token, context.actor, target.room_id, { force, advanceOnForce: settings.forceAdvancesCursor })
    const limited = limitation(context, target)
    const visible = limited === undefined ? messages : messages.filter(limited.visible)
    const headers = limited !== undefined && visible.length < messages.length ? limited.headers : undefined
    return list(context, '/rooms/:roomId/messages', visible.map((message) => messageShape(state, message)), headers)
  }],

  ['POST', '/rooms/:roomId/messages', (context) => {
    const { state, form } = context
    const body = requiredString(form, 'body')
    const selfUnread = flag(form, 'self_unread') ?? false
    const target = room(context)
    state.checkBody(body, true)
    const message = withinRoomBudget(context, target.room_id, () => state.postMessage(context.actor, target.room_id, body, { selfUnread }))
    return ok({ message_id: message.message_id })
  }],

  ['PUT', '/rooms/:roomId/messages/read', (context) => {
    const given = optionalString(context.form, 'message_id')
    const messageId = given === undefined ? undefined : messageIdParam(given)
    const target = context.state.markRead(context.actor, roomId(context), messageId)
    return ok(context.state.counters(target, context.actor))
  }],

  ['PUT', '/rooms/:roomId/messages/unread', (context) => {
    const messageId = messageIdParam(requiredString(context.form, 'message_id'))
    const target = context.state.markUnread(context.actor, roomId(context), messageId)
    return ok(context.state.counters(target, context.actor))
  }],

  ['GET', '/rooms/:roomId/messages/:messageId', (context) => {
    const target = room(context)
    const message = context.state.message(target.room_id, messageIdParam(context.params.messageId))
    const limited = limitation(context, target)
    if (limited !== undefined && !limited.visible(message)) return { status: 404, body: { errors: ['Message not found'] }, headers: limited.headers }
    return ok(messageShape(context.state, message))
  }],

  ['PUT', '/rooms/:roomId/messages/:messageId', (context) => {
    const body = requiredString(context.form, 'body')
    const message = context.state.editMessage(context.actor, roomId(context), messageIdParam(context.params.messageId), body)
    return ok({ message_id: message.message_id })
  }],

  ['DELETE', '/rooms/:roomId/messages/:messageId', (context) => {
    const messageId = messageIdParam(context.params.messageId)
    context.state.deleteMessage(context.actor, roomId(context), messageId)
    return ok({ message_id: messageId })
  }],

  ['GET', '/rooms/:roomId/tasks', (context) => {
    const { state, query } = context
    const assignee = integer(query, 'account_id')
    const by = integer(query, 'assigned_by_account_id')
    const status = oneOf(query, 'status', STATUSES) ?? 'open'
    const tasks = room(context).tasks.filter(
      (task) => task.status === status && (assignee === undefined || task.account_id === assignee) && (by === undefined || task.assigned_by_account_id === by),
    )
    return list(context, '/rooms/:roomId/tasks', tasks.slice(-LIST_CAP).map((task) => taskFields(state, task)))
  }],

  ['POST', '/rooms/:roomId/tasks', (context) => {
    const { state, form } = context
    const body = form.get('body')
    if (body === null) throw missing('body')
    const to = idList(form, 'to_ids')
    if (to === undefined) throw missing('to_ids')
    const limit = integer(form, 'limit')
    const limitType = oneOf(form, 'limit_type', LIMIT_TYPES)
    const target = room(context)
    state.checkBody(body, false)
    const tasks = withinRoomBudget(context, target.room_id, () => state.createTasks(context.actor, target.room_id, { body, to, limit, limitType }))
    return ok({ task_ids: tasks.map((task) => task.task_id) })
  }],

  ['GET', '/rooms/:roomId/tasks/:taskId', (context) => {
    const task = context.state.task(roomId(context), pathId(context.params.taskId!, 'Task'), context.actor)
    return ok(taskFields(context.state, task))
  }],

  ['PUT', '/rooms/:roomId/tasks/:taskId/status', (context) => {
    const status = oneOf(context.form, 'body', STATUSES)
    if (status === undefined) throw missing('body')
    const task = context.state.setTaskStatus(context.actor, roomId(context), pathId(context.params.taskId!, 'Task'), status)
    return ok({ task_id: task.task_id })
  }],

  ['GET', '/rooms/:roomId/files', (context) => {
    const uploader = integer(context.query, 'account_id')
    const files = room(context).files.filter((file) => uploader === undefined || file.account_id === uploader)
    return list(context, '/rooms/:roomId/files', files.slice(-LIST_CAP).map((file) => fileShape(context.state, file)))
  }],

  ['POST', '/rooms/:roomId/files', async (context) => {
    const target = room(context)
    const data = await context.multipart()
    const file = data.get('file')
    if (file === null || typeof file === 'string') throw missing('file')
    if (file.size > MAX_FILE_BYTES) throw new ChatworkEmulatorError(400, 'The file must be at most 5 MB')
    const message = data.get('message')
    if (typeof message === 'string') context.state.checkBody(message, false)
    const content = new Uint8Array(await file.arrayBuffer())
    const upload = () => context.state.uploadFile(context.actor, target.room_id, {
      filename: file.name,
      content,
      contentType: file.type || undefined,
      message: typeof message === 'string' ? message : undefined,
    })
    const stored = context.limiter.options.uploadsCountTowardsRoomLimit ? withinRoomBudget(context, target.room_id, upload) : upload()
    return ok({ file_id: stored.file_id })
  }],

  ['GET', '/rooms/:roomId/files/:fileId', (context) => {
    const file = context.state.file(roomId(context), pathId(context.params.fileId!, 'File'), context.actor)
    const shape = fileShape(context.state, file)
    return ok(flag(context.query, 'create_download_url') ? { ...shape, download_url: context.downloadUrl(file) } : shape)
  }],

  ['GET', '/rooms/:roomId/link', (context) => ok(linkShape(room(context)))],

  ['POST', '/rooms/:roomId/link', (context) => {
    context.state.createLink(context.actor, roomId(context), linkInput(context.form, 'code', 'need_acceptance'))
    return ok(linkShape(room(context)))
  }],

  ['PUT', '/rooms/:roomId/link', (context) => {
    context.state.updateLink(context.actor, roomId(context), linkInput(context.form, 'code', 'need_acceptance'))
    return ok(linkShape(room(context)))
  }],

  ['DELETE', '/rooms/:roomId/link', (context) => {
    context.state.deleteLink(context.actor, roomId(context))
    return ok({ public: false })
  }],

  ['GET', '/incoming_requests', (context) => {
    const { state, actor } = context
    const requests = [...state.requests.values()]
      .filter((request) => request.to_account_id === actor)
      .slice(0, LIST_CAP)
      .map((request) => ({ request_id: request.request_id, account_id: request.account_id, message: request.message, ...person(state.account(request.account_id)) }))
    return list(context, '/incoming_requests', requests)
  }],

  ['PUT', '/incoming_requests/:requestId', (context) => {
    const { request, room: direct } = context.state.acceptRequest(context.actor, pathId(context.params.requestId!, 'Contact request'))
    return ok(contactShape(context.state, request.account_id, direct.room_id))
  }],

  ['DELETE', '/incoming_requests/:requestId', (context) => {
    context.state.declineRequest(context.actor, pathId(context.params.requestId!, 'Contact request'))
    return NO_CONTENT
  }],
]

/** Every endpoint, with its path pattern compiled. */
export const ROUTES: readonly Route[] = handlers.map(([method, pattern, handler]) => {
  const keys: string[] = []
  const source = pattern.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key)
    return '([^/]+)'
  })
  return { method, pattern, regex: new RegExp(`^${source}$`), keys, handler }
})

/** The result of matching a path: the route, 405 (known path, other method), or nothing. */
export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined

/** Finds the endpoint for a method and a path relative to `/v2`. */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = []
  for (const route of ROUTES) {
    const found = route.regex.exec(path)
    if (found === null) continue
    if (route.method !== method) {
      allowed.push(route.method)
      continue
    }
    const params: Record<string, string> = {}
    try {
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(found[index + 1]!)
      })
    } catch {
      // A malformed percent-escape names nothing.
      return undefined
    }
    return { route, params }
  }
  return allowed.length > 0 ? { allowed } : undefined
}
