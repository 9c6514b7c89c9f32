/**
 * The emulator's web UI over HTTP: off unless asked for, its page and
 * headers, the per-process secret every state-changing request needs, the
 * Host check, and sending through the API's own path.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatorOptions } from 'chatwork-kit/testing'
import { startPlayground, UI_CONTENT_SECURITY_POLICY, UI_SECRET_FIELD, UI_SECRET_HEADER } from '../../src/emulator/ui/index.ts'

const open: { close: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ ui: true, ...options })
  open.push(emu)
  return emu
}

/** The page and the secret it embeds. */
async function page(emu: Emulator): Promise<{ html: string; secret: string; response: Response }> {
  const response = await fetch(emu.uiURL!)
  const html = await response.text()
  const secret = /<meta name="chatwork-kit-ui-secret" content="([0-9a-f]+)">/.exec(html)?.[1]
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  return { html, secret: secret!, response }
}

const projectX = (emu: Emulator) => emu.rooms().find((room) => room.name === 'Project X')!.room_id

describe('serving', () => {
  it('is off by default: the origin answers as the API does, and uiURL is undefined', async () => {
    const emu = await startEmulator()
    open.push(emu)
    expect(emu.uiURL).toBeUndefined()
    const response = await fetch(`${emu.baseURL.replace(/\/v2$/, '')}/`)
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toContain('application/json')
  })

  it('serves the page at the origin, beside /v2, with a strict CSP and no inline script', async () => {
    const emu = await emulator()
    expect(emu.uiURL).toBe(`${emu.baseURL.slice(0, -'v2'.length)}`)
    const { html, response } = await page(emu)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY)
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(UI_CONTENT_SECURITY_POLICY).not.toContain('unsafe')
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/)
    expect(html).not.toMatch(/<style|style=/)
    for (const asset of ['ui/assets/app.js', 'ui/assets/app.css', 'ui/assets/chatwork.css', 'ui/avatar/1002.svg']) {
      const file = await fetch(`${emu.uiURL}${asset}`)
      expect(file.status, asset).toBe(200)
      expect((await file.text()).length, asset).toBeGreaterThan(100)
    }
    // the API is where it was
    expect((await fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': emu.token } })).status).toBe(200)
  })

  it('gives each emulator its own secret', async () => {
    const [a, b] = [await emulator(), await emulator()]
    expect((await page(a)).secret).not.toBe((await page(b)).secret)
  })
})

describe('the secret', () => {
  it('refuses a cross-site form POST without it, and posts nothing', async () => {
    const emu = await emulator()
    const roomId = projectX(emu)
    const before = emu.messages(roomId).length
    const response = await fetch(`${emu.uiURL}ui/api/rooms/${roomId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ as: '1002', body: '[toall] owned' }),
    })
    expect(response.status).toBe(403)
    expect(emu.messages(roomId)).toHaveLength(before)
  })

  it('refuses a wrong secret in the header or the form field, and reads without one', async () => {
    const emu = await emulator()
    const { secret } = await page(emu)
    const wrong = secret.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    const roomId = projectX(emu)
    const post = (headers: Record<string, string>, body: string) => fetch(`${emu.uiURL}ui/api/rooms/${roomId}/messages`, { method: 'POST', headers, body })
    expect((await post({ [UI_SECRET_HEADER]: wrong, 'content-type': 'application/json' }, JSON.stringify({ as: 1002, body: 'x' }))).status).toBe(403)
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' }, `${UI_SECRET_FIELD}=${wrong}&as=1002&body=x`)).status).toBe(403)
    for (const path of ['ui/api/rooms', 'ui/api/activity', `ui/api/rooms/${roomId}`, 'ui/api/accounts', 'ui/events']) {
      expect((await fetch(`${emu.uiURL}${path}`)).status, path).toBe(403)
    }
  })

  it('with the secret, sends through the API path: logged with the token redacted, webhooks and room limits apply', async () => {
    const emu = await emulator({ rateLimit: { roomPostLimit: 1 } })
    const { secret } = await page(emu)
    const roomId = projectX(emu)
    const send = (body: string) =>
      fetch(`${emu.uiURL}ui/api/rooms/${roomId}/messages`, { method: 'POST', headers: { [UI_SECRET_HEADER]: secret, 'content-type': 'application/json' }, body: JSON.stringify({ as: 1002, body }) })
    const first = await send('[To:1001]Hanako Sato\nhello from the UI')
    expect(first.status).toBe(200)
    const { message_id } = (await first.json()) as { message_id: string }
    expect(emu.messages(roomId).at(-1)).toMatchObject({ message_id, account_id: 1002, body: '[To:1001]Hanako Sato\nhello from the UI' })
    const logged = emu.requests.find((request) => request.method === 'POST' && request.path === `/rooms/${roomId}/messages`)!
    expect(logged.status).toBe(200)
    expect(logged.headers['x-chatworktoken']).toBe('[redacted]')
    expect(logged.responseHeaders?.['x-ratelimit-remaining']).toBeDefined()
    expect((await send('again')).status).toBe(429)
  })

  it('refuses a Host that is not the emulator (DNS rebinding)', async () => {
    const emu = await emulator()
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      request(emu.uiURL!, { headers: { host: `evil.example:${emu.port}` } }, (response) => resolve(response.statusCode ?? 0)).on('error', reject).end()
    })
    expect(status).toBe(421)
  })

  it('streams events only with the secret, and they carry new messages', async () => {
    const emu = await emulator()
    const { secret } = await page(emu)
    const controller = new AbortController()
    const stream = await fetch(`${emu.uiURL}ui/events?secret=${secret}`, { signal: controller.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader()
    emu.post(projectX(emu), 'live!', { as: 1003 })
    let text = ''
    while (!text.includes('live!')) text += (await reader.read()).value ?? ''
    expect(text).toMatch(/event: message\ndata: \{"kind":"created","roomId":\d+,"message":\{[^\n]*"body":"live!"/)
    controller.abort()
  })
})

describe('playground', () => {
  it('serves the page alone, with no emulator API behind it', async () => {
    const playground = await startPlayground()
    open.push(playground)
    const response = await fetch(playground.url)
    expect(response.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY)
    expect(await response.text()).toContain('data-mode="playground"')
    expect((await fetch(`${playground.url}ui/assets/app.js`)).status).toBe(200)
    expect((await fetch(`${playground.url}ui/api/rooms`)).status).toBe(404)
    expect((await fetch(`${playground.url}v2/me`)).status).toBe(404)
  })
})
