/**
 * The client side of Chatwork's two rate limits (spec §2): the per-token
 * allowance announced in `x-ratelimit-*` headers, and the per-room posting
 * window. Requests take a slot before they go and give it back when their
 * answer is in, so concurrent calls never overrun either limit.
 */
import type { RateLimit } from '../errors.ts'
import { sleep } from './sleep.ts'

/**
 * The per-room posting window (spec §2.3): `limit` posts per `windowMs`, shared by messages and tasks.
 *
 * @example
 * new ChatworkClient({ postingLimit: { limit: 5, windowMs: 10_000 } satisfies Partial<PostingLimit> })
 */
export interface PostingLimit {
  /** Posts allowed per window. */
  limit: number
  /** Length of the window in milliseconds. */
  windowMs: number
  /** Whether file uploads spend the budget too (uncertain in the spec). */
  uploads: boolean
}

/**
 * Chatwork's documented posting window: 10 posts per 10 seconds per room,
 * uploads not counted.
 *
 * @example
 * new ChatworkClient({ postingLimit: { ...DEFAULT_POSTING_LIMIT, uploads: true } })
 */
export const DEFAULT_POSTING_LIMIT: Readonly<PostingLimit> = Object.freeze({ limit: 10, windowMs: 10_000, uploads: false })

/**
 * How long to wait after a 429 whose `x-ratelimit-reset` has already passed
 * (a clock skewed against the server's), so that retries do not hammer it.
 *
 * @example
 * // A 429 with x-ratelimit-reset in the past is retried after RATE_LIMIT_FALLBACK_WAIT_MS.
 */
export const RATE_LIMIT_FALLBACK_WAIT_MS = 1_000

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
 * The room a post or upload goes to: posts spend its posting budget, uploads only if `PostingLimit.uploads`.
 *
 * @example
 * await limiter.acquire({ roomId: '5002', kind: 'post' }, signal, check, report)
 */
export interface RoomSlot {
  roomId: string
  kind: 'post' | 'upload'
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
 * Gates requests on both rate limits. `acquire` resolves once a request may
 * go and hands back its release, to call once its answer is in.
 *
 * @example
 * const limiter = new RequestLimiter(DEFAULT_POSTING_LIMIT)
 * const release = await limiter.acquire({ roomId: '5002', kind: 'post' }, undefined, () => {}, console.log)
 * limiter.record(response.headers)
 * release()
 */
export class RequestLimiter {
  /** The newest `x-ratelimit-*` headers seen. */
  rateLimit: RateLimit | undefined
  readonly #posting: Readonly<PostingLimit> | false
  /** `unknown` until the first answer: then one request at a time, to learn the allowance before a burst spends it. */
  #tracking: 'unknown' | 'on' | 'off' = 'unknown'
  /** Requests sent and not yet answered. */
  #inFlight = 0
  /** Requests left in the current window, counting those sent since the last answer. */
  #remaining = Infinity
  /** End of the current window; undefined once it has passed and no newer answer came. */
  #resetMs: number | undefined
  /** Set by a per-token 429: no request before this time. */
  #blockedUntil = 0
  /** Room id → its recent posts, by end time (`Infinity` while in flight). */
  readonly #posts = new Map<string, { end: number }[]>()
  /** Room id → set by a per-room 429: no post before this time. */
  readonly #roomBlockedUntil = new Map<string, number>()
  #changed!: Promise<void>
  #notify!: () => void

  constructor(posting: Readonly<PostingLimit> | false) {
    this.#posting = posting
    this.#renew()
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
  ): Promise<() => void> {
    let reportedUntil = 0
    for (;;) {
      signal?.throwIfAborted()
      const now = Date.now()
      const tokenMs = this.#tokenWait(now)
      const roomMs = room ? this.#roomWait(room, now) : 0
      if (tokenMs === 0 && roomMs === 0) return this.#take(room)
      const waitMs = Math.max(tokenMs, roomMs, 0)
      // A negative token wait means "until an answer in flight arrives": not a rate-limit wait.
      if (waitMs > 0) {
        const wait: RateLimitWait = { scope: roomMs > tokenMs ? 'room' : 'token', waitMs, resetAt: new Date(now + waitMs) }
        check(wait)
        if (now + waitMs > reportedUntil) report(wait)
        reportedUntil = Math.max(reportedUntil, now + waitMs)
      }
      await sleep(waitMs > 0 ? waitMs : Infinity, signal, this.#changed)
    }
  }

  /** Records the rate-limit headers of an answer, before its release. */
  record(headers: Headers): void {
    const seen = readRateLimit(headers)
    if (!seen) {
      if (this.#tracking === 'unknown') this.#tracking = 'off'
      return
    }
    this.#tracking = 'on'
    const resetMs = seen.resetAt.getTime()
    if (this.#resetMs === undefined || resetMs > this.#resetMs) {
      this.#resetMs = resetMs
      // The other requests in flight were most likely counted after this one, in the same window.
      this.#remaining = seen.remaining - (this.#inFlight - 1)
    } else if (resetMs === this.#resetMs) {
      // Answers arrive out of order: the lowest count of a window is the freshest.
      this.#remaining = Math.min(this.#remaining, seen.remaining)
    }
    if (!this.rateLimit || resetMs >= this.rateLimit.resetAt.getTime()) this.rateLimit = seen
  }

  /** After a per-token 429: holds every request until the window resets (or `Retry-After`, if later). */
  blockToken(headers: Headers): Date {
    const now = Date.now()
    const retryAfter = toInt(headers.get('retry-after'))
    let until = Math.max(readRateLimit(headers)?.resetAt.getTime() ?? 0, retryAfter === undefined ? 0 : now + retryAfter * 1000)
    if (until <= now) until = now + RATE_LIMIT_FALLBACK_WAIT_MS
    this.#blockedUntil = Math.max(this.#blockedUntil, until)
    return new Date(this.#blockedUntil)
  }

  /** After a per-room 429: holds the room's posts for a whole window, as Chatwork advises (spec §2.3). */
  blockRoom(roomId: string): Date {
    const until = Date.now() + (this.#posting ? this.#posting.windowMs : DEFAULT_POSTING_LIMIT.windowMs)
    this.#roomBlockedUntil.set(roomId, until)
    return new Date(until)
  }

  /** Milliseconds until the token allows a request; negative: wait for an answer in flight. */
  #tokenWait(now: number): number {
    const blocked = this.#blockedUntil - now
    if (blocked > 0) return blocked
    // While unknown, the one request in flight is the probe.
    if (this.#tracking === 'unknown') return this.#inFlight > 0 ? -1 : 0
    if (this.#tracking === 'off') return 0
    if (this.#resetMs !== undefined && now >= this.#resetMs) {
      // A fresh window, of which the requests still in flight may take their share.
      this.#remaining = this.rateLimit!.limit - this.#inFlight
      this.#resetMs = undefined
    }
    if (this.#remaining > 0) return 0
    return this.#resetMs === undefined ? -1 : this.#resetMs - now
  }

  /** Milliseconds until the room takes one more request (0 when it spends no budget). */
  #roomWait(room: RoomSlot, now: number): number {
    const blocked = (this.#roomBlockedUntil.get(room.roomId) ?? 0) - now
    if (!this.#spends(room)) return Math.max(blocked, 0)
    const { limit, windowMs } = this.#posting as PostingLimit
    const posts = (this.#posts.get(room.roomId) ?? []).filter((post) => post.end + windowMs > now)
    this.#posts.set(room.roomId, posts)
    let full = 0
    if (posts.length >= limit) {
      // A slot frees a window after the post holding it ended; posts in flight free no earlier than a window from now.
      const ends = posts.map((post) => Math.min(post.end, now)).sort((a, b) => a - b)
      full = ends[posts.length - limit] + windowMs - now
    }
    return Math.max(blocked, full, 0)
  }

  #take(room: RoomSlot | undefined): () => void {
    this.#inFlight++
    if (this.#tracking === 'on') this.#remaining--
    // Taken only after #roomWait, which set the room's list.
    const post = room && this.#spends(room) ? { end: Infinity } : undefined
    if (post) this.#posts.get(room!.roomId)!.push(post)
    let released = false
    return () => {
      if (released) return
      released = true
      this.#inFlight--
      // Timed from the answer, not the send: the server counted the post somewhere in between.
      if (post) post.end = Date.now()
      this.#notify()
    }
  }

  #spends(room: RoomSlot): boolean {
    return this.#posting !== false && (room.kind === 'post' || this.#posting.uploads)
  }

  #renew(): void {
    this.#changed = new Promise((resolve) => {
      this.#notify = () => {
        this.#renew()
        resolve()
      }
    })
  }
}
