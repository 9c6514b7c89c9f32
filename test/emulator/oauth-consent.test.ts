/**
 * The emulator's OAuth consent page over HTTP: served without the UI too,
 * the request checked as emu.oauth.authorize checks it (an error page for a
 * wrong client or redirect URI, a redirect with `error` otherwise), the
 * accounts to choose from, a form the CSP lets post and redirect to the
 * client, and an answer that needs the page's secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthorizationRequest, handleRedirect } from 'chatwork-kit/oauth'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'

const REDIRECT_URI = 'https://app.example.org/callback'
let emu: Emulator
let clientId: string

beforeAll(async () => {
  emu = await startEmulator()
  clientId = emu.oauth.addClient({ type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['rooms.all:read', 'users.profile.me:read'] }).clientId
})
afterAll(() => emu.close())

async function consent(scope = 'rooms.all:read users.profile.me:read') {
  const request = await createAuthorizationRequest({ clientId, scope, authorizationEndpoint: emu.oauth.authorizationEndpoint })
  const response = await fetch(request.url, { redirect: 'manual' })
  return { request, response, html: await response.text() }
}

/** The form's fields as the browser would post them, with the account and the button chosen. */
function formOf(html: string, accountId: number, decision: 'allow' | 'deny'): URLSearchParams {
  const form = new URLSearchParams()
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(name!, value!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))
  form.set('account_id', String(accountId))
  form.set('decision', decision)
  return form
}

function post(form: URLSearchParams) {
  return fetch(emu.oauth.authorizationEndpoint, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
}

describe('the consent page', () => {
  it('shows the client, its scopes and the accounts, with a form the CSP lets redirect to the client', async () => {
    const { response, html } = await consent()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain(`<code>${clientId}</code>`)
    expect(html).toContain('<li><code>rooms.all:read</code></li>')
    expect(html).toContain('<option value="1001" selected>Hanako Sato (1001)</option>')
    expect(html).toContain('<option value="1002">')
    expect(html).toMatch(/<button type="submit" class="primary" name="decision" value="allow">Allow<\/button>/)
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self' https://app.example.org;")
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    // its stylesheet is served without the UI too
    expect((await fetch(`${new URL(emu.oauth.authorizationEndpoint).origin}/ui/assets/app.css`)).headers.get('content-type')).toMatch(/^text\/css/)
  })

  it('Allow redirects to the client with a code for the chosen account and the state', async () => {
    const { request, html } = await consent()
    const answer = await post(formOf(html, 1002, 'allow'))
    expect(answer.status).toBe(303)
    const location = answer.headers.get('location')!
    expect(location.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    const code = handleRedirect(location, { state: request.state })
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('Deny redirects with access_denied', async () => {
    const { request, html } = await consent()
    const answer = await post(formOf(html, 1001, 'deny'))
    expect(() => handleRedirect(answer.headers.get('location')!, { state: request.state })).toThrow(expect.objectContaining({ error: 'access_denied' }))
  })

  it('refuses an answer without the page secret, or for an account that does not exist', async () => {
    const { html } = await consent()
    const form = formOf(html, 1001, 'allow')
    form.delete('ui_secret')
    expect((await post(form)).status).toBe(403)
    const unknown = await post(formOf(html, 999_999, 'allow'))
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('Choose an emulator account')
  })

  it('checks the answer again: a scope changed in the form is refused by a redirect', async () => {
    const { html } = await consent()
    const form = formOf(html, 1001, 'allow')
    form.set('scope', 'rooms.everything')
    const answer = await post(form)
    expect(answer.status).toBe(303)
    expect(new URL(answer.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope')
  })

  it('a wrong redirect URI or client gets the error page; an unknown scope a redirect with the error', async () => {
    const bad = await fetch(`${emu.oauth.authorizationEndpoint}?response_type=code&client_id=${clientId}&scope=rooms.all:read&redirect_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('(15000)')
    const noClient = await fetch(`${emu.oauth.authorizationEndpoint}?response_type=code&scope=rooms.all:read`, { redirect: 'manual' })
    expect(noClient.status).toBe(400)
    expect(await noClient.text()).toContain('(11000)')
    const unknown = await fetch(`${emu.oauth.authorizationEndpoint}?response_type=code&client_id=${clientId}&scope=rooms.everything&state=s`, { redirect: 'manual' })
    expect(unknown.status).toBe(302)
    const location = new URL(unknown.headers.get('location')!)
    expect(location.origin + location.pathname).toBe(REDIRECT_URI)
    expect(location.searchParams.get('error')).toBe('invalid_scope')
  })

  it('escapes what the request carries', async () => {
    const { html } = await consent()
    const hostile = await fetch(`${emu.oauth.authorizationEndpoint}?response_type=code&client_id=${clientId}&scope=rooms.all:read&state=${encodeURIComponent('"><script>alert(1)</script>')}`)
    const text = await hostile.text()
    expect(text).not.toContain('<script>alert(1)')
    expect(text).toContain('&#34;&#62;&#60;script&#62;')
    expect(html).not.toContain('<script>')
  })
})
