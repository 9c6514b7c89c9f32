// Types only: this module must load where no node: module exists (Workers).
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A `node:http` request listener; also an Express-style `(req, res)` route handler.
 *
 * @example
 * app.post('/chatwork', toNodeListener(handler) satisfies NodeListener)
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void

/** What Express adds to a request: the URL before mounting, and a body a body parser read. */
interface ExpressRequest extends IncomingMessage {
  originalUrl?: string
  body?: unknown
}

/**
 * The request body as a stream that reads from `req` only as fast as it is
 * consumed, so a consumer that stops early (a body limit) stops the upload.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Uint8Array) => {
        if (finished) return
        controller.enqueue(chunk)
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      })
      req.on('end', () => {
        if (finished) return
        finished = true
        controller.close()
      })
      req.on('close', () => {
        if (finished) return
        finished = true
        controller.error(new Error('The request was aborted before its body ended'))
      })
    },
    pull() {
      req.resume()
    },
    cancel() {
      finished = true
      req.pause()
    },
  })
}

/**
 * Whether a body parser (express.json() and the like) has read the body
 * without leaving its bytes: the signature cannot be checked, and waiting
 * for the stream would hang.
 */
function bodySpent(req: ExpressRequest): boolean {
  return req.readableEnded && req.method !== 'GET' && req.method !== 'HEAD' && !(req.body instanceof Uint8Array)
}

function toRequest(req: ExpressRequest): Request {
  const secure = 'encrypted' in req.socket && req.socket.encrypted === true
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    // HTTP/2 pseudo-headers (`:path`) are not headers for the Fetch API
    if (!req.rawHeaders[i].startsWith(':')) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  }
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })
  // express.raw() has already read the body into a Buffer; the stream is spent
  if (req.body instanceof Uint8Array) return new Request(url, { method, headers, body: req.body as Uint8Array<ArrayBuffer> })
  return new Request(url, { method, headers, body: bodyStream(req), duplex: 'half' } as RequestInit)
}

/** Resolves once `res` can take more data, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  // Node would otherwise keep reading an unread body (a refused upload) to reuse the connection.
  if (!req.complete) res.setHeader('connection', 'close')
  if (response.body === null) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (res.destroyed) {
      await reader.cancel()
      return
    }
    if (!res.write(value)) await drained(res)
  }
  res.end()
}

/**
 * Adapts a Fetch API handler, such as the one {@link createWebhookHandler}
 * returns, to `node:http` and Express-style `(req, res)`.
 *
 * Mount it before any body parser, because the signature covers the body
 * bytes exactly as received; a `Buffer` body from `express.raw()` is used as
 * is. A body another parser has consumed, or a handler that throws, gets a
 * 500 with an empty body, and the reason is logged.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { createWebhookHandler, toNodeListener } from 'chatwork-kit/webhook'
 *
 * const handler = createWebhookHandler({ token: process.env.CHATWORK_WEBHOOK_TOKEN!, onEvent: console.log })
 * createServer(toNodeListener(handler)).listen(8080)
 */
export function toNodeListener(handler: (request: Request) => Response | Promise<Response>): NodeListener {
  return (req, res) => {
    const respond = async () => {
      if (bodySpent(req)) {
        throw new Error('The request body was already read by a body parser: mount toNodeListener before it, or use express.raw() on this route')
      }
      let request: Request
      try {
        request = toRequest(req)
      } catch {
        // an unusable URL or header: nothing a handler could act on
        res.statusCode = 400
        res.setHeader('connection', 'close')
        res.end()
        return
      }
      await send(await handler(request), req, res)
    }
    respond().catch((error: unknown) => {
      console.error('[chatwork-kit] a request handler failed:', error)
      if (res.headersSent) {
        res.destroy()
      } else {
        res.statusCode = 500
        res.end()
      }
    })
  }
}
