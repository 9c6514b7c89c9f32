import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { ChatworkClient } from '../client/client.ts'
import { toolContext } from './context.ts'
import { fileTools } from './file-tools.ts'
import { messageTools } from './message-tools.ts'
import { MCP_SERVER_NAME, type McpServerOptions } from './options.ts'
import { roomTools } from './room-tools.ts'
import { taskTools } from './task-tools.ts'
import { addTool } from './tool.ts'

/** The package version the server reports to clients. */
const SERVER_VERSION = '0.1.0'

/**
 * An MCP server (the official SDK's `McpServer`) whose tools read and write
 * Chatwork for an AI agent, through this package's `ChatworkClient`, so rate
 * limits, retries that never post twice, typed errors and token redaction
 * come with it. Connect it to any transport.
 *
 * Messages reach the model as Markdown with names resolved, and leave it
 * through `fromMarkdown`: nothing the model writes can become a tag, and
 * mentions, replies and quotes come only from structured arguments checked
 * against the room. Policies: `allowRooms` hides every other room, `readOnly`
 * leaves out the writing tools, `mention_all` needs `allowMentionAll`.
 *
 * @example
 * import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
 * const server = createMcpServer({ token: process.env.CHATWORK_API_TOKEN, allowRooms: [5001] })
 * await server.connect(new StdioServerTransport())
 */
export function createMcpServer(options: McpServerOptions = {}): McpServer {
  if (typeof options !== 'object' || options === null) throw new TypeError('createMcpServer(): options must be an object')
  if (options.allowRooms !== undefined && (!Array.isArray(options.allowRooms) || !options.allowRooms.every((id) => Number.isSafeInteger(id) && id > 0))) {
    throw new TypeError('createMcpServer(): allowRooms must be an array of room ids (positive integers)')
  }
  const token = options.token ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.CHATWORK_API_TOKEN
  const client = options.client ?? new ChatworkClient({ token, baseURL: options.baseURL })
  const context = toolContext(client, options)
  const server = new McpServer({ name: MCP_SERVER_NAME, version: SERVER_VERSION })
  // the token the server was given never reaches the model, whatever an error says
  const secrets = () => (token === undefined ? [] : [token])
  for (const tool of [...roomTools(context), ...messageTools(context), ...taskTools(context), ...fileTools(context)]) {
    if (tool.writes && context.readOnly) continue
    addTool(server, tool, secrets)
  }
  return server
}
