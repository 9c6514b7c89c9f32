/**
 * redisStore's Lua scripts against a real redis-server, at the edges: a post
 * exactly one window old, processes whose clocks disagree, two tokens in one
 * room, the single probe, the announced allowance, a per-token 429, and keys
 * that expire by themselves. The sliding log is seeded directly, at times read
 * from Redis's own clock.
 */
import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_POSTING_LIMIT, type RateLimitDecision, type RateLimitStore } from 'chatwork-kit/client'
import { redisStore } from 'chatwork-kit/redis'
import { HAS_REDIS, useRedis } from '../helpers/redis-server.ts'

const server = useRedis()
let client: Redis
beforeAll(() => {
  client = new Redis({ port: server().port, host: '127.0.0.1' })
})
afterAll(() => {
  client?.disconnect()
})

let n = 0
/** A store with a prefix of its own, and the key of a room's log for a token, as the store names it. */
function fresh() {
  const prefix = `test${n++}:`
  const store = redisStore({ client, prefix })
  const roomKey = (token: string, roomId: string) => `${prefix}{${createHash('sha256').update(token).digest('hex').slice(0, 32)}}:room:${roomId}`
  return { store, prefix, roomKey }
}

async function redisNow(): Promise<number> {
  const [seconds, micros] = await client.time()
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)
}

const post = (key: string, limit: number, windowMs: number) => ({ key, room: { roomId: '5002', kind: 'post' as const }, posting: { ...DEFAULT_POSTING_LIMIT, limit, windowMs } })

function expectWait(decision: RateLimitDecision, scope: 'token' | 'room', min: number, max: number) {
  expect(decision.kind).toBe('wait')
  if (decision.kind !== 'wait') return
  expect(decision.scope).toBe(scope)
  expect(decision.waitMs).toBeGreaterThanOrEqual(min)
  expect(decision.waitMs).toBeLessThanOrEqual(max)
}

async function go(store: RateLimitStore, request: ReturnType<typeof post>) {
  const decision = await store.acquire(request)
  expect(decision.kind).toBe('go')
  return decision.kind === 'go' ? decision : undefined
}

describe.runIf(HAS_REDIS || process.env.CI)('redisStore scripts', () => {
  it('no longer counts a post that ended exactly one window ago, and still counts one that ended a second later', async () => {
    const { store, roomKey } = fresh()
    const now = await redisNow()
    await client.zadd(roomKey('t', '5002'), now - 10_000, 'edge')
    await go(store, post('t', 1, 10_000))
    const other = fresh()
    await client.zadd(other.roomKey('t', '5002'), now - 9_000, 'inside')
    expectWait(await other.store.acquire(post('t', 1, 10_000)), 'room', 800, 1_000)
  })

  it('frees the slot a window after the post ended, timed by Redis: the window boundary itself is free', async () => {
    const { store } = fresh()
    const first = await go(store, post('t', 1, 300))
    first!.release({ rateLimit: undefined })
    expectWait(await store.acquire(post('t', 1, 300)), 'room', 200, 300)
    await new Promise((resolve) => setTimeout(resolve, 320))
    await go(store, post('t', 1, 300))
  })

  it("decides the same whatever the process's clock says: the scripts read Redis's", async () => {
    const { store } = fresh()
    const first = await go(store, post('t', 1, 1_000))
    first!.release({ rateLimit: undefined })
    for (const skew of [3_600_000, -3_600_000]) {
      const spy = vi.spyOn(Date, 'now').mockImplementation(() => new Date().getTime() + skew)
      try {
        expectWait(await store.acquire(post('t', 1, 1_000)), 'room', 800, 1_000)
      } finally {
        spy.mockRestore()
      }
    }
  })

  it('keeps the room budgets of two tokens apart', async () => {
    const { store } = fresh()
    await go(store, post('token-a', 1, 60_000))
    await go(store, post('token-b', 1, 60_000))
    expectWait(await store.acquire(post('token-a', 1, 60_000)), 'room', 59_000, 60_000)
  })

  it('lets one probe out while the allowance is unknown, then spends the announced allowance and waits for the reset', async () => {
    const { store } = fresh()
    const request = { key: 't', room: undefined, posting: false as const }
    const probe = (await store.acquire(request)) as Extract<RateLimitDecision, { kind: 'go' }>
    expect(probe.kind).toBe('go')
    expect(await store.acquire(request)).toEqual({ kind: 'pending', recheckMs: expect.any(Number) })
    const resetAt = new Date((await redisNow()) + 2_000)
    probe.release({ rateLimit: { limit: 5, remaining: 3, resetAt } })
    for (let i = 0; i < 3; i++) await go(store, request as never)
    expectWait(await store.acquire(request), 'token', 1_000, 2_000)
  })

  it('holds every request of the token after a per-token 429, until the reset', async () => {
    const { store } = fresh()
    const request = { key: 't', room: undefined, posting: false as const }
    const waitMs = await store.blockToken('t', { resetMs: (await redisNow()) + 1_500, retryAfterMs: undefined })
    expect(waitMs).toBeGreaterThan(1_300)
    expectWait(await store.acquire(request), 'token', 1_300, 1_500)
  })

  it('writes only keys that expire by themselves, and never the token', async () => {
    const { store, prefix } = fresh()
    const grant = await go(store, post('secret-token', 2, 1_000))
    grant!.release({ rateLimit: { limit: 300, remaining: 299, resetAt: new Date((await redisNow()) + 300_000) } })
    await store.blockRoom('secret-token', '5002', 1_000)
    await store.acquire(post('secret-token', 2, 1_000))
    const keys = await client.keys(`${prefix}*`)
    // The token's state, the room's log and its block; the set of requests in flight is empty, so Redis dropped it.
    expect(keys.map((key) => key.slice(key.indexOf('}') + 1)).sort()).toEqual([':room:5002', ':room:5002:blocked', ':token'])
    for (const key of keys) {
      expect(key).not.toContain('secret-token')
      expect(await client.pttl(key)).toBeGreaterThan(0)
    }
  })
})
