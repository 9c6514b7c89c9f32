import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { inspect } from 'node:util'
import { ChatworkArgumentError, ChatworkError } from '../../src/errors.ts'
import {
  ChatworkOAuthError,
  codeChallengeOf,
  createAuthorizationRequest,
  createTokenSource,
  exchangeCode,
  handleRedirect,
  refreshTokens,
  type OAuthTokens,
} from 'chatwork-kit/oauth'
import { startTokenServer, type TokenServer } from './token-server.ts'

const clientId = 'client-abc'
const clientSecret = 'client-secret-0123456789'

let server: TokenServer
beforeAll(async () => {
  server = await startTokenServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
  server.failWith = undefined
  server.expiresIn = 900
})

/** Everything an error shows: message, stack, properties, causes. */
function everything(error: unknown): string {
  return `${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}\n${(error as Error).stack}`
}

describe('createAuthorizationRequest', () => {
  it('builds the §8.2 URL with a random state and a PKCE S256 challenge of the verifier', async () => {
    const request = await createAuthorizationRequest({ clientId, redirectUri: 'https://app.example/cb', scope: ['rooms.all:read', 'users.profile.me:read'], authorizationEndpoint: 'https://auth.example/login.php' })
    const url = new URL(request.url)
    expect(url.origin + url.pathname).toBe('https://auth.example/login.php')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'https://app.example/cb',
      scope: 'rooms.all:read users.profile.me:read',
      state: request.state,
      code_challenge: await codeChallengeOf(request.codeVerifier!),
      code_challenge_method: 'S256',
    })
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/)
    expect(request.state).not.toBe((await createAuthorizationRequest({ clientId, scope: 'rooms.all:read' })).state)
  })

  it('computes the RFC 7636 appendix B challenge', async () => {
    expect(await codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('sends no challenge with pkce: false, and keeps a given state', async () => {
    const request = await createAuthorizationRequest({ clientId, scope: 'rooms.all:read', pkce: false, state: 'my-state' })
    const params = new URL(request.url).searchParams
    expect(params.has('code_challenge')).toBe(false)
    expect(request.codeVerifier).toBeUndefined()
    expect(params.get('state')).toBe('my-state')
    expect(new URL(request.url).origin).toBe('https://www.chatwork.com')
  })

  it('refuses an unknown or missing scope', async () => {
    await expect(createAuthorizationRequest({ clientId, scope: 'rooms.all:read rooms.everything' })).rejects.toBeInstanceOf(ChatworkArgumentError)
    await expect(createAuthorizationRequest({ clientId, scope: [] })).rejects.toMatchObject({ argument: 'scope' })
  })
})

describe('handleRedirect', () => {
  it('returns the code when the state matches, from a URL or its parameters', () => {
    expect(handleRedirect('https://app.example/cb?code=abc&state=s1', { state: 's1' })).toBe('abc')
    expect(handleRedirect(new URLSearchParams('code=abc&state=s1'), { state: 's1' })).toBe('abc')
  })

  it.each([
    ['https://app.example/cb?error=access_denied&state=s1', 'access_denied'],
    ['https://app.example/cb?code=abc&state=other', 'state_mismatch'],
    ['https://app.example/cb?code=abc', 'state_mismatch'],
    ['https://app.example/cb?error=access_denied&state=forged', 'state_mismatch'],
    ['https://app.example/cb?state=s1', 'missing_code'],
  ])('%s is a ChatworkOAuthError %s', (url, error) => {
    let thrown: unknown
    try {
      handleRedirect(url, { state: 's1' })
    } catch (caught) {
      thrown = caught
    }
    expect(thrown).toBeInstanceOf(ChatworkOAuthError)
    expect(thrown).toBeInstanceOf(ChatworkError)
    expect(thrown).toMatchObject({ error, code: 'ERR_CHATWORK_OAUTH' })
    if (error === 'state_mismatch') expect(everything(thrown)).not.toContain('abc')
  })
})

describe('the token endpoint', () => {
  it('exchanges a code with Basic auth and a form body, reading expires_in as a number or a numeric string', async () => {
    server.expiresIn = '900'
    const before = Date.now()
    const tokens = await exchangeCode({ clientId, clientSecret, code: 'the-code-123', codeVerifier: 'v'.repeat(43), redirectUri: 'https://app.example/cb', tokenEndpoint: server.url })
    const [request] = server.requests
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`)
    expect(Object.fromEntries(request!.form)).toEqual({ grant_type: 'authorization_code', code: 'the-code-123', code_verifier: 'v'.repeat(43), redirect_uri: 'https://app.example/cb' })
    expect(tokens.refreshToken).toBe(server.refreshToken)
    expect(tokens.scope).toEqual(['rooms.all:read', 'users.profile.me:read'])
    expect(tokens.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 900_000)
    expect(tokens.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 900_000)
  })

  it('names a public client in the body instead of Basic auth', async () => {
    await exchangeCode({ clientId, code: 'c0de-public', codeVerifier: 'v'.repeat(43), tokenEndpoint: server.url })
    expect(server.requests[0]!.authorization).toBeUndefined()
    expect(server.requests[0]!.form.get('client_id')).toBe(clientId)
  })

  it('refreshes with the refresh token and an optional narrower scope', async () => {
    const refreshToken = server.refreshToken
    const tokens = await refreshTokens({ clientId, clientSecret, refreshToken, scope: ['rooms.all:read'], tokenEndpoint: server.url })
    expect(Object.fromEntries(server.requests[0]!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'rooms.all:read' })
    expect(tokens.refreshToken).not.toBe(refreshToken)
  })

  it('turns the §8.3 error body into a ChatworkOAuthError that holds no secret, code or token', async () => {
    server.failWith = { status: 400, body: { error: 'invalid_grant', error_description: 'code the-secret-code-42 was used', error_uri: null } }
    const error = await exchangeCode({ clientId, clientSecret, code: 'the-secret-code-42', codeVerifier: 'verifier-'.repeat(6), tokenEndpoint: server.url }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ChatworkOAuthError)
    expect(error).toMatchObject({ error: 'invalid_grant', status: 400 })
    for (const secret of [clientSecret, 'the-secret-code-42', 'verifier-'.repeat(6), Buffer.from(`${clientId}:${clientSecret}`).toString('base64')]) expect(everything(error)).not.toContain(secret)
  })

  it.each([
    [{ access_token: 'a-token-xyz', token_type: 'Bearer', expires_in: 'soon', refresh_token: 'r-token-xyz' }],
    [{ token_type: 'Bearer', expires_in: 900, refresh_token: 'r-token-xyz' }],
    ['not an object'],
  ])('refuses an unusable answer %j as invalid_response without its tokens', async (body) => {
    server.failWith = { status: 200, body }
    const error = await refreshTokens({ clientId, clientSecret, refreshToken: 'refresh-secret-1', tokenEndpoint: server.url }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ error: 'invalid_response' })
    for (const secret of ['a-token-xyz', 'r-token-xyz', 'refresh-secret-1', clientSecret]) expect(everything(error)).not.toContain(secret)
  })

  it('a refused connection is a ChatworkNetworkError without the secrets', async () => {
    const closed = await startTokenServer()
    await closed.close()
    const error = await refreshTokens({ clientId, clientSecret, refreshToken: 'refresh-secret-2', tokenEndpoint: closed.url }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'ERR_CHATWORK_NETWORK', path: '/token' })
    for (const secret of ['refresh-secret-2', clientSecret]) expect(everything(error)).not.toContain(secret)
  })
})

describe('createTokenSource', () => {
  const start = async (expiresInMs: number, onTokens: (tokens: OAuthTokens) => void = () => {}) => {
    const tokens = await refreshTokens({ clientId, clientSecret, refreshToken: server.refreshToken, tokenEndpoint: server.url })
    server.requests.length = 0
    return { tokens, source: createTokenSource({ clientId, clientSecret, tokenEndpoint: server.url, tokens: { ...tokens, expiresAt: new Date(Date.now() + expiresInMs) }, onTokens }) }
  }

  it('returns the current token while it is fresh, without a request', async () => {
    const { tokens, source } = await start(10 * 60_000)
    expect(await source()).toBe(tokens.accessToken)
    expect(server.requests).toHaveLength(0)
  })

  it('for 1–50 concurrent calls around expiry makes exactly one refresh, every call getting the new token, onTokens told once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 50, maxLength: 50 }), async (calls, delays) => {
        const persisted: OAuthTokens[] = []
        const { source } = await start(30_000, (tokens) => void persisted.push(tokens))
        const tokens = await Promise.all(Array.from({ length: calls }, (_, index) => new Promise((resolve) => setTimeout(resolve, delays[index])).then(() => source())))
        expect(server.requests).toHaveLength(1)
        expect(persisted).toHaveLength(1)
        expect(new Set(tokens)).toEqual(new Set([persisted[0]!.accessToken]))
        expect(persisted[0]!.refreshToken).toBe(server.refreshToken)
      }),
      { numRuns: 25 },
    )
  })

  it('refreshes when told the API refused its token, once for all the calls that saw the refusal', async () => {
    const { tokens, source } = await start(10 * 60_000)
    const fresh = await Promise.all(Array.from({ length: 10 }, () => source({ rejected: tokens.accessToken })))
    expect(server.requests).toHaveLength(1)
    expect(new Set(fresh).size).toBe(1)
    expect(fresh[0]).not.toBe(tokens.accessToken)
    // a refusal of a token already replaced asks for nothing
    expect(await source({ rejected: tokens.accessToken })).toBe(fresh[0])
    expect(server.requests).toHaveLength(1)
  })

  it('a refused refresh token rejects every waiting call with one typed error, and is not tried again', async () => {
    const { source } = await start(0)
    server.refreshToken = 'revoked-elsewhere'
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => source()))
    const reasons = new Set(results.map((result) => (result.status === 'rejected' ? result.reason : undefined)))
    expect(reasons.size).toBe(1)
    expect([...reasons][0]).toMatchObject({ error: 'invalid_grant' })
    await expect(source()).rejects.toMatchObject({ error: 'invalid_grant' })
    expect(server.requests).toHaveLength(1)
  })

  it('a transient failure rejects the waiting calls once; a later call tries again', async () => {
    const { source } = await start(0)
    server.failWith = { status: 503, body: { error: 'temporarily_unavailable' } }
    const results = await Promise.allSettled([source(), source(), source()])
    expect(results.every((result) => result.status === 'rejected')).toBe(true)
    expect(server.requests).toHaveLength(1)
    server.failWith = undefined
    expect(await source()).toMatch(/^access-token-/)
    expect(server.requests).toHaveLength(2)
  })
})
