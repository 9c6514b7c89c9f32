/**
 * redisStore across processes: 4 Node child processes with one token post
 * to one room of the emulator through a real redis-server, and together keep
 * to the limits they share: no 429, every message posted exactly once, and
 * the burst about as fast as the limits allow.
 */
import { describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type RateLimitOptions } from 'chatwork-kit/testing'
import { burstConfigs, expectEachOnce, POSTS, startWorkers, WINDOW, WORKERS } from '../helpers/burst-workers.ts'
import { HAS_REDIS, useRedis } from '../helpers/redis-server.ts'

const redis = useRedis()

/** An emulator whose clock notes its first reading after `mark()`: when the first request of the burst arrived. */
async function emulator(rateLimit: RateLimitOptions) {
  let first: number | undefined
  let marked = false
  const emu = await startEmulator({
    rateLimit,
    clock: () => {
      const now = Date.now()
      if (marked && first === undefined) first = now
      return now
    },
  })
  const room = emu.rooms().find((r) => r.type === 'group')!.room_id
  return { emu, room, mark: () => ((marked = true), Date.now()), first: () => first! }
}

/**
 * When a client without latency, sending each request the moment both limits
 * allow it (posts first, GETs in the general budget left), sends its last:
 * the general windows as the emulator announces them (each from its first
 * request to its x-ratelimit-reset, whole seconds rounded up), the room's
 * window sliding.
 */
function idealBurst(t0: number, load: { posts: number; gets: number; general: { limit: number; windowMs: number }; room: { limit: number; windowMs: number } }): number {
  let { posts, gets } = load
  const sent: number[] = []
  let windowStart = t0
  let reset = Math.ceil((t0 + load.general.windowMs) / 1000) * 1000
  let used = 0
  let now = t0
  let last = t0
  while (posts + gets > 0) {
    if (now >= reset) [windowStart, used] = [now, 0]
    reset = Math.ceil((windowStart + load.general.windowMs) / 1000) * 1000
    const recent = sent.filter((time) => time > now - load.room.windowMs)
    for (; posts > 0 && used < load.general.limit && recent.length < load.room.limit; posts--, used++) sent.push(now), recent.push(now), (last = now)
    for (; gets > 0 && used < load.general.limit; gets--, used++) last = now
    const roomFree = recent.length >= load.room.limit ? recent.sort((a, b) => a - b)[recent.length - load.room.limit] + load.room.windowMs : now + 1
    now = used >= load.general.limit ? reset : Math.max(now + 1, Math.min(roomFree, reset))
  }
  return last
}

describe.runIf(HAS_REDIS || process.env.CI)('redisStore shared by 4 processes', () => {
  it(`posts ${WORKERS}×${POSTS} messages to one room (window ${WINDOW.limit} per ${WINDOW.windowMs} ms): no 429, each once, within 1.25× the window's floor`, { timeout: 60_000 }, async () => {
    const { emu, room, mark, first } = await emulator({ roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs })
    const workers = await startWorkers(burstConfigs(emu, room, redis().port))
    try {
      mark()
      const results = await workers.go()
      // From the first request's arrival: the workers' start is no part of the burst.
      const elapsed = Math.max(...results.map((r) => r.doneAt)) - first()
      expect(results.flatMap((r) => r.failed)).toEqual([])
      expect(emu.requests.filter((r) => r.status === 429)).toHaveLength(0)
      expectEachOnce(emu, room, 0)
      expect(results.map((r) => r.storeErrors)).toEqual([0, 0, 0, 0])
      // The fastest the window allows: the first `limit` posts at once, then `limit` per window.
      const floor = ((WORKERS * POSTS - WINDOW.limit) / WINDOW.limit) * WINDOW.windowMs
      expect(elapsed).toBeGreaterThanOrEqual(floor)
      expect(elapsed).toBeLessThanOrEqual(1.25 * floor)
    } finally {
      await workers.close()
      await emu.close()
    }
  })

  it('does the same with a low general limit (30 per 3 s) and GETs mixed in: no 429, each once, within 1.25× the floor', { timeout: 60_000 }, async () => {
    const general = { limit: 30, windowMs: 3000 }
    const gets = 5
    const { emu, room, mark, first } = await emulator({ ...general, roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs })
    const workers = await startWorkers(burstConfigs(emu, room, redis().port, { gets }))
    try {
      mark()
      const results = await workers.go()
      const t0 = first()
      const elapsed = Math.max(...results.map((r) => r.doneAt)) - t0
      expect(results.flatMap((r) => r.failed)).toEqual([])
      expect(emu.requests.filter((r) => r.status === 429)).toHaveLength(0)
      expect(emu.requests.filter((r) => r.method === 'GET')).toHaveLength(WORKERS * gets)
      expectEachOnce(emu, room, 0)
      const floor = idealBurst(t0, { posts: WORKERS * POSTS, gets: WORKERS * gets, general, room: WINDOW }) - t0
      expect(elapsed).toBeGreaterThanOrEqual(floor)
      expect(elapsed).toBeLessThanOrEqual(1.25 * floor)
    } finally {
      await workers.close()
      await emu.close()
    }
  })
})
