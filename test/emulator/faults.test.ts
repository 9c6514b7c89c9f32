import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

let emu: Emulator
let room: number

beforeEach(async () => {
  emu = await startEmulator()
  room = projectRoom(emu)
})
afterEach(() => emu.close())

describe('faults', () => {
  it('answers a given status to the next `times` matching requests, then recovers', async () => {
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', status: 503, times: 2 })
    expect((await call(emu, 'GET', `/rooms/${room}/messages`)).status).toBe(200)
    const before = emu.messages(room).length
    const first = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })
    expect(first.status).toBe(503)
    expect(first.json.errors[0]).toContain('503')
    expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })).status).toBe(503)
    expect(emu.messages(room)).toHaveLength(before)
    expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })).status).toBe(200)
  })

  it('matches any method and path when not given, and counts down `remaining`', async () => {
    const fault = emu.fault({ status: 500, times: 2 })
    expect((await call(emu, 'GET', '/me')).status).toBe(500)
    expect(fault.remaining).toBe(1)
    expect((await call(emu, 'DELETE', `/rooms/${room}/link`)).status).toBe(500)
    expect(fault.remaining).toBe(0)
    expect((await call(emu, 'GET', '/me')).status).toBe(200)
  })

  it('drops the connection', async () => {
    emu.fault({ path: '/me', drop: true })
    await expect(fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': emu.token } })).rejects.toThrow()
    expect(emu.requests.at(-1)?.status).toBe(0)
    expect((await call(emu, 'GET', '/me')).status).toBe(200)
  })

  it('sends a malformed JSON body, with the normal status (the request was handled)', async () => {
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', malformed: true })
    const posted = await fetch(`${emu.baseURL}/rooms/${room}/messages`, {
      method: 'POST',
      headers: { 'x-chatworktoken': emu.token },
      body: new URLSearchParams({ body: 'garbled reply' }),
    })
    expect(posted.status).toBe(200)
    expect(posted.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const text = await posted.text()
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
    expect(emu.messages(room).at(-1)?.body).toBe('garbled reply')
  })

  it('sends a malformed body with a given status', async () => {
    emu.fault({ path: '/me', status: 502, malformed: true })
    const raw = await fetch(`${emu.baseURL}/me`, { headers: { 'x-chatworktoken': emu.token } })
    expect(raw.status).toBe(502)
    await expect(raw.json()).rejects.toThrow(SyntaxError)
  })

  it('adds latency, then handles the request normally', async () => {
    emu.fault({ path: '/me', delayMs: 150 })
    const start = performance.now()
    const result = await call(emu, 'GET', '/me')
    expect(result.status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(140)
  })

  it('does not match other paths or methods; patterns match whole segments', async () => {
    emu.fault({ method: 'PUT', path: '/rooms/:roomId', status: 500 })
    expect((await call(emu, 'GET', `/rooms/${room}`)).status).toBe(200)
    expect((await call(emu, 'PUT', `/rooms/${room}/members`, { form: { members_admin_ids: '1001,1002,1003', members_readonly_ids: '1004' } })).status).toBe(200)
    expect((await call(emu, 'PUT', `/rooms/${room}`, { form: { name: 'x' } })).status).toBe(500)
  })

  it('clearFaults cancels pending faults', async () => {
    emu.fault({ status: 500, times: 5 })
    emu.clearFaults()
    expect((await call(emu, 'GET', '/me')).status).toBe(200)
  })

  it('refuses a fault that does nothing or cannot be applied', () => {
    expect(() => emu.fault({ path: '/me' })).toThrow(/at least one/)
    expect(() => emu.fault({ status: 99 })).toThrow(RangeError)
    expect(() => emu.fault({ status: 500, times: 0 })).toThrow(/times/)
    expect(() => emu.fault({ delayMs: -1 })).toThrow(/delayMs/)
  })
})

describe('request log', () => {
  it('records every request in order with path, query, body and status, tokens redacted', async () => {
    await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })
    await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'a b' } })
    await call(emu, 'GET', '/me', { token: null, headers: { authorization: `Bearer ${emu.token}` } })
    await call(emu, 'GET', '/me', { token: 'wrong' })
    expect(emu.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', `/rooms/${room}/messages`, 200],
      ['POST', `/rooms/${room}/messages`, 200],
      ['GET', '/me', 200],
      ['GET', '/me', 401],
    ])
    expect(emu.requests[0]!.query).toEqual({ force: '1' })
    expect(emu.requests[1]!.body).toBe('body=a+b')
    expect(emu.requests[1]!.headers['content-type']).toContain('application/x-www-form-urlencoded')
    expect(emu.requests[1]!.headers['x-chatworktoken']).toBe('[redacted]')
    expect(emu.requests[2]!.headers.authorization).toBe('Bearer [redacted]')
    expect(JSON.stringify(emu.requests)).not.toContain(emu.token)
  })

  it('counts 429s for assertions, and can be cleared', async () => {
    const limited = await startEmulator({ rateLimit: { limit: 2 } })
    try {
      for (let i = 0; i < 5; i++) await call(limited, 'GET', '/me')
      expect(limited.requests.filter((r) => r.status === 429)).toHaveLength(3)
      limited.requests.length = 0
      await call(limited, 'GET', '/me')
      expect(limited.requests).toHaveLength(1)
    } finally {
      await limited.close()
    }
  })
})
