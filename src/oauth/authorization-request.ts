/** The URL that sends the user's browser to Chatwork's consent screen (spec §8.2). */
import { DEFAULT_AUTHORIZATION_ENDPOINT } from './endpoints.ts'
import { codeChallengeOf, randomUrlSafe } from './pkce.ts'
import { checkScopes } from './scopes.ts'

/**
 * What {@link createAuthorizationRequest} takes.
 *
 * @example
 * const input: AuthorizationRequestInput = { clientId: 'abc', scope: ['rooms.all:read'], redirectUri: 'https://app.example/callback' }
 */
export interface AuthorizationRequestInput {
  clientId: string
  /** Needed when the client has more than one registered redirect URI. */
  redirectUri?: string
  /** Scopes of spec §8.4, space-separated or as an array. */
  scope: string | readonly string[]
  /** Default: 32 random bytes, base64url. */
  state?: string
  /** Whether to use PKCE S256. Default `true`. */
  pkce?: boolean
  /** Default {@link DEFAULT_AUTHORIZATION_ENDPOINT}; the emulator's is `emu.oauth.authorizationEndpoint`. */
  authorizationEndpoint?: string
}

/**
 * An authorization request: the URL to send the browser to, and what to keep
 * (in the user's session) for the redirect and the exchange.
 *
 * @example
 * const { url, state, codeVerifier }: AuthorizationRequest = await createAuthorizationRequest({ clientId, scope: 'rooms.all:read' })
 */
export interface AuthorizationRequest {
  url: string
  state: string
  /** The PKCE verifier to pass to `exchangeCode`; `undefined` with `pkce: false`. */
  codeVerifier: string | undefined
}

/**
 * Builds the authorization URL: `response_type=code`, the scopes checked
 * against spec §8.4 (an unknown one is a `ChatworkArgumentError`), a random
 * `state` and a PKCE S256 challenge by default.
 *
 * @example
 * const { url, state, codeVerifier } = await createAuthorizationRequest({ clientId, redirectUri, scope: ['rooms.all:read_write', 'users.profile.me:read'] })
 * session.oauth = { state, codeVerifier }
 * response.writeHead(302, { location: url }).end()
 */
export async function createAuthorizationRequest(input: AuthorizationRequestInput): Promise<AuthorizationRequest> {
  const scopes = checkScopes(input.scope)
  const state = input.state ?? randomUrlSafe()
  const url = new URL(input.authorizationEndpoint ?? DEFAULT_AUTHORIZATION_ENDPOINT)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', input.clientId)
  if (input.redirectUri !== undefined) url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('scope', scopes.join(' '))
  url.searchParams.set('state', state)
  let codeVerifier: string | undefined
  if (input.pkce !== false) {
    codeVerifier = randomUrlSafe()
    url.searchParams.set('code_challenge', await codeChallengeOf(codeVerifier))
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return { url: url.toString(), state, codeVerifier }
}
