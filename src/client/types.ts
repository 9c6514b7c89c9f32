/**
 * The shapes the Chatwork API returns (spec §4), with the API's own field
 * names and types: snake_case, ids as numbers except `message_id`, which is a
 * decimal string because real ones exceed 2^53, and times in Unix seconds.
 * Profile fields may be `null` (spec §1.7 leaves it open).
 */
import type { MessageLimitation } from '../errors.ts'
import type { Root } from '../markup/nodes.ts'

/**
 * A person as referred to by messages, tasks and files.
 *
 * @example
 * const [m] = await client.messages.list(roomId, { force: true })
 * console.log(m.account.name)
 */
export interface AccountRef {
  account_id: number
  name: string
  avatar_image_url: string
}

/**
 * What every list of people shows of an account: {@link Me}, {@link Contact}
 * and room {@link Member}s.
 *
 * @example
 * const label = (a: Account) => `${a.name} (${a.organization_name ?? 'no organization'})`
 */
export interface Account extends AccountRef {
  chatwork_id: string
  organization_id: number
  organization_name: string | null
  department: string | null
}

/**
 * The profile fields that {@link Me} and {@link Contact} share.
 *
 * @example
 * const openChat = (p: Profile) => client.messages.send(p.room_id, 'Hello')
 */
export interface Profile extends Account {
  /** Your "My chat" for {@link Me}; your direct chat with them for {@link Contact}. */
  room_id: number
}

/**
 * `GET /me`: your own profile.
 *
 * @example
 * const { account_id, room_id, name } = await client.me()
 */
export interface Me extends Profile {
  title: string | null
  url: string | null
  introduction: string | null
  mail: string | null
  tel_organization: string | null
  tel_extension: string | null
  tel_mobile: string | null
  skype: string | null
  facebook: string | null
  twitter: string | null
  login_mail: string | null
}

/**
 * `GET /my/status`: your unread, mention and task counts.
 *
 * @example
 * const { unread_num, mention_num } = await client.myStatus()
 */
export interface MyStatus {
  unread_room_num: number
  mention_room_num: number
  mytask_room_num: number
  unread_num: number
  mention_num: number
  mytask_num: number
}

/**
 * A task's state.
 *
 * @example
 * await client.tasks.setStatus(roomId, taskId, 'done' satisfies TaskStatus)
 */
export type TaskStatus = 'open' | 'done'
/**
 * How a task's due time is meant: no due date, a day, or a moment.
 *
 * @example
 * await client.tasks.create(roomId, { body: 'Report', toIds: [1002], limit: new Date('2030-01-31'), limitType: 'date' })
 */
export type TaskLimitType = 'none' | 'date' | 'time'

/**
 * A task assigned to you (`GET /my/tasks`): like {@link RoomTask}, with its room instead of its assignee.
 *
 * @example
 * for (const task of await client.myTasks()) console.log(task.room.name, task.body)
 */
export interface MyTask extends TaskFields {
  room: { room_id: number; name: string; icon_path: string }
}

/**
 * The fields that {@link MyTask} and {@link RoomTask} share.
 *
 * @example
 * const due = (task: TaskFields) => new Date(task.limit_time * 1000)
 */
export interface TaskFields {
  task_id: number
  /** The requester. */
  assigned_by_account: AccountRef
  message_id: string
  body: string
  /** Due time, Unix seconds. */
  limit_time: number
  status: TaskStatus
  /** Absent from old answers. */
  limit_type?: TaskLimitType
}

/**
 * A task of a room.
 *
 * @example
 * const overdue = (await client.tasks.list(roomId)).filter((task) => task.limit_time * 1000 < Date.now())
 */
export interface RoomTask extends TaskFields {
  /** The assignee. */
  account: AccountRef
}

/**
 * One of your contacts.
 *
 * @example
 * const byId = new Map((await client.contacts()).map((contact) => [contact.account_id, contact]))
 */
export interface Contact extends Profile {}

/**
 * A member's role in a room.
 *
 * @example
 * const admins = (await client.rooms.members(roomId)).filter((member) => member.role === 'admin')
 */
export type RoomRole = 'admin' | 'member' | 'readonly'

/**
 * A room as `GET /rooms` lists it (no `description`).
 *
 * @example
 * const unread = (await client.rooms.list()).filter((room) => room.unread_num > 0)
 */
export interface Room {
  room_id: number
  name: string
  type: 'my' | 'direct' | 'group'
  role: RoomRole
  /** Pinned. */
  sticky: boolean
  unread_num: number
  mention_num: number
  mytask_num: number
  message_num: number
  file_num: number
  task_num: number
  icon_path: string
  /** Unix seconds. */
  last_update_time: number
}

/**
 * A room as `GET /rooms/{room_id}` shows it.
 *
 * @example
 * const { description } = await client.rooms.get(roomId)
 */
export interface RoomDetail extends Room {
  description: string
}

/**
 * A member of a room.
 *
 * @example
 * const names = (await client.rooms.members(roomId)).map((member) => member.name)
 */
export interface Member extends Account {
  role: RoomRole
}

/**
 * The membership after `PUT /rooms/{room_id}/members`, as account ids per role.
 *
 * @example
 * const { admin, member, readonly } = await client.rooms.setMembers(roomId, { adminIds: [1001], memberIds: [1002] })
 */
export interface RoomMembers {
  admin: number[]
  member: number[]
  readonly: number[]
}

/**
 * A message. `tree` is its parsed body, computed on first read (and again
 * only if `body` changes); it is not part of `JSON.stringify` output.
 *
 * @example
 * const m = await client.messages.get(roomId, '1718000000000000001')
 * console.log(m.message_id, m.tree.children.map((node) => node.type))
 */
export interface Message {
  /** A decimal string: keep it one, real ids exceed 2^53. */
  message_id: string
  /** The sender. */
  account: AccountRef
  /** Raw Chatwork markup. */
  body: string
  /** Unix seconds. */
  send_time: number
  /** Unix seconds; 0 if never edited. */
  update_time: number
  /** `body` parsed (see `parse`). */
  readonly tree: Root
}

/**
 * The messages of a read, with the free-plan limitation when it applied (spec §3).
 *
 * @example
 * const messages = await client.messages.list(roomId, { force: true })
 * if (messages.limitation) console.warn(messages.limitation.summary)
 */
export interface MessageList extends Array<Message> {
  /** Set when the free-plan limitation hid messages (a partial 200 or an empty 204). */
  limitation?: MessageLimitation
}

/**
 * Unread and mention counts of a room after marking messages read or unread.
 *
 * @example
 * const { unread_num } = await client.messages.markRead(roomId)
 */
export interface UnreadCounts {
  unread_num: number
  mention_num: number
}

/**
 * A file in a room.
 *
 * @example
 * const [file] = await client.files.list(roomId)
 * console.log(file.filename, file.filesize)
 */
export interface ChatworkFile {
  file_id: number
  /** The uploader. */
  account: AccountRef
  message_id: string
  filename: string
  /** Bytes. */
  filesize: number
  /** Unix seconds. */
  upload_time: number
  /** Only from `files.get(…, { downloadUrl: true })`; valid for 30 seconds. */
  download_url?: string
}

/**
 * A room's invite link; only `public` is always present.
 *
 * @example
 * const link = await client.links.get(roomId)
 * if (link.public) console.log(link.url)
 */
export interface InviteLink {
  public: boolean
  url?: string
  need_acceptance?: boolean
  description?: string
}

/**
 * A contact request sent to you.
 *
 * @example
 * for (const request of await client.incomingRequests.list()) console.log(request.name, request.message)
 */
export interface IncomingRequest {
  request_id: number
  account_id: number
  message: string
  name: string
  chatwork_id: string
  organization_id: number
  organization_name: string | null
  department: string | null
  avatar_image_url: string
}

/**
 * The room icon presets (spec §5.6).
 *
 * @example
 * await client.rooms.update(roomId, { iconPreset: 'meeting' satisfies IconPreset })
 */
export type IconPreset =
  | 'group' | 'check' | 'document' | 'meeting' | 'event' | 'project' | 'business' | 'study' | 'security'
  | 'star' | 'idea' | 'heart' | 'magcup' | 'beer' | 'music' | 'sports' | 'travel'
