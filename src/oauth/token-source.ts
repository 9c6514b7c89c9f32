/**
 * A token function for `new ChatworkClient({ accessToken })` that refreshes
 * itself: before expiry, or when told the API refused its token, with one
 * refresh in flight however many calls ask at once.
 */
import { ChatworkOAuthError } from '../errors.ts'
import type { TokenSourceRequest } from '../client/request.ts'
import { refreshTokens, type OAuthTokens, type TokenRequestOptions } from './tokens.ts'

export type { TokenSourceRequest } from '../client/request.ts'

/**
 * How long before `expiresAt` the source refreshes: one minute, for the
 * difference between the clocks and the request's own time.
 *
 * @example
 * createTokenSource({ clientId, clientSecret, tokens, onTokens, refreshBeforeMs: DEFAULT_REFRESH_BEFORE_MS * 2 })
 */
export const DEFAULT_REFRESH_BEFORE_MS = 60_000

/**
 * What {@link createTokenSource} takes.
 *
 * @example
 * const options: TokenSourceOptions = { clientId, clientSecret, tokens: await db.load(), onTokens: (tokens) => db.save(tokens) }
 */
export interface TokenSourceOptions extends TokenRequestOptions {
  /** The pair to start from (from `exchangeCode`, or as you stored it). */
  tokens: OAuthTokens
  /** Called with every new pair, before any call uses it: persist the rotated refresh token here. */
  onTokens: (tokens: OAuthTokens) => void | Promise<void>
  /** Default {@link DEFAULT_REFRESH_BEFORE_MS}. */
  refreshBeforeMs?: number
}


/**
 * The function `createTokenSource` returns: the current access token,
 * refreshed first when needed.
 *
 * @example
 * const client = new ChatworkClient({ accessToken: source })
 */
export type OAuthTokenSource = (request?: TokenSourceRequest) => Promise<string>

/** OAuth errors after which a refresh token stays refused: trying it again would only be refused again. */
const FINAL_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope', 'unsupported_grant_type', 'invalid_request'])

/**
 * A token function that refreshes itself. It refreshes `refreshBeforeMs`
 * before expiry, or when called with the token the API refused; calls that
 * ask while a refresh is in flight wait for that one (single-flight: ten
 * parallel requests at expiry make one token request). `onTokens` gets every
 * new pair. A failed refresh rejects every waiting call with the same error,
 * and is not retried by itself; a refusal of the refresh token (such as
 * `invalid_grant`) is final: later calls get the same error without a request.
 *
 * @example
 * const source = createTokenSource({ clientId, clientSecret, tokens, onTokens: (tokens) => db.save(userId, tokens) })
 * const client = new ChatworkClient({ accessToken: source })
 */
export function createTokenSource(options: TokenSourceOptions): OAuthTokenSource {
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS
  const now = options.now ?? Date.now
  let current = options.tokens
  let inflight: Promise<OAuthTokens> | undefined
  let refused: ChatworkOAuthError | undefined

  function refresh(): Promise<OAuthTokens> {
    if (refused) return Promise.reject(refused)
    inflight ??= (async () => {
      try {
        const tokens = await refreshTokens({ ...options, refreshToken: current.refreshToken })
        current = tokens
        await options.onTokens(tokens)
        return tokens
      } catch (error) {
        if (error instanceof ChatworkOAuthError && FINAL_ERRORS.has(error.error)) refused = error
        throw error
      } finally {
        inflight = undefined
      }
    })()
    return inflight
  }

  return async (request = {}) => {
    if (inflight) return (await inflight).accessToken
    const stale = request.rejected !== undefined && request.rejected === current.accessToken
    if (stale || now() >= current.expiresAt.getTime() - refreshBeforeMs) return (await refresh()).accessToken
    return current.accessToken
  }
}
