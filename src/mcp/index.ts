/** The MCP part (`chatwork-kit/mcp`): an MCP server whose tools let AI agents read and write Chatwork safely. */
export { createMcpServer } from './server.ts'
export { DEFAULT_READ_LIMIT, MAX_READ_LIMIT, MCP_SERVER_NAME, type McpServerOptions } from './options.ts'
export { ChatworkToolError } from './tool-error.ts'
