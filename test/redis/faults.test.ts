/**
 * redisStore when Redis fails: stopped in the middle of a burst (the workers
 * keep sending through their memory fallback, report once each, lose and
 * repeat nothing), restarted (they share again), slow (answers later than the
 * timeout count as an outage), and `failure: 'throw'`. On a real redis-server.
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatworkClient, ChatworkRateLimitStoreError } from 'chatwork-kit/client'
import { redisStore } from 'chatwork-kit/redis'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { startWorkers } from '../helpers/burst-workers.ts'
import { startLatencyProxy } from '../helpers/latency-proxy.ts'
import { HAS_REDIS, startRedis, type RedisServer } from '../helpers/redis-server.ts'

const WORKERS = 4
const POSTS = 15
const WINDOW = { limit: 10, windowMs: 1000 }

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function expectEachOnce(emu: Emulator, room: number, burst: number) {
  const bodies = emu.messages(room).map((m) => m.body).filter((body) => body.includes(`/${burst}/`))
  const expected = Array.from({ length: WORKERS }, (_, w) => Array.from({ length: POSTS }, (_, i) => `w${w}/${burst}/${i}`)).flat()
  expect(bodies.sort()).toEqual(expected.sort())
}

async function setup(redisPort: number, timeout?: number) {
  const emu = await startEmulator({ rateLimit: { roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs } })
  const room = emu.rooms().find((r) => r.type === 'group')!.room_id
  const workers = await startWorkers(
    Array.from({ length: WORKERS }, (_, w) => ({ name: `w${w}`, baseURL: emu.baseURL, token: emu.token, room, redisPort, posts: POSTS, gets: 0, postingLimit: WINDOW, timeout })),
  )
  return { emu, room, workers }
}

describe.runIf(HAS_REDIS || process.env.CI)('redisStore when Redis fails', () => {
  it('Redis stopped mid-burst: every worker goes on through its fallback, reports once, and nothing is lost or sent twice; restarted, they share again', { timeout: 90_000 }, async () => {
    const { emu, room, workers } = await setup(redis.port)
    try {
      const burst = workers.go()
      while (emu.requests.filter((r) => r.method === 'POST').length < 15) await sleep(5)
      await redis.stop()
      const results = await burst
      expect(results.flatMap((r) => r.failed)).toEqual([])
      expectEachOnce(emu, room, 0)
      expect(results.map((r) => r.storeErrors)).toEqual([1, 1, 1, 1])

      await redis.start()
      // Past the recheck interval and the posts' window, which Redis (empty after its restart) no longer knows of.
      await sleep(2_500)
      const before = emu.requests.length
      const again = await workers.go()
      expect(again.flatMap((r) => r.failed)).toEqual([])
      expectEachOnce(emu, room, 1)
      expect(again.map((r) => r.storeErrors)).toEqual([1, 1, 1, 1])
      expect(emu.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(0)
    } finally {
      await workers.close()
      await emu.close()
    }
  })

  it('Redis slower than the timeout: the workers fall back and report once each, nothing lost or sent twice; fast again, they share again', { timeout: 90_000 }, async () => {
    const proxy = await startLatencyProxy(redis.port)
    const { emu, room, workers } = await setup(proxy.port, 200)
    try {
      proxy.latencyMs = 800
      const results = await workers.go()
      expect(results.flatMap((r) => r.failed)).toEqual([])
      expectEachOnce(emu, room, 0)
      expect(results.map((r) => r.storeErrors)).toEqual([1, 1, 1, 1])

      proxy.latencyMs = 0
      await sleep(2_500)
      const before = emu.requests.length
      const again = await workers.go()
      expect(again.flatMap((r) => r.failed)).toEqual([])
      expectEachOnce(emu, room, 1)
      expect(again.map((r) => r.storeErrors)).toEqual([1, 1, 1, 1])
      expect(emu.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(0)
    } finally {
      await workers.close()
      await emu.close()
      await proxy.close()
    }
  })

  it("failure: 'throw' rejects the call with ChatworkRateLimitStoreError before sending anything", async () => {
    const emu = await startEmulator()
    const proxy = await startLatencyProxy(redis.port)
    const client = new Redis({ port: proxy.port, host: '127.0.0.1', maxRetriesPerRequest: 1 })
    client.on('error', () => {})
    try {
      await client.ping()
      proxy.latencyMs = 300
      const errors: unknown[] = []
      const chatwork = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: redisStore({ client, failure: 'throw', timeout: 50, onError: (e) => errors.push(e) }) })
      const error = await chatwork.me().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ChatworkRateLimitStoreError)
      expect(error).toMatchObject({ code: 'ERR_CHATWORK_RATE_LIMIT_STORE' })
      await expect(chatwork.me()).rejects.toBeInstanceOf(ChatworkRateLimitStoreError)
      expect(emu.requests).toHaveLength(0)
      expect(errors).toHaveLength(1)
    } finally {
      client.disconnect()
      await proxy.close()
      await emu.close()
    }
  })
})
