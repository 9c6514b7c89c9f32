import { afterEach, beforeEach, expect, it } from 'vitest'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { call } from '../helpers/emulator-fetch.ts'

/** A fixed amount of work, so the test is bounded and stops by itself. */
const ROOMS = 6
const POSTS_PER_ROOM = 30
const CONCURRENCY = 24

let emu: Emulator

beforeEach(async () => {
  // Limits high enough that only consistency is under test.
  emu = await startEmulator({ seed: false, rateLimit: { limit: 100_000, roomPostLimit: 100_000 } })
})
afterEach(() => emu.close())

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++
      results[index] = await tasks[index]!()
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

it(`stays consistent under ${CONCURRENCY} concurrent clients posting ${ROOMS * POSTS_PER_ROOM} messages`, async () => {
  const rooms = Array.from({ length: ROOMS }, (_, i) => emu.addRoom({ name: `load ${i}` }))
  const tasks = rooms.flatMap((room) =>
    Array.from({ length: POSTS_PER_ROOM }, (_, i) => async () => {
      const posted = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: `${room}:${i}` } })
      // Interleave reads with writes, as real clients do.
      const read = await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })
      return { room, body: `${room}:${i}`, status: posted.status, id: posted.json?.message_id as string, readStatus: read.status }
    }),
  )
  const results = await pool(tasks, CONCURRENCY)

  expect(results.every((result) => result.status === 200 && result.readStatus === 200)).toBe(true)
  const ids = results.map((result) => result.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(emu.requests).toHaveLength(2 * ROOMS * POSTS_PER_ROOM)

  for (const room of rooms) {
    const stored = emu.messages(room)
    const mine = results.filter((result) => result.room === room)
    // Nothing lost, nothing duplicated, each body under its own id.
    expect(stored.map((message) => message.body).sort()).toEqual(mine.map((result) => result.body).sort())
    for (const result of mine) expect(stored.find((message) => message.message_id === result.id)?.body).toBe(result.body)
    // Ids increase in storage order.
    const order = stored.map((message) => BigInt(message.message_id))
    expect(order.every((id, i) => i === 0 || id > order[i - 1]!)).toBe(true)
    // The unread cursor hands out every message exactly once (at most 100 per call).
    const seen: string[] = []
    for (;;) {
      const page = await call(emu, 'GET', `/rooms/${room}/messages`)
      if (page.status === 204) break
      seen.push(...page.json.map((message: { message_id: string }) => message.message_id))
    }
    expect(seen.length).toBeLessThanOrEqual(100)
    expect(seen).toEqual(stored.slice(-100).map((message) => message.message_id))
  }
})
