/**
 * OAuth's two endpoints (spec §8): the authorization request, read and
 * checked as §8.2 says, and answered by a redirect to the client; and the
 * token endpoint (`POST /token`), which authenticates the client and answers
 * JSON with `Cache-Control: no-store`, or an error in the §8.3 shape. No
 * answer or error names a secret, a code or a token it was given.
 */
import { ChatworkOAuthError } from '../../errors.ts'
import { OAUTH_SCOPES } from '../../oauth/scopes.ts'
import type { EmulatorOAuthClient, EmulatorState, IssuedTokens, PendingAuthorization } from '../state/index.ts'
import type { Reply } from './shared.ts'

/** The path of the authorization endpoint, as on www.chatwork.com (spec §8.2). */
export const AUTHORIZATION_PATH = '/packages/oauth2/login.php'
/** The path of the token endpoint, as on oauth.chatwork.com (spec §8.3). */
export const TOKEN_PATH = '/token'

/** A PKCE code challenge (RFC 7636 §4.2, spec §8.2). */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/

/** A refusal of the authorization step: its RFC 6749 code, and the documented Chatwork code where §8.2 gives one. */
function refusal(error: string, description: string, code?: number): ChatworkOAuthError {
  return new ChatworkOAuthError({ error, description: code === undefined ? description : `${description} (${code})`, status: 400 })
}

/** An authorization request, read: waiting for the user, or refused with a redirect to the client. */
export type AuthorizationOutcome = { pending: PendingAuthorization } | { refused: string }

/**
 * Reads an authorization request (spec §8.2). A request whose client or
 * redirect URI is wrong cannot be answered by a redirect, which could go
 * anywhere: it throws a `ChatworkOAuthError`, shown on the error page. Any
 * other refusal is a redirect to the client carrying `error`.
 *
 * @example
 * const outcome = readAuthorization(state, new URL(authorizationUrl).searchParams)
 * if ('pending' in outcome) redirect(answerAuthorization(state, outcome.pending, 1001, true))
 */
export function readAuthorization(state: EmulatorState, params: URLSearchParams): AuthorizationOutcome {
  const clientId = params.get('client_id')
  if (clientId === null || clientId === '') throw refusal('invalid_request', 'client_id is missing', 11000)
  const client = state.oauthClients.get(clientId)
  if (client === undefined) throw refusal('invalid_client', 'client_id is not a registered client')
  const sent = params.get('redirect_uri')
  let redirectUri: string
  if (sent === null || sent === '') {
    if (client.redirectUris.length > 1) throw refusal('invalid_request', 'redirect_uri is missing: the client registered more than one', 13000)
    redirectUri = client.redirectUris[0]!
  } else {
    if (!URL.canParse(sent)) throw refusal('invalid_request', 'redirect_uri is malformed', 14000)
    if (!client.redirectUris.includes(sent)) throw refusal('invalid_request', 'redirect_uri is not registered for the client', 15000)
    redirectUri = sent
  }
  const clientState = params.get('state') ?? undefined
  const refuse = (error: string, description: string, code?: number): AuthorizationOutcome => ({ refused: redirectWith(redirectUri, { error, error_description: code === undefined ? description : `${description} (${code})`, state: clientState }) })

  const responseType = params.get('response_type')
  if (responseType === null || responseType === '') return refuse('invalid_request', 'response_type is missing', 1001)
  if (responseType === 'token') return refuse('unsupported_response_type', 'response_type token is not supported', 4001)
  if (responseType !== 'code') return refuse('unsupported_response_type', 'response_type is unknown', 4002)
  const scopes = [...new Set((params.get('scope') ?? '').split(' ').filter((scope) => scope !== ''))]
  if (scopes.length === 0) return refuse('invalid_scope', 'scope is missing', 5001)
  const unknown = scopes.filter((scope) => !Object.hasOwn(OAUTH_SCOPES, scope))
  if (unknown.length > 0) return refuse('invalid_scope', `scope ${unknown.map((scope) => JSON.stringify(scope)).join(', ')} is unknown`, 5002)
  const unregistered = scopes.filter((scope) => !client.scopes.includes(scope))
  if (unregistered.length > 0) return refuse('invalid_scope', `scope ${unregistered.map((scope) => JSON.stringify(scope)).join(', ')} is not registered for the client`)
  const challenge = params.get('code_challenge') ?? undefined
  const method = params.get('code_challenge_method') ?? undefined
  if (challenge !== undefined || method !== undefined) {
    // RFC 7636's default method is plain, which Chatwork does not support
    if (method !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256', 18000)
    if (challenge === undefined || !CODE_CHALLENGE.test(challenge)) return refuse('invalid_request', 'code_challenge is malformed', 19000)
  } else if (client.type === 'public' && state.oauth.publicClientsRequirePkce) {
    return refuse('invalid_request', 'a public client must send a PKCE code_challenge')
  }
  return { pending: { client, redirectUri, redirectUriSent: sent !== null && sent !== '', scopes, state: clientState, codeChallenge: challenge } }
}

/**
 * The user's answer as the redirect to the client: a code (spec §8.2) or `access_denied`.
 *
 * @example
 * const location = answerAuthorization(state, pending, accountId, decision === 'allow')
 */
export function answerAuthorization(state: EmulatorState, pending: PendingAuthorization, accountId: number, allow: boolean): string {
  if (!allow) return redirectWith(pending.redirectUri, { error: 'access_denied', error_description: 'The user denied access (3001)', state: pending.state })
  return redirectWith(pending.redirectUri, { code: state.issueCode(pending, accountId), state: pending.state })
}

function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri)
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value)
  return url.toString()
}

/** How `expires_in` is written (spec §8.3 and §10: a number by default). */
export type ExpiresInFormat = 'number' | 'string'

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

function tokenError(error: ChatworkOAuthError): Reply {
  const headers: Record<string, string> = { ...NO_STORE }
  // RFC 6749 §5.2: a failed client authentication over Basic is a 401 with its challenge
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="oauth", charset="UTF-8"'
  return { status: error.status ?? 400, headers, body: { error: error.error, error_description: error.description ?? '', error_uri: null } }
}

/** The client a token request authenticates as: `Authorization: Basic` for a confidential client, `client_id` in the body for a public one. */
function authenticateClient(state: EmulatorState, authorization: string | undefined, form: URLSearchParams): EmulatorOAuthClient {
  const invalid = () => new ChatworkOAuthError({ error: 'invalid_client', description: 'Client authentication failed', status: 401 })
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '')
  if (basic !== null) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const client = colon === -1 ? undefined : state.oauthClients.get(decoded.slice(0, colon))
    if (client === undefined || client.clientSecret === undefined || !sameSecret(decoded.slice(colon + 1), client.clientSecret)) throw invalid()
    return client
  }
  const client = state.oauthClients.get(form.get('client_id') ?? '')
  // a confidential client must prove itself with its secret
  if (client === undefined || client.type !== 'public') throw invalid()
  return client
}

/** Compares a secret in time that does not depend on where it differs. */
function sameSecret(given: string, secret: string): boolean {
  let difference = given.length ^ secret.length
  for (let index = 0; index < secret.length; index++) difference |= (given.charCodeAt(index) || 0) ^ secret.charCodeAt(index)
  return difference === 0
}

/**
 * `POST /token` (spec §8.3).
 *
 * @example
 * const reply = tokenEndpoint(state, { method: 'POST', authorization: request.headers.authorization, form }, 'number')
 */
export function tokenEndpoint(state: EmulatorState, request: { method: string; authorization: string | undefined; form: URLSearchParams | undefined }, expiresIn: ExpiresInFormat): Reply {
  if (request.method !== 'POST') return { status: 405, headers: { ...NO_STORE, allow: 'POST' }, body: { error: 'invalid_request', error_description: 'The token endpoint takes POST', error_uri: null } }
  const form = request.form
  try {
    if (form === undefined) throw new ChatworkOAuthError({ error: 'invalid_request', description: 'The body must be application/x-www-form-urlencoded', status: 400 })
    const client = authenticateClient(state, request.authorization, form)
    const grantType = form.get('grant_type')
    const required = (name: string) => {
      const value = form.get(name)
      if (value === null || value === '') throw new ChatworkOAuthError({ error: 'invalid_request', description: `${name} is missing`, status: 400 })
      return value
    }
    let issued: IssuedTokens
    if (grantType === 'authorization_code') {
      issued = state.exchangeCode(client, { code: required('code'), redirectUri: form.get('redirect_uri') ?? undefined, codeVerifier: form.get('code_verifier') ?? undefined })
    } else if (grantType === 'refresh_token') {
      issued = state.refresh(client, { refreshToken: required('refresh_token'), scope: form.get('scope') ?? undefined })
    } else {
      throw new ChatworkOAuthError({ error: grantType === null ? 'invalid_request' : 'unsupported_grant_type', description: grantType === null ? 'grant_type is missing' : 'Only authorization_code and refresh_token are supported', status: 400 })
    }
    return {
      status: 200,
      headers: NO_STORE,
      body: {
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: expiresIn === 'string' ? String(issued.expiresInSeconds) : issued.expiresInSeconds,
        refresh_token: issued.refreshToken,
        scope: issued.scopes.join(' '),
      },
    }
  } catch (error) {
    if (error instanceof ChatworkOAuthError) return tokenError(error)
    throw error
  }
}

/** How the API treats OAuth access tokens, resolved from `startEmulator({ oauth })`. */
export interface OAuthApiSettings {
  /** Each endpoint's scopes, any one of which grants it. */
  endpointScopes: Readonly<Record<string, readonly string[]>>
  /** The status of a call outside the granted scopes. */
  insufficientScopeStatus: number
  expiresIn: ExpiresInFormat
}

/**
 * The refusal of a call outside the token's scopes: Chatwork's error body, and RFC 6750's challenge naming the scopes that would do.
 *
 * @example
 * if (!needed.some((scope) => granted.has(scope))) return insufficientScope(settings, needed)
 */
export function insufficientScope(settings: OAuthApiSettings, needed: readonly string[]): Reply {
  return {
    status: settings.insufficientScopeStatus,
    headers: { 'www-authenticate': `Bearer error="insufficient_scope", error_description="The access token does not grant this endpoint", scope="${needed.join(' ')}"` },
    body: { errors: [`The access token does not grant this endpoint: it needs one of the scopes ${needed.join(', ')}`] },
  }
}

/**
 * The 401 of an expired or revoked access token: the challenge and no body (spec §1.2).
 *
 * @example
 * return invalidToken('The access token expired')
 */
export function invalidToken(description: string): Reply {
  return { status: 401, noBody: true, headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` } }
}
