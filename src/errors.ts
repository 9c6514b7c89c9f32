/**
 * The base of every error chatwork-kit throws. Each kind of failure has its
 * own subclass and a stable `code`, so callers can branch on either
 * `instanceof` or `error.code`.
 *
 * @example
 * try {
 *   await client.messages.send(roomId, body)
 * } catch (error) {
 *   if (error instanceof ChatworkError) console.error(error.code, error.message)
 * }
 */
export class ChatworkError extends Error {
  /** A stable, machine-readable identifier of the kind of failure. */
  readonly code: string

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/**
 * Why a webhook input was refused; see {@link ChatworkWebhookError}.
 *
 * @example
 * // a bad token is the server's misconfiguration; the others are bad requests
 * const status = (reason: WebhookErrorReason) => (reason === 'invalid_token' ? 500 : 400)
 */
export type WebhookErrorReason =
  /** The body is not UTF-8 JSON text. */
  | 'invalid_json'
  /** The body is JSON but not a webhook payload: not an object, or a required field is missing or of the wrong type. */
  | 'invalid_payload'
  /** A webhook token is not base64 text of a non-empty key. */
  | 'invalid_token'

/**
 * A webhook body or webhook token that cannot be used. `reason` says which
 * check failed; `message` names the offending field.
 *
 * @example
 * try {
 *   parseWebhookEvent('not json')
 * } catch (error) {
 *   if (error instanceof ChatworkWebhookError) console.error(error.reason) // 'invalid_json'
 * }
 */
export class ChatworkWebhookError extends ChatworkError {
  /** Which check failed. */
  readonly reason: WebhookErrorReason

  constructor(reason: WebhookErrorReason, message: string, options?: ErrorOptions) {
    super('ERR_CHATWORK_WEBHOOK', message, options)
    this.reason = reason
  }
}

/**
 * A request the local emulator (`chatwork-kit/testing`) refuses: a helper
 * called with an unknown room, a seed that does not hold together, a webhook
 * token that is not base64. `status` is the HTTP status the same refusal
 * gets when it comes over the wire.
 *
 * @example
 * try {
 *   emu.post(999, 'hi')
 * } catch (error) {
 *   if (error instanceof ChatworkEmulatorError) console.error(error.status, error.message) // 404 Room 999 not found
 * }
 */
export class ChatworkEmulatorError extends ChatworkError {
  /** The HTTP status of the same refusal over the wire (400, 403, 404, …). */
  readonly status: number

  constructor(status: number, message: string, options?: ErrorOptions) {
    super('ERR_CHATWORK_EMULATOR', message, options)
    this.status = status
  }
}

/**
 * The `x-ratelimit-*` headers of a response: the per-token allowance (spec §2.1).
 *
 * @example
 * await client.me()
 * const { remaining, resetAt } = client.rateLimit!
 */
export interface RateLimit {
  /** Requests allowed in the current window (`x-ratelimit-limit`). */
  limit: number
  /** Requests left in the current window (`x-ratelimit-remaining`). */
  remaining: number
  /** When the window resets (`x-ratelimit-reset`, Unix seconds on the wire). */
  resetAt: Date
}

/**
 * The free-plan history limitation of a message read (spec §3): present only when it applies.
 *
 * @example
 * const messages = await client.messages.list(roomId, { force: true })
 * if (messages.limitation) console.warn('some messages are hidden:', messages.limitation.summary)
 */
export interface MessageLimitation {
  /** The `chatwork-message-limitation-summary` header, when sent. */
  summary?: string
}

/**
 * What every error of a request carries: which call failed, with id
 * placeholders (`/rooms/{room_id}`). The request errors copy their `init` onto
 * themselves, so their fields are declared only.
 */
interface RequestErrorInit {
  method: string
  path: string
}

/**
 * The API answered with an error status (4xx or 5xx, other than a 429 that
 * the client waited out), or with a redirect, which the client never follows
 * (the Chatwork API never redirects, and following one would send the
 * credential elsewhere). `errors` holds the messages of the `{"errors":[…]}`
 * body (for an OAuth 401 without one, the reason from `WWW-Authenticate`).
 *
 * @example
 * try {
 *   await client.rooms.get(404)
 * } catch (error) {
 *   if (error instanceof ChatworkApiError && error.status === 404) console.log('no such room', error.path) // /rooms/{room_id}
 * }
 */
export class ChatworkApiError extends ChatworkError {
  /** The HTTP status. */
  declare readonly status: number
  /** The messages of the error body. */
  declare readonly errors: string[]
  /** The HTTP method. */
  declare readonly method: string
  /** The endpoint with id placeholders, e.g. `/rooms/{room_id}/messages/{message_id}`. */
  declare readonly path: string
  /** The rate-limit headers of the error response, when sent. */
  declare readonly rateLimit: RateLimit | undefined
  /** Set when a message read failed because of the free-plan limitation (a 404 then means "restricted", spec §3). */
  declare readonly limitation: MessageLimitation | undefined
  /** For a redirect (3xx): the origin its `Location` pointed to (`https://example.com`), never its path or query. */
  declare readonly location: string | undefined

  constructor(
    init: RequestErrorInit & { status: number; errors: string[]; rateLimit?: RateLimit; limitation?: MessageLimitation; location?: string },
    options?: ErrorOptions,
  ) {
    const detail = init.errors.length > 0 ? `: ${init.errors.join('; ')}` : ''
    super('ERR_CHATWORK_API', `${init.method} ${init.path} failed with ${init.status}${detail}`, options)
    Object.assign(this, init)
  }
}

/**
 * The API answered with success (2xx), so the call was processed, but with a
 * body the client cannot use: not JSON, empty where data is due, or not the
 * shape of the endpoint's answer (an object where a list is due, a message
 * whose `body` is not a string, a `message_id` that is not a decimal). Do not
 * send the call again: check its effect instead.
 *
 * @example
 * try {
 *   await client.messages.send(roomId, 'hi')
 * } catch (error) {
 *   if (error instanceof ChatworkResponseError) console.warn('posted, but the answer was unreadable:', error.problem)
 * }
 */
export class ChatworkResponseError extends ChatworkError {
  /** The HTTP status, a 2xx. */
  declare readonly status: number
  /** The HTTP method. */
  declare readonly method: string
  /** The endpoint with id placeholders. */
  declare readonly path: string
  /** What is wrong, and where: `data[2].body: expected a string, got null`. */
  declare readonly problem: string

  constructor(init: RequestErrorInit & { status: number; problem: string }, options?: ErrorOptions) {
    super('ERR_CHATWORK_RESPONSE', `${init.method} ${init.path} answered ${init.status}, but ${init.problem}`, options)
    Object.assign(this, init)
  }
}

/**
 * A rate limit the client would not wait out: with `rateLimit: 'throw'`, when
 * the wait would exceed `maxRateLimitWaitMs`, or after repeated 429s.
 * `scope` says which limit: the per-token allowance or a room's posting window.
 *
 * @example
 * try {
 *   await client.messages.send(roomId, 'hi')
 * } catch (error) {
 *   if (error instanceof ChatworkRateLimitError) console.log(error.scope, error.resetAt)
 * }
 */
export class ChatworkRateLimitError extends ChatworkError {
  /** Which limit: the token's allowance (spec §2.1) or the room's posting window (spec §2.3). */
  declare readonly scope: 'token' | 'room'
  /** When the limit should have room again. */
  declare readonly resetAt: Date
  /** The HTTP method. */
  declare readonly method: string
  /** The endpoint with id placeholders. */
  declare readonly path: string

  constructor(init: RequestErrorInit & { scope: 'token' | 'room'; resetAt: Date }, options?: ErrorOptions) {
    super(
      'ERR_CHATWORK_RATE_LIMIT',
      `${init.method} ${init.path} is rate limited (${init.scope}) until ${init.resetAt.toISOString()}`,
      options,
    )
    Object.assign(this, init)
  }
}

/**
 * The request got no answer: connection refused or reset, DNS failure. `cause`
 * is the underlying error (with any credential removed).
 *
 * @example
 * try {
 *   await client.me()
 * } catch (error) {
 *   if (error instanceof ChatworkNetworkError) console.log('offline?', error.cause)
 * }
 */
export class ChatworkNetworkError extends ChatworkError {
  /** The HTTP method. */
  declare readonly method: string
  /** The endpoint with id placeholders. */
  declare readonly path: string

  constructor(init: RequestErrorInit, options?: ErrorOptions) {
    super('ERR_CHATWORK_NETWORK', `${init.method} ${init.path} failed: no response`, options)
    Object.assign(this, init)
  }
}

/**
 * No complete answer within the client's `timeout` (per attempt).
 *
 * @example
 * try {
 *   await client.me({ timeout: 1000 })
 * } catch (error) {
 *   if (error instanceof ChatworkTimeoutError) console.log(`gave up after ${error.timeout} ms`)
 * }
 */
export class ChatworkTimeoutError extends ChatworkError {
  /** The HTTP method. */
  declare readonly method: string
  /** The endpoint with id placeholders. */
  declare readonly path: string
  /** The timeout that elapsed, in milliseconds. */
  declare readonly timeout: number

  constructor(init: RequestErrorInit & { timeout: number }, options?: ErrorOptions) {
    super('ERR_CHATWORK_TIMEOUT', `${init.method} ${init.path} timed out after ${init.timeout} ms`, options)
    Object.assign(this, init)
  }
}

/**
 * The client has no credential: neither `token` nor `accessToken` was given,
 * `CHATWORK_API_TOKEN` is unset, or a token function returned an empty string.
 *
 * @example
 * try {
 *   new ChatworkClient()
 * } catch (error) {
 *   if (error instanceof ChatworkMissingTokenError) console.error('set CHATWORK_API_TOKEN')
 * }
 */
export class ChatworkMissingTokenError extends ChatworkError {
  constructor(message = 'No Chatwork token: pass `token` or `accessToken`, or set CHATWORK_API_TOKEN') {
    super('ERR_CHATWORK_MISSING_TOKEN', message)
  }
}

/**
 * A client call refused before any request: an empty or over-long message
 * body, an id that is not a decimal integer, an invalid date. `argument`
 * names the offending parameter.
 *
 * @example
 * try {
 *   await client.messages.send(roomId, '')
 * } catch (error) {
 *   if (error instanceof ChatworkArgumentError) console.error(error.argument) // 'body'
 * }
 */
export class ChatworkArgumentError extends ChatworkError {
  /** The parameter at fault. */
  readonly argument: string

  constructor(argument: string, message: string) {
    super('ERR_CHATWORK_ARGUMENT', message)
    this.argument = argument
  }
}

/**
 * A shared rate-limit store (such as `redisStore` from `chatwork-kit/redis`)
 * did not answer in time or failed. With `failure: 'throw'` the call rejects
 * with it before anything is sent; otherwise the store falls back to this
 * process's memory and passes it to `onError`, once per outage. `cause` is the
 * underlying error.
 *
 * @example
 * redisStore({ client: redis, onError: (error) => console.warn(error.message, error.cause) })
 */
export class ChatworkRateLimitStoreError extends ChatworkError {
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_CHATWORK_RATE_LIMIT_STORE', message, options)
  }
}

/**
 * An OAuth step that failed: the user denied access (`access_denied`), the
 * redirect's `state` is not the one sent (`state_mismatch`, a possible CSRF),
 * the redirect has no code (`missing_code`), the token endpoint refused
 * (`invalid_grant`, `invalid_client`, … as it answered, spec §8.3), or its
 * answer could not be used (`invalid_response`). No client secret, code or
 * token appears in its message, properties or cause.
 *
 * @example
 * try {
 *   await refreshTokens({ clientId, clientSecret, refreshToken })
 * } catch (error) {
 *   if (error instanceof ChatworkOAuthError && error.error === 'invalid_grant') console.error('sign in again')
 * }
 */
export class ChatworkOAuthError extends ChatworkError {
  /** The OAuth error code (RFC 6749 §4.1.2.1, §5.2) or one of `state_mismatch`, `missing_code`, `invalid_response`. */
  readonly error: string
  /** The human-readable explanation, when there is one. */
  readonly description: string | undefined
  /** The HTTP status of the token endpoint's answer, when it answered. */
  readonly status: number | undefined

  constructor(init: { error: string; description?: string; status?: number }, options?: ErrorOptions) {
    super('ERR_CHATWORK_OAUTH', `OAuth error ${init.error}${init.description ? `: ${init.description}` : ''}`, options)
    this.error = init.error
    this.description = init.description
    this.status = init.status
  }
}
