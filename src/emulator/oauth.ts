/**
 * `emu.oauth`: the emulator's OAuth 2.0 (spec §8), driven from tests:
 * register clients, answer an authorization request as a user would on the
 * consent page, revoke tokens; and the endpoints to point
 * `chatwork-kit/oauth` at.
 */
import { ChatworkEmulatorError } from '../errors.ts'
import { answerAuthorization, AUTHORIZATION_PATH, readAuthorization, TOKEN_PATH, type ExpiresInFormat } from './routes/oauth.ts'
import type { OAuthEndpoint } from './routes/scopes.ts'
import { DEFAULT_OAUTH_SETTINGS, type EmulatorState, type OAuthClientInput, type OAuthSettings } from './state/index.ts'

/**
 * The status of an API call outside the access token's scopes: 403. Chatwork
 * does not document it (spec §1.6); `oauth.insufficientScopeStatus` changes it.
 *
 * @example
 * await startEmulator({ oauth: { insufficientScopeStatus: DEFAULT_INSUFFICIENT_SCOPE_STATUS } })
 */
export const DEFAULT_INSUFFICIENT_SCOPE_STATUS = 403

/**
 * The OAuth options of `startEmulator`; all optional.
 *
 * @example
 * await startEmulator({ clock: () => now, oauth: { insufficientScopeStatus: 401, expiresIn: 'string' } satisfies EmulatorOAuthOptions })
 */
export interface EmulatorOAuthOptions {
  /** Default {@link DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS} (15 minutes), on the emulator's clock. */
  accessTokenLifetimeMs?: number
  /** Without `offline_access`. Default {@link DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS} (14 days). */
  refreshTokenLifetimeMs?: number
  /** Default {@link DEFAULT_OAUTH_CODE_LIFETIME_MS} (1 minute). */
  codeLifetimeMs?: number
  /** Default {@link DEFAULT_INSUFFICIENT_SCOPE_STATUS}. */
  insufficientScopeStatus?: number
  /** Overrides of {@link ENDPOINT_SCOPES}, for the endpoints whose scopes the spec is unsure of. */
  endpointScopes?: Partial<Record<OAuthEndpoint, readonly string[]>>
  /** `expires_in` as a number (default) or a numeric string, as some of Chatwork's samples show it (spec §8.3). */
  expiresIn?: ExpiresInFormat
  /**
   * Whether `http://127.0.0.1`, `http://localhost` and `http://[::1]` redirect
   * URIs may be registered, for a local callback, though Chatwork wants
   * `https://` (confidential) or no `http://` (public). Default `true`.
   */
  allowLoopbackRedirectUris?: boolean
  /** Whether a public client must use PKCE (a secondary source says Chatwork requires it, spec §8.1). Default `true`. */
  publicClientsRequirePkce?: boolean
}

/**
 * The options' state-level settings, checked.
 *
 * @example
 * new EmulatorState(clock, {}, resolveOAuthSettings({ codeLifetimeMs: 5_000 }))
 */
export function resolveOAuthSettings(options: EmulatorOAuthOptions = {}): OAuthSettings {
  const settings = {
    accessTokenLifetimeMs: options.accessTokenLifetimeMs ?? DEFAULT_OAUTH_SETTINGS.accessTokenLifetimeMs,
    refreshTokenLifetimeMs: options.refreshTokenLifetimeMs ?? DEFAULT_OAUTH_SETTINGS.refreshTokenLifetimeMs,
    codeLifetimeMs: options.codeLifetimeMs ?? DEFAULT_OAUTH_SETTINGS.codeLifetimeMs,
    allowLoopbackRedirectUris: options.allowLoopbackRedirectUris ?? DEFAULT_OAUTH_SETTINGS.allowLoopbackRedirectUris,
    publicClientsRequirePkce: options.publicClientsRequirePkce ?? DEFAULT_OAUTH_SETTINGS.publicClientsRequirePkce,
  }
  for (const key of ['accessTokenLifetimeMs', 'refreshTokenLifetimeMs', 'codeLifetimeMs'] as const) {
    if (!(settings[key] > 0)) throw new RangeError(`oauth.${key} must be a positive number, got ${settings[key]}`)
  }
  return settings
}

/**
 * What {@link EmulatorOAuth.addClient} returns: the client's id, and its secret when it is confidential.
 *
 * @example
 * const { clientId, clientSecret }: RegisteredClient = emu.oauth.addClient({ type: 'confidential', redirectUris, scopes })
 */
export interface RegisteredClient {
  clientId: string
  clientSecret?: string
}

/**
 * What {@link EmulatorOAuth.authorize} takes.
 *
 * @example
 * emu.oauth.authorize({ url, accountId: 1002, allow: false } satisfies AuthorizeInput)
 */
export interface AuthorizeInput {
  /** The authorization URL (from `createAuthorizationRequest`). */
  url: string | URL
  /** The emulator account that answers. Default: the main account. */
  accountId?: number
  /** Allow (default) or deny. */
  allow?: boolean
}

/**
 * The emulator's OAuth, as `emu.oauth`.
 *
 * @example
 * const { clientId, clientSecret } = emu.oauth.addClient({ type: 'confidential', redirectUris: ['https://app.example/cb'], scopes: ['rooms.all:read_write'] })
 * const { url, state, codeVerifier } = await createAuthorizationRequest({ clientId, scope: 'rooms.all:read_write', authorizationEndpoint: emu.oauth.authorizationEndpoint })
 * const code = handleRedirect(emu.oauth.authorize({ url }), { state })
 * const tokens = await exchangeCode({ clientId, clientSecret, code, codeVerifier, tokenEndpoint: emu.oauth.tokenEndpoint })
 */
export class EmulatorOAuth {
  readonly #state: EmulatorState
  readonly #origin: () => string
  readonly #mainAccountId: number

  /** @internal `startEmulator` makes it. */
  constructor(state: EmulatorState, origin: () => string, mainAccountId: number) {
    this.#state = state
    this.#origin = origin
    this.#mainAccountId = mainAccountId
  }

  /** The URL to pass as `authorizationEndpoint` (Chatwork's `https://www.chatwork.com/packages/oauth2/login.php`). */
  get authorizationEndpoint(): string {
    return `${this.#origin()}${AUTHORIZATION_PATH}`
  }

  /** The URL to pass as `tokenEndpoint` (Chatwork's `https://oauth.chatwork.com/token`). */
  get tokenEndpoint(): string {
    return `${this.#origin()}${TOKEN_PATH}`
  }

  /**
   * Registers a client as Chatwork's UI does (spec §8.1): 1–5 redirect URIs
   * (`https://` for a confidential client, none `http://` for a public one;
   * loopback `http://` allowed unless `allowLoopbackRedirectUris: false`), at
   * least one scope, `offline_access` for confidential clients only. A
   * confidential client gets a secret. Refusals are `ChatworkOAuthError`s.
   *
   * @example
   * const { clientId } = emu.oauth.addClient({ type: 'public', redirectUris: ['myapp://callback'], scopes: ['users.profile.me:read'] })
   */
  addClient(input: OAuthClientInput): RegisteredClient {
    const client = this.#state.addOAuthClient(input)
    return client.clientSecret === undefined ? { clientId: client.clientId } : { clientId: client.clientId, clientSecret: client.clientSecret }
  }

  /**
   * Answers an authorization request as the consent page does, without a
   * browser: returns the redirect URL, with `code` and `state` when allowed,
   * `error=access_denied` when denied, or the `error` of a request that §8.2
   * refuses by a redirect (an unknown scope, say). A request whose client or
   * redirect URI is wrong throws a `ChatworkOAuthError` instead (the error
   * page: such a request cannot be redirected).
   *
   * @example
   * const code = handleRedirect(emu.oauth.authorize({ url, accountId: 1002 }), { state })
   */
  authorize(input: AuthorizeInput): string {
    const url = new URL(input.url)
    if (url.pathname !== AUTHORIZATION_PATH) throw new ChatworkEmulatorError(400, `Not an authorization URL: its path is not ${AUTHORIZATION_PATH}`)
    const accountId = input.accountId ?? this.#mainAccountId
    this.#state.account(accountId)
    const outcome = readAuthorization(this.#state, url.searchParams)
    if ('refused' in outcome) return outcome.refused
    return answerAuthorization(this.#state, outcome.pending, accountId, input.allow ?? true)
  }

  /**
   * Revokes a token: an access token alone, or a refresh token with every
   * token of its grant. The API then answers 401 `invalid_token` to the access
   * tokens, and the token endpoint `invalid_grant` to the refresh token.
   * Returns whether the token was one the emulator issued.
   *
   * @example
   * emu.oauth.revoke(tokens.refreshToken)
   */
  revoke(token: string): boolean {
    return this.#state.revokeToken(token)
  }
}
