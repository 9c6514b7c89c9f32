/**
 * Run-time checks of the arguments the API constrains (spec §5), for
 * JavaScript callers and untrusted input that the types do not stop: a bad
 * one throws a {@link ChatworkArgumentError} naming it, before any request.
 */
import { ChatworkArgumentError } from '../errors.ts'
import type { IconPreset, TaskLimitType, TaskStatus } from './types.ts'

/**
 * The icon presets of `POST /rooms` and `PUT /rooms/{room_id}` (spec §5.6).
 *
 * @example
 * ICON_PRESETS.includes('beer') // true
 */
export const ICON_PRESETS: readonly IconPreset[] = 'group check document meeting event project business study security star idea heart magcup beer music sports travel'.split(' ') as IconPreset[]

/**
 * A task's states, for `tasks.list`, `tasks.setStatus` and `myTasks` (spec §5.19, §5.22).
 *
 * @example
 * TASK_STATUSES.includes('done') // true
 */
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done']

/**
 * How a task's `limit` is meant (spec §5.20).
 *
 * @example
 * TASK_LIMIT_TYPES.includes('date') // true
 */
export const TASK_LIMIT_TYPES: readonly TaskLimitType[] = ['none', 'date', 'time']

/**
 * Room names take 1 to 255 characters (spec §5.6).
 *
 * @example
 * 'x'.repeat(MAX_ROOM_NAME_LENGTH) // the longest name
 */
export const MAX_ROOM_NAME_LENGTH = 255

/** An invite link's code: 1 to 50 of `A-Za-z0-9_-` (spec §5.6, §5.27). */
const LINK_CODE = /^[\w-]{1,50}$/

function refuse(name: string, expected: string, value: unknown): never {
  throw new ChatworkArgumentError(name, `${name} must be ${expected}, got ${typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : String(value)}`)
}

/**
 * `value`, or a {@link ChatworkArgumentError} unless it is one of `values`; `undefined` passes (not sent).
 *
 * @example
 * oneOf('done', 'status', TASK_STATUSES) // 'done'
 */
export function oneOf<T extends string>(value: T | undefined, name: string, values: readonly T[]): T | undefined {
  if (value !== undefined && !values.includes(value)) refuse(name, `one of ${values.join(', ')}`, value)
  return value
}

/**
 * A room name: a string of 1 to {@link MAX_ROOM_NAME_LENGTH} characters (code points); `undefined` passes.
 *
 * @example
 * roomName('Launch') // 'Launch'
 */
export function roomName(value: string | undefined): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === '' || [...value].length > MAX_ROOM_NAME_LENGTH)) {
    refuse('name', `a string of 1 to ${MAX_ROOM_NAME_LENGTH} characters`, value)
  }
  return value
}

/**
 * Text of no documented length (a room's or a link's description): a string; `undefined` passes.
 *
 * @example
 * text('Weekly sync', 'description') // 'Weekly sync'
 */
export function text(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') refuse(name, 'a string', value)
  return value
}

/**
 * An invite link's code: 1 to 50 of `A-Za-z0-9_-`; `undefined` passes (random).
 *
 * @example
 * linkCode('launch-2030', 'code') // 'launch-2030'
 */
export function linkCode(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || !LINK_CODE.test(value))) refuse(name, '1 to 50 of A-Z, a-z, 0-9, _ and -', value)
  return value
}
