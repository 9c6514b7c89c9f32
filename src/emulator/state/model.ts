/** The records of the emulator's in-memory Chatwork, its settings, and the errors its operations refuse with. */
import { ChatworkEmulatorError } from '../../errors.ts'

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
export const FIRST_MESSAGE_ID = 1_718_000_000_000_000_001n
export const MESSAGE_ID_STEP = 2_018n
export const MESSAGE_ID = /^[1-9]\d{0,18}$/

/** The icon URL of a preset, in Chatwork's spelling. */
export function iconPath(preset: IconPreset): string {
  return `https://appdata.chatwork.com/icon/ico_${preset}.png`
}

/** Events the state reports, for webhooks. */
export interface StateEvents {
  message?: (kind: 'message_created' | 'message_updated' | 'message_deleted', room: EmulatorRoom, message: EmulatorMessage) => void
}

export function notFound(what: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(404, `${what} not found`)
}

export function badRequest(message: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, message)
}

export function forbidden(message: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(403, message)
}
