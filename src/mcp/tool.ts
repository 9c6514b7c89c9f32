import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { ZodRawShape, z } from 'zod'
import { toolErrorMessage } from './tool-error.ts'

/** One tool: its name, a description written for a model, its arguments, and what it does. */
export interface ToolDefinition<Shape extends ZodRawShape> {
  name: string
  title: string
  description: string
  input: Shape
  /** Whether the tool changes anything in Chatwork (left out with `readOnly`). */
  writes: boolean
  run(args: z.infer<z.ZodObject<Shape>>): Promise<Record<string, unknown>>
}

/**
 * Registers a tool whose result is its structured content, also as JSON
 * text for clients without structured output, and whose failure is a tool
 * error with a sentence for the model (never a stack or a secret).
 */
export function addTool<Shape extends ZodRawShape>(server: McpServer, tool: ToolDefinition<Shape>, secrets: () => readonly string[]): void {
  const annotations = { title: tool.title, readOnlyHint: !tool.writes, destructiveHint: tool.writes, openWorldHint: true }
  server.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: tool.input, annotations }, (async (args: z.infer<z.ZodObject<Shape>>): Promise<CallToolResult> => {
    try {
      const result = await tool.run(args)
      return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result }
    } catch (error) {
      return { content: [{ type: 'text', text: toolErrorMessage(error, secrets()) }], isError: true }
    }
  }) as never)
}
