/**
 * The emulator's two rate limits (spec §2): a fixed window of requests per
 * token (or per account), reported in the `x-ratelimit-*` headers of every
 * response, and a budget of message and task posts per room.
 */

/**
 * Rate-limit settings of `startEmulator`; every field has a default.
 *
 * @example
 * await startEmulator({ rateLimit: { limit: 5, windowMs: 1000, roomPostLimit: 2 } })
 */
export interface RateLimitOptions {
  /** Requests per principal (see `per`) per window. Default {@link DEFAULT_RATE_LIMIT}.limit (300). */
  limit?: number
  /** Length of the general window in milliseconds. Default 300,000 (5 minutes). */
  windowMs?: number
  /**
   * Whom the general limit counts: each token, or each account with all its
   * tokens sharing one window (it differs only for an account with several
   * tokens). Chatwork does not say (spec §2.1). Unknown tokens share one
   * window either way. Default `'token'`.
   */
  per?: 'token' | 'account'
  /** Message and task posts per room per room window. Default 10. */
  roomPostLimit?: number
  /** Length of the per-room window in milliseconds. Default 10,000. */
  roomPostWindowMs?: number
  /** Whether the per-room window slides (each post expires on its own) or is fixed. Default `'sliding'` (spec §2.3). */
  roomPostWindow?: 'sliding' | 'fixed'
  /** Whether file uploads spend the per-room budget. Default `false` (spec §2.3). */
  uploadsCountTowardsRoomLimit?: boolean
  /**
   * What `x-ratelimit-*` headers the per-room 429 carries: the general
   * window's, or none. Spec §1.4 says every response carries them, but
   * whether this 429 does is uncertain (spec §2.3), so `'none'` lets a
   * client be tested without them. The request counts either way. Default
   * `'general'`.
   */
  roomLimitHeaders?: 'general' | 'none'
  /** The error message of the general 429 (spec §2.2 leaves it undocumented). */
  message?: string
}

/**
 * The defaults of {@link RateLimitOptions}.
 *
 * @example
 * await startEmulator({ rateLimit: { ...DEFAULT_RATE_LIMIT, limit: 100 } }) // the pre-2021 allowance
 */
export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = {
  limit: 300,
  windowMs: 300_000,
  per: 'token',
  roomPostLimit: 10,
  roomPostWindowMs: 10_000,
  roomPostWindow: 'sliding',
  uploadsCountTowardsRoomLimit: false,
  roomLimitHeaders: 'general',
  message: 'Rate limit exceeded. Please wait until x-ratelimit-reset.',
}

/**
 * The error message of the per-room 429, as Chatwork words it.
 *
 * @example
 * if (body.errors[0] === ROOM_POST_LIMIT_MESSAGE) await sleep(10_000)
 */
export const ROOM_POST_LIMIT_MESSAGE = 'Rate limit for message posting per room exceeded.'

/** The `x-ratelimit-*` headers of one response, and whether the request is over the limit. */
export interface RateLimitVerdict {
  limited: boolean
  headers: { 'x-ratelimit-limit': string; 'x-ratelimit-remaining': string; 'x-ratelimit-reset': string }
}

interface Window {
  start: number
  count: number
}

/** Counts requests per principal in fixed windows, and posts per room. */
export class RateLimiter {
  readonly options: Required<RateLimitOptions>
  private readonly clock: () => number
  private readonly windows = new Map<string, Window>()
  /** Room id → times (ms) of the posts inside the current room window. */
  private readonly roomPosts = new Map<number, number[]>()

  constructor(clock: () => number, options: RateLimitOptions = {}) {
    this.clock = clock
    // A field given as undefined keeps its default, as if omitted.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
    this.options = { ...DEFAULT_RATE_LIMIT, ...given }
    for (const key of ['limit', 'windowMs', 'roomPostLimit', 'roomPostWindowMs'] as const) {
      const value = this.options[key]
      if (!Number.isFinite(value) || value < (key === 'limit' || key === 'roomPostLimit' ? 0 : 1)) {
        throw new RangeError(`rateLimit.${key} must be a finite number of at least ${key.endsWith('Ms') ? 1 : 0}, got ${value}`)
      }
    }
    const choices = { per: ['token', 'account'], roomPostWindow: ['sliding', 'fixed'], roomLimitHeaders: ['general', 'none'] } as const
    for (const [key, allowed] of Object.entries(choices)) {
      const value = this.options[key as keyof typeof choices]
      if (!(allowed as readonly string[]).includes(value)) throw new RangeError(`rateLimit.${key} must be one of ${allowed.join(', ')}, got ${value}`)
    }
  }

  /** Counts one request of `principal` and says whether it is allowed. */
  hit(principal: string): RateLimitVerdict {
    const window = this.currentWindow(principal)
    window.count++
    this.windows.set(principal, window)
    return { limited: window.count > this.options.limit, headers: this.headers(window) }
  }

  /** The headers of `principal`'s current window, without counting a request. */
  peek(principal: string): RateLimitVerdict['headers'] {
    return this.headers(this.currentWindow(principal))
  }

  /** The principal's window, or a new one (not yet stored) when it has none or it has ended. */
  private currentWindow(principal: string): Window {
    const now = this.clock()
    const window = this.windows.get(principal)
    return window === undefined || now >= window.start + this.options.windowMs ? { start: now, count: 0 } : window
  }

  private headers(window: Window): RateLimitVerdict['headers'] {
    return {
      'x-ratelimit-limit': String(this.options.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.options.limit - window.count)),
      // Absolute Unix seconds, rounded up so that waiting until then is always enough.
      'x-ratelimit-reset': String(Math.ceil((window.start + this.options.windowMs) / 1000)),
    }
  }

  /** Whether the room's budget allows one more post now, without spending it. */
  roomPostAllowed(roomId: number): boolean {
    return this.recentRoomPosts(roomId, this.clock()).length < this.options.roomPostLimit
  }

  /**
   * Spends one post of the room's budget; `false` when it is exhausted (the
   * refused post is not counted, as Chatwork did not accept it).
   */
  roomPost(roomId: number): boolean {
    const now = this.clock()
    const posts = this.recentRoomPosts(roomId, now)
    if (posts.length >= this.options.roomPostLimit) return false
    posts.push(now)
    return true
  }

  /** The room's posts still inside its window at `now`. */
  private recentRoomPosts(roomId: number, now: number): number[] {
    const { roomPostWindowMs, roomPostWindow } = this.options
    let posts = this.roomPosts.get(roomId) ?? []
    if (roomPostWindow === 'sliding') {
      posts = posts.filter((time) => time > now - roomPostWindowMs)
    } else if (posts.length > 0 && now >= posts[0]! + roomPostWindowMs) {
      posts = []
    }
    this.roomPosts.set(roomId, posts)
    return posts
  }
}
