import type { ChatworkClient } from '../client/client.ts'

/**
 * Options of `createMcpServer`.
 *
 * @example
 * createMcpServer({ token: process.env.CHATWORK_API_TOKEN, allowRooms: [5001], allowMentionAll: false } satisfies McpServerOptions)
 */
export interface McpServerOptions {
  /** The client to call Chatwork with (an OAuth token source works); otherwise one is made from `token` and `baseURL`. */
  client?: ChatworkClient
  /** API token for the client made here (default: the `CHATWORK_API_TOKEN` environment variable). */
  token?: string
  /** API base URL for the client made here, e.g. the emulator's (default: Chatwork's). */
  baseURL?: string
  /** The only rooms the agent sees and may act in; any other room is unknown to it. Default: every room. */
  allowRooms?: readonly number[]
  /** Leave out every tool that writes (send, edit, delete, tasks). Default false. */
  readOnly?: boolean
  /** Let `send_message` notify the whole room with `mention_all`. Default false. */
  allowMentionAll?: boolean
}

/**
 * How many messages `read_messages` returns unless `limit` says otherwise.
 *
 * @example
 * DEFAULT_READ_LIMIT // 20
 */
export const DEFAULT_READ_LIMIT = 20

/**
 * The most messages `read_messages` returns: all the API gives at once.
 *
 * @example
 * MAX_READ_LIMIT // 100
 */
export const MAX_READ_LIMIT = 100

/**
 * The name the server gives itself to MCP clients.
 *
 * @example
 * MCP_SERVER_NAME // 'chatwork-kit'
 */
export const MCP_SERVER_NAME = 'chatwork-kit'
