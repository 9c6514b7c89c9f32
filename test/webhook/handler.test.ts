import { createHmac, randomBytes } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { parse } from 'chatwork-kit'
import {
  ChatworkWebhookError,
  createWebhookHandler,
  DEFAULT_MAX_BODY_BYTES,
  toNodeListener,
  type WebhookEvent,
  type WebhookHandlerOptions,
} from 'chatwork-kit/webhook'

const TOKEN = randomBytes(32).toString('base64')
const NEXT_TOKEN = randomBytes(32).toString('base64')
const OTHER_TOKEN = randomBytes(32).toString('base64')
const LIMIT = 4096

function sign(body: string | Uint8Array, token = TOKEN): string {
  return createHmac('sha256', Buffer.from(token, 'base64')).update(body).digest('base64')
}

function payload(type: string, body = '[To:1001] lunch?'): string {
  const message = { message_id: '1718000000000000005', room_id: 5002, body, send_time: 1735600199, update_time: 0 }
  const event = type === 'mention_to_me' ? { from_account_id: 1002, to_account_id: 1001, ...message } : { account_id: 1002, ...message }
  return JSON.stringify({ webhook_setting_id: '12346', webhook_event_type: type, webhook_event_time: 1735600200, webhook_event: event })
}

/** What reached the callbacks, in order. */
let calls: [string, WebhookEvent][] = []
let errors: unknown[] = []
let failWith: Error | undefined

const options: WebhookHandlerOptions = {
  token: [TOKEN, NEXT_TOKEN],
  maxBodyBytes: LIMIT,
  onEvent: (event) => {
    calls.push(['onEvent', event])
  },
  on: {
    messageCreated: (event) => {
      calls.push(['messageCreated', event])
    },
    messageUpdated: (event) => {
      calls.push(['messageUpdated', event])
    },
    mentionToMe: async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      calls.push(['mentionToMe', event])
      if (failWith) throw failWith
    },
  },
  onError: (error) => {
    errors.push(error)
  },
}
const handler = createWebhookHandler(options)

async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }
}

let server: Server
let url: string

beforeAll(async () => {
  ;({ server, url } = await listen(toNodeListener(handler)))
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
afterEach(() => {
  calls = []
  errors = []
  failWith = undefined
})

function post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}, target = url): Promise<Response> {
  return fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
}

function signed(body: string, token = TOKEN): Promise<Response> {
  return post(body, { 'x-chatworkwebhooksignature': sign(body, token) })
}

describe('createWebhookHandler over node:http', () => {
  it('delivers each event type to onEvent, then to its typed callback, and answers 200 with an empty body', async () => {
    for (const [type, callback] of [
      ['message_created', 'messageCreated'],
      ['message_updated', 'messageUpdated'],
      ['mention_to_me', 'mentionToMe'],
    ]) {
      calls = []
      const response = await signed(payload(type))
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('')
      expect(calls.map(([name]) => name)).toEqual(['onEvent', callback])
      const event = calls[1][1]
      expect(event.type).toBe(type)
      expect(event.type !== 'unknown' && event.tree).toEqual(parse('[To:1001] lunch?'))
      expect(event.type !== 'unknown' && event.messageId).toBe('1718000000000000005')
    }
  })

  it('gives an unknown event type to onEvent only', async () => {
    const response = await signed(payload('task_created'))
    expect(response.status).toBe(200)
    expect(calls).toHaveLength(1)
    expect(calls[0][1]).toMatchObject({ type: 'unknown', eventType: 'task_created' })
  })

  it('takes the signature from the query parameter, percent-encoded or with + left raw', async () => {
    // a body whose signature has a `+`, which a query decoder turns into a space
    let i = 0
    while (!sign(payload('mention_to_me', `ping ${i}`)).includes('+')) i++
    const body = payload('mention_to_me', `ping ${i}`)
    const signature = sign(body)
    const encoded = await post(body, {}, `${url}?chatwork_webhook_signature=${encodeURIComponent(signature)}`)
    const raw = await post(body, {}, `${url}?chatwork_webhook_signature=${signature}`)
    expect([encoded.status, raw.status]).toEqual([200, 200])
    expect(calls.filter(([name]) => name === 'mentionToMe')).toHaveLength(2)
  })

  it('accepts every configured token (rotation) and no other', async () => {
    expect((await signed(payload('message_created'), NEXT_TOKEN)).status).toBe(200)
    expect((await signed(payload('message_created'), OTHER_TOKEN)).status).toBe(401)
    expect(calls.map(([name]) => name)).toEqual(['onEvent', 'messageCreated'])
  })

  describe('refusals reach no callback', () => {
    afterEach(() => {
      expect(calls).toEqual([])
      expect(errors).toEqual([])
    })

    it('answers 405 to GET, with Allow: POST', async () => {
      const body = payload('mention_to_me')
      const response = await fetch(`${url}?chatwork_webhook_signature=${encodeURIComponent(sign(body))}`)
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('POST')
      expect((await fetch(url, { method: 'PUT', body, headers: { 'x-chatworkwebhooksignature': sign(body) } })).status).toBe(405)
    })

    it('answers 401 without a signature', async () => {
      expect((await post(payload('mention_to_me'))).status).toBe(401)
    })

    it('answers 401 to a wrong signature, and to a signature made with the wrong token', async () => {
      const body = payload('mention_to_me')
      expect((await post(body, { 'x-chatworkwebhooksignature': sign(`${body} `) })).status).toBe(401)
      expect((await post(body, { 'x-chatworkwebhooksignature': 'not a signature' })).status).toBe(401)
      expect((await signed(body, OTHER_TOKEN)).status).toBe(401)
    })

    it('answers 401 before parsing: a non-JSON body with a wrong signature is 401, not 400', async () => {
      expect((await post('not json', { 'x-chatworkwebhooksignature': sign('other') })).status).toBe(401)
    })

    it('property: a right signature over a body changed in one byte is 401', async () => {
      const body = Buffer.from(payload('mention_to_me'))
      await fc.assert(
        fc.asyncProperty(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), async (index, delta) => {
          const changed = Buffer.from(body)
          changed[index] = (changed[index] + delta) % 256
          const response = await post(changed, { 'x-chatworkwebhooksignature': sign(body) })
          expect(response.status).toBe(401)
        }),
        { numRuns: 30 },
      )
    })

    it('answers 413 to a body over the limit that says so', async () => {
      const body = payload('mention_to_me', 'x'.repeat(LIMIT))
      expect((await signed(body)).status).toBe(413)
    })

    it('answers 413 to an endless chunked body, without waiting for its end', async () => {
      const listener = toNodeListener(handler)
      let bytesRead = 0
      const counted = await listen((req, res) => {
        res.on('finish', () => (bytesRead = req.socket.bytesRead))
        listener(req, res)
      })
      try {
        expect(await endlessUpload(counted.url)).toBe(413)
        // the server stopped taking the upload soon after the limit
        expect(bytesRead).toBeLessThan(LIMIT + 256 * 1024)
      } finally {
        counted.server.closeAllConnections()
        await new Promise((resolve) => counted.server.close(resolve))
      }
    })
  })

  it('answers 200 to a signed body that is not JSON or not a payload, reaching no callback, and reports why', async () => {
    for (const body of ['not json', '{"webhook_event_type":"mention_to_me"}', payload('mention_to_me').replace('"room_id":5002', '"room_id":"5002"')]) {
      const response = await signed(body)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('')
    }
    expect(calls).toEqual([])
    expect(errors).toEqual([
      expect.objectContaining({ reason: 'invalid_json' }),
      expect.objectContaining({ reason: 'invalid_payload', message: expect.stringMatching(/webhook_setting_id/) }),
      expect.objectContaining({ reason: 'invalid_payload', message: expect.stringMatching(/webhook_event\.room_id/) }),
    ])
    expect(errors.every((error) => error instanceof ChatworkWebhookError)).toBe(true)
  })

  it('accepts a signed body of exactly maxBodyBytes', async () => {
    const base = payload('message_created', '')
    const body = payload('message_created', 'y'.repeat(LIMIT - Buffer.byteLength(base)))
    expect(Buffer.byteLength(body)).toBe(LIMIT)
    expect((await signed(body)).status).toBe(200)
  })

  it('answers 200 with an empty body when a callback rejects, and reports its error', async () => {
    failWith = new Error('secret detail')
    const response = await signed(payload('mention_to_me'))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(calls.map(([name]) => name)).toEqual(['onEvent', 'mentionToMe'])
    expect(errors).toEqual([failWith])
  })

  it('uses a body that express.raw() has already read', async () => {
    const listener = toNodeListener(handler)
    const raw = await listen(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      Object.assign(req, { body: Buffer.concat(chunks), originalUrl: req.url })
      listener(req, res)
    })
    try {
      const body = payload('message_updated')
      const response = await fetch(raw.url, { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': sign(body) } })
      expect(response.status).toBe(200)
      expect(calls.map(([name]) => name)).toEqual(['onEvent', 'messageUpdated'])
    } finally {
      await new Promise((resolve) => raw.server.close(resolve))
    }
  })
})

describe('toNodeListener behind a body parser that kept no bytes', () => {
  it('answers 500 at once and logs why, instead of waiting for a body that was already read', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const listener = toNodeListener(handler)
    const parsed = await listen(async (req, res) => {
      // what express.json() does: read the stream, keep only the parsed value
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      Object.assign(req, { body: JSON.parse(Buffer.concat(chunks).toString()) })
      listener(req, res)
    })
    try {
      const body = payload('message_created')
      const response = await fetch(parsed.url, { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': sign(body) } })
      expect(response.status).toBe(500)
      expect(calls).toEqual([])
      expect(String(logged.mock.calls[0]?.[1])).toMatch(/body parser/)
    } finally {
      logged.mockRestore()
      await new Promise((resolve) => parsed.server.close(resolve))
    }
  })
})

describe('toNodeListener when the sender breaks off', () => {
  it('lets the handler finish with 400, and reach no callback, when the connection drops mid-body', async () => {
    let finished!: (status: number) => void
    const status = new Promise<number>((resolve) => (finished = resolve))
    const aborted = await listen(toNodeListener(async (request) => {
      const response = await handler(request)
      finished(response.status)
      return response
    }))
    try {
      const body = payload('mention_to_me')
      const req = httpRequest(aborted.url, {
        method: 'POST',
        headers: { 'content-length': String(body.length), 'x-chatworkwebhooksignature': sign(body) },
      })
      req.on('error', () => undefined)
      req.write(body.slice(0, 10), () => setTimeout(() => req.destroy(), 20))
      expect(await status).toBe(400)
      expect(calls).toEqual([])
    } finally {
      await new Promise((resolve) => aborted.server.close(resolve))
    }
  })
})

/** Sends a chunked body that never ends, until the response comes; resolves to its status. */
function endlessUpload(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024, 'a')
    let answered = false
    const req = httpRequest(target, { method: 'POST', headers: { 'x-chatworkwebhooksignature': sign('') } })
    const pump = () => {
      while (!answered && !req.destroyed) {
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
    }
    req.on('response', (res: IncomingMessage) => {
      answered = true
      res.resume()
      req.destroy()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    pump()
  })
}

describe('createWebhookHandler on a Fetch API Request', () => {
  const body = payload('mention_to_me')

  it('answers 413 to a body larger than its content-length says, reading only up to the limit', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const request = new Request('http://127.0.0.1/hook', {
      method: 'POST',
      headers: { 'content-length': '10', 'x-chatworkwebhooksignature': sign(body) },
      body: endless,
      duplex: 'half',
    } as RequestInit)
    expect((await handler(request)).status).toBe(413)
    expect(pulled).toBeLessThan(LIMIT + 16 * 1024)
  })

  it('answers 413 from content-length alone, without reading', async () => {
    let pulled = false
    const stream = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true
      },
    })
    const request = new Request('http://127.0.0.1/hook', {
      method: 'POST',
      headers: { 'content-length': String(LIMIT + 1), 'x-chatworkwebhooksignature': sign(body) },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await handler(request)).status).toBe(413)
    expect(pulled).toBe(false)
  })

  it('answers 400 when the sender breaks off the body', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'))
      },
    })
    const request = new Request('http://127.0.0.1/hook', {
      method: 'POST',
      headers: { 'x-chatworkwebhooksignature': sign(body) },
      body: broken,
      duplex: 'half',
    } as RequestInit)
    expect((await handler(request)).status).toBe(400)
  })

  it('defaults maxBodyBytes to 1 MiB', async () => {
    const big = createWebhookHandler({ token: TOKEN })
    const request = (size: number) =>
      new Request('http://127.0.0.1/hook', { method: 'POST', headers: { 'x-chatworkwebhooksignature': 'x' }, body: new Uint8Array(size) })
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024)
    expect((await big(request(DEFAULT_MAX_BODY_BYTES + 1))).status).toBe(413)
    expect((await big(request(DEFAULT_MAX_BODY_BYTES))).status).toBe(401)
  })

  it('refuses bad options when created', () => {
    for (const token of ['', 'not base64!', []]) {
      expect(() => createWebhookHandler({ token })).toThrow(ChatworkWebhookError)
    }
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createWebhookHandler({ token: TOKEN, maxBodyBytes })).toThrow(RangeError)
    }
  })

  it('takes the signature from the query parameter when the header is empty', async () => {
    const request = new Request(`http://127.0.0.1/hook?chatwork_webhook_signature=${encodeURIComponent(sign(body))}`, {
      method: 'POST',
      headers: { 'x-chatworkwebhooksignature': '' },
      body,
    })
    expect((await handler(request)).status).toBe(200)
    expect(calls.map(([name]) => name)).toEqual(['onEvent', 'mentionToMe'])
  })

  it('answers 401 without reading the body when the header and the query parameter are both empty', async () => {
    let pulled = false
    // highWaterMark 0: pulled only when someone reads
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true
          controller.close()
        },
      },
      { highWaterMark: 0 },
    )
    const request = new Request('http://127.0.0.1/hook?chatwork_webhook_signature=', {
      method: 'POST',
      headers: { 'x-chatworkwebhooksignature': '' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await handler(request)).status).toBe(401)
    expect(pulled).toBe(false)
  })

  it('reports to console.error by default, so a failure is never silent', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failure = new Error('callback')
    const quiet = createWebhookHandler({
      token: TOKEN,
      onEvent: () => {
        throw failure
      },
    })
    try {
      const request = new Request('http://127.0.0.1/hook', { method: 'POST', headers: { 'x-chatworkwebhooksignature': sign(body) }, body })
      expect((await quiet(request)).status).toBe(200)
      expect(logged.mock.calls).toEqual([[expect.any(String), failure]])
    } finally {
      logged.mockRestore()
    }
  })

  it('still answers 200 when onError itself throws', async () => {
    const fragile = createWebhookHandler({
      token: TOKEN,
      onEvent: () => {
        throw new Error('callback')
      },
      onError: () => {
        throw new Error('reporter')
      },
    })
    const request = new Request('http://127.0.0.1/hook', { method: 'POST', headers: { 'x-chatworkwebhooksignature': sign(body) }, body })
    expect((await fragile(request)).status).toBe(200)
  })
})
