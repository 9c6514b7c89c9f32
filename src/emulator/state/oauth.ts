/**
 * OAuth 2.0 (spec §8): registered clients, authorization codes, and the grants
 * a user's consent makes, with their access and refresh tokens. Every refusal
 * is a `ChatworkOAuthError` holding an RFC 6749 error code and a description
 * that names no secret, code or token.
 */
import { createHash, randomBytes } from 'node:crypto'
import { ChatworkOAuthError } from '../../errors.ts'
import { OAUTH_SCOPES } from '../../oauth/scopes.ts'
import { FileState } from './files.ts'
import type { EmulatorBehavior } from './model.ts'

/** A client as registered (spec §8.1). */
export interface EmulatorOAuthClient {
  clientId: string
  type: 'confidential' | 'public'
  /** Only confidential clients have one. */
  clientSecret: string | undefined
  redirectUris: string[]
  scopes: string[]
}

/** The lifetimes and rules of the emulator's OAuth, resolved from `startEmulator({ oauth })`. */
export interface OAuthSettings {
  accessTokenLifetimeMs: number
  refreshTokenLifetimeMs: number
  codeLifetimeMs: number
  /** Whether `http://` redirect URIs on loopback are registered for either type (for local callbacks). */
  allowLoopbackRedirectUris: boolean
  /** Whether a public client must send a PKCE challenge (spec §8.1, uncertain). */
  publicClientsRequirePkce: boolean
}

/**
 * How long the emulator's access tokens live: 15 minutes (spec §8.3).
 *
 * @example
 * clock.advance(DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS) // the access token is now expired
 */
export const DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000

/**
 * How long a refresh token lives without `offline_access`: 14 days (spec §8.3).
 *
 * @example
 * await startEmulator({ oauth: { refreshTokenLifetimeMs: DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS / 14 } })
 */
export const DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS = 14 * 86_400_000

/**
 * How long an authorization code can be exchanged: 1 minute (spec §8.2).
 *
 * @example
 * clock.advance(DEFAULT_OAUTH_CODE_LIFETIME_MS + 1) // the code is now refused
 */
export const DEFAULT_OAUTH_CODE_LIFETIME_MS = 60_000

/**
 * The {@link OAuthSettings} defaults.
 *
 * @example
 * new EmulatorState(Date.now, {}, { ...DEFAULT_OAUTH_SETTINGS, codeLifetimeMs: 5_000 })
 */
export const DEFAULT_OAUTH_SETTINGS: Readonly<OAuthSettings> = Object.freeze({
  accessTokenLifetimeMs: DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS,
  refreshTokenLifetimeMs: DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS,
  codeLifetimeMs: DEFAULT_OAUTH_CODE_LIFETIME_MS,
  allowLoopbackRedirectUris: true,
  publicClientsRequirePkce: true,
})

/**
 * What `emu.oauth.addClient` takes.
 *
 * @example
 * emu.oauth.addClient({ type: 'confidential', redirectUris: ['https://app.example/cb'], scopes: ['rooms.all:read'] } satisfies OAuthClientInput)
 */
export interface OAuthClientInput {
  type: 'confidential' | 'public'
  redirectUris: readonly string[]
  scopes: readonly string[]
}

/** A validated authorization request (spec §8.2), waiting for the user's answer. */
export interface PendingAuthorization {
  client: EmulatorOAuthClient
  /** Where the answer goes: the URI sent, or the only one registered. */
  redirectUri: string
  /** Whether the request named `redirect_uri` (the token request must then name the same). */
  redirectUriSent: boolean
  scopes: string[]
  state: string | undefined
  codeChallenge: string | undefined
}

/** What a token request is answered with. */
export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  expiresInSeconds: number
  scopes: string[]
}

/** An access token's standing, for the API's authentication. */
export type AccessTokenStatus =
  | { status: 'valid'; accountId: number; grantId: string; scopes: ReadonlySet<string> }
  | { status: 'expired' | 'revoked' }
  | undefined

interface AuthorizationCode {
  pending: PendingAuthorization
  accountId: number
  expiresAt: number
  /** Set once exchanged: a second exchange revokes what the first gave (RFC 6749 §4.1.2). */
  grantId?: string
}

interface Grant {
  id: string
  clientId: string
  accountId: number
  scopes: string[]
  offline: boolean
  revoked: boolean
}

interface TokenRecord {
  grantId: string
  scopes: string[]
  expiresAt: number
  revoked: boolean
}

/** Most redirect URIs a client may register (spec §8.1). */
const MAX_REDIRECT_URIS = 5
/** A PKCE code challenge or verifier (RFC 7636 §4.1, spec §8.2). */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

function random(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

function refuse(error: string, description: string, status = 400): ChatworkOAuthError {
  return new ChatworkOAuthError({ error, description, status })
}

/**
 * A scope list with every scope the ⊇ relations of spec §8.4 put under it.
 *
 * @example
 * expandScopes(['rooms.all:read']).has('rooms.messages:read') // true
 */
export function expandScopes(scopes: readonly string[]): Set<string> {
  const all = new Set<string>()
  const pending = [...scopes]
  while (pending.length > 0) {
    const scope = pending.pop()!
    if (all.has(scope)) continue
    all.add(scope)
    for (const narrower of OAUTH_SCOPES[scope] ?? []) pending.push(narrower)
  }
  return all
}

/** Whether a redirect URI may be registered for a client type (spec §8.1). */
function registrable(uri: string, type: OAuthClientInput['type'], settings: OAuthSettings): boolean {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return false
  }
  if (url.hash !== '') return false
  if (settings.allowLoopbackRedirectUris && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return true
  return type === 'confidential' ? url.protocol === 'https:' : url.protocol !== 'http:'
}

/** The state with OAuth clients, codes and grants. */
export class OAuthState extends FileState {
  readonly oauthClients = new Map<string, EmulatorOAuthClient>()
  readonly oauth: OAuthSettings
  readonly #codes = new Map<string, AuthorizationCode>()
  readonly #grants = new Map<string, Grant>()
  readonly #accessTokens = new Map<string, TokenRecord>()
  readonly #refreshTokens = new Map<string, TokenRecord>()

  constructor(clock: () => number, behavior: Partial<EmulatorBehavior> = {}, oauth: OAuthSettings = DEFAULT_OAUTH_SETTINGS) {
    super(clock, behavior)
    this.oauth = oauth
  }

  /** Registers a client (spec §8.1): 1–5 redirect URIs fit for its type, at least one known scope, `offline_access` for confidential clients only. */
  addOAuthClient(input: OAuthClientInput): EmulatorOAuthClient {
    if (input.type !== 'confidential' && input.type !== 'public') throw refuse('invalid_client_metadata', 'type must be confidential or public')
    const redirectUris = [...input.redirectUris]
    if (redirectUris.length < 1 || redirectUris.length > MAX_REDIRECT_URIS) throw refuse('invalid_redirect_uri', `A client registers 1 to ${MAX_REDIRECT_URIS} redirect URIs`)
    for (const uri of redirectUris) {
      if (typeof uri !== 'string' || !registrable(uri, input.type, this.oauth)) {
        throw refuse('invalid_redirect_uri', input.type === 'confidential' ? `A confidential client's redirect URIs start with https:// (got ${JSON.stringify(uri)})` : `A public client's redirect URIs must not start with http:// (got ${JSON.stringify(uri)})`)
      }
    }
    const scopes = [...new Set(input.scopes)]
    if (scopes.length === 0) throw refuse('invalid_client_metadata', 'A client registers at least one scope')
    for (const scope of scopes) if (!Object.hasOwn(OAUTH_SCOPES, scope)) throw refuse('invalid_client_metadata', `Unknown scope ${JSON.stringify(scope)} (spec §8.4)`)
    if (input.type === 'public' && scopes.includes('offline_access')) throw refuse('invalid_client_metadata', 'offline_access is for confidential clients only')
    const client: EmulatorOAuthClient = {
      clientId: random(12),
      type: input.type,
      clientSecret: input.type === 'confidential' ? random(32) : undefined,
      redirectUris,
      scopes,
    }
    this.oauthClients.set(client.clientId, client)
    return client
  }

  /** Issues a code for an approved authorization request, valid for `codeLifetimeMs` (spec §8.2: 1 minute). */
  issueCode(pending: PendingAuthorization, accountId: number): string {
    this.account(accountId)
    const now = this.clock()
    // An expired code is refused as unknown: there is no need to keep it.
    for (const [code, entry] of this.#codes) if (entry.expiresAt < now) this.#codes.delete(code)
    const code = random(32)
    this.#codes.set(code, { pending, accountId, expiresAt: now + this.oauth.codeLifetimeMs })
    return code
  }

  /** The token request of the authorization code grant (spec §8.3), for an authenticated client. */
  exchangeCode(client: EmulatorOAuthClient, input: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined }): IssuedTokens {
    const entry = this.#codes.get(input.code)
    if (entry === undefined || entry.pending.client.clientId !== client.clientId) throw refuse('invalid_grant', 'The authorization code is invalid')
    if (entry.grantId !== undefined) {
      this.#revokeGrant(entry.grantId)
      throw refuse('invalid_grant', 'The authorization code was already used')
    }
    // Used by this attempt whatever its outcome, so that a verifier cannot be guessed against one code.
    entry.grantId = ''
    if (this.clock() > entry.expiresAt) throw refuse('invalid_grant', 'The authorization code expired')
    const { pending } = entry
    if (pending.redirectUriSent ? input.redirectUri !== pending.redirectUri : input.redirectUri !== undefined && input.redirectUri !== pending.redirectUri) {
      throw refuse('invalid_grant', 'The redirect_uri is not the one of the authorization request')
    }
    if (pending.codeChallenge !== undefined) {
      if (input.codeVerifier === undefined) throw refuse('invalid_grant', 'The code_verifier is missing')
      if (!PKCE_VALUE.test(input.codeVerifier)) throw refuse('invalid_request', 'The code_verifier is malformed (20000)')
      if (createHash('sha256').update(input.codeVerifier).digest('base64url') !== pending.codeChallenge) throw refuse('invalid_grant', 'The code_verifier does not match the code_challenge')
    }
    const grant: Grant = { id: random(12), clientId: client.clientId, accountId: entry.accountId, scopes: pending.scopes, offline: pending.scopes.includes('offline_access'), revoked: false }
    this.#grants.set(grant.id, grant)
    entry.grantId = grant.id
    return this.#issue(grant, grant.scopes)
  }

  /** The token request of the refresh token grant (spec §8.3): a new pair, the old refresh token spent (rotation). */
  refresh(client: EmulatorOAuthClient, input: { refreshToken: string; scope: string | undefined }): IssuedTokens {
    const record = this.#refreshTokens.get(input.refreshToken)
    const grant = record === undefined ? undefined : this.#grants.get(record.grantId)
    if (record === undefined || grant === undefined || grant.clientId !== client.clientId) throw refuse('invalid_grant', 'The refresh token is invalid')
    if (record.revoked || grant.revoked) throw refuse('invalid_grant', 'The refresh token was revoked')
    if (this.clock() >= record.expiresAt) throw refuse('invalid_grant', 'The refresh token expired')
    let scopes = grant.scopes
    if (input.scope !== undefined) {
      const asked = input.scope.split(' ').filter((scope) => scope !== '')
      const granted = expandScopes(grant.scopes)
      const beyond = asked.filter((scope) => !granted.has(scope))
      if (asked.length === 0 || beyond.length > 0) throw refuse('invalid_scope', `The scope may only narrow the grant (${beyond.map((scope) => JSON.stringify(scope)).join(', ') || 'none asked'})`)
      scopes = [...new Set(asked)]
    }
    record.revoked = true
    return this.#issue(grant, scopes)
  }

  /** An access token's standing: valid (with whom and which scopes), expired, revoked, or unknown. */
  accessToken(token: string): AccessTokenStatus {
    const record = this.#accessTokens.get(token)
    if (record === undefined) return undefined
    const grant = this.#grants.get(record.grantId)!
    if (record.revoked || grant.revoked) return { status: 'revoked' }
    if (this.clock() >= record.expiresAt) return { status: 'expired' }
    return { status: 'valid', accountId: grant.accountId, grantId: grant.id, scopes: expandScopes(record.scopes) }
  }

  /** Whether a value is a code or token the emulator issued (to redact it from the request log). */
  isOAuthSecret(value: string): boolean {
    return this.#accessTokens.has(value) || this.#refreshTokens.has(value) || this.#codes.has(value)
  }

  /**
   * Revokes a token: an access token alone; a refresh token with its whole
   * grant (every token issued under it, RFC 7009 §2.1). Returns whether it was one.
   */
  revokeToken(token: string): boolean {
    const access = this.#accessTokens.get(token)
    if (access !== undefined) {
      access.revoked = true
      return true
    }
    const refresh = this.#refreshTokens.get(token)
    if (refresh === undefined) return false
    this.#revokeGrant(refresh.grantId)
    return true
  }

  #revokeGrant(grantId: string): void {
    const grant = this.#grants.get(grantId)
    if (grant !== undefined) grant.revoked = true
  }

  #issue(grant: Grant, scopes: string[]): IssuedTokens {
    const now = this.clock()
    const accessToken = random(32)
    const refreshToken = random(32)
    this.#accessTokens.set(accessToken, { grantId: grant.id, scopes, expiresAt: now + this.oauth.accessTokenLifetimeMs, revoked: false })
    // offline_access: a refresh token that never expires unless revoked (spec §8.3)
    this.#refreshTokens.set(refreshToken, { grantId: grant.id, scopes: grant.scopes, expiresAt: grant.offline ? Infinity : now + this.oauth.refreshTokenLifetimeMs, revoked: false })
    return { accessToken, refreshToken, expiresInSeconds: Math.round(this.oauth.accessTokenLifetimeMs / 1000), scopes }
  }
}
