/** Reading the redirect back from Chatwork's consent screen (spec §8.2). */
import { ChatworkOAuthError } from '../errors.ts'

/**
 * The code of the redirect to your `redirect_uri`, once its `state` is the
 * one you sent. A `ChatworkOAuthError` otherwise: `access_denied` (or the
 * other `error` the redirect carries), `state_mismatch` (a forged or stale
 * redirect: do not exchange its code) or `missing_code`.
 *
 * @example
 * const code = handleRedirect(new URL(request.url!, 'http://localhost'), { state: session.oauth.state })
 */
export function handleRedirect(redirect: string | URL | URLSearchParams, expected: { state: string }): string {
  const params = redirect instanceof URLSearchParams ? redirect : new URL(redirect).searchParams
  // The state first: a forged redirect's error is no more to be believed than its code.
  const state = params.get('state')
  if (state === null || expected.state === '' || state !== expected.state) {
    throw new ChatworkOAuthError({ error: 'state_mismatch', description: 'The redirect does not carry the state of the authorization request' })
  }
  const error = params.get('error')
  if (error !== null) throw new ChatworkOAuthError({ error, description: params.get('error_description') ?? undefined })
  const code = params.get('code')
  if (code === null || code === '') throw new ChatworkOAuthError({ error: 'missing_code', description: 'The redirect carries no code' })
  return code
}
