/**
 * The client side of Chatwork's two rate limits (spec §2): the per-token
 * allowance announced in `x-ratelimit-*` headers, and the per-room posting
 * window. Requests take a slot from the client's {@link RateLimitStore}
 * before they go and give it back when their answer is in, so concurrent
 * calls never overrun either limit.
 */
import type { RateLimit } from '../errors.ts'
import type { PostingLimit, RateLimitDecision, RateLimitStore, RoomSlot } from './rate-limit-store.ts'
import { sleep } from './sleep.ts'

/**
 * Chatwork's documented posting window: 10 posts per 10 seconds per room,
 * uploads not counted.
 *
 * @example
 * new ChatworkClient({ postingLimit: { ...DEFAULT_POSTING_LIMIT, uploads: true } })
 */
export const DEFAULT_POSTING_LIMIT: Readonly<PostingLimit> = Object.freeze({ limit: 10, windowMs: 10_000, uploads: false })

/**
 * A wait the limiter announces before a request may go.
 *
 * @example
 * new ChatworkClient({ onRateLimit: (wait) => console.log(wait.scope, wait.waitMs, wait.resetAt) })
 */
export interface RateLimitWait {
  /** Which limit: the token's allowance or the room's posting window. */
  scope: 'token' | 'room'
  /** How long the wait is (an upper bound when it depends on requests still in flight). */
  waitMs: number
  /** When the wait ends. */
  resetAt: Date
}

/**
 * Reads the `x-ratelimit-*` headers; `undefined` unless all three are integers.
 *
 * @example
 * readRateLimit(response.headers) // { limit: 300, remaining: 299, resetAt: 2025-01-01T00:05:00.000Z }
 */
export function readRateLimit(headers: Headers): RateLimit | undefined {
  const limit = toInt(headers.get('x-ratelimit-limit'))
  const remaining = toInt(headers.get('x-ratelimit-remaining'))
  const reset = toInt(headers.get('x-ratelimit-reset'))
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined
  return { limit, remaining, resetAt: new Date(reset * 1000) }
}

function toInt(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined
}


/**
 * Gates requests on both rate limits through a store. `acquire` resolves once
 * a request may go and hands back its release, to call with the answer's
 * headers once it is in (or without, when none came); later calls do nothing.
 *
 * @example
 * const limiter = new RequestLimiter(memoryStore(), DEFAULT_POSTING_LIMIT, () => '')
 * const release = await limiter.acquire({ roomId: '5002', kind: 'post' }, undefined, () => {}, console.log)
 * release(response.headers)
 */
export class RequestLimiter {
  /** The newest `x-ratelimit-*` headers this client saw. */
  rateLimit: RateLimit | undefined
  readonly #store: RateLimitStore
  readonly #posting: Readonly<PostingLimit> | false
  readonly #key: () => string | Promise<string>

  constructor(store: RateLimitStore, posting: Readonly<PostingLimit> | false, key: () => string | Promise<string>) {
    this.#store = store
    this.#posting = posting
    this.#key = key
  }

  /**
   * Resolves when a request may go, after waiting as the limits require.
   * Each wait is first passed to `check`, which may throw to refuse it, and
   * to `report` when it ends later than any wait reported before for this
   * request (waiters wake whenever a slot frees, and need not re-announce).
   * Rejects with the signal's reason when it aborts.
   */
  async acquire(
    room: RoomSlot | undefined,
    signal: AbortSignal | undefined,
    check: (wait: RateLimitWait) => void,
    report: (wait: RateLimitWait) => void,
  ): Promise<(headers?: Headers) => void> {
    const named = this.#key()
    const key = typeof named === 'string' ? named : await named
    let reportedUntil = 0
    for (;;) {
      signal?.throwIfAborted()
      const asked = this.#store.acquire({ key, room, posting: this.#posting })
      // A store that answers at once is not awaited, so that calls take their slots in the order they were made.
      const decision: RateLimitDecision = asked instanceof Promise ? await asked : asked
      if (decision.kind === 'go') {
        // Aborted while an asynchronous store answered: nothing is sent, and the slot is given back.
        if (signal?.aborted) decision.release()
        signal?.throwIfAborted()
        return this.#releaser(decision.release)
      }
      const changed = this.#store.changed()
      if (decision.kind === 'pending') {
        await sleep(decision.recheckMs, signal, changed)
        continue
      }
      const now = Date.now()
      const { scope, waitMs } = decision
      const wait: RateLimitWait = { scope, waitMs, resetAt: new Date(now + waitMs) }
      check(wait)
      if (now + waitMs > reportedUntil) report(wait)
      reportedUntil = Math.max(reportedUntil, now + waitMs)
      await sleep(waitMs, signal, changed)
    }
  }

  /** After a per-token 429: holds every request until the window resets (or `Retry-After`, if later). */
  async blockToken(headers: Headers): Promise<Date> {
    const retryAfter = toInt(headers.get('retry-after'))
    const block = { resetMs: readRateLimit(headers)?.resetAt.getTime(), retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000 }
    const waitMs = await this.#store.blockToken(await this.#key(), block)
    return new Date(Date.now() + waitMs)
  }

  /** After a per-room 429: holds the room's posts for a whole window, as Chatwork advises (spec §2.3). */
  async blockRoom(roomId: string): Promise<Date> {
    const windowMs = this.#posting ? this.#posting.windowMs : DEFAULT_POSTING_LIMIT.windowMs
    const waitMs = await this.#store.blockRoom(await this.#key(), roomId, windowMs)
    return new Date(Date.now() + waitMs)
  }

  #releaser(release: (answer?: { rateLimit: RateLimit | undefined }) => void): (headers?: Headers) => void {
    let released = false
    return (headers) => {
      if (released) return
      released = true
      if (!headers) return release()
      const seen = readRateLimit(headers)
      if (seen && (!this.rateLimit || seen.resetAt.getTime() >= this.rateLimit.resetAt.getTime())) this.rateLimit = seen
      release({ rateLimit: seen })
    }
  }
}
