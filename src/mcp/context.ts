/**
 * What every tool shares: the client, the policy of the options, and the
 * room facts tools look up (members, the caller's own account), read once
 * per call so that a tool's checks and its result agree.
 */
import type { ChatworkClient } from '../client/client.ts'
import type { Member, Me } from '../client/types.ts'
import { ChatworkToolError } from './tool-error.ts'
import type { Accounts } from '../render/common/index.ts'

/** The tool-facing view of the server's options and client. */
export interface ToolContext {
  client: ChatworkClient
  readOnly: boolean
  allowMentionAll: boolean
  /** Whether the policy lets the agent see `roomId`. */
  visible(roomId: number): boolean
  /** Throws the refusal an unknown room gets unless the policy lets the agent see `roomId`. */
  checkRoom(roomId: number): void
  /** The members of a room the agent may see. */
  members(roomId: number): Promise<Member[]>
  /** The account of the token. */
  me(): Promise<Me>
}

/**
 * The context of one server.
 *
 * @example
 * const context = toolContext(client, { allowRooms: [5001] })
 */
export function toolContext(client: ChatworkClient, options: { allowRooms?: readonly number[]; readOnly?: boolean; allowMentionAll?: boolean }): ToolContext {
  const allowed = options.allowRooms === undefined ? undefined : new Set(options.allowRooms)
  let me: Promise<Me> | undefined
  const context: ToolContext = {
    client,
    readOnly: options.readOnly === true,
    allowMentionAll: options.allowMentionAll === true,
    visible: (roomId) => allowed === undefined || allowed.has(roomId),
    checkRoom(roomId) {
      // the same words as for a room that does not exist: rooms outside the allow-list are invisible
      if (!context.visible(roomId)) throw new ChatworkToolError(`room ${roomId} is not one of your rooms`)
    },
    async members(roomId) {
      context.checkRoom(roomId)
      return client.rooms.members(roomId)
    },
    me() {
      me ??= client.me().catch((error: unknown) => {
        me = undefined
        throw error
      })
      return me
    },
  }
  return context
}

/** The names of a room's members, for rendering. */
export function memberAccounts(members: readonly Member[]): Accounts {
  return new Map(members.map((member) => [member.account_id, { name: member.name }]))
}
