/**
 * `memoryStore`: the rate-limit state of this process, the client's default.
 * It knows only the requests of the clients it serves, so it keeps one
 * process to Chatwork's limits, not several.
 */
import type { PostingLimit, RateLimitAnswer, RateLimitDecision, RateLimitRequest, RateLimitStore, RoomSlot, TokenBlock } from './rate-limit-store.ts'

/**
 * How long to wait after a 429 whose `x-ratelimit-reset` has already passed
 * (a clock skewed against the server's), so that retries do not hammer it.
 *
 * @example
 * // A 429 with x-ratelimit-reset in the past is retried after RATE_LIMIT_FALLBACK_WAIT_MS.
 */
export const RATE_LIMIT_FALLBACK_WAIT_MS = 1_000

/**
 * A store that keeps the rate-limit state in this process's memory: what each
 * client uses unless given another. Pass one store to several clients to
 * share one token's limits between them; tokens are kept apart by key.
 *
 * @example
 * const store = memoryStore()
 * const sender = new ChatworkClient({ token, rateLimitStore: store })
 * const reader = new ChatworkClient({ token, rateLimitStore: store }) // one budget for both
 */
export function memoryStore(): RateLimitStore {
  return new MemoryStore()
}

class MemoryStore implements RateLimitStore {
  readonly #limits = new Map<string, TokenLimits>()
  #changed!: Promise<void>
  #notify!: () => void

  constructor() {
    this.#renew()
  }

  acquire({ key, room, posting }: RateLimitRequest): RateLimitDecision {
    return this.#of(key).acquire(room, posting, Date.now(), () => this.#notify())
  }

  blockToken(key: string, block: TokenBlock): number {
    return this.#of(key).blockToken(block, Date.now())
  }

  blockRoom(key: string, roomId: string, windowMs: number): number {
    return this.#of(key).blockRoom(roomId, windowMs, Date.now())
  }

  changed(): Promise<void> {
    return this.#changed
  }

  #of(key: string): TokenLimits {
    let limits = this.#limits.get(key)
    if (!limits) this.#limits.set(key, (limits = new TokenLimits()))
    return limits
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

/** The state of one token: its announced allowance, its requests in flight, its rooms' posts. */
class TokenLimits {
  /** `unknown` until the first answer: then one request at a time, to learn the allowance before a burst spends it. */
  #tracking: 'unknown' | 'on' | 'off' = 'unknown'
  /** The limit announced with the latest reset. */
  #limit = 0
  /** The latest reset seen, even once it has passed. */
  #latestResetMs = -Infinity
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

  acquire(room: RoomSlot | undefined, posting: Readonly<PostingLimit> | false, now: number, notify: () => void): RateLimitDecision {
    const tokenMs = this.#tokenWait(now)
    const roomMs = room ? this.#roomWait(room, posting, now) : 0
    if (tokenMs === 0 && roomMs === 0) return this.#take(room, posting, notify)
    const waitMs = Math.max(tokenMs, roomMs, 0)
    // A negative token wait means "until an answer in flight arrives": not a rate-limit wait.
    if (waitMs === 0) return { kind: 'pending', recheckMs: Infinity }
    return { kind: 'wait', scope: roomMs > tokenMs ? 'room' : 'token', waitMs }
  }

  blockToken({ resetMs, retryAfterMs }: TokenBlock, now: number): number {
    let until = Math.max(resetMs ?? 0, retryAfterMs === undefined ? 0 : now + retryAfterMs)
    if (until <= now) until = now + RATE_LIMIT_FALLBACK_WAIT_MS
    this.#blockedUntil = Math.max(this.#blockedUntil, until)
    return this.#blockedUntil - now
  }

  blockRoom(roomId: string, windowMs: number, now: number): number {
    this.#roomBlockedUntil.set(roomId, now + windowMs)
    return windowMs
  }

  /** Records the rate-limit headers of an answer, before its release. */
  #record({ rateLimit: seen }: RateLimitAnswer): void {
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
    if (resetMs >= this.#latestResetMs) {
      this.#latestResetMs = resetMs
      this.#limit = seen.limit
    }
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
      this.#remaining = this.#limit - this.#inFlight
      this.#resetMs = undefined
    }
    if (this.#remaining > 0) return 0
    return this.#resetMs === undefined ? -1 : this.#resetMs - now
  }

  /** Milliseconds until the room takes one more request (0 when it spends no budget). */
  #roomWait(room: RoomSlot, posting: Readonly<PostingLimit> | false, now: number): number {
    const blocked = (this.#roomBlockedUntil.get(room.roomId) ?? 0) - now
    if (!spends(room, posting)) return Math.max(blocked, 0)
    const { limit, windowMs } = posting
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

  #take(room: RoomSlot | undefined, posting: Readonly<PostingLimit> | false, notify: () => void): RateLimitDecision {
    this.#inFlight++
    if (this.#tracking === 'on') this.#remaining--
    // Taken only after #roomWait, which set the room's list.
    const post = room && spends(room, posting) ? { end: Infinity } : undefined
    if (post) this.#posts.get(room!.roomId)!.push(post)
    let released = false
    return {
      kind: 'go',
      release: (answer) => {
        if (released) return
        released = true
        if (answer) this.#record(answer)
        this.#inFlight--
        // Timed from the answer, not the send: the server counted the post somewhere in between.
        if (post) post.end = Date.now()
        notify()
      },
    }
  }
}

/** Whether a request to `room` spends its posting budget. */
export function spends(room: RoomSlot, posting: Readonly<PostingLimit> | false): posting is Readonly<PostingLimit> {
  return posting !== false && (room.kind === 'post' || posting.uploads)
}

