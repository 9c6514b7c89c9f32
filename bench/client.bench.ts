/**
 * The client against the emulator on loopback: per-request overhead beside a
 * bare ofetch call to the same URL, and how close the per-room limiter gets
 * to the posting window's maximum rate without drawing a 429.
 */
import { ofetch } from 'ofetch'
import { Bench } from 'tinybench'
import { ChatworkClient } from '../src/client.ts'
import { startEmulator } from '../src/testing.ts'
import { meanMs } from './corpus.ts'

/** Posts per room window, and its length, for the limiter run: short, so the run takes seconds. */
const WINDOW = { limit: 10, windowMs: 1000 }
const POSTS = 60
/** Alternating rounds of baseline and client, so that load drifting on a shared machine hits both alike. */
const ROUNDS = 7

export async function run(): Promise<void> {
  await overhead()
  await limiter()
}

async function overhead(): Promise<void> {
  // A token allowance large enough that the benchmark never meets it.
  const emu = await startEmulator({ rateLimit: { limit: 1e9 } })
  try {
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    const url = `${emu.baseURL}/me`
    const headers = { 'x-chatworktoken': emu.token }
    const rounds: { base: number; client: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const bench = new Bench({ time: 500, warmupTime: 100 })
      bench.add('baseline', () => ofetch(url, { headers }).then(() => undefined))
      bench.add('client', () => client.me().then(() => undefined))
      await bench.run()
      rounds.push({ base: meanMs(bench.getTask('baseline')), client: meanMs(bench.getTask('client')) })
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]
    const base = median(rounds.map((r) => r.base))
    const ratio = median(rounds.map((r) => r.client / r.base))
    console.log(`\nClient: per-request overhead against the emulator, median of ${ROUNDS} alternating rounds (target ≤ 1.15x)`)
    console.table([
      { task: 'baseline: bare ofetch GET /me', 'µs/request': (base * 1000).toFixed(0), 'vs baseline': '1.00x' },
      { task: 'client.me()', 'µs/request': (median(rounds.map((r) => r.client)) * 1000).toFixed(0), 'vs baseline': `${ratio.toFixed(2)}x` },
    ])
  } finally {
    await emu.close()
  }
}

async function limiter(): Promise<void> {
  const emu = await startEmulator({ rateLimit: { roomPostLimit: WINDOW.limit, roomPostWindowMs: WINDOW.windowMs } })
  try {
    const room = emu.rooms().find((r) => r.type === 'group')!.room_id
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, postingLimit: WINDOW })
    const started = performance.now()
    await Promise.all(Array.from({ length: POSTS }, (_, i) => client.messages.send(room, `post ${i}`)))
    const elapsed = performance.now() - started
    // The baseline is the fastest the window allows: the first `limit` posts at once, then `limit` per window.
    const fastest = ((POSTS - WINDOW.limit) / WINDOW.limit) * WINDOW.windowMs
    console.log(`\nClient: ${POSTS} concurrent posts to one room, window ${WINDOW.limit} per ${WINDOW.windowMs} ms (targets: ≥ 0.9 of max rate, 0 429s)`)
    console.table([
      {
        'fastest allowed ms': fastest,
        'elapsed ms': elapsed.toFixed(0),
        'fraction of max rate': (fastest / elapsed).toFixed(3),
        '429s drawn': emu.requests.filter((r) => r.status === 429).length,
      },
    ])
  } finally {
    await emu.close()
  }
}
