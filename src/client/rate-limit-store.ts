/**
 * `RateLimitStore`: where the client keeps its rate-limit state (spec §2), so
 * that the state can live in this process (`memoryStore`, the default) or be
 * shared by every process that uses one token (`redisStore` from
 * `chatwork-kit/redis`). The client's limiter asks the store before each
 * request and tells it about each answer; the store decides.
 */
import type { RateLimit } from '../errors.ts'

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
 * The room a post or upload goes to: posts spend its posting budget, uploads only if `PostingLimit.uploads`.
 *
 * @example
 * const slot: RoomSlot = { roomId: '5002', kind: 'post' }
 */
export interface RoomSlot {
  roomId: string
  kind: 'post' | 'upload'
}

/**
 * What one request asks of the store before it goes.
 *
 * @example
 * const decision = await store.acquire({ key: 'a1b2…', room: { roomId: '5002', kind: 'post' }, posting: DEFAULT_POSTING_LIMIT })
 */
export interface RateLimitRequest {
  /**
   * Whose limits these are: the token the request is sent with, so that a
   * store shared by several tokens keeps their budgets apart (the client's
   * own default store gets `''`). A store that keeps state outside the
   * process must keep a digest of it, never the token itself.
   */
  key: string
  /** The room the request posts or uploads to, if any. */
  room: RoomSlot | undefined
  /** The posting window to keep to in that room; `false`: none. */
  posting: Readonly<PostingLimit> | false
}

/**
 * What a request learnt from its answer, passed to {@link RateLimitGrant.release}:
 * the answer's `x-ratelimit-*` headers, `undefined` when it had none.
 *
 * @example
 * grant.release({ rateLimit: readRateLimit(response.headers) })
 */
export interface RateLimitAnswer {
  rateLimit: RateLimit | undefined
}

/**
 * The store's yes: the request may go. Call `release` exactly once, when its
 * answer is in (with what the answer said) or when it got none (without).
 *
 * @example
 * if (decision.kind === 'go') decision.release({ rateLimit: readRateLimit(response.headers) })
 */
export interface RateLimitGrant {
  kind: 'go'
  release(answer?: RateLimitAnswer): void
}

/**
 * The store's "not yet": a rate-limit wait of `waitMs` (an upper bound when it
 * depends on requests still in flight), after which the request asks again.
 *
 * @example
 * if (decision.kind === 'wait') console.log(`${decision.scope}: ${decision.waitMs} ms`)
 */
export interface RateLimitHold {
  kind: 'wait'
  /** Which limit: the token's allowance or the room's posting window. */
  scope: 'token' | 'room'
  waitMs: number
}

/**
 * The store's "ask again once an answer in flight is in": the allowance is
 * unknown (a probe is out) or spent with no reset known. Not a rate-limit
 * wait. The request asks again when {@link RateLimitStore.changed} settles, or
 * after `recheckMs` (`Infinity`: only then), for answers other processes get.
 *
 * @example
 * if (decision.kind === 'pending') await sleep(decision.recheckMs, signal, store.changed())
 */
export interface RateLimitPending {
  kind: 'pending'
  recheckMs: number
}

/**
 * The store's answer to {@link RateLimitStore.acquire}.
 *
 * @example
 * const decision = await store.acquire(request)
 * if (decision.kind === 'go') send().finally(() => decision.release())
 */
export type RateLimitDecision = RateLimitGrant | RateLimitHold | RateLimitPending

/**
 * What a per-token 429 said about when to try again.
 *
 * @example
 * await store.blockToken(key, { resetMs: Date.parse('2025-01-01T00:05:00Z'), retryAfterMs: undefined })
 */
export interface TokenBlock {
  /** `x-ratelimit-reset` in milliseconds, when sent. */
  resetMs: number | undefined
  /** `Retry-After` in milliseconds, when sent. */
  retryAfterMs: number | undefined
}

/**
 * Where the client keeps its rate-limit state. Each method may answer at
 * once or with a promise. A store must never grant more than the limits
 * allow, given what it was told; it may be shared by many clients, in one
 * process or (for stores such as `redisStore`) in many.
 *
 * @example
 * const store: RateLimitStore = memoryStore()
 * const one = new ChatworkClient({ token: process.env.CHATWORK_API_TOKEN, rateLimitStore: store })
 * const two = new ChatworkClient({ token: process.env.CHATWORK_API_TOKEN, rateLimitStore: store })
 */
export interface RateLimitStore {
  /** Whether a request may go now; a grant takes its slot until released. */
  acquire(request: RateLimitRequest): RateLimitDecision | Promise<RateLimitDecision>
  /**
   * After a per-token 429: holds every request of `key` until the reset (or
   * `Retry-After`, if later; a short wait if both have passed). Resolves with
   * the wait from now, in milliseconds.
   */
  blockToken(key: string, block: TokenBlock): number | Promise<number>
  /** After a per-room 429: holds the room's posts for `windowMs`. Resolves with the wait from now, in milliseconds. */
  blockRoom(key: string, roomId: string, windowMs: number): number | Promise<number>
  /** Settles when a slot this store knows of may have freed (a release in this process). */
  changed(): Promise<void>
}
