/**
 * `redisStore`: the client's rate-limit state in Redis, shared by every
 * process and machine that uses one token, so that together they keep to
 * Chatwork's limits (spec §2). Each decision is one Lua script, one round
 * trip. When Redis is down or slow, the store falls back to this process's
 * memory (or fails the call, with `failure: 'throw'`), and goes back to Redis
 * once it answers again.
 */
import { createHash, randomUUID } from 'node:crypto'
import { ChatworkRateLimitStoreError } from '../errors.ts'
import {
  memoryStore,
  RATE_LIMIT_FALLBACK_WAIT_MS,
  type RateLimitAnswer,
  type RateLimitDecision,
  type RateLimitRequest,
  type RateLimitStore,
  type TokenBlock,
} from '../client/index.ts'
import { ACQUIRE, BLOCK_ROOM, BLOCK_TOKEN, CANCEL, PING, RELEASE, type Script } from './scripts.ts'

/**
 * What `redisStore` needs of a Redis client: an ioredis `Redis` or `Cluster`
 * (ioredis 5 or later), connected or connecting.
 *
 * @example
 * import { Redis } from 'ioredis'
 * const client: RedisScriptClient = new Redis(process.env.REDIS_URL!)
 */
export interface RedisScriptClient {
  /** Keys and arguments come as one list (ioredis takes a list in place of the spread form). */
  evalsha(sha: string, numKeys: number, keysAndArgs: string[]): Promise<unknown>
  eval(script: string, numKeys: number, keysAndArgs: string[]): Promise<unknown>
  /** ioredis's connection status: while it is `reconnecting`, `close` or `end`, the store does not wait on Redis. */
  readonly status?: string
}

/**
 * Options of {@link redisStore}.
 *
 * @example
 * redisStore({ client: new Redis(), prefix: 'my-bot:', timeout: 100, onError: (e) => log.warn(e) } satisfies RedisStoreOptions)
 */
export interface RedisStoreOptions {
  /** A connected ioredis client (`Redis` or `Cluster`). The store never closes it. */
  client: RedisScriptClient
  /** Prefix of every key. Default {@link DEFAULT_REDIS_PREFIX}. */
  prefix?: string
  /** Called once per outage (not per request) when Redis fails or answers too late. */
  onError?: (error: ChatworkRateLimitStoreError) => void
  /**
   * When Redis fails: `'fallback'` (default) keeps the requests going within
   * this process's own limits, which know nothing of the other processes;
   * `'throw'` rejects each call with {@link ChatworkRateLimitStoreError}
   * before anything is sent.
   */
  failure?: 'fallback' | 'throw'
  /** How long one script may take, in milliseconds, before Redis counts as down. Default {@link DEFAULT_REDIS_TIMEOUT_MS}. */
  timeout?: number
}

/**
 * The default key prefix: `chatwork-kit:`.
 *
 * @example
 * redisStore({ client, prefix: `${DEFAULT_REDIS_PREFIX}staging:` })
 */
export const DEFAULT_REDIS_PREFIX = 'chatwork-kit:'

/**
 * How long one script may take before Redis counts as down: 250 ms, far
 * above a healthy round trip, far below a rate-limit wait.
 *
 * @example
 * redisStore({ client, timeout: DEFAULT_REDIS_TIMEOUT_MS * 2 })
 */
export const DEFAULT_REDIS_TIMEOUT_MS = 250

/**
 * During an outage, how often a request tries Redis again (the others use
 * memory at once): every second.
 *
 * @example
 * // Redis back up: within REDIS_RECHECK_MS the processes share their limits again.
 */
export const REDIS_RECHECK_MS = 1_000

/**
 * How often a request waiting on an answer in flight (another process's
 * probe, say) asks Redis again: every 20 ms.
 *
 * @example
 * // A probe answered in another process frees the others within REDIS_POLL_MS.
 */
export const REDIS_POLL_MS = 20

/**
 * How long a slot taken in Redis lasts if its process never gives it back
 * (it crashed), and how long the token's state outlives its window: a minute.
 *
 * @example
 * // A worker killed mid-request holds its room slot for at most REDIS_SLOT_LAPSE_MS plus a window.
 */
export const REDIS_SLOT_LAPSE_MS = 60_000

/**
 * A {@link RateLimitStore} in Redis, for several processes or machines that
 * share one token: the announced allowance, the single probe while it is
 * unknown, and each room's sliding log of posts (per room and token) live in
 * Redis, decided atomically by Lua scripts that read Redis's clock. Keys
 * expire by themselves. Tokens are kept as SHA-256 digests, never in clear.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { ChatworkClient } from 'chatwork-kit'
 * import { redisStore } from 'chatwork-kit/redis'
 *
 * const redis = new Redis(process.env.REDIS_URL!)
 * const client = new ChatworkClient({ rateLimitStore: redisStore({ client: redis, onError: (e) => console.warn(e.message) }) })
 */
export function redisStore(options: RedisStoreOptions): RateLimitStore {
  return new RedisStore(options)
}

/** The keys of one token and room; the braces put them in one Redis Cluster slot. */
interface Keys {
  token: string
  flight: string
  room: string
  blocked: string
}

class RedisStore implements RateLimitStore {
  readonly #client: RedisScriptClient
  readonly #prefix: string
  readonly #onError: ((error: ChatworkRateLimitStoreError) => void) | undefined
  readonly #throws: boolean
  readonly #timeout: number
  /** This process's own limits, used while Redis is out. */
  readonly #fallback = memoryStore()
  /** Set while Redis is out: when it was last tried. */
  #outageTriedAt: number | undefined
  /** During an outage, the check in flight of whether Redis is back, which the requests meanwhile wait for. */
  #recheck: Promise<boolean> | undefined
  #changed!: Promise<void>
  #notify!: () => void

  constructor(options: RedisStoreOptions) {
    const { client, prefix = DEFAULT_REDIS_PREFIX, onError, failure = 'fallback', timeout = DEFAULT_REDIS_TIMEOUT_MS } = options
    if (typeof client?.evalsha !== 'function' || typeof client.eval !== 'function') {
      throw new TypeError('redisStore: `client` must be an ioredis client (Redis or Cluster)')
    }
    if (failure !== 'fallback' && failure !== 'throw') throw new RangeError(`redisStore: failure must be 'fallback' or 'throw', got ${String(failure)}`)
    if (!(timeout > 0)) throw new RangeError(`redisStore: timeout must be a positive number of milliseconds, got ${timeout}`)
    this.#client = client
    this.#prefix = prefix
    this.#onError = onError
    this.#throws = failure === 'throw'
    this.#timeout = timeout
    this.#renew()
  }

  async acquire(request: RateLimitRequest): Promise<RateLimitDecision> {
    if (!(await this.#usable())) return this.#fallback.acquire(request)
    const { room, posting } = request
    const keys = this.#keys(request.key, room?.roomId ?? '')
    const spends = room !== undefined && posting !== false && (room.kind === 'post' || posting.uploads)
    const ticket = randomUUID()
    const keyList = [keys.token, keys.flight, keys.room, keys.blocked]
    const args = [ticket, room ? 1 : 0, spends ? 1 : 0, posting ? posting.limit : 0, posting ? posting.windowMs : 0, REDIS_SLOT_LAPSE_MS]
    let answer: unknown
    try {
      // A late grant is undone: the cancel queues behind it on the same connection.
      answer = await this.#run(ACQUIRE, keyList, args, () => this.#send(CANCEL, keyList.slice(0, 3), [ticket, spends ? 1 : 0]))
    } catch (error) {
      return this.#fail(error, () => this.#fallback.acquire(request))
    }
    const [granted, tokenMs, roomMs] = answer as [number, number, number]
    if (granted === 1) {
      return { kind: 'go', release: (result) => this.#release(keys, ticket, spends, result) }
    }
    const waitMs = Math.max(tokenMs, roomMs, 0)
    // A negative token wait means "until an answer in flight arrives", perhaps in another process: asked again soon.
    if (waitMs === 0) return { kind: 'pending', recheckMs: REDIS_POLL_MS }
    return { kind: 'wait', scope: roomMs > tokenMs ? 'room' : 'token', waitMs }
  }

  async blockToken(key: string, block: TokenBlock): Promise<number> {
    const local = this.#fallback.blockToken(key, block)
    if (!(await this.#usable())) return local
    const args = [block.resetMs ?? '', block.retryAfterMs ?? '', RATE_LIMIT_FALLBACK_WAIT_MS, REDIS_SLOT_LAPSE_MS]
    try {
      return Number(await this.#run(BLOCK_TOKEN, [this.#keys(key, '').token], args))
    } catch (error) {
      return this.#fail(error, () => local)
    }
  }

  async blockRoom(key: string, roomId: string, windowMs: number): Promise<number> {
    const local = this.#fallback.blockRoom(key, roomId, windowMs)
    if (!(await this.#usable())) return local
    try {
      return Number(await this.#run(BLOCK_ROOM, [this.#keys(key, roomId).blocked], [windowMs]))
    } catch (error) {
      return this.#fail(error, () => local)
    }
  }

  changed(): Promise<void> {
    return Promise.race([this.#changed, this.#fallback.changed()])
  }

  /** Records the answer and frees the slot, without holding the caller up or waiting on a timeout; a failure only reports the outage. */
  #release(keys: Keys, ticket: string, spends: boolean, answer: RateLimitAnswer | undefined): void {
    const seen = answer?.rateLimit
    const args = [ticket, answer ? 1 : 0, seen ? 1 : 0, seen?.limit ?? 0, seen?.remaining ?? 0, seen?.resetAt.getTime() ?? 0, REDIS_SLOT_LAPSE_MS, spends ? 1 : 0]
    // Sent even while the connection is down (ioredis queues it), so that a slot taken in Redis is given back there.
    this.#send(RELEASE, [keys.token, keys.flight, keys.room], args).then(
      () => this.#notify(),
      (error: unknown) => {
        this.#report(error)
        this.#notify()
      },
    )
  }

  /**
   * Whether to ask Redis: yes unless in an outage. Then at most once per
   * {@link REDIS_RECHECK_MS} a check goes out whether it is back, and the
   * requests made meanwhile wait for its answer (within the timeout).
   */
  #usable(): boolean | Promise<boolean> {
    if (this.#throws || this.#outageTriedAt === undefined) return true
    if (this.#recheck) return this.#recheck
    if (Date.now() - this.#outageTriedAt < REDIS_RECHECK_MS) return false
    this.#recheck = this.#run(PING, [], []).then(
      () => true,
      () => ((this.#outageTriedAt = Date.now()), false),
    )
    void this.#recheck.finally(() => (this.#recheck = undefined))
    return this.#recheck
  }

  /** Redis failed: reported once per outage, then the memory answer, or the error with `failure: 'throw'`. */
  #fail<T>(error: unknown, fallback: () => T): T {
    const failure = this.#report(error)
    if (this.#throws) throw failure
    return fallback()
  }

  #report(error: unknown): ChatworkRateLimitStoreError {
    const failure = error instanceof ChatworkRateLimitStoreError ? error : new ChatworkRateLimitStoreError(`Redis failed: ${(error as Error)?.message ?? String(error)}`, { cause: error })
    if (this.#outageTriedAt === undefined) this.#onError?.(failure)
    this.#outageTriedAt = Date.now()
    return failure
  }

  /** Runs a script within the timeout; a late answer is left to `late` (to undo what it did). Marks Redis as back when it answers. */
  #run(script: Script, keys: string[], args: (string | number)[], late?: () => Promise<unknown>): Promise<unknown> {
    const status = this.#client.status
    if (status === 'reconnecting' || status === 'close' || status === 'end') {
      return Promise.reject(new ChatworkRateLimitStoreError(`Redis is not connected (${status})`))
    }
    return new Promise((resolve, reject) => {
      let settled = false
      // Decided after the poll phase, so that an answer that came while this process was busy is read first.
      const timer = setTimeout(
        () =>
          setImmediate(() => {
            if (settled) return
            settled = true
            reject(new ChatworkRateLimitStoreError(`Redis did not answer within ${this.#timeout} ms`))
            late?.().catch(() => {})
          }),
        this.#timeout,
      )
      this.#send(script, keys, args).then(
        (value) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          this.#outageTriedAt = undefined
          resolve(value)
        },
        (error: unknown) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          reject(error)
        },
      )
    })
  }

  /** EVALSHA, and EVAL when Redis does not have the script yet (after a restart, say). */
  async #send(script: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    // keys then arguments, as one list: Redis reads every one as a string
    const argv = [...keys, ...args.map(String)]
    try {
      return await this.#client.evalsha(script.sha, keys.length, argv)
    } catch (error) {
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error
      return this.#client.eval(script.source, keys.length, argv)
    }
  }

  #keys(token: string, roomId: string): Keys {
    const base = `${this.#prefix}{${createHash('sha256').update(token).digest('hex').slice(0, 32)}}`
    return { token: `${base}:token`, flight: `${base}:flight`, room: `${base}:room:${roomId}`, blocked: `${base}:room:${roomId}:blocked` }
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
