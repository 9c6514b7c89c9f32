/**
 * The token endpoint (spec §8.3): a code or a refresh token in, a token pair
 * out. Every failure is a `ChatworkOAuthError` or `ChatworkNetworkError` that
 * holds none of the secrets sent (the client secret, the code, the verifier,
 * the refresh token) nor the tokens received.
 */
import { ChatworkNetworkError, ChatworkOAuthError } from '../errors.ts'
import { DEFAULT_TOKEN_ENDPOINT } from './endpoints.ts'

/**
 * A token pair, as the token endpoint granted it.
 *
 * @example
 * const tokens: OAuthTokens = await exchangeCode({ clientId, clientSecret, code, codeVerifier })
 * new ChatworkClient({ accessToken: tokens.accessToken })
 */
export interface OAuthTokens {
  accessToken: string
  refreshToken: string
  /** When the access token expires (15 minutes after it was issued, on Chatwork). */
  expiresAt: Date
  /** The scopes granted. */
  scope: string[]
}

/**
 * The lifetime assumed when the answer has no `expires_in`: Chatwork's 15 minutes (spec §8.3).
 *
 * @example
 * // tokens.expiresAt is DEFAULT_ACCESS_TOKEN_LIFETIME_MS after the answer when it says nothing
 */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000

/**
 * An `expires_in` above this many seconds is read as an epoch time in
 * milliseconds, as one of Chatwork's samples shows it (`"1501138041000"`, spec §8.3).
 */
const EPOCH_MILLISECONDS_THRESHOLD = 1e11

/**
 * What both grants take.
 *
 * @example
 * const common: TokenRequestOptions = { clientId, clientSecret, tokenEndpoint: emu.oauth.tokenEndpoint }
 */
export interface TokenRequestOptions {
  clientId: string
  /** A confidential client's secret, sent as `Authorization: Basic`. */
  clientSecret?: string
  /** Default {@link DEFAULT_TOKEN_ENDPOINT}; the emulator's is `emu.oauth.tokenEndpoint`. */
  tokenEndpoint?: string
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch
  /** The current time in milliseconds, from which `expiresAt` counts. Default `Date.now`. */
  now?: () => number
  /** Aborts the request. */
  signal?: AbortSignal
}

/**
 * What {@link exchangeCode} takes.
 *
 * @example
 * await exchangeCode({ clientId, clientSecret, code, codeVerifier, redirectUri } satisfies ExchangeCodeInput)
 */
export interface ExchangeCodeInput extends TokenRequestOptions {
  code: string
  /** The `codeVerifier` of `createAuthorizationRequest`, when PKCE was used. */
  codeVerifier?: string
  /** The same URI as in the authorization request, if it carried one. */
  redirectUri?: string
}

/**
 * What {@link refreshTokens} takes.
 *
 * @example
 * await refreshTokens({ clientId, clientSecret, refreshToken: stored.refreshToken } satisfies RefreshTokensInput)
 */
export interface RefreshTokensInput extends TokenRequestOptions {
  refreshToken: string
  /** Narrows the scopes (space-separated or an array). */
  scope?: string | readonly string[]
}

/**
 * Exchanges the code of the redirect for a token pair.
 *
 * @example
 * const tokens = await exchangeCode({ clientId, clientSecret, code: handleRedirect(url, { state }), codeVerifier })
 */
export function exchangeCode(input: ExchangeCodeInput): Promise<OAuthTokens> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: input.code })
  if (input.redirectUri !== undefined) form.set('redirect_uri', input.redirectUri)
  if (input.codeVerifier !== undefined) form.set('code_verifier', input.codeVerifier)
  return requestTokens(input, form, undefined)
}

/**
 * Exchanges a refresh token for a new pair. Chatwork may rotate the refresh
 * token: persist the one returned (when the answer has none, the old one is kept).
 *
 * @example
 * const tokens = await refreshTokens({ clientId, clientSecret, refreshToken: stored.refreshToken })
 * await db.save(tokens)
 */
export function refreshTokens(input: RefreshTokensInput): Promise<OAuthTokens> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: input.refreshToken })
  if (input.scope !== undefined) form.set('scope', typeof input.scope === 'string' ? input.scope : input.scope.join(' '))
  return requestTokens(input, form, input.refreshToken)
}

async function requestTokens(options: TokenRequestOptions, form: URLSearchParams, previousRefreshToken: string | undefined): Promise<OAuthTokens> {
  const endpoint = options.tokenEndpoint ?? DEFAULT_TOKEN_ENDPOINT
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
  if (options.clientSecret !== undefined) {
    headers.authorization = `Basic ${btoa(Array.from(new TextEncoder().encode(`${options.clientId}:${options.clientSecret}`), (byte) => String.fromCharCode(byte)).join(''))}`
  } else {
    // A public client names itself in the body (RFC 6749 §2.3; Chatwork does not document it, spec §8.1).
    form.set('client_id', options.clientId)
  }
  let response: Response
  let text: string
  try {
    response = await (options.fetch ?? fetch)(endpoint, { method: 'POST', headers, body: form.toString(), redirect: 'manual', signal: options.signal })
    text = await response.text()
  } catch (error) {
    options.signal?.throwIfAborted()
    // Only the failure's name and code: a fetch error may hold the request.
    const code = (error as { cause?: { code?: unknown } })?.cause?.code
    const cause = new Error(`${error instanceof Error ? error.name : 'Error'}${typeof code === 'string' ? ` (${code})` : ''}`)
    throw new ChatworkNetworkError({ method: 'POST', path: new URL(endpoint).pathname }, { cause })
  }
  const now = (options.now ?? Date.now)()
  let body: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
  } catch {
    body = undefined
  }
  if (!response.ok) {
    const error = typeof body?.error === 'string' ? body.error : 'invalid_response'
    const description = typeof body?.error_description === 'string' ? body.error_description : `The token endpoint answered ${response.status}`
    throw new ChatworkOAuthError({ error, description: scrub(description, form), status: response.status })
  }
  const accessToken = body?.access_token
  const refreshToken = body?.refresh_token ?? previousRefreshToken
  if (typeof accessToken !== 'string' || accessToken === '' || typeof refreshToken !== 'string' || refreshToken === '') {
    throw new ChatworkOAuthError({ error: 'invalid_response', description: 'The token endpoint answered without an access token and a refresh token', status: response.status })
  }
  const expiresAt = expiryOf(body!.expires_in, now)
  if (expiresAt === undefined) throw new ChatworkOAuthError({ error: 'invalid_response', description: 'The token endpoint answered an expires_in that is not a number of seconds', status: response.status })
  const scope = typeof body!.scope === 'string' ? body!.scope.split(' ').filter((item) => item !== '') : []
  return { accessToken, refreshToken, expiresAt, scope }
}

/** `expires_in` as a number or a numeric string (spec §8.3), from `now`; `undefined` when it is neither. */
function expiryOf(value: unknown, now: number): Date | undefined {
  if (value === undefined || value === null) return new Date(now + DEFAULT_ACCESS_TOKEN_LIFETIME_MS)
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN
  if (!Number.isFinite(seconds) || seconds < 0) return undefined
  return new Date(seconds > EPOCH_MILLISECONDS_THRESHOLD ? seconds : now + seconds * 1000)
}

/** The server's words without any value the request sent (a server may echo the code back). */
function scrub(text: string, form: URLSearchParams): string {
  let result = text
  for (const [name, value] of form) if (name !== 'grant_type' && name !== 'client_id' && value.length >= 4) result = result.split(value).join('[REDACTED]')
  return result
}
