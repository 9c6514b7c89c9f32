/**
 * The emulator's request log under load it must survive: bounded by count and
 * by bytes of bodies (oldest dropped), whoever sends them, and free of tokens
 * wherever a client puts them.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_REQUEST_LOG_MAX_BYTES, DEFAULT_REQUEST_LOG_MAX_ENTRIES, type Emulator, type EmulatorOptions, startEmulator } from 'chatwork-kit/testing'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

const open: Emulator[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((emu) => emu.close()))
})

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator(options)
  open.push(emu)
  return emu
}

const bytes = (emu: Emulator) => emu.requests.reduce((sum, r) => sum + Buffer.byteLength(r.body), 0)

describe('bounds', () => {
  it('keeps at most maxEntries requests, the latest, in order', async () => {
    const emu = await emulator({ requestLog: { maxEntries: 5 } })
    for (let i = 0; i < 12; i++) await call(emu, 'GET', '/me', { query: { i: String(i) } })
    expect(emu.requests.map((r) => r.query.i)).toEqual(['7', '8', '9', '10', '11'])
  })

  it('by default keeps the last DEFAULT_REQUEST_LOG_MAX_ENTRIES requests', async () => {
    const emu = await emulator()
    const total = DEFAULT_REQUEST_LOG_MAX_ENTRIES + 50
    for (let i = 0; i < total; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => call(emu, 'GET', '/contacts', { query: { i: String(i + j) } })))
    expect(emu.requests).toHaveLength(DEFAULT_REQUEST_LOG_MAX_ENTRIES)
  })

  it('keeps at most DEFAULT_REQUEST_LOG_MAX_BYTES of bodies, even from unauthenticated 7 MB posts', async () => {
    const emu = await emulator()
    const body = 'x'.repeat(7 * 1024 * 1024)
    for (let i = 0; i < 6; i++) expect((await call(emu, 'POST', '/rooms/1/messages', { token: null, body })).status).toBe(401)
    expect(bytes(emu)).toBeLessThanOrEqual(DEFAULT_REQUEST_LOG_MAX_BYTES)
    expect(emu.requests).toHaveLength(2)
  })

  it('cuts a single body larger than maxBytes, saying so', async () => {
    const emu = await emulator({ requestLog: { maxBytes: 100 } })
    await call(emu, 'POST', `/rooms/${projectRoom(emu)}/messages`, { form: { body: 'y'.repeat(500) } })
    expect(emu.requests).toHaveLength(1)
    expect(emu.requests[0]).toMatchObject({ body: `body=${'y'.repeat(95)}`, bodyTruncated: true, status: 200 })
  })

  it('counts again after a test clears the log', async () => {
    const emu = await emulator({ requestLog: { maxBytes: 250 } })
    const room = projectRoom(emu)
    for (let i = 0; i < 2; i++) await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'z'.repeat(95) } })
    emu.requests.length = 0
    for (let i = 0; i < 2; i++) await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'z'.repeat(95) } })
    expect(emu.requests).toHaveLength(2)
  })

  it('keeps the longest run of latest requests that fits both bounds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }),
        async (maxEntries, maxBytes, sizes) => {
          const emu = await startEmulator({ requestLog: { maxEntries, maxBytes } })
          try {
            for (const [i, size] of sizes.entries()) await call(emu, 'PUT', `/nowhere/${i}`, { body: 'b'.repeat(size) })
            // the model: from the newest back, while both bounds hold (a single body over maxBytes is cut to it)
            const kept: number[] = []
            let total = 0
            for (let i = sizes.length - 1; i >= 0; i--) {
              const size = Math.min(sizes[i]!, maxBytes)
              if (kept.length + 1 > maxEntries || total + size > maxBytes) break
              kept.unshift(i)
              total += size
            }
            expect(emu.requests.map((r) => r.path)).toEqual(kept.map((i) => `/nowhere/${i}`))
            expect(bytes(emu)).toBeLessThanOrEqual(maxBytes)
          } finally {
            await emu.close()
          }
        },
      ),
      { numRuns: 25 },
    )
  })

  it('refuses bounds that are not non-negative integers', async () => {
    for (const requestLog of [{ maxEntries: -1 }, { maxBytes: 1.5 }, { maxEntries: Number.NaN }]) {
      await expect(startEmulator({ requestLog })).rejects.toThrow(RangeError)
    }
  })
})

describe('redaction', () => {
  const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'

  it('redacts a token wherever a client sends it: any auth header, with or without a scheme, the query, a form field', async () => {
    const emu = await emulator({ tokens: [TOKEN] })
    const room = projectRoom(emu)
    await call(emu, 'GET', '/me', { token: null, headers: { authorization: TOKEN } })
    await call(emu, 'GET', '/me', { token: null, headers: { authorization: `Token ${TOKEN}` } })
    await call(emu, 'GET', '/me', { token: null, headers: { 'proxy-authorization': `Basic ${TOKEN}`, 'x-api-key': TOKEN } })
    await call(emu, 'GET', '/me', { token: null, query: { token: 'not-a-known-one', other: TOKEN } })
    await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'hello', access_token: TOKEN } })
    await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: `hi ${TOKEN}` } })
    const [bare, schemed, proxy, query, form, inBody] = emu.requests
    expect(bare!.headers.authorization).toBe('[redacted]')
    expect(schemed!.headers.authorization).toBe('Token [redacted]')
    expect(proxy!.headers).toMatchObject({ 'proxy-authorization': 'Basic [redacted]', 'x-api-key': '[redacted]' })
    expect(query!.query).toEqual({ token: '[redacted]', other: '[redacted]' })
    expect(form!.body).toBe('body=hello&access_token=[redacted]')
    // a message that merely mentions the token is what was sent: it is not a credential
    expect(inBody!.body).toBe(new URLSearchParams({ body: `hi ${TOKEN}` }).toString())
    expect(JSON.stringify(emu.requests.slice(0, 5))).not.toContain(TOKEN)
  })

  it('leaves values alone that only look like a short test token', async () => {
    const emu = await emulator({ tokens: ['x'] })
    await call(emu, 'POST', `/rooms/${projectRoom(emu)}/messages`, { form: { body: 'x' }, query: { q: 'x' } })
    expect(emu.requests[0]).toMatchObject({ body: 'body=x', query: { q: 'x' }, status: 200 })
    expect(emu.requests[0]!.headers['x-chatworktoken']).toBe('[redacted]')
  })
})
