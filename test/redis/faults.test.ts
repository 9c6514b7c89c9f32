/**
 * redisStore when Redis fails: stopped in the middle of a burst (the workers
 * keep sending through their memory fallback, report once each, lose and
 * repeat nothing), restarted (they share again), slow (answers later than the
 * timeout count as an outage), and `failure: 'throw'`. On a real redis-server.
 */
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { ChatworkClient, ChatworkRateLimitStoreError } from 'chatwork-kit/client'
import { redisStore } from 'chatwork-kit/redis'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { burstConfigs, expectEachOnce, startWorkers, WINDOW, type BurstWorkers } from '../helpers/burst-workers.ts'
import { startLatencyProxy } from '../helpers/latency-proxy.ts'
import { HAS_REDIS, useRedis } from '../helpers/redis-server.ts'

const redis = useRedis()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function setup(redisPort: number, timeout?: number) {
  const emu = await startEmulator({ rateLimit: { roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs } })
  const room = emu.rooms().find((r) => r.type === 'group')!.room_id
  const workers = await startWorkers(burstConfigs(emu, room, redisPort, { timeout }))
  return { emu, room, workers }
}

/** Checks that nothing failed or was posted twice, and that each worker reported its one outage. */
function expectNoLoss(emu: Emulator, room: number, burst: number, results: Awaited<ReturnType<BurstWorkers['go']>>): void {
  expect(results.flatMap((r) => r.failed)).toEqual([])
  expectEachOnce(emu, room, burst)
  expect(results.map((r) => r.storeErrors)).toEqual([1, 1, 1, 1])
}

/** Once Redis is well again, and past the recheck interval and the posts' window: the next burst shares again, with no 429. */
async function expectSharedAgain(emu: Emulator, room: number, workers: BurstWorkers): Promise<void> {
  await sleep(2_500)
  const before = emu.requests.length
  expectNoLoss(emu, room, 1, await workers.go())
  expect(emu.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(0)
}

describe.runIf(HAS_REDIS || process.env.CI)('redisStore when Redis fails', () => {
  it('Redis stopped mid-burst: every worker goes on through its fallback, reports once, and nothing is lost or sent twice; restarted, they share again', { timeout: 90_000 }, async () => {
    const { emu, room, workers } = await setup(redis().port)
    try {
      const burst = workers.go()
      // Stopped at the burst's first post, while the first window (WINDOW.limit posts) is all the store has granted: every
      // worker still needs the store for most of its posts. (Stopped after 15 posts, a worker on a loaded machine had
      // sometimes been granted all of its posts already, and so never met the outage.)
      while (!emu.requests.some((r) => r.method === 'POST')) await sleep(5)
      await redis().stop()
      expectNoLoss(emu, room, 0, await burst)
      // Redis, empty after its restart, no longer knows of the posts' window.
      await redis().start()
      await expectSharedAgain(emu, room, workers)
    } finally {
      // whatever failed, the next tests get a running Redis
      await redis().start()
      await workers.close()
      await emu.close()
    }
  })

  it('Redis slower than the timeout: the workers fall back and report once each, nothing lost or sent twice; fast again, they share again', { timeout: 90_000 }, async () => {
    const proxy = await startLatencyProxy(redis().port)
    const { emu, room, workers } = await setup(proxy.port, 200)
    try {
      proxy.latencyMs = 800
      expectNoLoss(emu, room, 0, await workers.go())
      proxy.latencyMs = 0
      await expectSharedAgain(emu, room, workers)
    } finally {
      await workers.close()
      await emu.close()
      await proxy.close()
    }
  })

  it("failure: 'throw' rejects the call with ChatworkRateLimitStoreError before sending anything", async () => {
    const emu = await startEmulator()
    const proxy = await startLatencyProxy(redis().port)
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
