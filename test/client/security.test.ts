/**
 * The client against hostile servers on loopback (a redirecting emulator, a
 * server that echoes what it received): it never follows a redirect, and the
 * token, as sent, appears in no error; only the token is redacted.
 */
import { inspect } from 'node:util'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ChatworkApiError, ChatworkClient, mayHaveBeenProcessed, type ChatworkClientOptions } from 'chatwork-kit/client'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { type HostileAnswer, type HostileServer, startHostileServer } from '../helpers/hostile-server.ts'

const open: (Emulator | HostileServer)[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator()
  open.push(emu)
  return emu
}

async function hostile(answer: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const server = await startHostileServer(answer)
  open.push(server)
  return server
}

/** Everything an error exposes: message, stack, properties, causes, JSON. */
function exposure(error: unknown): string {
  return [String(error), (error as Error).stack, inspect(error, { depth: 10, showHidden: true, getters: true }), JSON.stringify(error)].join('\n')
}

const REDIRECTS = [301, 302, 303, 307, 308] as const

describe('redirects', () => {
  /** An emulator that redirects, and a second one (another origin) that would receive what a redirect carries. */
  async function redirecting() {
    const emu = await emulator()
    const elsewhere = await emulator()
    const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
    return { emu, elsewhere, room }
  }

  it('answers a 302 to another origin with a ChatworkApiError holding only its origin, sending nothing there', async () => {
    const { emu, elsewhere } = await redirecting()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    emu.fault({ path: '/me', location: `${elsewhere.baseURL}/me?steal=1#x` })
    const error = await client.me().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 302, location: `http://127.0.0.1:${elsewhere.port}`, path: '/me' })
    expect((error as Error).message).not.toContain('steal')
    expect(elsewhere.requests).toHaveLength(0)
    expect(mayHaveBeenProcessed(error)).toBe(false)
  })

  it('does not re-post a body on a 307, with an API token or an access token, nor retry it', async () => {
    for (const credential of ['token', 'accessToken'] as const) {
      const { emu, elsewhere, room } = await redirecting()
      const client = new ChatworkClient({ [credential]: emu.token, baseURL: emu.baseURL } as ChatworkClientOptions)
      emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', status: 307, location: `${elsewhere.baseURL}/rooms/${room}/messages` })
      const before = emu.messages(room).length
      await expect(client.messages.send(room, 'secret plans')).rejects.toMatchObject({ status: 307, location: `http://127.0.0.1:${elsewhere.port}` })
      expect(elsewhere.requests).toHaveLength(0)
      expect(emu.requests).toHaveLength(1)
      expect(emu.messages(room)).toHaveLength(before)
    }
  })

  it('follows no redirect of any status, method or target, and never retries one (property)', async () => {
    const { emu, elsewhere, room } = await redirecting()
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL, retry: { baseDelayMs: 1 } })
    const calls = [
      ['GET', '/me', () => client.me()],
      ['GET', '/rooms/:roomId', () => client.rooms.get(room)],
      ['PUT', '/rooms/:roomId', () => client.rooms.update(room, { name: 'renamed' })],
      ['POST', '/rooms/:roomId/tasks', () => client.tasks.create(room, { body: 'x', toIds: [1001] })],
      ['DELETE', '/rooms/:roomId/link', () => client.links.delete(room)],
    ] as const
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REDIRECTS), fc.constantFrom(...calls), fc.constantFrom('absolute', 'relative', 'none'), async (status, [method, path, run], target) => {
        emu.requests.length = 0
        const location = target === 'absolute' ? `${elsewhere.baseURL}/me` : target === 'relative' ? '/elsewhere' : undefined
        emu.fault({ method, path, status, ...(location === undefined ? { location: '' } : { location }) })
        const error = await run().catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ChatworkApiError)
        expect((error as ChatworkApiError).status).toBe(status)
        expect((error as ChatworkApiError).location).toBe(target === 'absolute' ? `http://127.0.0.1:${elsewhere.port}` : target === 'relative' ? `http://127.0.0.1:${emu.port}` : `http://127.0.0.1:${emu.port}`)
        expect(emu.requests).toHaveLength(1)
        expect(elsewhere.requests).toHaveLength(0)
      }),
      { numRuns: 40 },
    )
  })
})

describe('token redaction', () => {
  const TOKEN = 'tok-SECRET-a9f3c1d2e5'

  /** A server that refuses every request, quoting the token it received, as some proxies do. */
  async function echoing() {
    return hostile((request) => ({ status: 401, body: JSON.stringify({ errors: [`Invalid API token ${String(request.headers['x-chatworktoken'] ?? request.headers.authorization)}`] }) }))
  }

  it('redacts the token as sent, trimmed of the whitespace a file leaves', async () => {
    const server = await echoing()
    for (const token of [`${TOKEN}\n`, `${TOKEN}\t`, ` ${TOKEN}\r\n`]) {
      for (const credential of ['token', 'accessToken'] as const) {
        const client = new ChatworkClient({ [credential]: token, baseURL: server.baseURL } as ChatworkClientOptions)
        const error = await client.me().catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ChatworkApiError)
        expect(exposure(error)).not.toContain(TOKEN)
        expect((error as ChatworkApiError).errors[0]).toMatch(/^Invalid API token (Bearer )?\[REDACTED\]$/)
      }
    }
    // What went on the wire is the trimmed token.
    expect(server.received[0]!.headers['x-chatworktoken']).toBe(TOKEN)
  })

  it('scrubs a Request or Headers that a custom fetch puts in its error', async () => {
    const emu = await emulator()
    const failing: typeof fetch[] = [
      async (input, init) => {
        throw Object.assign(new Error('refused'), { request: new Request(input, init) })
      },
      async (input, init) => {
        throw new Error('refused', { cause: new Request(input, init) })
      },
      async (_, init) => {
        throw Object.assign(new TypeError('refused'), { code: 'E_PROXY', sent: new Headers(init?.headers), seen: new Map([['token', new Headers(init?.headers)]]) })
      },
    ]
    for (const fetch of failing) {
      const client = new ChatworkClient({ token: TOKEN, baseURL: emu.baseURL, retry: false, fetch })
      const error = await client.me().catch((e: unknown) => e)
      expect(exposure(error)).not.toContain(TOKEN)
      expect(exposure((error as Error).cause)).toContain('refused')
    }
    const client = new ChatworkClient({ token: TOKEN, baseURL: emu.baseURL, retry: false, fetch: failing[2] })
    // The primitive fields of the failure are kept.
    expect(((await client.me().catch((e: unknown) => e)) as Error & { cause: { code: string } }).cause.code).toBe('E_PROXY')
  })

  it('leaves the server text alone where it does not hold the whole token', async () => {
    let text = ''
    const server = await hostile((): HostileAnswer => ({ status: 401, body: JSON.stringify({ errors: [text] }) }))
    const cases: [token: string, said: string, redacted: string][] = [
      // a short token (tests use one) is no real token: "expired" keeps its x
      ['x', 'The access token expired', 'The access token expired'],
      ['x', 'Invalid API token x', 'Invalid API token x'],
      // a token inside a longer word is not the token
      ['a9f3c1d2e5b7', 'ref a9f3c1d2e5b7f', 'ref a9f3c1d2e5b7f'],
      ['a9f3c1d2e5b7', 'token a9f3c1d2e5b7 is invalid', 'token [REDACTED] is invalid'],
      ['a9f3c1d2e5b7', '"a9f3c1d2e5b7"', '"[REDACTED]"'],
    ]
    for (const [token, said, redacted] of cases) {
      text = said
      const error = await new ChatworkClient({ token, baseURL: server.baseURL }).me().catch((e: unknown) => e)
      expect((error as ChatworkApiError).errors).toEqual([redacted])
    }
  })

  it('changes no text without the token, and leaves no whole token in any (property)', async () => {
    let text = ''
    const server = await hostile((): HostileAnswer => ({ status: 400, body: JSON.stringify({ errors: [text] }) }))
    const token = 'c0ffee1234abcd5678'
    const client = new ChatworkClient({ token, baseURL: server.baseURL })
    const words = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(token, ' ', '-', 'x', 'c0ffee', `${token}9`))
    await fc.assert(
      fc.asyncProperty(fc.array(words, { maxLength: 6 }), async (parts) => {
        text = parts.join('')
        const [said] = ((await client.me().catch((e: unknown) => e)) as ChatworkApiError).errors
        const whole = new RegExp(`(?<![A-Za-z0-9])${token}(?![A-Za-z0-9])`)
        if (!text.includes(token)) expect(said).toBe(text)
        expect(said).not.toMatch(whole)
      }),
      { numRuns: 60 },
    )
  })
})
