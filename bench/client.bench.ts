/**
 * The client against the emulator on loopback: per-request overhead beside a
 * bare ofetch call to the same URL, and how close the per-room limiter gets
 * to the posting window's maximum rate without drawing a 429.
 */
import { ofetch } from 'ofetch'
import { ChatworkClient } from '../src/client/client.ts'
import { startEmulator } from '../src/emulator/index.ts'
import { alternatingRounds } from './rounds.ts'

/** Posts per room window, and its length, for the limiter run: short, so the run takes seconds. */
const WINDOW = { limit: 10, windowMs: 1000 }
const POSTS = 60

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
    // A room of 100 messages: the answer's shape is checked item by item, and its ids read exactly.
    const room = emu.rooms().find((r) => r.type === 'group')!.room_id
    for (let i = emu.messages(room).length; i < 100; i++) emu.post(room, `[To:1001] message ${i} [info]with a block[/info]`, { as: 1002 })
    const messagesUrl = `${emu.baseURL}/rooms/${room}/messages?force=1`
    const results = await alternatingRounds(
      [
        ['baseline: bare ofetch GET /me', () => ofetch(url, { headers }).then(() => undefined)],
        ['client.me()', () => client.me().then(() => undefined)],
        ['bare ofetch GET 100 messages', () => ofetch(messagesUrl, { headers }).then(() => undefined)],
        ['client.messages.list(force), 100 messages', () => client.messages.list(room, { force: true }).then(() => undefined)],
      ],
      { time: 500 },
    )
    console.log('\nClient: per-request overhead against the emulator, median of 7 alternating rounds (target ≤ 1.15x; the list beside bare ofetch on the same URL)')
    console.table(
      results.map((result, i) => ({
        task: result.name,
        'µs/request': (result.ms * 1000).toFixed(0),
        'vs baseline': `${(i < 2 ? result.timeRatio : result.timeRatio / results[2]!.timeRatio).toFixed(2)}x`,
      })),
    )
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
