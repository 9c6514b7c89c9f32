/**
 * A worker process of the multi-process tests: one ChatworkClient with a
 * redisStore on a real Redis. It prints `ready`, then runs one burst per
 * `go` line on stdin (its posts and GETs all at once) and prints the burst's
 * result as JSON; `exit` ends it.
 */
import { createInterface } from 'node:readline'
import { Redis } from 'ioredis'
import { ChatworkClient } from '../../src/client/index.ts'
import { redisStore } from '../../src/redis/index.ts'

/** What the test passes in CW_BURST. */
export interface BurstConfig {
  name: string
  baseURL: string
  token: string
  room: number
  redisPort: number
  posts: number
  gets: number
  postingLimit: { limit: number; windowMs: number }
  /** The store's timeout; default 1 s, so that a busy test machine is not taken for an outage. */
  timeout?: number
}

/** What the worker prints after each burst. */
export interface BurstResult {
  burst: number
  posted: string[]
  failed: string[]
  storeErrors: number
  doneAt: number
}

const config = JSON.parse(process.env.CW_BURST!) as BurstConfig
const redis = new Redis({ port: config.redisPort, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 })
redis.on('error', () => {})
let storeErrors = 0
const client = new ChatworkClient({
  token: config.token,
  baseURL: config.baseURL,
  postingLimit: config.postingLimit,
  rateLimitStore: redisStore({ client: redis, timeout: config.timeout ?? 1_000, onError: (error) => (storeErrors++, process.stderr.write(`store error: ${error.message}\n`)) }),
})

async function burst(n: number): Promise<BurstResult> {
  const posted: string[] = []
  const failed: string[] = []
  const jobs = Array.from({ length: config.posts }, (_, i) => {
    const body = `${config.name}/${n}/${i}`
    return client.messages.send(config.room, body).then(
      () => posted.push(body),
      (error: Error) => failed.push(`${body}: ${error.message}`),
    )
  })
  const reads = Array.from({ length: config.gets }, () => client.rooms.get(config.room).catch((error: Error) => failed.push(`GET: ${error.message}`)))
  await Promise.all([...jobs, ...reads])
  return { burst: n, posted, failed, storeErrors, doneAt: Date.now() }
}

await redis.ping()
process.stdout.write('ready\n')
let n = 0
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'exit') break
  if (line === 'go') process.stdout.write(`${JSON.stringify(await burst(n++))}\n`)
}
redis.disconnect()
