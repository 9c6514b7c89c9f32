/**
 * The client's rate-limit state behind `rateLimitStore`: one memoryStore
 * shared by several clients keeps them within one token's limits, keeps two
 * tokens apart, and a store that answers with promises works as one that
 * answers at once. Against the emulator over loopback.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ChatworkClient, memoryStore, type RateLimitRequest, type RateLimitStore } from 'chatwork-kit/client'
import { type Emulator, type EmulatorOptions, startEmulator } from 'chatwork-kit/testing'

const open: Emulator[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((emu) => emu.close()))
})

async function emulator(options: EmulatorOptions) {
  const emu = await startEmulator(options)
  open.push(emu)
  const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
  return { emu, room }
}

function count(emu: Emulator, status: number): number {
  return emu.requests.filter((request) => request.status === status).length
}

/** A store that answers every call with a promise, settled a macrotask later, as a networked store does. */
function deferred(inner: RateLimitStore): RateLimitStore & { keys: Set<string> } {
  const later = <T>(value: T | Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 1))
  const keys = new Set<string>()
  return {
    keys,
    acquire: (request: RateLimitRequest) => (keys.add(request.key), later(inner.acquire(request))),
    blockToken: (key, block) => later(inner.blockToken(key, block)),
    blockRoom: (key, roomId, windowMs) => later(inner.blockRoom(key, roomId, windowMs)),
    changed: () => inner.changed(),
  }
}

describe('memoryStore shared by several clients', () => {
  it('keeps three clients of one token within one posting window, drawing no 429', async () => {
    const { emu, room } = await emulator({ rateLimit: { roomPostLimit: 4, roomPostWindowMs: 300 } })
    const store = memoryStore()
    const clients = Array.from({ length: 3 }, () => new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: store, postingLimit: { limit: 4, windowMs: 300 } }))
    await Promise.all(clients.flatMap((client, c) => Array.from({ length: 5 }, (_, i) => client.messages.send(room, `${c}/${i}`))))
    expect(count(emu, 429)).toBe(0)
    const bodies = emu.messages(room).map((m) => m.body).filter((body) => /^\d\/\d$/.test(body))
    expect(bodies.sort()).toEqual(clients.flatMap((_, c) => Array.from({ length: 5 }, (_, i) => `${c}/${i}`)).sort())
  })

  it('without a shared store, the same clients draw 429s (the store is what keeps them together)', async () => {
    const { emu, room } = await emulator({ rateLimit: { roomPostLimit: 4, roomPostWindowMs: 300 } })
    const clients = Array.from({ length: 3 }, () => new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, postingLimit: { limit: 4, windowMs: 300 } }))
    await Promise.all(clients.flatMap((client, c) => Array.from({ length: 5 }, (_, i) => client.messages.send(room, `${c}/${i}`))))
    expect(count(emu, 429)).toBeGreaterThan(0)
  })

  it('keeps the budgets of two tokens apart: a full window of one does not hold the other', async () => {
    const { emu, room } = await emulator({ rateLimit: { roomPostLimit: 2, roomPostWindowMs: 60_000 } })
    const second = emu.addToken(emu.account.account_id)
    const store = memoryStore()
    const options = { baseURL: emu.baseURL, rateLimitStore: store, postingLimit: { limit: 2, windowMs: 60_000 }, rateLimit: 'throw' as const }
    const one = new ChatworkClient({ ...options, token: emu.token })
    const two = new ChatworkClient({ ...options, token: second })
    await one.messages.send(room, 'a')
    await one.messages.send(room, 'b')
    await expect(one.messages.send(room, 'c')).rejects.toMatchObject({ scope: 'room' })
    // The emulator counts the room per room, not per token, so only the client's store is tested here: it lets the other token try.
    await expect(two.messages.send(room, 'd')).rejects.toMatchObject({ scope: 'room', cause: { status: 429 } })
  })

  it('tells a shared store the token of each request, also when a token function gives it', async () => {
    const { emu } = await emulator({})
    const second = emu.addToken(emu.account.account_id)
    const store = deferred(memoryStore())
    await new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: store }).me()
    await new ChatworkClient({ accessToken: async () => second, baseURL: emu.baseURL, rateLimitStore: store }).me()
    expect([...store.keys]).toEqual([emu.token, second])
  })
})

describe('a store that answers with promises', () => {
  it('keeps a burst to one room within the window, drawing no 429 (property over window sizes)', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 10 }), async (limit, posts) => {
        const { emu, room } = await emulator({ rateLimit: { roomPostLimit: limit, roomPostWindowMs: 200 } })
        const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: deferred(memoryStore()), postingLimit: { limit, windowMs: 200 } })
        await Promise.all(Array.from({ length: posts }, (_, i) => client.messages.send(room, `p${i}`)))
        expect(count(emu, 429)).toBe(0)
        expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(posts)
      }),
      { numRuns: 6 },
    )
  })

  it('keeps to a small general allowance with concurrent calls, drawing no 429', async () => {
    const { emu } = await emulator({ rateLimit: { limit: 3, windowMs: 300 } })
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: deferred(memoryStore()) })
    await Promise.all(Array.from({ length: 7 }, () => client.myStatus()))
    expect(count(emu, 429)).toBe(0)
    expect(count(emu, 200)).toBe(7)
  })

  it('gives the slot back when the call aborts while the store answers, sending nothing', async () => {
    const { emu, room } = await emulator({})
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimitStore: deferred(memoryStore()), postingLimit: { limit: 1, windowMs: 60_000 } })
    const controller = new AbortController()
    const sent = client.messages.send(room, 'never', { signal: controller.signal })
    controller.abort(new Error('changed my mind'))
    await expect(sent).rejects.toThrow('changed my mind')
    expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })
})
