/**
 * The client checks at run time what the API constrains (spec §5), for
 * JavaScript callers and untrusted input: a bad argument throws a
 * ChatworkArgumentError naming it, and no request is sent.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkArgumentError, ChatworkClient } from 'chatwork-kit/client'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'

let emu: Emulator
let client: ChatworkClient
let room: number

beforeAll(async () => {
  emu = await startEmulator()
  client = new ChatworkClient({ baseURL: emu.baseURL, token: emu.token, retry: false })
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
})
afterAll(() => emu.close())
beforeEach(() => {
  emu.requests.length = 0
})

const bad = (value: unknown) => value as never

const CASES: [string, string, () => Promise<unknown>][] = [
  ['an empty room name', 'name', () => client.rooms.create({ name: '', adminIds: [1001] })],
  ['a missing room name', 'name', () => client.rooms.create(bad({ adminIds: [1001] }))],
  ['a room name of 256 characters', 'name', () => client.rooms.create({ name: 'x'.repeat(256), adminIds: [1001] })],
  ['a room name of 256 characters, on update', 'name', () => client.rooms.update(room, { name: '😀'.repeat(256) })],
  ['a description that is not a string', 'description', () => client.rooms.update(room, { description: bad(42) })],
  ['an unknown icon preset', 'iconPreset', () => client.rooms.create({ name: 'R', adminIds: [1001], iconPreset: bad('rocket') })],
  ['an unknown icon preset, on update', 'iconPreset', () => client.rooms.update(room, { iconPreset: bad('Beer') })],
  ['a link code with a space', 'linkCode', () => client.rooms.create({ name: 'R', adminIds: [1001], link: true, linkCode: 'a b' })],
  ['an invite-link code of 51 characters', 'code', () => client.links.create(room, { code: 'a'.repeat(51) })],
  ['an empty invite-link code', 'code', () => client.links.update(room, { code: '' })],
  ['an invite-link code with a slash', 'code', () => client.links.update(room, { code: '../x' })],
  ['a task without assignees', 'toIds', () => client.tasks.create(room, { body: 'Review', toIds: [] })],
  ['an unknown limit type', 'limitType', () => client.tasks.create(room, { body: 'Review', toIds: [1002], limitType: bad('week') })],
  ['an unknown task status to set', 'status', () => client.tasks.setStatus(room, 1, bad('closed'))],
  ['an unknown task status to list', 'status', () => client.tasks.list(room, { status: bad('all') })],
  ['an unknown status of my tasks', 'status', () => client.myTasks({ status: bad(1) })],
]

describe('run-time argument checks', () => {
  it.each(CASES)('refuses %s, naming %s, before any request', async (_, argument, call) => {
    const error = await call().then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(ChatworkArgumentError)
    expect(error).toMatchObject({ argument, message: expect.stringContaining(`${argument} must be`) })
    expect(emu.requests).toEqual([])
  })

  it('sends what the API allows at its limits', async () => {
    const { room_id } = await client.rooms.create({ name: '😀'.repeat(255), adminIds: [1001], iconPreset: 'travel', link: true, linkCode: 'A-z_09'.padEnd(50, 'x') })
    expect(emu.rooms().find((r) => r.room_id === room_id)?.name).toBe('😀'.repeat(255))
    await client.links.update(room_id, { code: 'x', description: '' })
    const { task_ids } = await client.tasks.create(room_id, { body: 'Review', toIds: [1001], limitType: 'none' })
    await client.tasks.setStatus(room_id, task_ids[0]!, 'done')
    expect(await client.myTasks({ status: 'done' })).toEqual(expect.arrayContaining([expect.objectContaining({ task_id: task_ids[0] })]))
  })

  it('accepts exactly the link codes of 1 to 50 of A-Za-z0-9_- (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (code) => {
        const valid = /^[A-Za-z0-9_-]{1,50}$/.test(code)
        const error = await client.links.update(room, { code }).then(() => undefined, (caught: unknown) => caught)
        if (valid) expect(error).not.toBeInstanceOf(ChatworkArgumentError)
        else expect(error).toMatchObject({ name: 'ChatworkArgumentError', argument: 'code' })
      }),
      { numRuns: 60 },
    )
  })
})
