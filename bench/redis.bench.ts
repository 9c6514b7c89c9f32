/**
 * redisStore on a real redis-server on loopback: the per-call overhead of a
 * client whose limits live in Redis beside one whose limits live in memory
 * (both against the emulator), and the efficiency of 4 processes posting
 * one burst to one room together. Skipped, with a note, without redis-server.
 */
import { Redis } from 'ioredis'
import { ChatworkClient, memoryStore } from '../src/client/index.ts'
import { startEmulator } from '../src/emulator/index.ts'
import { redisStore } from '../src/redis/index.ts'
import { startWorkers } from '../test/helpers/burst-workers.ts'
import { HAS_REDIS, startRedis } from '../test/helpers/redis-server.ts'
import { alternatingRounds } from './rounds.ts'

const WORKERS = 4
const POSTS = 15
const WINDOW = { limit: 10, windowMs: 1000 }

export async function run(): Promise<void> {
  if (!HAS_REDIS) {
    console.log('\nRedis store: skipped, no redis-server on the PATH (apt-get install -y redis-server)')
    return
  }
  const server = await startRedis()
  try {
    await overhead(server.port)
    await burst(server.port)
  } finally {
    await server.stop()
  }
}

async function overhead(port: number): Promise<void> {
  // A token allowance large enough that the benchmark never meets it.
  const emu = await startEmulator({ rateLimit: { limit: 1e9 } })
  const redis = new Redis({ port, host: '127.0.0.1' })
  try {
    const memory = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: memoryStore() })
    const shared = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: redisStore({ client: redis }) })
    const [base, withRedis] = await alternatingRounds(
      [
        ['baseline: client.me() with memoryStore', () => memory.me().then(() => undefined)],
        ['client.me() with redisStore', () => shared.me().then(() => undefined)],
      ],
      { time: 500 },
    )
    console.log('\nRedis store: per-call overhead on loopback against the emulator, median of 7 alternating rounds')
    console.table(
      [base, withRedis].map((result) => ({ task: result.name, 'µs/request': (result.ms * 1000).toFixed(0), 'vs baseline': `${result.timeRatio.toFixed(2)}x` })),
    )
  } finally {
    redis.disconnect()
    await emu.close()
  }
}

async function burst(port: number): Promise<void> {
  const emu = await startEmulator({ rateLimit: { roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs } })
  const room = emu.rooms().find((r) => r.type === 'group')!.room_id
  const workers = await startWorkers(
    Array.from({ length: WORKERS }, (_, w) => ({ name: `w${w}`, baseURL: emu.baseURL, token: emu.token, room, redisPort: port, posts: POSTS, gets: 0, postingLimit: WINDOW })),
  )
  try {
    const started = Date.now()
    const results = await workers.go()
    const elapsed = Math.max(...results.map((r) => r.doneAt)) - started
    const posted = emu.messages(room).map((m) => m.body).filter((body) => /^w\d\/0\/\d+$/.test(body))
    // The fastest the window allows: the first `limit` posts at once, then `limit` per window.
    const fastest = ((WORKERS * POSTS - WINDOW.limit) / WINDOW.limit) * WINDOW.windowMs
    console.log(`\nRedis store: ${WORKERS} processes × ${POSTS} posts to one room, window ${WINDOW.limit} per ${WINDOW.windowMs} ms (targets: ≥ 0.8 of max rate, 0 429s)`)
    console.table([
      {
        'fastest allowed ms': fastest,
        'elapsed ms': elapsed,
        'fraction of max rate': (fastest / elapsed).toFixed(3),
        '429s drawn': emu.requests.filter((r) => r.status === 429).length,
        'posted once each': posted.length === WORKERS * POSTS && new Set(posted).size === posted.length ? 'yes' : 'no',
      },
    ])
  } finally {
    await workers.close()
    await emu.close()
  }
}
