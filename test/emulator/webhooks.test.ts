import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkEmulatorError, DEFAULT_WEBHOOK_DISABLE_AFTER, type Emulator, signWebhookBody, startEmulator, startReceiver } from 'chatwork-kit/testing'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

/** The spec's test vector (API spec §6.4). */
const VECTOR = {
  token: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  body: '{"webhook_setting_id":"12345","webhook_event_type":"message_created","webhook_event_time":1735600300,"webhook_event":{"message_id":"1718000000000000006","room_id":5002,"account_id":1002,"body":"deploy done","send_time":1735600300,"update_time":0}}',
  signature: 'S9JQHyY3XQAR/mzwCFpKNObzqMLuUCgTdp9+kvBE88E=',
}
const TOKEN = Buffer.from('a webhook secret of 32 bytes....').toString('base64')

interface Received {
  url: URL
  headers: IncomingMessage['headers']
  raw: Buffer
}

/** A receiver on loopback that records what it gets and answers `answer`. */
let receiver: Server
let received: Received[]
let answer: { status: number; body: string }
let hookUrl: string
let emu: Emulator

beforeEach(async () => {
  received = []
  answer = { status: 200, body: '' }
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ url: new URL(request.url!, 'http://x'), headers: request.headers, raw: Buffer.concat(chunks) })
      response.writeHead(answer.status).end(answer.body)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  emu = await startEmulator()
})
afterEach(async () => {
  await emu.close()
  await new Promise((resolve) => receiver.close(resolve))
})

/** The signature computed independently with node:crypto. */
function expectedSignature(raw: Buffer | string, token: string): string {
  return createHmac('sha256', Buffer.from(token, 'base64')).update(raw).digest('base64')
}

describe('webhook signing', () => {
  it('matches the spec test vector', async () => {
    expect(await signWebhookBody(VECTOR.body, VECTOR.token)).toBe(VECTOR.signature)
    expect(expectedSignature(VECTOR.body, VECTOR.token)).toBe(VECTOR.signature)
  })
})

describe('webhook delivery', () => {
  it('POSTs message_created for a message posted over the API, signed in header and query', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'], roomId: room })
    const { json } = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'deploy done 🚀' } })
    await emu.webhooks.settled()
    expect(received).toHaveLength(1)
    const [hit] = received
    expect(hit!.headers['content-type']).toBe('application/json')
    expect(hit!.headers['user-agent']).toBe('ChatWork-Webhook/1.0.0')
    const signature = expectedSignature(hit!.raw, TOKEN)
    expect(hit!.headers['x-chatworkwebhooksignature']).toBe(signature)
    expect(hit!.url.searchParams.get('chatwork_webhook_signature')).toBe(signature)
    // The raw query keeps + / = percent-encoded.
    expect(hit!.url.search).toBe(`?chatwork_webhook_signature=${encodeURIComponent(signature)}`)
    const payload = JSON.parse(hit!.raw.toString('utf8'))
    expect(Object.keys(payload)).toEqual(['webhook_setting_id', 'webhook_event_type', 'webhook_event_time', 'webhook_event'])
    expect(payload).toEqual({
      webhook_setting_id: expect.any(String),
      webhook_event_type: 'message_created',
      webhook_event_time: expect.any(Number),
      webhook_event: { message_id: json.message_id, room_id: room, account_id: 1001, body: 'deploy done 🚀', send_time: expect.any(Number), update_time: 0 },
    })
    // The id stays a string in the raw bytes.
    expect(hit!.raw.toString('utf8')).toContain(`"message_id":"${json.message_id}"`)
    expect(emu.webhooks.deliveries).toEqual([expect.objectContaining({ eventType: 'message_created', status: 200, responseSize: 0, ok: true, signature })])
  })

  it('sends message_updated with update_time, for edits by anyone', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_updated'] })
    const id = emu.post(room, 'v1', { as: 1002 })
    emu.editMessage(room, id, 'v2')
    await emu.webhooks.settled()
    expect(received).toHaveLength(1)
    const payload = JSON.parse(received[0]!.raw.toString())
    expect(payload.webhook_event_type).toBe('message_updated')
    expect(payload.webhook_event).toMatchObject({ message_id: id, account_id: 1002, body: 'v2' })
    expect(payload.webhook_event.update_time).toBeGreaterThan(0)
  })

  it('sends mention_to_me when a message mentions the setting owner, not for quotes or their own messages', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['mention_to_me'] })
    const id = emu.post(room, '[To:1001] lunch?', { as: 1002 })
    emu.post(room, '[qt][To:1001] old[/qt]', { as: 1002 })
    emu.post(room, '[To:1001] note to self')
    emu.post(room, 'no mention', { as: 1003 })
    emu.post(room, '[toall] everyone', { as: 1003 })
    await emu.webhooks.settled()
    const payloads = received.map((hit) => JSON.parse(hit.raw.toString()))
    expect(payloads.map((p) => p.webhook_event.body)).toEqual(['[To:1001] lunch?', '[toall] everyone'])
    expect(payloads[0]).toMatchObject({
      webhook_event_type: 'mention_to_me',
      webhook_event: { from_account_id: 1002, to_account_id: 1001, room_id: room, message_id: id, update_time: 0 },
    })
    expect(Object.keys(payloads[0].webhook_event)).toEqual(['from_account_id', 'to_account_id', 'room_id', 'message_id', 'body', 'send_time', 'update_time'])
  })

  it('a room setting ignores other rooms; a setting without room covers the owner\'s rooms', async () => {
    const project = projectRoom(emu)
    const random = emu.rooms().find((r) => r.name === 'Random')!.room_id
    emu.webhooks.add({ url: `${hookUrl}?which=room`, token: TOKEN, events: ['message_created'], roomId: project })
    emu.webhooks.add({ url: `${hookUrl}?which=all`, token: TOKEN, events: ['message_created'] })
    emu.post(random, 'in random', { as: 1002 })
    const outsider = emu.addRoom({ name: 'Outside', members: { admin: [1002] } })
    emu.post(outsider, 'not mine', { as: 1002 })
    await emu.webhooks.settled()
    expect(received.map((hit) => hit.url.searchParams.get('which'))).toEqual(['all'])
    // The setting's own query parameters are kept before the signature.
    expect(received[0]!.url.search).toMatch(/^\?which=all&chatwork_webhook_signature=/)
  })

  it('appends the signature to the URL as given: the query is kept exactly, the fragment is not sent', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: `${hookUrl}?flag&x=a%20b#fragment`, token: TOKEN, events: ['message_created'], roomId: room })
    emu.post(room, 'hello', { as: 1002 })
    await emu.webhooks.settled()
    const signature = expectedSignature(received[0]!.raw, TOKEN)
    const posted = `${hookUrl}?flag&x=a%20b&chatwork_webhook_signature=${encodeURIComponent(signature)}`
    expect(received[0]!.url.search).toBe(new URL(posted).search)
    expect(emu.webhooks.deliveries[0]!.url).toBe(posted)
  })

  it('also fires for tasks and uploads, which post messages', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'], roomId: room })
    await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 't', to_ids: '1002' } })
    emu.upload(room, { filename: 'a.txt', content: 'a', as: 1002 })
    await emu.webhooks.settled()
    expect(received.map((hit) => JSON.parse(hit.raw.toString()).webhook_event.body)).toEqual([
      expect.stringContaining('[dtext:task_added]'),
      expect.stringContaining('[dtext:file_uploaded]'),
    ])
  })

  it('delivers in event order and records failures: non-200, a body over 2,048 bytes, an unreachable receiver', async () => {
    const room = projectRoom(emu)
    const setting = emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'], roomId: room })
    answer = { status: 200, body: 'x'.repeat(2048) }
    emu.post(room, 'one', { as: 1002 })
    await emu.webhooks.settled()
    answer = { status: 200, body: 'x'.repeat(2049) }
    emu.post(room, 'two', { as: 1002 })
    await emu.webhooks.settled()
    answer = { status: 500, body: '' }
    emu.post(room, 'three', { as: 1002 })
    await emu.webhooks.settled()
    expect(emu.webhooks.deliveries.map((d) => [d.status, d.responseSize, d.ok])).toEqual([
      [200, 2048, true],
      [200, 2049, false],
      [500, 0, false],
    ])
    emu.webhooks.remove(setting.id)
    emu.webhooks.add({ url: 'http://127.0.0.1:1/unreachable', token: TOKEN, events: ['message_created'], roomId: room })
    emu.post(room, 'four', { as: 1002 })
    await emu.webhooks.settled()
    const last = emu.webhooks.deliveries.at(-1)!
    expect([last.status, last.ok, typeof last.error]).toEqual([0, false, 'string'])
    expect(received).toHaveLength(3)
  })

  it('keeps the order of many deliveries', async () => {
    const room = projectRoom(emu)
    emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'], roomId: room })
    const ids = Array.from({ length: 20 }, (_, i) => emu.post(room, `m${i}`, { as: 1002 }))
    await emu.webhooks.settled()
    expect(received.map((hit) => JSON.parse(hit.raw.toString()).webhook_event.message_id)).toEqual(ids)
  })

  it('disables a setting after DEFAULT_WEBHOOK_DISABLE_AFTER failures in a row, sends it nothing more, and enable() brings it back', async () => {
    const room = projectRoom(emu)
    const setting = emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'], roomId: room })
    expect(setting.enabled).toBe(true)
    answer = { status: 500, body: '' }
    // one short of the threshold, then a success: the count starts again
    for (let i = 1; i < DEFAULT_WEBHOOK_DISABLE_AFTER; i++) emu.post(room, `failing ${i}`, { as: 1002 })
    await emu.webhooks.settled()
    answer = { status: 200, body: '' }
    emu.post(room, 'answered', { as: 1002 })
    await emu.webhooks.settled()
    expect(emu.webhooks.list()[0]!.enabled).toBe(true)
    // the threshold reached by queued events: later ones are not sent
    answer = { status: 500, body: '' }
    for (let i = 0; i < DEFAULT_WEBHOOK_DISABLE_AFTER + 3; i++) emu.post(room, `failing again ${i}`, { as: 1002 })
    await emu.webhooks.settled()
    expect(emu.webhooks.list()[0]!.enabled).toBe(false)
    expect(received).toHaveLength(2 * DEFAULT_WEBHOOK_DISABLE_AFTER)
    emu.post(room, 'while disabled', { as: 1002 })
    await emu.webhooks.settled()
    expect(received).toHaveLength(2 * DEFAULT_WEBHOOK_DISABLE_AFTER)
    answer = { status: 200, body: '' }
    emu.webhooks.enable(setting.id)
    emu.post(room, 'enabled again', { as: 1002 })
    await emu.webhooks.settled()
    expect(JSON.parse(received.at(-1)!.raw.toString()).webhook_event.body).toBe('enabled again')
    expect(emu.webhooks.list()[0]!.enabled).toBe(true)
    expect(() => emu.webhooks.enable('404')).toThrow(ChatworkEmulatorError)
  })

  it('takes the failure threshold as an option: Infinity never disables, and a bad value is refused', async () => {
    const patient = await startEmulator({ webhookDisableAfter: Infinity })
    const strict = await startEmulator({ webhookDisableAfter: 1 })
    try {
      for (const server of [patient, strict]) {
        server.webhooks.add({ url: 'http://127.0.0.1:1/unreachable', token: TOKEN, events: ['message_created'], roomId: projectRoom(server) })
        for (let i = 0; i < 3; i++) server.post(projectRoom(server), `m${i}`, { as: 1002 })
        await server.webhooks.settled()
      }
      expect([patient.webhooks.deliveries.length, patient.webhooks.list()[0]!.enabled]).toEqual([3, true])
      expect([strict.webhooks.deliveries.length, strict.webhooks.list()[0]!.enabled]).toEqual([1, false])
    } finally {
      await Promise.all([patient.close(), strict.close()])
    }
    for (const bad of [0, 1.5, -1, Number.NaN]) await expect(startEmulator({ webhookDisableAfter: bad })).rejects.toThrow(RangeError)
  })

  it('refuses bad settings: non-base64 token, bad URL, no events, a sixth setting', () => {
    expect(() => emu.webhooks.add({ url: hookUrl, token: 'not base64!', events: ['message_created'] })).toThrow(/base64/)
    expect(() => emu.webhooks.add({ url: 'ftp://x', token: TOKEN, events: ['message_created'] })).toThrow(/http/)
    expect(() => emu.webhooks.add({ url: 'not a url', token: TOKEN, events: ['message_created'] })).toThrow(/URL/)
    expect(() => emu.webhooks.add({ url: hookUrl, token: TOKEN, events: [] })).toThrow(/events/)
    expect(() => emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['room_deleted' as never] })).toThrow(/events/)
    for (let i = 0; i < 5; i++) emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'] })
    expect(() => emu.webhooks.add({ url: hookUrl, token: TOKEN, events: ['message_created'] })).toThrow(/at most 5/)
    expect(emu.webhooks.list()).toHaveLength(5)
  })
})

describe('startReceiver', () => {
  it('serves a Fetch API handler on loopback until closed', async () => {
    const seen: string[] = []
    const served = await startReceiver(async (request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`)
      return new Response('ok')
    })
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const room = projectRoom(emu)
      emu.webhooks.add({ url: `${served.url}hook`, token: TOKEN, events: ['message_created'], roomId: room })
      const id = emu.post(room, 'to the receiver', { as: 1002 })
      await emu.webhooks.settled()
      expect(seen).toHaveLength(1)
      expect(seen[0]).toMatch(new RegExp(`^POST /hook \\{.*"message_id":"${id}"`))
      expect(emu.webhooks.deliveries[0]).toMatchObject({ status: 200, responseSize: 2, ok: true })
    } finally {
      await served.close()
      await served.close()
    }
    await expect(fetch(served.url)).rejects.toThrow()
  })
})
