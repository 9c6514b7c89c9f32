/**
 * The request pipeline of `ChatworkClient`: one `ofetch.create` instance makes
 * single attempts; around each, the requester waits on the rate limiter, adds
 * the credential and arms the timeout, and turns every failure into a typed,
 * token-free error. It decides which failures are retried, and when.
 */
import { ofetch, FetchError, type $Fetch, type FetchOptions, type FetchResponse } from 'ofetch'
import {
  ChatworkApiError,
  ChatworkArgumentError,
  ChatworkError,
  ChatworkMissingTokenError,
  ChatworkNetworkError,
  ChatworkRateLimitError,
  ChatworkResponseError,
  ChatworkTimeoutError,
  type MessageLimitation,
} from '../errors.ts'
import { encodeParams, type ParamValue } from './form-body.ts'
import type { MultipartBody } from './multipart.ts'
import { answerProblem, type FieldType } from './answer-shape.ts'
import { parseJsonExactIds } from './exact-ids.ts'
import { DEFAULT_POSTING_LIMIT, readRateLimit, RequestLimiter, type RateLimitWait } from './rate-limiter.ts'
import { memoryStore } from './memory-store.ts'
import type { PostingLimit, RateLimitStore, RoomSlot } from './rate-limit-store.ts'
import { sleep, startTimer } from './sleep.ts'

/**
 * When and how often requests that are safe to repeat are retried: GET, PUT
 * and DELETE, except the calls whose repetition would not give the first
 * answer (see {@link Call.repeatable}).
 *
 * @example
 * new ChatworkClient({ retry: { limit: 4, baseDelayMs: 250 } satisfies Partial<RetryPolicy> })
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number
  /** Delay before the first retry; doubles with each retry. */
  baseDelayMs: number
  /** Cap of the delay. */
  maxDelayMs: number
  /** Statuses worth a retry; network errors and timeouts always are. */
  statusCodes: readonly number[]
}

/**
 * Two retries of GET, PUT and DELETE after a network error, a timeout, a 408
 * or a transient 5xx, 0.5 s then 1 s apart (with jitter), at most 10 s. POST,
 * and the calls that change what a repetition answers (a message read without
 * `force`, which moves the read cursor; marking read; deleting a message or a
 * room; answering a contact request), are never retried, because the failed
 * attempt may have been processed; only after a 429, which Chatwork did not process.
 *
 * @example
 * new ChatworkClient({ retry: { ...DEFAULT_RETRY_POLICY, limit: 5 } })
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  limit: 2,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  statusCodes: Object.freeze([408, 500, 502, 503, 504]),
})

/**
 * Per attempt, in milliseconds: 30 seconds.
 *
 * @example
 * new ChatworkClient({ timeout: DEFAULT_TIMEOUT_MS * 2 })
 */
export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * The longest rate-limit wait the client sits out before throwing instead, 6
 * minutes: a general window of 5 minutes, with a minute to spare for the
 * reset's whole seconds and for the difference between the clocks.
 *
 * @example
 * new ChatworkClient({ maxRateLimitWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 10 })
 */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 360_000

/**
 * Consecutive 429s on one call after which the client gives up, in case the server keeps refusing.
 *
 * @example
 * // After MAX_RATE_LIMIT_RETRIES 429s in a row, a call throws ChatworkRateLimitError.
 */
export const MAX_RATE_LIMIT_RETRIES = 10

/**
 * Chatwork's production API.
 *
 * @example
 * new ChatworkClient({ baseURL: process.env.CHATWORK_BASE_URL ?? DEFAULT_BASE_URL })
 */
export const DEFAULT_BASE_URL = 'https://api.chatwork.com/v2'

/**
 * What the client tells a token function: `rejected` is the token the API
 * just refused with a 401 `invalid_token` (an expired or revoked OAuth access
 * token), so that the function refreshes it unless it already has.
 *
 * @example
 * const accessToken = async ({ rejected }: TokenSourceRequest = {}) => (rejected === current ? (current = await refresh()) : current)
 */
export interface TokenSourceRequest {
  rejected?: string
}

/**
 * A credential, or an (async) function returning the current one, called
 * before each attempt. After a 401 `invalid_token`, the function is called
 * with `{ rejected }`, and when it answers another token the call is sent
 * once more with it (once per call: the refused request was not processed).
 *
 * @example
 * new ChatworkClient({ accessToken: createTokenSource({ clientId, clientSecret, tokens, onTokens }) })
 */
export type TokenSource = string | ((request?: TokenSourceRequest) => string | Promise<string>)

/**
 * Options of every call: abort it, or override the client's timeout and retry policy.
 *
 * @example
 * await client.messages.list(roomId, { force: true, timeout: 5_000, signal: AbortSignal.timeout(20_000) })
 */
export interface RequestOptions {
  /** Aborts the call, including any rate-limit or retry wait; the call rejects with the signal's reason. */
  signal?: AbortSignal
  /** Per attempt, in milliseconds (`Infinity`: none); the caller's `signal` does not switch it off. */
  timeout?: number
  /** Overrides the client's retry policy for this call; `false`: no retries. */
  retry?: Partial<RetryPolicy> | false
}

/**
 * Passed to `onRateLimit` before a rate-limit wait (again only if the wait grows).
 *
 * @example
 * new ChatworkClient({ onRateLimit: ({ scope, waitMs, path }) => console.warn(`${path}: waiting ${waitMs} ms (${scope})`) })
 */
export interface RateLimitEvent extends RateLimitWait {
  method: string
  /** The endpoint with id placeholders. */
  path: string
}

/**
 * Passed to `onRetry` before each retry.
 *
 * @example
 * new ChatworkClient({ onRetry: ({ attempt, delayMs, error }) => console.warn(`retry ${attempt} in ${delayMs} ms: ${error.code}`) })
 */
export interface RetryEvent {
  method: string
  /** The endpoint with id placeholders. */
  path: string
  /** 1 for the first retry. */
  attempt: number
  /** Delay before the retry (rate-limit waits come after it, reported through `onRateLimit`). */
  delayMs: number
  /** The failure being retried. */
  error: ChatworkError
}

/**
 * Options of `new ChatworkClient(…)`; all optional.
 *
 * @example
 * new ChatworkClient({ token: process.env.CHATWORK_API_TOKEN, timeout: 10_000, rateLimit: 'throw' } satisfies ChatworkClientOptions)
 */
export interface ChatworkClientOptions {
  /** API token, sent as `x-chatworktoken`. Default: the `CHATWORK_API_TOKEN` environment variable. */
  token?: TokenSource
  /** OAuth access token, sent as `Authorization: Bearer …`. A function lets you refresh it. */
  accessToken?: TokenSource
  /** Default {@link DEFAULT_BASE_URL}; point it at the emulator in tests. */
  baseURL?: string
  /** Per attempt, in milliseconds (`Infinity`: none). Default {@link DEFAULT_TIMEOUT_MS}. */
  timeout?: number
  /** Default {@link DEFAULT_RETRY_POLICY}; `false`: never retry (429s are still waited out). */
  retry?: Partial<RetryPolicy> | false
  /** `'wait'` (default): sit out rate limits; `'throw'`: throw `ChatworkRateLimitError` instead. */
  rateLimit?: 'wait' | 'throw'
  /** Longest single rate-limit wait before throwing instead. Default {@link DEFAULT_MAX_RATE_LIMIT_WAIT_MS}. */
  maxRateLimitWaitMs?: number
  /** The per-room posting window to keep to. Default {@link DEFAULT_POSTING_LIMIT}; `false`: none. */
  postingLimit?: Partial<PostingLimit> | false
  /**
   * Where the rate-limit state lives. Default: a {@link memoryStore} of this
   * client's own. Pass one store to several clients, or a shared one such as
   * `redisStore` from `chatwork-kit/redis` to several processes, to keep them
   * together within one token's limits. A store passed here tells tokens apart
   * by the token itself (so a token function is also called before the wait).
   */
  rateLimitStore?: RateLimitStore
  /** Called before a rate-limit wait, and again if that wait grows (it may throw to refuse the wait). */
  onRateLimit?: (event: RateLimitEvent) => void
  /** Called before each retry. */
  onRetry?: (event: RetryEvent) => void
  /** The fetch implementation (ofetch's `fetch` option). Default: the global `fetch`. */
  fetch?: typeof fetch
}

/**
 * One API call, as the endpoint methods describe it.
 *
 * @example
 * await requester.send({ method: 'GET', path: '/rooms/{room_id}', ids: { room_id: '5002' } })
 */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** With placeholders: `/rooms/{room_id}`. */
  path: string
  /** Placeholder values, already checked to be decimal strings (so they need no encoding). */
  ids?: Record<string, string>
  /** Query string (GET) or form body (others). */
  params?: Record<string, ParamValue>
  /** A multipart body instead of `params`. */
  multipart?: MultipartBody
  /** The room the call is about, and whether it spends its posting budget. */
  room?: RoomSlot
  /** Whether the answer is a list (of objects), and a 204 (or an empty 200) means `[]`; otherwise it is one object. */
  list?: boolean
  /** Whether the answer has no body (a 204); whatever it holds is ignored. */
  empty?: boolean
  /** Fields of the answer's object (of each item, for a list) that must have these types. */
  fields?: Readonly<Record<string, FieldType>>
  /** Whether the free-plan limitation headers apply (message reads). */
  limited?: boolean
  /**
   * Whether sending the call again after a failure whose outcome is unknown
   * (a timeout, a lost connection, a 5xx) would give the answer the first
   * attempt would have, so that it may be retried. Default: true for GET, PUT
   * and DELETE, false for POST.
   */
  repeatable?: boolean
  options?: RequestOptions
}

/**
 * The data of an answer, with what its headers said about the free-plan limitation.
 *
 * @example
 * const { data, limitation } = await requester.send<Message[]>({ method: 'GET', path: '/rooms/{room_id}/messages', ids: { room_id: '5002' }, list: true, limited: true })
 */
export interface Answer<T> {
  data: T
  limitation: MessageLimitation | undefined
}

/** The room-limit 429 is told apart from the general one by its message (spec §2.3). */
const ROOM_LIMIT_MESSAGE = /per room/i

const REDACTED = '[REDACTED]'

/** What fetch trims from a header value: HTTP whitespace at either end. */
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

/**
 * A secret shorter than this is not redacted: no real token is (API tokens
 * have 32 characters), and replacing a short one would rewrite the server's
 * words ("expired" holds an `x`).
 */
const MIN_REDACTED_LENGTH = 8

/**
 * The resolved settings and the ofetch instance behind a client.
 *
 * @example
 * const requester = new Requester({ token: 'x', baseURL: emu.baseURL })
 * const { data } = await requester.send({ method: 'GET', path: '/me' })
 */
export class Requester {
  readonly limiter: RequestLimiter
  readonly #fetch: $Fetch
  readonly #options: ChatworkClientOptions
  readonly #token: TokenSource
  readonly #retry: Readonly<RetryPolicy> | false

  constructor(options: ChatworkClientOptions) {
    if (options.token !== undefined && options.accessToken !== undefined) {
      throw new ChatworkArgumentError('accessToken', 'Pass either `token` or `accessToken`, not both')
    }
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    const token = options.accessToken ?? options.token ?? env?.CHATWORK_API_TOKEN
    if (token === undefined || token === '') throw new ChatworkMissingTokenError()
    this.#options = options
    this.#token = token
    this.#retry = options.retry === false ? false : { ...DEFAULT_RETRY_POLICY, ...options.retry }
    const posting = options.postingLimit === false ? false : { ...DEFAULT_POSTING_LIMIT, ...options.postingLimit }
    const store = options.rateLimitStore
    this.limiter = store ? new RequestLimiter(store, posting, () => this.#limitKey()) : new RequestLimiter(memoryStore(), posting, () => '')
    this.#fetch = ofetch.create(
      {
        baseURL: options.baseURL ?? DEFAULT_BASE_URL,
        // Parsed in send, strictly: ofetch's lenient parser would pass a broken body off as a string.
        responseType: 'text',
        // One attempt per call of ofetch: send decides what is retried, and reads error statuses as answers.
        retry: false,
        ignoreResponseError: true,
        // Never follow a redirect: the Chatwork API sends none, and following one would carry the credential (and a POST's body) elsewhere.
        redirect: 'manual',
      },
      options.fetch ? { fetch: options.fetch } : {},
    )
  }

  /** Sends one call; resolves with its data (`undefined` for a 204, `[]` for an empty list). */
  async send<T>(call: Call): Promise<Answer<T>> {
    const { method, path, options = {} } = call
    // A call's own policy overrides the client's, even when the client's is `false`.
    const policy = options.retry ?? this.#retry
    const repeatable = call.repeatable ?? method !== 'POST'
    const retry = !repeatable || policy === false ? false : { ...(this.#retry || DEFAULT_RETRY_POLICY), ...policy }
    const params = call.params ? encodeParams(call.params) : undefined
    const request: Attempt = {
      call,
      url: path.replace(/\{(\w+)\}/g, (_, name: string) => call.ids![name]),
      init: {
        method,
        query: method === 'GET' ? params : undefined,
        // Never a query string on POST/PUT/DELETE: Chatwork reads only the form body (spec §1.3).
        body: call.multipart?.body ?? (method === 'GET' || !params ? undefined : new URLSearchParams(params)),
      },
      contentType: call.multipart?.contentType,
      timeout: options.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT_MS,
      secrets: new Set(),
    }
    let failures = 0
    let rateLimited = 0
    let refreshed = false
    for (;;) {
      const answer = await this.#attempt(request)
      let error: ChatworkError
      let delayMs = 0
      if (answer instanceof ChatworkError) {
        error = answer
        if (!retry || failures >= retry.limit) throw error
        delayMs = backoff(retry, failures++)
      } else {
        const { response, data } = answer
        if (response.ok) {
          if (call.empty) return { data: undefined as T, limitation: undefined }
          const value = call.list ? (data ?? []) : data
          const problem = value === undefined ? 'the body is empty' : answerProblem(value, call.list === true, call.fields)
          // Final, like any 2xx: the call was processed, so sending it again could do it twice.
          if (problem) throw new ChatworkResponseError({ method, path, status: response.status, problem })
          return { data: value as T, limitation: call.limited ? readLimitation(response.headers) : undefined }
        }
        const failure = this.#apiError(request, response, data)
        if (response.status === 401 && !refreshed && typeof this.#token === 'function' && rejectsToken(response.headers)) {
          // Once per call: a 401 was not processed, so even a POST may be sent again, with the token the source gives instead.
          refreshed = true
          if ((await this.#resolveToken({ rejected: answer.token }, request.secrets)) === answer.token) throw failure
          this.#options.onRetry?.({ method, path, attempt: failures + rateLimited + 1, delayMs: 0, error: failure })
          continue
        }
        if (response.status === 429) {
          const room = call.room !== undefined && failure.errors.some((message) => ROOM_LIMIT_MESSAGE.test(message))
          const resetAt = await (room ? this.limiter.blockRoom(call.room!.roomId) : this.limiter.blockToken(response.headers))
          error = new ChatworkRateLimitError({ method, path, scope: room ? 'room' : 'token', resetAt }, { cause: failure })
          if (this.#options.rateLimit === 'throw' || ++rateLimited > MAX_RATE_LIMIT_RETRIES) throw error
          // Retried at once, even a POST, as Chatwork did not process it: the wait happens in the next attempt's acquire.
        } else {
          error = failure
          if (!retry || !retry.statusCodes.includes(response.status) || failures >= retry.limit) throw error
          delayMs = backoff(retry, failures++)
        }
      }
      this.#options.onRetry?.({ method, path, attempt: failures + rateLimited + Number(refreshed), delayMs, error })
      await sleep(delayMs, options.signal)
    }
  }

  /**
   * One attempt: waits for the limiters, then sends with the credential and
   * reads the answer within the timeout. A transport failure, which may be
   * worth another attempt, comes back typed and token-free. Everything else
   * ends the call: the caller's abort rejects with its reason, a refused wait
   * or a 2xx that is not JSON with their {@link ChatworkError}.
   */
  async #attempt(request: Attempt): Promise<{ response: FetchResponse<string>; data: unknown; token: string } | ChatworkError> {
    const { call, url, init, timeout, secrets } = request
    const { method, path } = call
    const signal = call.options?.signal
    const release = await this.limiter.acquire(
      call.room,
      signal,
      (wait) => {
        const { rateLimit, maxRateLimitWaitMs = DEFAULT_MAX_RATE_LIMIT_WAIT_MS } = this.#options
        if (rateLimit === 'throw' || wait.waitMs > maxRateLimitWaitMs) {
          throw new ChatworkRateLimitError({ method, path, scope: wait.scope, resetAt: wait.resetAt })
        }
      },
      (wait) => this.#options.onRateLimit?.({ ...wait, method, path }),
    )
    try {
      // After the wait, so that a refreshed token is fresh when it is sent.
      const token = await this.#resolveToken(undefined, secrets)
      // the caller may have aborted while the token function ran
      signal?.throwIfAborted()
      const headers: Record<string, string> = this.#options.accessToken === undefined ? { 'x-chatworktoken': token } : { authorization: `Bearer ${token}` }
      if (request.contentType !== undefined) headers['content-type'] = request.contentType
      // One signal per attempt for the caller's abort and the timeout, noting which one fired.
      const controller = new AbortController()
      const onAbort = () => controller.abort(signal!.reason)
      signal?.addEventListener('abort', onAbort, { once: true })
      let timedOut = false
      const timer = startTimer(() => {
        timedOut = true
        controller.abort(new DOMException(`Timed out after ${timeout} ms`, 'TimeoutError'))
      }, timeout)
      let response: FetchResponse<string>
      try {
        response = await this.#fetch.raw(url, { ...init, headers, signal: controller.signal })
      } catch (error) {
        signal?.throwIfAborted()
        // Never keep ofetch's FetchError, which holds the request's headers.
        const cause = redactError(error instanceof FetchError ? error.cause : error, secrets)
        return timedOut ? new ChatworkTimeoutError({ method, path, timeout }, { cause }) : new ChatworkNetworkError({ method, path }, { cause })
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      release(response.headers)
      return { response, data: this.#read(request, response), token }
    } finally {
      release()
    }
  }

  /** The credential to send, noted among the secrets to redact. */
  async #resolveToken(hint: TokenSourceRequest | undefined, secrets: Set<string>): Promise<string> {
    const source = this.#token
    const given = typeof source === 'string' ? source : await (hint === undefined ? source() : source(hint))
    // Trimmed as fetch trims a header value, so that the token redacted is the token sent (a file's trailing newline).
    const token = typeof given === 'string' ? given.replace(HTTP_WHITESPACE, '') : ''
    if (token === '') throw new ChatworkMissingTokenError('The token function returned no token')
    secrets.add(token)
    return token
  }

  /** The token whose limits a store passed in keeps: the store tells tokens apart by it. */
  async #limitKey(): Promise<string> {
    const source = this.#token
    const token = typeof source === 'string' ? source : await source()
    if (typeof token !== 'string' || token === '') throw new ChatworkMissingTokenError('The token function returned no token')
    return token
  }

  /** The answer's JSON, `undefined` when empty; a 2xx that is not JSON is a final {@link ChatworkResponseError}. */
  #read({ call }: Attempt, response: FetchResponse<string>): unknown {
    const text = response._data
    if (!text) return undefined
    try {
      return parseJsonExactIds(text)
    } catch {
      if (response.ok) throw new ChatworkResponseError({ method: call.method, path: call.path, status: response.status, problem: 'the body is not valid JSON' })
      return undefined
    }
  }

  #apiError({ call, secrets }: Attempt, response: FetchResponse<string>, data: unknown): ChatworkApiError {
    const body = data as { errors?: unknown } | undefined
    let errors = Array.isArray(body?.errors) ? body.errors.filter((item): item is string => typeof item === 'string') : []
    // An expired OAuth token answers 401 with its reason in WWW-Authenticate and maybe no JSON body (spec §1.2).
    const challenge = response.headers.get('www-authenticate')?.match(/error_description="([^"]*)"/)?.[1]
    if (errors.length === 0 && challenge) errors = [challenge]
    // opaqueredirect: a browser's answer to redirect: 'manual', which hides the status and the location
    const redirect = (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect'
    const location = redirect ? originOf(response.headers.get('location'), response.url) : undefined
    if (redirect) errors = [`Redirect to ${location} not followed`]
    return new ChatworkApiError({
      status: response.status,
      errors: errors.map((message) => redact(message, secrets)),
      method: call.method,
      path: call.path,
      rateLimit: readRateLimit(response.headers),
      limitation: call.limited ? readLimitation(response.headers) : undefined,
      location,
    })
  }
}

/** Whether a 401 says the token itself was refused (expired or revoked, RFC 6750 §3.1), rather than the request. */
function rejectsToken(headers: Headers): boolean {
  return /(?:^|[\s,])error\s*=\s*"?invalid_token"?/i.test(headers.get('www-authenticate') ?? '')
}

/** The origin of a redirect's target, resolved against the request's URL; `undefined` when there is none. */
function originOf(location: string | null, base: string): string | undefined {
  try {
    return location === null ? undefined : new URL(location, base).origin
  } catch {
    return undefined
  }
}

/**
 * Whether a failed call may have been processed all the same: it got no
 * answer (a lost connection, a timeout), a transient 5xx or 408, or a success
 * whose body could not be used ({@link ChatworkResponseError}: it was processed).
 *
 * @example
 * if (mayHaveBeenProcessed(error)) console.warn('check before sending it again')
 */
export function mayHaveBeenProcessed(error: unknown): boolean {
  return (
    error instanceof ChatworkNetworkError ||
    error instanceof ChatworkTimeoutError ||
    error instanceof ChatworkResponseError ||
    (error instanceof ChatworkApiError && DEFAULT_RETRY_POLICY.statusCodes.includes(error.status))
  )
}

/** What every attempt of a call sends, and the tokens it sent, to redact from errors. */
interface Attempt {
  call: Call
  url: string
  init: FetchOptions<'text'>
  /** The multipart body's type, naming its boundary. */
  contentType: string | undefined
  timeout: number
  secrets: Set<string>
}

/** Capped exponential backoff with equal jitter: half the delay fixed, half random. */
function backoff(policy: RetryPolicy, failures: number): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** failures)
  return Math.round(delay / 2 + (Math.random() * delay) / 2)
}

function readLimitation(headers: Headers): MessageLimitation | undefined {
  if (headers.get('chatwork-message-limitation') !== 'true') return undefined
  const summary = headers.get('chatwork-message-limitation-summary')
  return summary === null ? {} : { summary }
}

/**
 * The places in a text where a secret stands as a whole token (of realistic
 * length, not inside a longer word), so that redaction leaves the server's
 * words alone.
 */
function secretPattern(secrets: Set<string>): RegExp | undefined {
  const sources = [...secrets].filter((secret) => secret.length >= MIN_REDACTED_LENGTH).map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return sources.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9])(?:${sources.join('|')})(?![A-Za-z0-9])`, 'g')
}

function redact(text: string, secrets: Set<string>): string {
  const pattern = secretPattern(secrets)
  return pattern ? text.replace(pattern, REDACTED) : text
}

/** Whether a value, its properties, the headers and URL of a `Request` or `Headers` in it, or its causes mention a secret (a few levels deep). */
function leaks(value: unknown, secrets: Set<string>, depth = 0): boolean {
  if (typeof value === 'string') return redact(value, secrets) !== value
  if (typeof value !== 'object' || value === null || depth > 4) return false
  // Their headers live in internal slots, out of reach of the property walk but shown by `inspect`.
  const entries = value instanceof Request ? [value.url, ...value.headers.values()] : value instanceof Headers || value instanceof Map ? [...value.values()] : []
  if (entries.some((item) => leaks(item, secrets, depth + 1))) return true
  for (const key of Object.getOwnPropertyNames(value)) {
    let item: unknown
    try {
      item = (value as Record<string, unknown>)[key]
    } catch {
      continue
    }
    if (leaks(item, secrets, depth + 1)) return true
  }
  return value instanceof Error && leaks(value.cause, secrets, depth + 1)
}

/**
 * The underlying error as a cause: as it is when it holds no secret, else a
 * plain copy with the secret replaced, keeping its primitive fields (`code`,
 * `errno`, …) and dropping the objects (a `Request`, its headers).
 */
function redactError(error: unknown, secrets: Set<string>): unknown {
  if (!leaks(error, secrets)) return error
  if (!(error instanceof Error)) return redact(String(error), secrets)
  const copy = new Error(redact(error.message, secrets), error.cause === undefined ? undefined : { cause: redactError(error.cause, secrets) })
  for (const [key, item] of Object.entries(error)) {
    if (typeof item === 'string') Object.assign(copy, { [key]: redact(item, secrets) })
    else if (typeof item === 'number' || typeof item === 'boolean') Object.assign(copy, { [key]: item })
  }
  copy.name = error.name
  copy.stack = error.stack && redact(error.stack, secrets)
  return copy
}
