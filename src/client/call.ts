/**
 * What every namespace shares: turning a route and its ids into a checked
 * call, and sending it through the client's requester.
 */
import { ChatworkArgumentError } from '../errors.ts'
import type { Call, Requester } from './request.ts'
import type { RoomSlot } from './rate-limit-store.ts'

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

/** What the namespaces share: they send their calls through the client's requester. */
export abstract class Endpoints {
  protected readonly requester: Requester
  constructor(requester: Requester) {
    this.requester = requester
  }

  /** Sends a call (see {@link request}); resolves with its data. */
  protected request<T>(route: string, ids: readonly (Id | MessageId)[], extras?: CallExtras): Promise<T> {
    return request(this.requester, route, ids, extras)
  }
}

/** What an endpoint method adds to its route: `room` is the posting budget the call spends in the room of its first id. */
export type CallExtras = Omit<Call, 'method' | 'path' | 'ids' | 'room'> & { room?: RoomSlot['kind'] }

/** Sends a call (see {@link toCall}); resolves with its data. */
export async function request<T>(requester: Requester, route: string, ids: readonly (Id | MessageId)[], extras: CallExtras = {}): Promise<T> {
  return (await requester.send<T>(toCall(route, ids, extras))).data
}

/**
 * The call to `route` (`'GET /rooms/{room_id}'`), its placeholders filled
 * from `values` in order. Each is checked first, and named in errors after its
 * placeholder (`{room_id}`: `roomId`).
 */
export function toCall(route: string, values: readonly (Id | MessageId)[], extras: CallExtras): Call {
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
export function id(value: Id, name: string): string {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? String(value) : '') : value
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new ChatworkArgumentError(name, `${name} must be a non-negative integer or its decimal string, got ${String(value)}`)
  }
  return text
}

/** Ids for a parameter, checked and comma-separated, as Chatwork reads lists; `undefined` stays unsent. */
export function idParam(value: Id | readonly Id[] | undefined, name: string): string | undefined {
  return value === undefined ? undefined : [value].flat().map((item) => id(item, name)).join(',')
}

/** A message id as an exact decimal string: numbers are refused, as they may have lost digits already. */
export function messageIdOf(value: MessageId): string {
  const text = typeof value === 'bigint' ? value.toString() : value
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new ChatworkArgumentError('messageId', `messageId must be a decimal string or a bigint, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
  }
  return text
}
