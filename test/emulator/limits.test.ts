import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RATE_LIMIT, type Emulator, ROOM_POST_LIMIT_MESSAGE, startEmulator } from 'chatwork-kit/testing'
import { MAX_REQUEST_BYTES } from '../../src/emulator/server.ts'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

/** GETs a raw request target, which fetch would normalise, with the emulator's token; resolves to the status and headers. */
function rawGet(emu: Emulator, target: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(emu.baseURL)
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: target, headers: { 'x-chatworktoken': emu.token } }, (response) => {
      response.resume().on('end', () => resolve({ status: response.statusCode!, headers: response.headers }))
    }).on('error', reject).end()
  })
}

/** The `x-ratelimit-remaining` header of `GET /me` with `token`. */
async function remainingAfterMe(emu: Emulator, token: string): Promise<string | null> {
  return (await call(emu, 'GET', '/me', { token })).headers.get('x-ratelimit-remaining')
}

/** A clock that only moves when told to. */
function manualClock(start = Date.UTC(2025, 0, 1)) {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms) }
}

describe('general rate limit', () => {
  it('reports limit, remaining and the absolute reset time on every response', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now })
    try {
      const first = await call(emu, 'GET', '/me')
      expect(first.headers.get('x-ratelimit-limit')).toBe('300')
      expect(first.headers.get('x-ratelimit-remaining')).toBe('299')
      expect(first.headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 300_000) / 1000))
      clock.advance(1000)
      const second = await call(emu, 'GET', `/rooms/99999`)
      expect(second.status).toBe(404)
      expect(second.headers.get('x-ratelimit-remaining')).toBe('298')
      expect(second.headers.get('x-ratelimit-reset')).toBe(first.headers.get('x-ratelimit-reset'))
    } finally {
      await emu.close()
    }
  })

  it('sends the headers with a 413, which counts, and with an unexpected 500, which reports the window as it is', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now })
    try {
      const reset = String((clock.now() + 300_000) / 1000)
      const tooLarge = (token: string) => call(emu, 'POST', `/rooms/${projectRoom(emu)}/messages`, { token, form: { body: 'x'.repeat(MAX_REQUEST_BYTES) } })
      const mine = await tooLarge(emu.token)
      expect(mine.status).toBe(413)
      expect([mine.headers.get('x-ratelimit-limit'), mine.headers.get('x-ratelimit-remaining'), mine.headers.get('x-ratelimit-reset')]).toEqual(['300', '299', reset])
      // Unknown tokens still share one bucket of their own.
      expect((await tooLarge('unknown-1')).headers.get('x-ratelimit-remaining')).toBe('299')
      expect((await call(emu, 'GET', '/me', { token: 'unknown-2' })).headers.get('x-ratelimit-remaining')).toBe('298')
      // A request target the emulator cannot parse fails outside the endpoints.
      const failed = await rawGet(emu, '//host:port')
      expect(failed.status).toBe(500)
      expect([failed.headers['x-ratelimit-limit'], failed.headers['x-ratelimit-remaining'], failed.headers['x-ratelimit-reset']]).toEqual(['300', '299', reset])
      expect((await call(emu, 'GET', '/me')).headers.get('x-ratelimit-remaining')).toBe('298')
    } finally {
      await emu.close()
    }
  })

  it('answers 429 with the headers past the limit, and resets after the window', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now, rateLimit: { limit: 3, windowMs: 60_000, message: 'slow down' } })
    try {
      for (const remaining of ['2', '1', '0']) expect((await call(emu, 'GET', '/me')).headers.get('x-ratelimit-remaining')).toBe(remaining)
      const limited = await call(emu, 'GET', '/me')
      expect(limited.status).toBe(429)
      expect(limited.json).toEqual({ errors: ['slow down'] })
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe((clock.now() + 60_000) / 1000)
      expect(limited.headers.get('retry-after')).toBeNull()
      clock.advance(59_999)
      expect((await call(emu, 'GET', '/me')).status).toBe(429)
      clock.advance(1)
      const fresh = await call(emu, 'GET', '/me')
      expect(fresh.status).toBe(200)
      expect(fresh.headers.get('x-ratelimit-remaining')).toBe('2')
    } finally {
      await emu.close()
    }
  })

  it('counts per token', async () => {
    const emu = await startEmulator({ tokens: ['a', 'b'], rateLimit: { limit: 1 } })
    try {
      expect((await call(emu, 'GET', '/me', { token: 'a' })).status).toBe(200)
      expect((await call(emu, 'GET', '/me', { token: 'a' })).status).toBe(429)
      expect((await call(emu, 'GET', '/me', { token: 'b' })).status).toBe(200)
    } finally {
      await emu.close()
    }
  })

  it('counts per token by default, even two tokens of one account', async () => {
    expect(DEFAULT_RATE_LIMIT.per).toBe('token')
    const emu = await startEmulator({ tokens: ['a'], rateLimit: { limit: 2 } })
    try {
      emu.addToken(undefined, 'a2')
      expect(await remainingAfterMe(emu, 'a')).toBe('1')
      expect(await remainingAfterMe(emu, 'a2')).toBe('1')
    } finally {
      await emu.close()
    }
  })

  it('can count per account: its tokens share one window, other accounts and unknown tokens have their own', async () => {
    const emu = await startEmulator({ tokens: ['a', 'b'], rateLimit: { limit: 2, per: 'account' } })
    try {
      emu.addToken(undefined, 'a2')
      expect(await remainingAfterMe(emu, 'a')).toBe('1')
      expect(await remainingAfterMe(emu, 'a2')).toBe('0')
      expect((await call(emu, 'GET', '/me', { token: 'a' })).status).toBe(429)
      expect(await remainingAfterMe(emu, 'b')).toBe('1')
      expect(await remainingAfterMe(emu, 'unknown-1')).toBe('1')
      expect(await remainingAfterMe(emu, 'unknown-2')).toBe('0')
      expect(() => emu.addToken(undefined, 'a')).toThrow(/in use/)
      expect(() => emu.addToken(999_999)).toThrow(/999999/)
      const generated = emu.addToken(emu.addAccount().account_id)
      expect(await remainingAfterMe(emu, generated)).toBe('1')
    } finally {
      await emu.close()
    }
  })

  it('refuses nonsensical settings, and takes undefined for the default', async () => {
    await expect(startEmulator({ rateLimit: { windowMs: 0 } })).rejects.toThrow(RangeError)
    await expect(startEmulator({ rateLimit: { limit: Number.NaN } })).rejects.toThrow(/rateLimit.limit/)
    await expect(startEmulator({ rateLimit: { per: 'client' as 'token' } })).rejects.toThrow(/rateLimit.per must be one of token, account/)
    await expect(startEmulator({ rateLimit: { roomLimitHeaders: 'window' as 'none' } })).rejects.toThrow(RangeError)
    await expect(startEmulator({ rateLimit: { roomPostWindow: 'rolling' as 'fixed' } })).rejects.toThrow(RangeError)
    const emu = await startEmulator({ rateLimit: { limit: undefined, per: undefined, roomLimitHeaders: undefined } })
    try {
      expect((await call(emu, 'GET', '/me')).headers.get('x-ratelimit-limit')).toBe('300')
    } finally {
      await emu.close()
    }
  })
})

describe('per-room posting limit', () => {
  it('messages and tasks share 10 posts per 10 s per room; the 429 has the documented body and general headers', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now })
    try {
      const room = projectRoom(emu)
      for (let i = 0; i < 5; i++) expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: `m${i}` } })).status).toBe(200)
      for (let i = 0; i < 5; i++) expect((await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: `t${i}`, to_ids: '1002' } })).status).toBe(200)
      const limited = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'one too many' } })
      expect(limited.status).toBe(429)
      expect(limited.text).toBe(`{"errors":["${ROOM_POST_LIMIT_MESSAGE}"]}`)
      expect(DEFAULT_RATE_LIMIT.roomLimitHeaders).toBe('general')
      expect(limited.headers.get('x-ratelimit-limit')).toBe('300')
      expect(limited.headers.get('x-ratelimit-remaining')).toBe(String(300 - 11))
      expect(limited.headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 300_000) / 1000))
      expect((await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 't', to_ids: '1002' } })).status).toBe(429)
      expect(emu.messages(room).some((m) => m.body === 'one too many')).toBe(false)
      // Other rooms and reads are not affected.
      const random = emu.rooms().find((r) => r.name === 'Random')!.room_id
      expect((await call(emu, 'POST', `/rooms/${random}/messages`, { form: { body: 'x' } })).status).toBe(200)
      expect((await call(emu, 'GET', `/rooms/${room}/messages`)).status).toBe(200)
      // Uploads do not count by default.
      const file = new FormData()
      file.append('file', new Blob(['x']), 'x.txt')
      expect((await call(emu, 'POST', `/rooms/${room}/files`, { body: file })).status).toBe(200)
      clock.advance(10_000)
      expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'later' } })).status).toBe(200)
    } finally {
      await emu.close()
    }
  })

  it('can answer its 429 without x-ratelimit-* headers, still counting it; the general 429 keeps them', async () => {
    const emu = await startEmulator({ rateLimit: { limit: 4, roomPostLimit: 1, roomLimitHeaders: 'none' } })
    try {
      const post = () => call(emu, 'POST', `/rooms/${projectRoom(emu)}/messages`, { form: { body: 'x' } })
      expect((await post()).headers.get('x-ratelimit-remaining')).toBe('3')
      const limited = await post()
      expect(limited.status).toBe(429)
      expect(limited.json).toEqual({ errors: [ROOM_POST_LIMIT_MESSAGE] })
      expect([...limited.headers.keys()].filter((name) => name.startsWith('x-ratelimit-'))).toEqual([])
      expect(await remainingAfterMe(emu, emu.token)).toBe('1')
      expect(await remainingAfterMe(emu, emu.token)).toBe('0')
      const general = await call(emu, 'GET', '/me')
      expect(general.status).toBe(429)
      expect(general.headers.get('x-ratelimit-remaining')).toBe('0')
    } finally {
      await emu.close()
    }
  })

  it('spends the budget only on accepted posts: refused ones (400, 403) leave it whole', async () => {
    // The fourth token belongs to Mika (1004), a read-only member of Project X.
    const emu = await startEmulator({ tokens: ['hanako', 'taro', 'jiro', 'mika'] })
    try {
      const room = projectRoom(emu)
      const post = async (kind: 'messages' | 'tasks', form: Record<string, string>, token = 'hanako') => (await call(emu, 'POST', `/rooms/${room}/${kind}`, { form, token })).status
      // Ken (1010) is not a member, so he cannot be assigned a task.
      for (let i = 0; i < 10; i++) expect(await post('tasks', { body: 't', to_ids: '1010' })).toBe(400)
      for (let i = 0; i < 10; i++) expect(await post('messages', { body: 'm' }, 'mika')).toBe(403)
      for (let i = 0; i < 10; i++) expect(await post('tasks', { body: 't', to_ids: '1002' }, 'mika')).toBe(403)
      for (let i = 0; i < 10; i++) expect(await post('messages', { body: `accepted ${i}` })).toBe(200)
      expect(await post('messages', { body: 'one too many' })).toBe(429)
      expect(emu.messages(room).filter((m) => m.body.startsWith('accepted'))).toHaveLength(10)
    } finally {
      await emu.close()
    }
  })

  it('slides by default: each post frees its slot on its own', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now, rateLimit: { roomPostLimit: 2, roomPostWindowMs: 1000 } })
    try {
      const room = projectRoom(emu)
      const post = async () => (await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })).status
      expect(await post()).toBe(200)
      clock.advance(600)
      expect(await post()).toBe(200)
      expect(await post()).toBe(429)
      clock.advance(400)
      expect(await post()).toBe(200)
      expect(await post()).toBe(429)
    } finally {
      await emu.close()
    }
  })

  it('can use a fixed window and count uploads', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now, rateLimit: { roomPostLimit: 2, roomPostWindowMs: 1000, roomPostWindow: 'fixed', uploadsCountTowardsRoomLimit: true } })
    try {
      const room = projectRoom(emu)
      const post = async () => (await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })).status
      const upload = async () => {
        const data = new FormData()
        data.append('file', new Blob(['x']), 'x.txt')
        return (await call(emu, 'POST', `/rooms/${room}/files`, { body: data })).status
      }
      expect(await post()).toBe(200)
      clock.advance(600)
      expect(await upload()).toBe(200)
      expect(await post()).toBe(429)
      clock.advance(400)
      expect(await post()).toBe(200)
      expect(await post()).toBe(200)
      expect(await upload()).toBe(429)
    } finally {
      await emu.close()
    }
  })
})

describe('Free-plan message limitation', () => {
  it('is off by default: no header', async () => {
    const emu = await startEmulator()
    try {
      const result = await call(emu, 'GET', `/rooms/${projectRoom(emu)}/messages`, { query: { force: '1' } })
      expect(result.headers.get('chatwork-message-limitation')).toBeNull()
    } finally {
      await emu.close()
    }
  })

  it('hides messages older than the window: 200 partial, 204 all, 404 single, header only when it applies', async () => {
    const clock = manualClock()
    const emu = await startEmulator({ clock: clock.now, messageLimitation: { days: 40 } })
    try {
      const room = projectRoom(emu)
      const old = emu.messages(room)
      clock.advance(41 * 86_400_000)
      const fresh = emu.post(room, 'fresh', { as: 1002 })
      const partial = await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })
      expect(partial.status).toBe(200)
      expect(partial.headers.get('chatwork-message-limitation')).toBe('true')
      expect(partial.headers.get('chatwork-message-limitation-summary')).toContain('40 days')
      expect(partial.json.map((m: any) => m.message_id)).toEqual([fresh])
      const single = await call(emu, 'GET', `/rooms/${room}/messages/${old[0]!.message_id}`)
      expect(single.status).toBe(404)
      expect(single.headers.get('chatwork-message-limitation')).toBe('true')
      const visible = await call(emu, 'GET', `/rooms/${room}/messages/${fresh}`)
      expect(visible.status).toBe(200)
      expect(visible.headers.get('chatwork-message-limitation')).toBeNull()

      const random = emu.rooms().find((r) => r.name === 'Random')!.room_id
      const hidden = await call(emu, 'GET', `/rooms/${random}/messages`, { query: { force: '1' } })
      expect(hidden.status).toBe(204)
      expect(hidden.headers.get('chatwork-message-limitation')).toBe('true')
    } finally {
      await emu.close()
    }
  })

  it('can also cap the number of visible messages', async () => {
    const emu = await startEmulator({ messageLimitation: { maxMessages: 2 } })
    try {
      const room = projectRoom(emu)
      const result = await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })
      expect(result.json.map((m: any) => m.message_id)).toEqual(emu.messages(room).slice(-2).map((m) => m.message_id))
      expect(result.headers.get('chatwork-message-limitation')).toBe('true')
    } finally {
      await emu.close()
    }
  })
})
