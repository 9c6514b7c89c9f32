/**
 * `chatwork-kit mcp`: the MCP server of `chatwork-kit/mcp` over stdio, for
 * an MCP client (Claude Desktop, an IDE, an agent framework) to start, with
 * `CHATWORK_API_TOKEN` from the environment.
 */
import process from 'node:process'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { CliUsageError, type RegisterCommand } from './io.ts'
import { createMcpServer } from '../mcp/index.ts'

interface McpFlags {
  baseUrl?: string
  allowRoom?: number | string | (number | string)[]
  readOnly?: boolean
  allowMentionAll?: boolean
}

/**
 * Registers `mcp`.
 *
 * @example
 * // $ CHATWORK_API_TOKEN=… chatwork-kit mcp --allow-room 5001 --read-only
 */
export const registerMcp: RegisterCommand = (cli) => {
  cli
    .command('mcp', 'Run the MCP server for AI agents over stdio, with CHATWORK_API_TOKEN')
    .option('--base-url <url>', 'API base URL, http(s), e.g. the emulator\'s (default: Chatwork\'s)')
    .option('--allow-room <id>', 'Only this room is visible (repeat for more; default: every room)')
    .option('--read-only', 'Leave out the tools that write')
    .option('--allow-mention-all', 'Let send_message mention everyone in a room')
    .example('CHATWORK_API_TOKEN=… chatwork-kit mcp --allow-room 5001')
    .action(async (flags: McpFlags) => {
      const rooms = flags.allowRoom === undefined ? undefined : [flags.allowRoom].flat().map((room) => {
        const id = Number(room)
        if (!Number.isSafeInteger(id) || id <= 0) throw new CliUsageError(`--allow-room must be a room id, got ${JSON.stringify(String(room))}`)
        return id
      })
      if (flags.baseUrl !== undefined && !/^https?:\/\//i.test(String(flags.baseUrl))) throw new CliUsageError('--base-url must be an http(s) URL')
      if (process.env.CHATWORK_API_TOKEN === undefined || process.env.CHATWORK_API_TOKEN === '') throw new CliUsageError('CHATWORK_API_TOKEN is not set')
      const server = createMcpServer({ baseURL: flags.baseUrl, allowRooms: rooms, readOnly: flags.readOnly === true, allowMentionAll: flags.allowMentionAll === true })
      await server.connect(new StdioServerTransport())
      // the transport keeps the process alive until stdin closes
      await new Promise<void>((resolve) => process.stdin.once('close', resolve))
    })
}
