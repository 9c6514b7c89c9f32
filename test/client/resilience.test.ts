/**
 * ChatworkClient under pressure, against the emulator over loopback: rate
 * limits (per token and per room, alone and under concurrency), 429s waited
 * out or thrown, retries of idempotent calls only, timeouts, aborts, token
 * redaction in every error, and polling.
 */
import { inspect } from 'node:util'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ChatworkApiError,
  ChatworkClient,
  ChatworkNetworkError,
  ChatworkRateLimitError,
  ChatworkResponseError,
  ChatworkTimeoutError,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  mayHaveBeenProcessed,
  type ChatworkClientOptions,
  type Message,
  type RateLimitEvent,
  type RetryEvent,
} from 'chatwork-kit/client'
import { type Emulator, type EmulatorOptions, startEmulator } from 'chatwork-kit/testing'

const open: Emulator[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((emu) => emu.close()))
})

async function setup(options: EmulatorOptions = {}, clientOptions: ChatworkClientOptions = {}) {
  const emu = await startEmulator(options)
  open.push(emu)
  const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, ...clientOptions })
  const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
  return { emu, client, room }
}

function count(emu: Emulator, status: number): number {
  return emu.requests.filter((request) => request.status === status).length
}

function posts(emu: Emulator): number {
  return emu.requests.filter((request) => request.method === 'POST').length
}

describe('per-room posting window', () => {
  it('a 50-message burst to one room draws no 429', async () => {
    const waits: RateLimitEvent[] = []
    const { emu, client, room } = await setup(
      { rateLimit: { roomPostLimit: 10, roomPostWindowMs: 300 } },
      { postingLimit: { limit: 10, windowMs: 300 }, onRateLimit: (e) => waits.push(e) },
    )
    const before = emu.messages(room).length
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.messages.send(room, `burst ${i}`)))
    expect(count(emu, 429)).toBe(0)
    expect(emu.messages(room).length - before).toBe(50)
    expect(new Set(emu.messages(room).slice(before).map((m) => m.body)).size).toBe(50)
    expect(waits.length).toBeGreaterThan(0)
    expect(waits.every((e) => e.scope === 'room' && e.path === '/rooms/{room_id}/messages')).toBe(true)
  })

  it('shares the window between messages and tasks', async () => {
    const { emu, client, room } = await setup({ rateLimit: { roomPostLimit: 3, roomPostWindowMs: 300 } }, { postingLimit: { limit: 3, windowMs: 300 } })
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => client.messages.send(room, `m${i}`)),
      ...Array.from({ length: 4 }, (_, i) => client.tasks.create(room, { body: `t${i}`, toIds: [1002] })),
    ])
    expect(count(emu, 429)).toBe(0)
    expect(posts(emu)).toBe(8)
  })

  it('never draws a 429 for any burst, window and limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 100, max: 250 }), fc.integer({ min: 1, max: 12 }), async (limit, windowMs, burst) => {
        const { emu, client, room } = await setup({ rateLimit: { roomPostLimit: limit, roomPostWindowMs: windowMs } }, { postingLimit: { limit, windowMs } })
        await Promise.all(Array.from({ length: burst }, (_, i) => client.messages.send(room, `p${i}`)))
        expect(count(emu, 429)).toBe(0)
        expect(posts(emu)).toBe(burst)
      }),
      { numRuns: 8 },
    )
  })

  it('waits out a per-room 429 drawn by another client, then posts once', async () => {
    const { emu, room } = await setup({ rateLimit: { roomPostLimit: 2, roomPostWindowMs: 400 } })
    const other = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    await other.messages.send(room, 'a')
    await other.messages.send(room, 'b')
    const waits: RateLimitEvent[] = []
    const retries: RetryEvent[] = []
    const client = new ChatworkClient({
      token: emu.token,
      baseURL: emu.baseURL,
      postingLimit: { limit: 2, windowMs: 400 },
      onRateLimit: (e) => waits.push(e),
      onRetry: (e) => retries.push(e),
    })
    await client.messages.send(room, 'c')
    expect(count(emu, 429)).toBe(1)
    expect(emu.messages(room).filter((m) => m.body === 'c')).toHaveLength(1)
    expect(waits.map((e) => e.scope)).toContain('room')
    expect(retries).toHaveLength(1)
    expect(retries[0].error).toBeInstanceOf(ChatworkRateLimitError)
    expect(retries[0].error).toMatchObject({ scope: 'room' })
  })
})

describe('per-token limit', () => {
  it('waits out a forced 429 and retries the POST, which lands once', async () => {
    const { emu, client, room } = await setup()
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', status: 429 })
    const started = Date.now()
    const { message_id } = await client.messages.send(room, 'after 429')
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(emu.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 200])
    expect(emu.messages(room).filter((m) => m.message_id === message_id)).toHaveLength(1)
  })

  it('waits until x-ratelimit-reset when another client spent the window', async () => {
    const { emu } = await setup({ rateLimit: { limit: 3, windowMs: 1000 } })
    const other = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    for (let i = 0; i < 3; i++) await other.me()
    const waits: RateLimitEvent[] = []
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, onRateLimit: (e) => waits.push(e) })
    expect((await client.me()).account_id).toBe(1001)
    expect(count(emu, 429)).toBe(1)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toMatchObject({ scope: 'token', method: 'GET', path: '/me' })
    expect(waits[0].waitMs).toBeGreaterThan(0)
    expect(waits[0].waitMs).toBeLessThanOrEqual(2000)
  })

  it('holds requests when the last answer said remaining: 0, drawing no 429', async () => {
    const { emu, client } = await setup({ rateLimit: { limit: 2, windowMs: 1000 } })
    await Promise.all(Array.from({ length: 3 }, () => client.me()))
    expect(count(emu, 429)).toBe(0)
    expect(count(emu, 200)).toBe(3)
  })

  // x-ratelimit-reset is in whole seconds, so each window waited out takes up to a second: up to 8 s a run.
  it('never draws a 429 from concurrent calls, for any allowance (property)', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), async (limit, calls) => {
        const { emu, client } = await setup({ rateLimit: { limit, windowMs: 300 } })
        await Promise.all(Array.from({ length: calls }, () => client.myStatus()))
        expect(count(emu, 429)).toBe(0)
        expect(count(emu, 200)).toBe(calls)
      }),
      { numRuns: 5 },
    )
  })

  it('concurrent sends from many tasks keep within both limits', async () => {
    const { emu, client } = await setup(
      { rateLimit: { limit: 20, windowMs: 1000, roomPostLimit: 3, roomPostWindowMs: 300 } },
      { postingLimit: { limit: 3, windowMs: 300 } },
    )
    const rooms = emu.rooms().filter((r) => r.type !== 'my').map((r) => r.room_id)
    const jobs = rooms.flatMap((room) => Array.from({ length: 6 }, (_, i) => ({ room, body: `${room}/${i}` })))
    expect(jobs.length).toBeGreaterThan(20)
    await Promise.all(jobs.map(({ room, body }) => client.messages.send(room, body)))
    expect(count(emu, 429)).toBe(0)
    for (const room of rooms) expect(emu.messages(room).filter((m) => m.body.startsWith(`${room}/`))).toHaveLength(6)
  })
})

describe("rateLimit: 'throw' and maxRateLimitWaitMs", () => {
  it("throws ChatworkRateLimitError on a 429 with rateLimit: 'throw', without retrying", async () => {
    const { emu, room } = await setup({ rateLimit: { roomPostLimit: 1, roomPostWindowMs: 10_000 } })
    await new ChatworkClient({ token: emu.token, baseURL: emu.baseURL }).messages.send(room, 'first')
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, rateLimit: 'throw' })
    const error = await client.messages.send(room, 'second').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkRateLimitError)
    expect(error).toMatchObject({ code: 'ERR_CHATWORK_RATE_LIMIT', scope: 'room', method: 'POST', path: '/rooms/{room_id}/messages' })
    expect((error as ChatworkRateLimitError).resetAt.getTime()).toBeGreaterThan(Date.now())
    expect((error as ChatworkRateLimitError).cause).toBeInstanceOf(ChatworkApiError)
    expect(posts(emu)).toBe(2)
  })

  it("throws before sending when its own window is full, with rateLimit: 'throw'", async () => {
    const { emu, client, room } = await setup({}, { rateLimit: 'throw', postingLimit: { limit: 1, windowMs: 10_000 } })
    await client.messages.send(room, 'one')
    await expect(client.messages.send(room, 'two')).rejects.toMatchObject({ scope: 'room' })
    expect(posts(emu)).toBe(1)
  })

  it('by default sits out a whole general window, whose reset is rounded up to whole seconds', async () => {
    const { emu } = await setup({ rateLimit: { limit: 1, windowMs: 300_000 } })
    const waits: RateLimitEvent[] = []
    const refusal = new Error('not waiting five minutes in a test')
    const client = new ChatworkClient({
      token: emu.token,
      baseURL: emu.baseURL,
      onRateLimit: (event) => {
        waits.push(event)
        throw refusal
      },
    })
    await client.me()
    await expect(client.me()).rejects.toBe(refusal)
    expect(waits[0]!.waitMs).toBeGreaterThan(299_000)
    expect(waits[0]!.waitMs).toBeLessThanOrEqual(DEFAULT_MAX_RATE_LIMIT_WAIT_MS)
  })

  it('throws when the wait would exceed maxRateLimitWaitMs', async () => {
    const { emu } = await setup({ rateLimit: { limit: 1, windowMs: 60_000 } })
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, maxRateLimitWaitMs: 1000 })
    await client.me()
    const started = Date.now()
    await expect(client.me()).rejects.toMatchObject({ scope: 'token', code: 'ERR_CHATWORK_RATE_LIMIT' })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(emu.requests).toHaveLength(1)
  })
})

describe('retries', () => {
  it('retries a GET after a 503 and succeeds', async () => {
    const retries: RetryEvent[] = []
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 10 }, onRetry: (e) => retries.push(e) })
    emu.fault({ method: 'GET', path: '/me', status: 503 })
    expect((await client.me()).account_id).toBe(1001)
    expect(emu.requests.map((r) => r.status)).toEqual([503, 200])
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({ attempt: 1, method: 'GET', path: '/me' })
    expect(retries[0].error).toMatchObject({ status: 503 })
  })

  it('surfaces a 503 on POST without a second POST', async () => {
    const { emu, client, room } = await setup()
    const before = emu.messages(room).length
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', status: 503 })
    const error = await client.messages.send(room, 'once').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 503, method: 'POST', errors: ['Emulated fault: HTTP 503'] })
    expect(posts(emu)).toBe(1)
    expect(emu.messages(room)).toHaveLength(before)
  })

  it('retries a GET after a dropped connection, never a POST', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 10 } })
    emu.fault({ method: 'GET', path: '/rooms', drop: true })
    expect((await client.rooms.list()).length).toBeGreaterThan(0)
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', drop: true })
    await expect(client.messages.send(room, 'x')).rejects.toBeInstanceOf(ChatworkNetworkError)
    expect(posts(emu)).toBe(1)
  })

  it('gives up after the policy limit with the last error', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { limit: 2, baseDelayMs: 5 } })
    emu.fault({ method: 'GET', path: '/me', status: 502, times: 5 })
    await expect(client.me()).rejects.toMatchObject({ status: 502 })
    expect(emu.requests).toHaveLength(3)
    emu.clearFaults()
    emu.fault({ method: 'GET', path: '/me', status: 502, times: 5 })
    await expect(client.me({ retry: false })).rejects.toMatchObject({ status: 502 })
    expect(emu.requests).toHaveLength(4)
  })

  it('lets a call turn retries on when the client has them off', async () => {
    const { emu, client } = await setup({}, { retry: false })
    emu.fault({ method: 'GET', path: '/me', status: 503, times: 2 })
    await expect(client.me()).rejects.toMatchObject({ status: 503 })
    expect((await client.me({ retry: { baseDelayMs: 5 } })).account_id).toBe(1001)
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200])
  })

  it('sends a POST once whatever fails, and a GET up to 1 + limit times (property)', async () => {
    const { emu, room } = await setup()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(408, 500, 502, 503, 504),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        async (status, times, limit) => {
          emu.clearFaults()
          emu.requests.length = 0
          const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { limit, baseDelayMs: 1, maxDelayMs: 2 } })
          emu.fault({ method: 'POST', status, times })
          await expect(client.messages.send(room, 'once')).rejects.toMatchObject({ status })
          expect(posts(emu)).toBe(1)
          emu.clearFaults()
          emu.fault({ method: 'GET', status, times })
          const outcome = await client.me().then(
            () => 'ok',
            (error: ChatworkApiError) => error.status,
          )
          expect(emu.requests.filter((r) => r.method === 'GET')).toHaveLength(Math.min(times, limit) + 1)
          expect(outcome).toBe(times <= limit ? 'ok' : status)
        },
      ),
      { numRuns: 30 },
    )
  })

  it('does not retry a 4xx', async () => {
    const { emu, client } = await setup()
    await expect(client.rooms.get(999_999)).rejects.toMatchObject({ status: 404, path: '/rooms/{room_id}' })
    expect(emu.requests).toHaveLength(1)
  })

  it('retries PUT and DELETE too', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 5 } })
    emu.fault({ method: 'PUT', status: 500 })
    await client.rooms.update(room, { name: 'Renamed' })
    await client.links.create(room)
    emu.fault({ method: 'DELETE', status: 504 })
    await client.links.delete(room)
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 500', 'PUT 200', 'POST 200', 'DELETE 504', 'DELETE 200'])
  })

  it('never repeats a call whose repetition would answer otherwise, and repeats the forced read', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 5 } })
    const messageId = emu.post(room, 'to delete', { as: 1001 })
    const failOnce = (method: string, path: string, status: number) => {
      emu.fault({ method, path, status })
      return (error: unknown) => {
        expect(error).toMatchObject({ status })
        return emu.requests.filter((r) => r.method === method && r.path.startsWith(path.split('/:')[0]!)).length
      }
    }
    // a read without force moves the cursor; marking read twice answers 400; deleting twice answers 404
    let attempts = failOnce('GET', '/rooms/:roomId/messages', 503)
    expect(await client.messages.list(room).then(() => 0, attempts)).toBe(1)
    attempts = failOnce('PUT', '/rooms/:roomId/messages/read', 502)
    expect(await client.messages.markRead(room).then(() => 0, attempts)).toBe(1)
    attempts = failOnce('DELETE', '/rooms/:roomId/messages/:messageId', 504)
    expect(await client.messages.delete(room, messageId).then(() => 0, attempts)).toBe(1)
    emu.fault({ method: 'GET', path: '/rooms/:roomId/messages', status: 503 })
    expect((await client.messages.list(room, { force: true })).map((m) => m.message_id)).toContain(messageId)
    expect(emu.requests.slice(-2).map((r) => `${r.method} ${r.status} ${r.query.force}`)).toEqual(['GET 503 1', 'GET 200 1'])
  })

  it('leaves a timed-out read without force to the caller: the cursor moved, and a forced read finds the messages', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, timeout: 100, retry: { baseDelayMs: 5 } })
    await client.messages.list(room)
    const posted = emu.post(room, 'while the answer is lost', { as: 1002 })
    emu.fault({ method: 'GET', path: '/rooms/:roomId/messages', delayMs: 300 })
    const error = await client.messages.list(room).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkTimeoutError)
    expect(mayHaveBeenProcessed(error)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await client.messages.list(room)).toEqual([])
    expect((await client.messages.list(room, { force: true })).map((m) => m.message_id)).toContain(posted)
  })

  it('backs off exponentially with jitter, within the cap (property)', async () => {
    const { emu } = await setup()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 3 }), async (base, cap, limit) => {
        const delays: number[] = []
        const client = new ChatworkClient({
          token: emu.token,
          baseURL: emu.baseURL,
          retry: { limit, baseDelayMs: base, maxDelayMs: cap },
          onRetry: (e) => delays.push(e.delayMs),
        })
        emu.fault({ method: 'GET', path: '/my/status', status: 503, times: limit })
        await client.myStatus()
        expect(delays).toHaveLength(limit)
        delays.forEach((delay, n) => {
          const full = Math.min(cap, base * 2 ** n)
          expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2))
          expect(delay).toBeLessThanOrEqual(full)
        })
      }),
      { numRuns: 25 },
    )
  })

  it('turns a malformed success body into a ChatworkResponseError, not retried', async () => {
    const { emu, client } = await setup()
    emu.fault({ method: 'GET', path: '/me', malformed: true })
    const error = await client.me().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkResponseError)
    expect(error).toMatchObject({ status: 200, problem: 'the body is not valid JSON', code: 'ERR_CHATWORK_RESPONSE' })
    expect(emu.requests).toHaveLength(1)
  })
})

describe('timeouts and aborts', () => {
  it('times out without a caller signal', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, timeout: 100, retry: false })
    emu.fault({ path: '/me', delayMs: 1000 })
    const error = await client.me().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkTimeoutError)
    expect(error).toMatchObject({ code: 'ERR_CHATWORK_TIMEOUT', timeout: 100, path: '/me' })
  })

  it('still times out with a caller signal that never aborts', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: false })
    emu.fault({ path: '/me', delayMs: 1000 })
    const started = Date.now()
    await expect(client.me({ signal: new AbortController().signal, timeout: 100 })).rejects.toBeInstanceOf(ChatworkTimeoutError)
    expect(Date.now() - started).toBeLessThan(900)
  })

  it('retries a GET that timed out, with a fresh timeout', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, timeout: 150, retry: { baseDelayMs: 5 } })
    emu.fault({ path: '/me', delayMs: 1000 })
    expect((await client.me({ signal: new AbortController().signal })).account_id).toBe(1001)
    expect(emu.requests).toHaveLength(2)
  })

  it('rejects with the caller abort reason, and does not retry it', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    emu.fault({ path: '/me', delayMs: 1000 })
    const controller = new AbortController()
    const reason = new Error('user gave up')
    setTimeout(() => controller.abort(reason), 50)
    await expect(client.me({ signal: controller.signal })).rejects.toBe(reason)
    expect(emu.requests).toHaveLength(1)
  })

  it('aborts during a retry delay, without sending again', async () => {
    const { emu } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } })
    emu.fault({ method: 'GET', path: '/me', status: 503 })
    const controller = new AbortController()
    const reason = new Error('user gave up')
    const started = Date.now()
    setTimeout(() => controller.abort(reason), 100)
    await expect(client.me({ signal: controller.signal })).rejects.toBe(reason)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(emu.requests).toHaveLength(1)
  })

  it('aborts during a rate-limit wait, without sending', async () => {
    const { emu, room } = await setup()
    const waits: RateLimitEvent[] = []
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, postingLimit: { limit: 1, windowMs: 10_000 }, onRateLimit: (e) => waits.push(e) })
    await client.messages.send(room, 'one')
    const started = Date.now()
    const error = await client.messages.send(room, 'two', { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e)
    expect((error as Error).name).toBe('TimeoutError')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toMatchObject({ scope: 'room' })
    expect(waits[0].waitMs).toBeGreaterThan(9000)
    expect(posts(emu)).toBe(1)
  })

  it('an abort while the token function runs sends nothing', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({
      accessToken: () => new Promise<string>((resolve) => setTimeout(() => resolve(emu.token), 100)),
      baseURL: emu.baseURL,
    })
    const before = emu.messages(room).length
    const reason = new Error('user gave up')
    const controller = new AbortController()
    setTimeout(() => controller.abort(reason), 30)
    await expect(client.messages.send(room, 'never', { signal: controller.signal })).rejects.toBe(reason)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(emu.requests).toHaveLength(0)
    expect(emu.messages(room)).toHaveLength(before)
  })

  it('timeout: Infinity, or past what setTimeout holds, waits for a slow answer', async () => {
    const { emu } = await setup()
    for (const timeout of [Infinity, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      emu.fault({ path: '/me', delayMs: 150 })
      const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, timeout, retry: false })
      expect((await client.me()).account_id).toBe(1001)
    }
  })

  it('an already aborted signal sends nothing', async () => {
    const { emu, client } = await setup()
    const controller = new AbortController()
    controller.abort()
    await expect(client.me({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(emu.requests).toHaveLength(0)
  })
})

describe('token redaction', () => {
  const TOKEN = 'tok-SECRET-a9f3c1d2e5'

  /** Everything an error exposes: message, stack, properties, causes, JSON. */
  function exposure(error: unknown): string {
    return [String(error), (error as Error).stack, inspect(error, { depth: 10, showHidden: true, getters: true }), JSON.stringify(error)].join('\n')
  }

  it('keeps the token out of every kind of error', async () => {
    const emu = await startEmulator({ tokens: [TOKEN], rateLimit: { roomPostLimit: 1 } })
    open.push(emu)
    const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
    const client = new ChatworkClient({ token: TOKEN, baseURL: emu.baseURL, timeout: 100, retry: false, rateLimit: 'throw' })
    const errors: unknown[] = []
    const collect = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (e: unknown) => errors.push(e))

    await collect(client.rooms.get(999_999))
    emu.fault({ path: '/me', status: 500 })
    await collect(client.me())
    emu.fault({ path: '/me', delayMs: 500 })
    await collect(client.me())
    emu.fault({ path: '/me', drop: true })
    await collect(client.me())
    await client.messages.send(room, 'fills the window')
    await collect(client.messages.send(room, 'over'))
    const leakyProxy = new ChatworkClient({
      token: TOKEN,
      baseURL: emu.baseURL,
      retry: false,
      // A fetch that fails with the request's headers in its message, as some proxies do.
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        throw new Error(`proxy refused ${JSON.stringify(Object.fromEntries(new Headers(init?.headers)))} (${response.status})`)
      },
    })
    await collect(leakyProxy.me())
    const closed = new ChatworkClient({ token: TOKEN, baseURL: 'http://127.0.0.1:9/v2', retry: false })
    await collect(closed.me())
    const unknown = new ChatworkClient({ token: `${TOKEN}-wrong`, baseURL: emu.baseURL })
    await collect(unknown.me())

    expect(errors.map((e) => (e as Error).constructor.name)).toEqual([
      'ChatworkApiError',
      'ChatworkApiError',
      'ChatworkTimeoutError',
      'ChatworkNetworkError',
      'ChatworkRateLimitError',
      'ChatworkNetworkError',
      'ChatworkNetworkError',
      'ChatworkApiError',
    ])
    for (const error of errors) expect(exposure(error)).not.toContain(TOKEN)
    // The leaky proxy's message survives, minus the token.
    expect(exposure(errors[5])).toContain('proxy refused')
  })
})

describe('messages.poll', () => {
  it('yields each new message once, oldest first, and ends on abort', async () => {
    const { emu, client, room } = await setup()
    await client.messages.list(room)
    const controller = new AbortController()
    const seen: Message[] = []
    const posted: string[] = []
    const poster = (async () => {
      for (let i = 0; i < 6; i++) {
        posted.push(emu.post(room, `news ${i} [To:1001]`, { as: 1002 }))
        await new Promise((resolve) => setTimeout(resolve, 15))
      }
    })()
    for await (const m of client.messages.poll(room, { intervalMs: 20, signal: controller.signal })) {
      seen.push(m)
      if (seen.length === 6) controller.abort()
    }
    await poster
    expect(seen.map((m) => m.message_id)).toEqual(posted)
    expect(seen.map((m) => m.tree.children[1].type)).toEqual(Array(6).fill('to'))
    expect(emu.requests.every((r) => r.method === 'GET' && Object.keys(r.query).length === 0)).toBe(true)
  })

  it('stops reading when the loop breaks', async () => {
    const { emu, client, room } = await setup()
    for await (const m of client.messages.poll(room, { intervalMs: 10 })) {
      expect(m.body).toBeTypeOf('string')
      break
    }
    const reads = emu.requests.length
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(emu.requests.length).toBe(reads)
  })

  it('after a read whose answer was lost, reads forced and yields what came after the last message yielded', async () => {
    const { emu, room } = await setup()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, timeout: 100 })
    await client.messages.list(room)
    const posted = [emu.post(room, 'first', { as: 1002 })]
    const controller = new AbortController()
    const seen: string[] = []
    for await (const m of client.messages.poll(room, { intervalMs: 20, signal: controller.signal })) {
      seen.push(m.message_id)
      if (seen.length === 1) {
        // the next read is answered too late: the emulator moves the cursor, the client times out
        posted.push(emu.post(room, 'second', { as: 1002 }), emu.post(room, 'third', { as: 1002 }))
        emu.fault({ method: 'GET', path: '/rooms/:roomId/messages', delayMs: 300 })
      }
      if (seen.length === 3) posted.push(emu.post(room, 'fourth', { as: 1002 }))
      if (seen.length === 4) controller.abort()
    }
    expect(seen).toEqual(posted)
    expect(emu.requests.map((r) => r.query.force ?? '-')).toContain('1')
  })

  it('ends by throwing on an error that is not an abort', async () => {
    const { emu, client, room } = await setup()
    emu.fault({ method: 'GET', path: '/rooms/:roomId/messages', status: 403 })
    const iterator = client.messages.poll(room, { intervalMs: 10 })
    await expect(iterator.next()).rejects.toMatchObject({ status: 403 })
  })
})
