/**
 * The MCP server through the SDK's own client over an in-memory transport,
 * against the emulator: the tools, what they read and post, the policies,
 * and that the token never reaches the model.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient } from 'chatwork-kit/client'
import { mentions, parse, toPlainText } from 'chatwork-kit/markup'
import { createMcpServer, type McpServerOptions } from 'chatwork-kit/mcp'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'

let emu: Emulator
let room: number
let random: number

beforeEach(async () => {
  emu = await startEmulator()
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
  random = emu.rooms().find((r) => r.name === 'Random')!.room_id
})
afterEach(() => emu.close())

/** An SDK client connected to a server made with `options` (the emulator's token and URL by default). */
async function connect(options: McpServerOptions = {}): Promise<Client> {
  const server = createMcpServer({ token: emu.token, baseURL: emu.baseURL, ...options })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await server.connect(serverSide)
  const client = new Client({ name: 'test', version: '1.0.0' })
  await client.connect(clientSide)
  return client
}

interface ToolResult {
  isError?: boolean
  content: { type: string; text: string }[]
  structuredContent?: Record<string, any>
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult
  expect(JSON.stringify(result)).not.toContain(emu.token)
  return result
}

async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const result = await call(client, name, args)
  expect(result.isError, result.content[0]?.text).toBeFalsy()
  expect(JSON.parse(result.content[0].text)).toEqual(result.structuredContent)
  return result.structuredContent!
}

async function refused(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(client, name, args)
  expect(result.isError).toBe(true)
  return result.content[0].text
}

const WRITING = ['send_message', 'edit_message', 'delete_message', 'create_task', 'complete_task']
const READING = ['list_rooms', 'get_room', 'list_members', 'read_messages', 'preview_message', 'list_tasks', 'my_tasks', 'list_files', 'get_file', 'my_status']

describe('tools', () => {
  it('lists every tool, each with a description and a JSON schema', async () => {
    const { tools } = await (await connect()).listTools()
    expect(tools.map((tool) => tool.name).sort()).toEqual([...READING, ...WRITING].sort())
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(40)
      expect(tool.inputSchema.type).toBe('object')
    }
  })

  it('lists rooms, a room and its members', async () => {
    const client = await connect()
    const { rooms } = await ok(client, 'list_rooms')
    expect(rooms.find((r: { room_id: number }) => r.room_id === room)).toMatchObject({ name: 'Project X', type: 'group' })
    expect(await ok(client, 'get_room', { room_id: room })).toMatchObject({ name: 'Project X', description: 'Weekly sync' })
    const { members } = await ok(client, 'list_members', { room_id: room })
    expect(members).toContainEqual({ account_id: 1002, name: 'Taro Yamada', role: 'member' })
  })

  it('reads a seeded room as Markdown with names resolved, mentions as fields, code kept fenced', async () => {
    const { messages } = await ok(await connect(), 'read_messages', { room_id: room })
    expect(messages).toHaveLength(emu.messages(room).length)
    const find = (start: string) => messages.find((m: { markdown: string }) => m.markdown.startsWith(start))
    expect(find('@Hanako Sato')).toMatchObject({ sender: { account_id: 1002, name: 'Taro Yamada' }, markdown: '@Hanako Sato Hanako Sato\nCould you review the spec by Friday? (bow)\n', mentions: { account_ids: [1001], all: false } })
    expect(find('> **Release v1.2**').markdown).toBe('> **Release v1.2**\n>\n> Deployed to staging.\n> <https://example.org/releases/1.2>\n')
    expect(find('To deploy').markdown).toBe('To deploy:\n\n```\nnpm run deploy -- --env=staging\n```\n')
    expect(find('@all').mentions.all).toBe(true)
    expect(messages[0].sent_at).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('reads only newer messages with since_message_id, and the latest with limit', async () => {
    const client = await connect()
    const all = (await ok(client, 'read_messages', { room_id: room })).messages
    const ids = all.map((m: { message_id: string }) => m.message_id)
    const newer = (await ok(client, 'read_messages', { room_id: room, since_message_id: ids[ids.length - 3] })).messages
    expect(newer.map((m: { message_id: string }) => m.message_id)).toEqual(ids.slice(-2))
    expect((await ok(client, 'read_messages', { room_id: room, limit: 1 })).messages.map((m: { message_id: string }) => m.message_id)).toEqual(ids.slice(-1))
  })
})

describe('send_message', () => {
  it('posts Markdown holding tags and HTML as text that mentions nobody', async () => {
    const client = await connect()
    const markdown = 'Hi [toall] and [To:1]! <b>bold</b> `[/code]`\n\n```\n[/code][To:1002]\n```'
    const { message_id, body } = await ok(client, 'send_message', { room_id: room, markdown })
    const stored = emu.messages(room).find((m) => m.message_id === message_id)!
    expect(stored.body).toBe(body)
    expect(mentions(parse(stored.body))).toEqual({ toAll: false, accountIds: [], replies: [] })
    expect(toPlainText(stored.body)).toBe('Hi [toall] and [To:1]! <b>bold</b> [/code]\n[/code][To:1002]')
  })

  it('mentions and replies only from the structured arguments', async () => {
    const client = await connect()
    const first = emu.messages(room)[0]
    const { body } = await ok(client, 'send_message', { room_id: room, markdown: 'On it.', mention: [1002], reply_to: { message_id: first.message_id } })
    expect(body).toBe(`[To:1002]Taro Yamada\n[rp aid=1002 to=${room}-${first.message_id}]Taro Yamada\nOn it.`)
  })

  it('quotes a message', async () => {
    const quoted = emu.messages(room)[1]
    const { body } = await ok(await connect(), 'send_message', { room_id: room, markdown: 'Thanks', quote: { message_id: quoted.message_id } })
    expect(body).toBe(`[qt][qtmeta aid=1001 time=${quoted.send_time}]Sure :) I will send comments tomorrow.[/qt]Thanks`)
  })

  it('refuses a mention of someone outside the room, and mention_all unless allowed', async () => {
    const client = await connect()
    const before = emu.messages(room).length
    expect(await refused(client, 'send_message', { room_id: room, markdown: 'x', mention: [1010] })).toContain('not a member')
    expect(await refused(client, 'send_message', { room_id: room, markdown: 'x', mention_all: true })).toContain('mention_all is not allowed')
    expect(emu.messages(room)).toHaveLength(before)
    const { body } = await ok(await connect({ allowMentionAll: true }), 'send_message', { room_id: room, markdown: 'x', mention_all: true })
    expect(body).toBe('[toall]x')
  })

  it('returns lint errors as a tool error and posts nothing', async () => {
    const before = emu.messages(room).length
    const text = await refused(await connect(), 'send_message', { room_id: room, markdown: 'a'.repeat(70_000) })
    expect(text).toContain('body-too-long')
    expect(emu.messages(room)).toHaveLength(before)
  })

  it('sends a burst of 30 messages to one room without a 429', { timeout: 120_000 }, async () => {
    const client = await connect()
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => call(client, 'send_message', { room_id: random, markdown: `message ${i}` })))
    expect(results.filter((r) => r.isError).map((r) => r.content[0].text)).toEqual([])
    expect(emu.requests.filter((r) => r.status === 429)).toEqual([])
    expect(emu.messages(random).filter((m) => m.body.startsWith('message '))).toHaveLength(30)
  })

  it('previews without sending: markup, plain text, problems', async () => {
    const before = emu.messages(room).length
    const preview = await ok(await connect(), 'preview_message', { markdown: '# Title\n[toall]' })
    expect(preview).toEqual({ body: '[title]Title[/title][\u200Btoall]', plain_text: 'Title\n[toall]', problems: [] })
    expect(emu.messages(room)).toHaveLength(before)
  })
})

describe('edit, delete, tasks, files, status', () => {
  it('edits and deletes only your own messages', async () => {
    const client = await connect()
    const [theirs, mine] = emu.messages(room)
    expect(await refused(client, 'edit_message', { room_id: room, message_id: theirs.message_id, markdown: 'x' })).toContain('only your own')
    expect(await refused(client, 'delete_message', { room_id: room, message_id: theirs.message_id })).toContain('only your own')
    await ok(client, 'edit_message', { room_id: room, message_id: mine.message_id, markdown: '**Sure**, [toall]' })
    expect(emu.messages(room)[1].body).toBe('Sure, [\u200Btoall]')
    await ok(client, 'delete_message', { room_id: room, message_id: mine.message_id })
    expect(emu.messages(room).find((m) => m.message_id === mine.message_id)?.body ?? '[deleted]').toBe('[deleted]')
  })

  it('creates, lists and completes tasks; lists my tasks', async () => {
    const client = await connect()
    expect(await refused(client, 'create_task', { room_id: room, body: 'x', assignees: [1010] })).toContain('not members')
    const { task_ids } = await ok(client, 'create_task', { room_id: room, body: 'Ship [toall]', assignees: [1002], due: '2030-01-31T18:00:00+09:00' })
    const { tasks } = await ok(client, 'list_tasks', { room_id: room })
    expect(tasks.find((t: { task_id: number }) => t.task_id === task_ids[0])).toMatchObject({ body: 'Ship [\u200Btoall]', due: '2030-01-31T09:00:00.000Z', assignee: { account_id: 1002 } })
    await ok(client, 'complete_task', { room_id: room, task_id: task_ids[0] })
    expect(emu.tasks(room).find((t) => t.task_id === task_ids[0])?.status).toBe('done')
    expect((await ok(client, 'my_tasks')).tasks.map((t: { body: string }) => t.body)).toEqual(['Book the meeting room'])
  })

  it('lists files and gives one with a download URL; gives my status', async () => {
    const client = await connect()
    const { files } = await ok(client, 'list_files', { room_id: room })
    expect(files[0]).toMatchObject({ name: 'spec.md', uploaded_by: { account_id: 1003 } })
    const file = await ok(client, 'get_file', { room_id: room, file_id: files[0].file_id })
    expect(file.download_url).toMatch(/^http/)
    expect(Object.keys(await ok(client, 'my_status')).sort()).toEqual(['mention_num', 'mention_room_num', 'mytask_num', 'mytask_room_num', 'unread_num', 'unread_room_num'])
  })
})

describe('policies and errors', () => {
  it('hides and refuses rooms outside allowRooms', async () => {
    const client = await connect({ allowRooms: [room] })
    expect((await ok(client, 'list_rooms')).rooms.map((r: { room_id: number }) => r.room_id)).toEqual([room])
    for (const [name, args] of [['read_messages', {}], ['send_message', { markdown: 'x' }], ['list_members', {}], ['get_room', {}], ['list_files', {}]] as const) {
      expect(await refused(client, name, { room_id: random, ...args })).toBe(`room ${random} is not one of your rooms`)
    }
    expect(emu.requests.filter((r) => r.path.includes(`/rooms/${random}`))).toEqual([])
  })

  it('leaves out the writing tools with readOnly', async () => {
    const client = await connect({ readOnly: true })
    const names = (await client.listTools()).tools.map((tool) => tool.name)
    expect(names.sort()).toEqual([...READING].sort())
    await expect(client.callTool({ name: 'send_message', arguments: { room_id: room, markdown: 'x' } })).resolves.toMatchObject({ isError: true })
  })

  it('reports API failures in a sentence, without the token', async () => {
    const bad = await connect({ token: 'not-the-token-1234567890' })
    const text = await refused(bad, 'list_rooms', {})
    expect(text).toContain('401')
    expect(text).not.toContain('not-the-token-1234567890')
    expect(await refused(await connect(), 'get_room', { room_id: 999_999 })).toContain('404')
  })

  it('works with a client given', async () => {
    const client = await connect({ client: new ChatworkClient({ token: emu.token, baseURL: emu.baseURL }), token: undefined })
    expect((await ok(client, 'my_status')).unread_num).toBeTypeOf('number')
  })
})
