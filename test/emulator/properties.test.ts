import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, signWebhookBody, startEmulator } from 'chatwork-kit/testing'
import { EmulatorState } from '../../src/emulator/state/index.ts'
import { RateLimiter } from '../../src/emulator/rate-limit.ts'
import { call } from '../helpers/emulator-fetch.ts'

/** A state with two members in one group chat, at a fixed time. */
function twoPeople() {
  const state = new EmulatorState(() => 1_735_600_000_000)
  state.addAccount({ account_id: 1, name: 'A' })
  state.addAccount({ account_id: 2, name: 'B' })
  state.addContact(1, 2)
  const room = state.createRoom(1, { name: 'R', members: { admin: [1], member: [2] } })
  return { state, roomId: room.room_id }
}

describe('message ids', () => {
  it('are 19-digit decimal strings above 2^53, strictly increasing, and never survive a trip through a number', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 60 }), (senders) => {
        const { state, roomId } = twoPeople()
        const ids = senders.map((sender) => state.postMessage(sender, roomId, 'x').message_id)
        for (const [index, id] of ids.entries()) {
          expect(id).toMatch(/^[1-9]\d{18}$/)
          expect(BigInt(id) > 2n ** 53n).toBe(true)
          expect(BigInt(Number(id))).not.toBe(BigInt(id))
          if (index > 0) expect(BigInt(id) > BigInt(ids[index - 1]!)).toBe(true)
        }
      }),
    )
  })
})

describe('the messages cursor', () => {
  type Step = { kind: 'post'; count: number } | { kind: 'read'; force: boolean }
  const steps = fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('post' as const), count: fc.integer({ min: 1, max: 70 }) }),
      fc.record({ kind: fc.constant('read' as const), force: fc.boolean() }),
    ),
    { maxLength: 12 },
  )

  it('without force hands out each of the latest 100 unseen messages once; force=1 is the latest 100 and moves nothing', () => {
    fc.assert(
      fc.property(steps, (plan: Step[]) => {
        const { state, roomId } = twoPeople()
        const posted: string[] = []
        let cursor = -1 // index in `posted` of the newest message handed out
        for (const step of plan) {
          if (step.kind === 'post') {
            for (let i = 0; i < step.count; i++) posted.push(state.postMessage(2, roomId, `m${posted.length}`).message_id)
            continue
          }
          const got = state.readMessages('token', 1, roomId, { force: step.force, advanceOnForce: false }).map((m) => m.message_id)
          const latest = posted.slice(-100)
          if (step.force) {
            expect(got).toEqual(latest)
          } else {
            const firstLatest = posted.length - latest.length
            expect(got).toEqual(posted.slice(Math.max(cursor + 1, firstLatest)))
            cursor = posted.length - 1
          }
        }
      }),
    )
  })
})

describe('read state', () => {
  it('after marking everything read, unread from message k leaves exactly the messages from k on unread', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (count, pick) => {
        const { state, roomId } = twoPeople()
        const ids = Array.from({ length: count }, () => state.postMessage(2, roomId, 'x').message_id)
        state.markRead(1, roomId)
        const k = pick % count
        const room = state.markUnread(1, roomId, ids[k]!)
        expect(state.counters(room, 1).unread_num).toBe(count - k)
        // Reading up to message j leaves the ones after it.
        const j = k + ((pick >> 3) % (count - k))
        state.markRead(1, roomId, ids[j]!)
        expect(state.counters(room, 1).unread_num).toBe(count - 1 - j)
      }),
    )
  })
})

describe('rate limits', () => {
  it('never allows more than `limit` requests in one window, and reports remaining = limit − used', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 80 }), (limit, windowMs, gaps) => {
        let now = 0
        const limiter = new RateLimiter(() => now, { limit, windowMs })
        let windowStart = -Infinity
        let used = 0
        for (const gap of gaps) {
          now += gap
          if (now >= windowStart + windowMs) {
            windowStart = now
            used = 0
          }
          used++
          const verdict = limiter.hit('t')
          expect(verdict.limited).toBe(used > limit)
          expect(Number(verdict.headers['x-ratelimit-remaining'])).toBe(Math.max(0, limit - used))
          expect(Number(verdict.headers['x-ratelimit-reset']) * 1000).toBeGreaterThanOrEqual(windowStart + windowMs)
          expect(Number(verdict.headers['x-ratelimit-reset']) * 1000).toBeLessThan(windowStart + windowMs + 1000)
        }
      }),
    )
  })

  it('the sliding room budget accepts a post exactly when fewer than `limit` were accepted in the last window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), (limit, windowMs, gaps) => {
        let now = 0
        const limiter = new RateLimiter(() => now, { roomPostLimit: limit, roomPostWindowMs: windowMs })
        const accepted: number[] = []
        for (const gap of gaps) {
          now += gap
          const recent = accepted.filter((time) => time > now - windowMs).length
          const allowed = limiter.roomPost(1)
          expect(allowed).toBe(recent < limit)
          if (allowed) accepted.push(now)
        }
      }),
    )
  })
})

describe('webhook signatures', () => {
  it('equal node:crypto HMAC-SHA256 of the raw bytes with the base64-decoded key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.oneof(fc.string(), fc.uint8Array()), async (key, body) => {
        const token = Buffer.from(key).toString('base64')
        const expected = createHmac('sha256', Buffer.from(key)).update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('base64')
        expect(await signWebhookBody(body, token)).toBe(expected)
      }),
    )
  })
})

describe('over HTTP', () => {
  let emu: Emulator
  let room: number
  beforeAll(async () => {
    emu = await startEmulator({ seed: false, rateLimit: { limit: 1e6, roomPostLimit: 1e6 } })
    room = emu.addRoom({ name: 'prop' })
  })
  afterAll(() => emu.close())

  it('a body posted as a form comes back byte for byte, whatever its characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), async (body) => {
        const posted = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body } })
        expect(posted.status).toBe(200)
        const fetched = await call(emu, 'GET', `/rooms/${room}/messages/${posted.json.message_id}`)
        expect(fetched.json.body).toBe(body)
      }),
      { numRuns: 60 },
    )
  })
})
