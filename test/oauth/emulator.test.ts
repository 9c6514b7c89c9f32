/**
 * chatwork-kit/oauth and the client against the emulator's OAuth, over
 * loopback: the whole flow (authorization URL → consent → redirect →
 * exchange → API calls → expiry on the emulator's clock → refresh → the
 * rotated refresh token persisted), concurrent calls around expiry sharing
 * one refresh, every refusal of spec §8, scopes enforced per endpoint, and no
 * secret, code or token in any error or in the request log.
 */
import { inspect } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkApiError, ChatworkClient } from 'chatwork-kit/client'
import {
  ChatworkOAuthError,
  codeChallengeOf,
  createAuthorizationRequest,
  createTokenSource,
  exchangeCode,
  handleRedirect,
  randomUrlSafe,
  refreshTokens,
  type OAuthTokens,
} from 'chatwork-kit/oauth'
import { DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS, DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS, startEmulator, type Emulator } from 'chatwork-kit/testing'

const REDIRECT_URI = 'https://app.example.org/callback'
const SCOPES = ['rooms.all:read_write', 'users.profile.me:read']

/** The emulator's clock, moved by the tests; the token sources read it too. */
let time = Date.UTC(2026, 0, 5, 9)
const now = () => time

let emu: Emulator
let room: number
/** Every value that must never show: secrets, codes, verifiers, tokens. */
const secrets = new Set<string>()
/** Every error the tests saw. */
const errors: unknown[] = []

beforeAll(async () => {
  // budgets wide enough for the property's calls: the limits are not what is tested here
  emu = await startEmulator({ clock: now, rateLimit: { limit: 100_000, roomPostLimit: 100_000 } })
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
})
afterAll(() => emu.close())

function client(scopes: string[] = SCOPES, type: 'confidential' | 'public' = 'confidential', redirectUris = [REDIRECT_URI]) {
  const registered = emu.oauth.addClient({ type, redirectUris, scopes })
  if (registered.clientSecret !== undefined) secrets.add(registered.clientSecret)
  return { clientId: registered.clientId, clientSecret: registered.clientSecret, tokenEndpoint: emu.oauth.tokenEndpoint, now }
}

/** Its error, noted for the final check. */
async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    errors.push(error)
    return error
  }
  throw new Error('expected a refusal')
}

function note(tokens: OAuthTokens): OAuthTokens {
  secrets.add(tokens.accessToken)
  secrets.add(tokens.refreshToken)
  return tokens
}

/** The consent step as a test makes it: the authorization URL, the emulator's answer, the code of the redirect. */
async function authorize(app: ReturnType<typeof client>, options: { scope?: string[]; accountId?: number; redirectUri?: string } = {}) {
  const request = await createAuthorizationRequest({ clientId: app.clientId, scope: options.scope ?? SCOPES, redirectUri: options.redirectUri, authorizationEndpoint: emu.oauth.authorizationEndpoint })
  secrets.add(request.codeVerifier!)
  const redirect = emu.oauth.authorize({ url: request.url, accountId: options.accountId })
  const code = handleRedirect(redirect, { state: request.state })
  secrets.add(code)
  return { request, redirect, code }
}

async function signIn(app: ReturnType<typeof client>, options: { scope?: string[]; accountId?: number } = {}) {
  const { request, code } = await authorize(app, options)
  return note(await exchangeCode({ ...app, code, codeVerifier: request.codeVerifier }))
}

const refreshRequests = () => emu.requests.filter((request) => request.path === '/token' && request.body.includes('grant_type=refresh_token'))

beforeEach(() => {
  emu.requests.length = 0
})

describe('the whole flow', () => {
  it('authorization URL → consent → redirect → exchange → API calls → expiry → refresh → the rotated pair persisted', async () => {
    const app = client()
    const { request, redirect, code } = await authorize(app, { accountId: 1002 })
    const answer = new URL(redirect)
    expect(answer.origin + answer.pathname).toBe(REDIRECT_URI)
    expect(answer.searchParams.get('state')).toBe(request.state)
    const tokens = note(await exchangeCode({ ...app, code, codeVerifier: request.codeVerifier }))
    expect(tokens.scope).toEqual(SCOPES)
    expect(tokens.expiresAt.getTime()).toBe(time + DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS)

    const persisted: OAuthTokens[] = []
    const source = createTokenSource({ ...app, tokens, onTokens: (fresh) => void persisted.push(note(fresh)) })
    const api = new ChatworkClient({ baseURL: emu.baseURL, accessToken: source })
    // the grant acts as the account that consented
    expect((await api.me()).account_id).toBe(1002)
    await api.messages.send(room, 'posted with an OAuth token')
    expect(emu.messages(room).at(-1)).toMatchObject({ account_id: 1002, body: 'posted with an OAuth token' })
    expect(emu.requests.filter((r) => r.path.startsWith('/rooms') || r.path === '/me').every((r) => r.headers.authorization === 'Bearer [redacted]')).toBe(true)
    expect(refreshRequests()).toHaveLength(0)

    time += DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS
    // the old access token is expired for the API: 401 with the challenge and no body (spec §1.2)
    const expired = await fetch(`${emu.baseURL}/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } })
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="The access token expired"')
    expect(await expired.text()).toBe('')

    expect((await api.me()).account_id).toBe(1002)
    expect(refreshRequests()).toHaveLength(1)
    expect(persisted).toHaveLength(1)
    expect(persisted[0]!.refreshToken).not.toBe(tokens.refreshToken)
    expect(persisted[0]!.accessToken).not.toBe(tokens.accessToken)
    // rotated: the old refresh token is spent
    const spent = await refusal(refreshTokens({ ...app, refreshToken: tokens.refreshToken }))
    expect(spent).toMatchObject({ error: 'invalid_grant', status: 400 })
    // the persisted one is what a restarted app goes on with
    const restarted = createTokenSource({ ...app, tokens: persisted[0]!, onTokens: (fresh) => void persisted.push(note(fresh)) })
    expect((await new ChatworkClient({ baseURL: emu.baseURL, accessToken: restarted }).rooms.list()).length).toBeGreaterThan(0)
  })

  it('an access token revoked early: the 401 invalid_token makes the client refresh and send the call once more', async () => {
    const app = client()
    const tokens = await signIn(app)
    emu.requests.length = 0
    const persisted: OAuthTokens[] = []
    const api = new ChatworkClient({ baseURL: emu.baseURL, accessToken: createTokenSource({ ...app, tokens, onTokens: (fresh) => void persisted.push(note(fresh)) }) })
    expect(emu.oauth.revoke(tokens.accessToken)).toBe(true)
    const before = emu.messages(room).length
    await api.messages.send(room, 'after a revoked access token')
    expect(emu.messages(room)).toHaveLength(before + 1)
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST /rooms/${room}/messages 401`, 'POST /token 200', `POST /rooms/${room}/messages 200`])
    expect(persisted).toHaveLength(1)
  })

  it('a public client: PKCE and its client_id in the body, no secret', async () => {
    const app = client(['users.profile.me:read'], 'public', ['myapp://callback'])
    expect(app.clientSecret).toBeUndefined()
    const tokens = await signIn(app, { scope: ['users.profile.me:read'] })
    expect((await new ChatworkClient({ baseURL: emu.baseURL, accessToken: tokens.accessToken }).me()).account_id).toBe(1001)
    // without PKCE, a public client is refused at the authorization step
    const { url, state } = await createAuthorizationRequest({ clientId: app.clientId, scope: 'users.profile.me:read', pkce: false, authorizationEndpoint: emu.oauth.authorizationEndpoint })
    expect(await refusal(() => handleRedirect(emu.oauth.authorize({ url }), { state }))).toMatchObject({ error: 'invalid_request' })
  })

  it('answers JSON with Cache-Control: no-store; expires_in as a number, or a string when configured', async () => {
    const app = client()
    const { request, code } = await authorize(app)
    const response = await fetch(emu.oauth.tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${app.clientId}:${app.clientSecret}`)}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: request.codeVerifier! }),
    })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json()
    note({ accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: new Date(), scope: [] })
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, refresh_token: expect.any(String), scope: SCOPES.join(' ') })

    const stringly = await startEmulator({ clock: now, oauth: { expiresIn: 'string' } })
    try {
      const registered = stringly.oauth.addClient({ type: 'confidential', redirectUris: [REDIRECT_URI], scopes: SCOPES })
      secrets.add(registered.clientSecret!)
      const other = { ...registered, tokenEndpoint: stringly.oauth.tokenEndpoint, now }
      const auth = await createAuthorizationRequest({ clientId: other.clientId, scope: SCOPES, authorizationEndpoint: stringly.oauth.authorizationEndpoint })
      const tokens = note(await exchangeCode({ ...other, code: handleRedirect(stringly.oauth.authorize({ url: auth.url }), { state: auth.state }), codeVerifier: auth.codeVerifier }))
      expect(tokens.expiresAt.getTime()).toBe(time + 900_000)
      expect(stringly.requests.at(-1)!.path).toBe('/token')
    } finally {
      await stringly.close()
    }
  })

  it('refresh tokens last 14 days, or for good with offline_access', async () => {
    const app = client([...SCOPES, 'offline_access'])
    const daily = await signIn(app)
    const offline = await signIn(app, { scope: [...SCOPES, 'offline_access'] })
    time += DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS
    expect(await refusal(refreshTokens({ ...app, refreshToken: daily.refreshToken }))).toMatchObject({ error: 'invalid_grant' })
    expect(note(await refreshTokens({ ...app, refreshToken: offline.refreshToken })).scope).toContain('offline_access')
  })

  it('a refresh may narrow the scopes, never widen them', async () => {
    const app = client()
    const tokens = await signIn(app)
    const narrow = note(await refreshTokens({ ...app, refreshToken: tokens.refreshToken, scope: 'users.profile.me:read' }))
    expect(narrow.scope).toEqual(['users.profile.me:read'])
    await expect(new ChatworkClient({ baseURL: emu.baseURL, accessToken: narrow.accessToken }).rooms.list()).rejects.toMatchObject({ status: 403 })
    expect(await refusal(refreshTokens({ ...app, refreshToken: narrow.refreshToken, scope: 'contacts.all:read' }))).toMatchObject({ error: 'invalid_scope' })
  })
})

describe('concurrent calls around expiry (property)', () => {
  it('for 1–50 concurrent calls, some before the clock reaches the refresh margin or expiry and the rest after, exactly one refresh and every call succeeds', async () => {
    const app = client()
    const calls = [(api: ChatworkClient) => api.me(), (api: ChatworkClient) => api.rooms.list(), (api: ChatworkClient) => api.messages.send(room, 'around expiry')]
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 50 }),
        fc.nat(50),
        fc.nat(3),
        fc.integer({ min: -60_000, max: 10 * 60_000 }),
        async (picked, cut, ticks, offset) => {
          // at least one call asks for a token after the clock moved: with none, no refresh is due
          const split = Math.min(cut, picked.length - 1)
          const tokens = await signIn(app)
          emu.requests.length = 0
          let told = 0
          const api = new ChatworkClient({ baseURL: emu.baseURL, accessToken: createTokenSource({ ...app, tokens, onTokens: (fresh) => void (told++, note(fresh)) }) })
          const before = picked.slice(0, split).map((index) => calls[index]!(api))
          for (let tick = 0; tick < ticks; tick++) await new Promise((resolve) => setImmediate(resolve))
          // within the refresh margin before expiry, or past it
          time = tokens.expiresAt.getTime() + offset
          const after = picked.slice(split).map((index) => calls[index]!(api))
          const results = await Promise.allSettled([...before, ...after])
          expect(results.filter((result) => result.status === 'rejected')).toEqual([])
          expect(refreshRequests()).toHaveLength(1)
          expect(told).toBe(1)
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('refusals', () => {
  it('a wrong state: the redirect is refused before its code is used', async () => {
    const app = client()
    const { request } = await authorize(app)
    const forged = emu.oauth.authorize({ url: request.url.replace(`state=${request.state}`, 'state=forged') })
    expect(await refusal(() => handleRedirect(forged, { state: request.state }))).toMatchObject({ error: 'state_mismatch' })
    // the emulator sends the state back unchanged
    expect(new URL(forged).searchParams.get('state')).toBe('forged')
  })

  it('a reused code: invalid_grant, and what the first exchange gave is revoked', async () => {
    const app = client()
    const { request, code } = await authorize(app)
    const first = note(await exchangeCode({ ...app, code, codeVerifier: request.codeVerifier }))
    expect(await refusal(exchangeCode({ ...app, code, codeVerifier: request.codeVerifier }))).toMatchObject({ error: 'invalid_grant', status: 400 })
    const api = new ChatworkClient({ baseURL: emu.baseURL, accessToken: first.accessToken })
    const error = await refusal(api.me())
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 401, errors: ['The access token was revoked'] })
  })

  it('a code after 1 minute of the emulator clock', async () => {
    const app = client()
    const { request, code } = await authorize(app)
    time += 60_001
    expect(await refusal(exchangeCode({ ...app, code, codeVerifier: request.codeVerifier }))).toMatchObject({ error: 'invalid_grant' })
  })

  it('a code within the minute is accepted', async () => {
    const app = client()
    const { request, code } = await authorize(app)
    time += 59_000
    expect(note(await exchangeCode({ ...app, code, codeVerifier: request.codeVerifier })).accessToken).toEqual(expect.any(String))
  })

  it('a wrong verifier, a missing one, a malformed one (20000)', async () => {
    const app = client()
    for (const [codeVerifier, error] of [[randomUrlSafe(), 'invalid_grant'], [undefined, 'invalid_grant'], ['short', 'invalid_request']] as const) {
      const { code } = await authorize(app)
      if (codeVerifier !== undefined) secrets.add(codeVerifier)
      const refused = await refusal(exchangeCode({ ...app, code, codeVerifier }))
      expect(refused).toMatchObject({ error })
      if (codeVerifier === 'short') expect((refused as ChatworkOAuthError).description).toContain('(20000)')
    }
  })

  it('a wrong secret, no secret, or an unknown client: invalid_client, 401', async () => {
    const app = client()
    for (const clientSecret of [`${app.clientSecret}x`, undefined]) {
      const { request, code } = await authorize(app)
      if (clientSecret !== undefined) secrets.add(clientSecret)
      expect(await refusal(exchangeCode({ ...app, clientSecret, code, codeVerifier: request.codeVerifier }))).toMatchObject({ error: 'invalid_client', status: 401 })
    }
    expect(await refusal(refreshTokens({ ...app, clientId: 'nobody', refreshToken: 'whatever-refresh-token' }))).toMatchObject({ error: 'invalid_client' })
  })

  it('a wrong redirect URI: not registered (15000), malformed (14000), missing among several (13000), or not the one of the request', async () => {
    const app = client(SCOPES, 'confidential', [REDIRECT_URI, 'https://app.example.org/other'])
    const url = async (redirectUri?: string) => (await createAuthorizationRequest({ clientId: app.clientId, scope: SCOPES, redirectUri, authorizationEndpoint: emu.oauth.authorizationEndpoint })).url
    for (const [redirectUri, code] of [['https://evil.example/callback', 15000], ['not a url', 14000], [undefined, 13000]] as const) {
      const error = await refusal(async () => emu.oauth.authorize({ url: await url(redirectUri) }))
      expect(error).toBeInstanceOf(ChatworkOAuthError)
      expect((error as ChatworkOAuthError).description).toContain(`(${code})`)
    }
    const { request, code } = await authorize(app, { redirectUri: REDIRECT_URI })
    expect(await refusal(exchangeCode({ ...app, code, codeVerifier: request.codeVerifier, redirectUri: 'https://app.example.org/other' }))).toMatchObject({ error: 'invalid_grant' })
  })

  it('an unknown scope: refused by createAuthorizationRequest, and by the emulator (5002)', async () => {
    const app = client()
    await expect(refusal(createAuthorizationRequest({ clientId: app.clientId, scope: 'rooms.everything' }))).resolves.toMatchObject({ argument: 'scope' })
    const url = new URL(emu.oauth.authorizationEndpoint)
    url.search = new URLSearchParams({ response_type: 'code', client_id: app.clientId, scope: 'rooms.everything', state: 's' }).toString()
    const redirect = new URL(emu.oauth.authorize({ url }))
    expect(redirect.searchParams.get('error')).toBe('invalid_scope')
    expect(redirect.searchParams.get('error_description')).toContain('(5002)')
    expect(redirect.searchParams.has('code')).toBe(false)
  })

  it.each([
    [{ response_type: null }, 'invalid_request', 1001],
    [{ response_type: 'token' }, 'unsupported_response_type', 4001],
    [{ response_type: 'id_token' }, 'unsupported_response_type', 4002],
    [{ scope: null }, 'invalid_scope', 5001],
    [{ code_challenge_method: 'plain' }, 'invalid_request', 18000],
    [{ code_challenge: 'too-short' }, 'invalid_request', 19000],
  ] as const)('the authorization step redirects %j with error %s (%i)', async (change, error, code) => {
    const app = client()
    const params = new URLSearchParams({ response_type: 'code', client_id: app.clientId, scope: SCOPES.join(' '), state: 's1', code_challenge: await codeChallengeOf(randomUrlSafe()), code_challenge_method: 'S256' })
    for (const [name, value] of Object.entries(change)) value === null ? params.delete(name) : params.set(name, value)
    const redirect = new URL(emu.oauth.authorize({ url: `${emu.oauth.authorizationEndpoint}?${params}` }))
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ error, error_description: expect.stringContaining(`(${code})`), state: 's1' })
  })

  it('a missing client_id (11000) or an unknown one is an error page, not a redirect', async () => {
    expect(await refusal(() => emu.oauth.authorize({ url: `${emu.oauth.authorizationEndpoint}?response_type=code&scope=rooms.all:read` }))).toMatchObject({ error: 'invalid_request', description: expect.stringContaining('(11000)') })
    expect(await refusal(() => emu.oauth.authorize({ url: `${emu.oauth.authorizationEndpoint}?response_type=code&client_id=nobody&scope=rooms.all:read` }))).toMatchObject({ error: 'invalid_client' })
  })

  it('the user denies: access_denied (3001), which handleRedirect throws', async () => {
    const app = client()
    const { url, state } = await createAuthorizationRequest({ clientId: app.clientId, scope: SCOPES, authorizationEndpoint: emu.oauth.authorizationEndpoint })
    const redirect = emu.oauth.authorize({ url, allow: false })
    expect(new URL(redirect).searchParams.get('error_description')).toContain('(3001)')
    expect(await refusal(() => handleRedirect(redirect, { state }))).toMatchObject({ error: 'access_denied' })
  })

  it('a scope the client did not register', async () => {
    const app = client(['users.profile.me:read'])
    const { url, state } = await createAuthorizationRequest({ clientId: app.clientId, scope: SCOPES, authorizationEndpoint: emu.oauth.authorizationEndpoint })
    expect(await refusal(() => handleRedirect(emu.oauth.authorize({ url }), { state }))).toMatchObject({ error: 'invalid_scope' })
  })

  it('a revoked refresh token: one invalid_grant for the waiting calls, the grant’s access tokens refused, no loop', async () => {
    const app = client()
    const tokens = await signIn(app)
    const api = new ChatworkClient({ baseURL: emu.baseURL, accessToken: createTokenSource({ ...app, tokens, onTokens: (fresh) => void note(fresh) }) })
    expect(emu.oauth.revoke(tokens.refreshToken)).toBe(true)
    emu.requests.length = 0
    const results = await Promise.allSettled([api.me(), api.rooms.list(), api.me()])
    const reasons = results.map((result) => (result.status === 'rejected' ? result.reason : undefined))
    errors.push(...reasons)
    expect(reasons.every((reason) => reason instanceof ChatworkOAuthError && reason.error === 'invalid_grant')).toBe(true)
    expect(refreshRequests()).toHaveLength(1)
    await expect(api.me()).rejects.toBe(reasons[0])
    expect(refreshRequests()).toHaveLength(1)
  })
})

describe('scopes per endpoint (spec §5, §8.4)', () => {
  async function tokenWith(scope: string[]) {
    const app = client(scope)
    return new ChatworkClient({ baseURL: emu.baseURL, accessToken: (await signIn(app, { scope })).accessToken, retry: false })
  }

  it('a call outside the granted scopes is refused 403 with the insufficient_scope challenge', async () => {
    const api = await tokenWith(['users.profile.me:read'])
    expect((await api.me()).account_id).toBe(1001)
    const error = await refusal(api.rooms.list())
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 403 })
    const raw = emu.requests.at(-1)!
    expect(raw.responseHeaders!['www-authenticate']).toMatch(/^Bearer error="insufficient_scope".*scope="rooms.all:read_write rooms.all:read rooms.info:read"$/)
    await expect(api.myStatus()).rejects.toMatchObject({ status: 403 })
  })

  it('the ⊇ relations apply: rooms.all:read reads messages and members but posts nothing; users.all:read reads /my/status', async () => {
    const reader = await tokenWith(['rooms.all:read', 'users.all:read'])
    expect(Array.isArray(await reader.messages.list(room, { force: true }))).toBe(true)
    expect((await reader.rooms.members(room)).length).toBeGreaterThan(0)
    expect(await reader.myStatus()).toHaveProperty('unread_num')
    await expect(reader.messages.send(room, 'no')).rejects.toMatchObject({ status: 403 })
    await expect(reader.contacts()).rejects.toMatchObject({ status: 403 })
    const writer = await tokenWith(['rooms.messages:write'])
    await writer.messages.send(room, 'yes')
    await expect(writer.messages.list(room, { force: true })).rejects.toMatchObject({ status: 403 })
  })

  it('an API token (x-chatworktoken) is not scoped', async () => {
    const api = new ChatworkClient({ baseURL: emu.baseURL, token: emu.token })
    expect(await api.contacts()).toBeDefined()
  })

  it('the refusal status and uncertain endpoints’ scopes are configurable', async () => {
    const other = await startEmulator({ clock: now, oauth: { insufficientScopeStatus: 401, endpointScopes: { 'DELETE /rooms/:roomId': ['rooms.info:write'] } } })
    try {
      const registered = other.oauth.addClient({ type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['rooms.info:write'] })
      secrets.add(registered.clientSecret!)
      const auth = await createAuthorizationRequest({ clientId: registered.clientId, scope: 'rooms.info:write', authorizationEndpoint: other.oauth.authorizationEndpoint })
      const tokens = note(await exchangeCode({ ...registered, now, tokenEndpoint: other.oauth.tokenEndpoint, code: handleRedirect(other.oauth.authorize({ url: auth.url }), { state: auth.state }), codeVerifier: auth.codeVerifier }))
      const api = new ChatworkClient({ baseURL: other.baseURL, accessToken: tokens.accessToken })
      await expect(api.me()).rejects.toMatchObject({ status: 401 })
      const group = other.addRoom({ name: 'to leave', members: { admin: [1001, 1002] } })
      await api.rooms.leave(group)
      expect(other.rooms().some((r) => r.room_id === group)).toBe(false)
    } finally {
      await other.close()
    }
  })
})

describe('secrets', () => {
  it('no secret, code, verifier or token appears in any error seen, nor in the request log', () => {
    expect(errors.length).toBeGreaterThan(20)
    expect(secrets.size).toBeGreaterThan(40)
    const shown = errors.map((error) => `${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}\n${(error as Error).stack}`).join('\n')
    const log = JSON.stringify(emu.requests)
    for (const secret of secrets) {
      expect(shown.includes(secret), 'an error shows a secret').toBe(false)
      expect(log.includes(secret), 'the request log shows a secret').toBe(false)
    }
  })

  it('the token requests are in the log with their secrets redacted', async () => {
    const app = client()
    await signIn(app)
    const record = emu.requests.find((r) => r.path === '/token')!
    expect(record.headers.authorization).toBe('Basic [redacted]')
    expect(new URLSearchParams(record.body).get('code')).toBe('[redacted]')
    expect(new URLSearchParams(record.body).get('code_verifier')).toBe('[redacted]')
    expect(new URLSearchParams(record.body).get('grant_type')).toBe('authorization_code')
  })
})
