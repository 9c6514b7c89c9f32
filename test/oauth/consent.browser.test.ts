/**
 * The OAuth flow with a real browser (Debian's Chromium through
 * playwright-core): an app's /login sends Chromium to the emulator's consent
 * page, the user picks an account and clicks Allow (or Deny), and the
 * browser lands on the app's node:http callback, which exchanges the code
 * and calls the API as that account.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatworkClient } from 'chatwork-kit/client'
import { ChatworkOAuthError, createAuthorizationRequest, createTokenSource, exchangeCode, handleRedirect, type OAuthTokens } from 'chatwork-kit/oauth'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { launchChromium } from '../helpers/chromium.ts'

let emu: Emulator
let app: Server
let origin: string
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
const saved: OAuthTokens[] = []
const pageErrors: string[] = []

beforeAll(async () => {
  emu = await startEmulator()
  app = createServer()
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  const redirectUri = `${origin}/callback`
  const { clientId, clientSecret } = emu.oauth.addClient({ type: 'confidential', redirectUris: [redirectUri], scopes: ['users.profile.me:read', 'rooms.all:read'] })
  const pending = new Map<string, string | undefined>()
  app.on('request', async (request, response) => {
    const url = new URL(request.url!, origin)
    try {
      if (url.pathname === '/login') {
        const auth = await createAuthorizationRequest({ clientId, redirectUri, scope: ['users.profile.me:read', 'rooms.all:read'], authorizationEndpoint: emu.oauth.authorizationEndpoint })
        pending.set(auth.state, auth.codeVerifier)
        return response.writeHead(302, { location: auth.url }).end()
      }
      // the browser asks for the callback page's icon: none, but no error either
      if (url.pathname === '/favicon.ico') return response.writeHead(204).end()
      if (url.pathname !== '/callback') return response.writeHead(404).end()
      const state = url.searchParams.get('state') ?? ''
      const code = handleRedirect(url, { state: pending.has(state) ? state : '' })
      const tokens = await exchangeCode({ clientId, clientSecret, code, codeVerifier: pending.get(state), redirectUri, tokenEndpoint: emu.oauth.tokenEndpoint })
      pending.delete(state)
      const accessToken = createTokenSource({ clientId, clientSecret, tokens, tokenEndpoint: emu.oauth.tokenEndpoint, onTokens: (fresh) => void saved.push(fresh) })
      saved.push(tokens)
      const me = await new ChatworkClient({ baseURL: emu.baseURL, accessToken }).me()
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<p id="signed-in">Signed in as ${me.name} (${me.account_id})</p>`)
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(`<p id="refused">${error instanceof ChatworkOAuthError ? error.error : 'error'}</p>`)
    }
  })
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await emu?.close()
  await new Promise((resolve) => app?.close(resolve))
})

describe('the consent page in Chromium', () => {
  it('Allow, as the account chosen: the callback exchanges the code and calls the API as that account', async () => {
    await page.goto(`${origin}/login`)
    await page.locator('main.consent').waitFor()
    expect(await page.locator('.scopes li').allInnerTexts()).toEqual(['users.profile.me:read', 'rooms.all:read'])
    await page.locator('select[name="account_id"]').selectOption('1002')
    await Promise.all([page.waitForURL(`${origin}/callback?**`), page.getByRole('button', { name: 'Allow' }).click()])
    expect(await page.locator('#signed-in').innerText()).toBe('Signed in as Taro Yamada (1002)')
    expect(new URL(page.url()).searchParams.has('code')).toBe(true)
    expect(saved).toHaveLength(1)
    expect(pageErrors).toEqual([])
  })

  it('Deny: the callback gets access_denied', async () => {
    await page.goto(`${origin}/login`)
    await Promise.all([page.waitForURL(`${origin}/callback?**`), page.getByRole('button', { name: 'Deny' }).click()])
    expect(await page.locator('#refused').innerText()).toBe('access_denied')
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied')
    expect(saved).toHaveLength(1)
  })
})
