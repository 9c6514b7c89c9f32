/**
 * `chatwork-kit mcp` as an MCP client starts it: the built bin spawned over
 * stdio by the SDK's client, against the emulator.
 */
import process from 'node:process'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { mentions, parse } from 'chatwork-kit/markup'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'

const bin = inject('cliBin')
let emu: Emulator

beforeEach(async () => {
  emu = await startEmulator()
})
afterEach(() => emu.close())

describe('chatwork-kit mcp', () => {
  it('serves the tools over stdio, with the policies of its flags', { timeout: 60_000 }, async () => {
    const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp', '--base-url', emu.baseURL, '--allow-room', String(room)],
      env: { CHATWORK_API_TOKEN: emu.token, PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    })
    const client = new Client({ name: 'test', version: '1.0.0' })
    await client.connect(transport)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((tool) => tool.name)).toContain('send_message')
      const sent = (await client.callTool({ name: 'send_message', arguments: { room_id: room, markdown: '[toall] hi **there**' } })) as unknown as { structuredContent: { message_id: string } }
      const stored = emu.messages(room).find((m) => m.message_id === sent.structuredContent.message_id)!
      expect(mentions(parse(stored.body)).toAll).toBe(false)
      const rooms = (await client.callTool({ name: 'list_rooms', arguments: {} })) as unknown as { structuredContent: { rooms: { room_id: number }[] } }
      expect(rooms.structuredContent.rooms.map((r) => r.room_id)).toEqual([room])
      expect(JSON.stringify(rooms)).not.toContain(emu.token)
    } finally {
      await client.close()
    }
  })

  it('refuses to start without a token, with a usage error', { timeout: 30_000 }, async () => {
    const { execFile } = await import('node:child_process')
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, 'mcp'], { env: { PATH: process.env.PATH ?? '' } }, (error, _stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stderr }))
      child.stdin?.end()
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('CHATWORK_API_TOKEN')
  })
})
