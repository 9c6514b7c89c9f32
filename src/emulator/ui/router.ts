/**
 * The router of the emulator's web pages, served at its origin beside the API
 * (`/v2`). Each page or endpoint is a {@link UiRoute}; every response gets the
 * security headers and the Host check, and every route that changes state (any
 * method but GET, and GETs that ask for it) needs the per-process secret.
 * Adding a page is adding a route: see ARCHITECTURE.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ChatworkEmulatorError } from '../../errors.ts'
import { allowedHost, carriesSecret, UI_SECURITY_HEADERS } from './security.ts'

/** Largest body a UI request may have: a message body is at most 65,535 characters. */
export const MAX_UI_REQUEST_BYTES = 1024 * 1024

/** What a route's handler is given. */
export interface UiContext {
  request: IncomingMessage
  /** For handlers that answer a stream themselves (and return `{ streaming: true }`). */
  response: ServerResponse
  url: URL
  /** The `:name` segments of the route's path. */
  params: Record<string, string>
  /** The request body, read whole. */
  body: Buffer
  /** The body as a form (`application/x-www-form-urlencoded`). */
  form: () => URLSearchParams
  /** The body as JSON; a 400 if it is not. */
  json: () => unknown
  /** The per-process secret, for pages to embed. */
  secret: string
}

/** What a handler answers: an HTML page, JSON, another body, a redirect, or a stream it writes itself. */
export type UiReply =
  | { status?: number; html: string }
  | { status?: number; json: unknown }
  | { status?: number; content: string | Uint8Array; contentType: string; cacheSeconds?: number }
  | { status?: 302 | 303; redirect: string }
  | { streaming: true }

/** A page or endpoint of the UI. */
export interface UiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path with `:name` segments, e.g. `/ui/api/rooms/:roomId`. */
  path: string
  /** Whether a GET needs the secret too (every other method always does). Default false. */
  secret?: boolean
  handle: (context: UiContext) => UiReply | Promise<UiReply>
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > MAX_UI_REQUEST_BYTES) {
        resolve(undefined)
        request.pause()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function match(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = pathname.split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let index = 0; index < want.length; index++) {
    const segment = want[index]!
    if (segment.startsWith(':')) {
      if (got[index] === '') return undefined
      params[segment.slice(1)] = decodeURIComponent(got[index]!)
    } else if (segment !== got[index]) {
      return undefined
    }
  }
  return params
}

/**
 * The UI's routes, and the pipeline every UI request goes through.
 *
 * @example
 * const router = new UiRouter({ secret: createUiSecret(), host: '127.0.0.1' })
 * router.add({ method: 'GET', path: '/hello', handle: () => ({ html: renderPage({ title: 'Hello', body: '<p>Hi</p>', secret: router.secret }) }) })
 */
export class UiRouter {
  readonly secret: string
  readonly #host: string
  readonly #routes: UiRoute[] = []

  constructor(options: { secret: string; host: string }) {
    this.secret = options.secret
    this.#host = options.host
  }

  /** Adds routes; the first that matches a request answers it. */
  add(routes: UiRoute | readonly UiRoute[]): this {
    for (const route of [routes].flat()) this.#routes.push(route)
    return this
  }

  /** Whether some route has this path: the server sends every other request to the API's pipeline. */
  matches(pathname: string): boolean {
    return this.#routes.some((route) => match(route.path, pathname) !== undefined)
  }

  /** Answers one request whose path {@link matches}. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase()
    for (const [name, value] of Object.entries(UI_SECURITY_HEADERS)) response.setHeader(name, value)
    if (!allowedHost(request.headers.host, this.#host)) return this.#error(response, 421, 'Unknown host')
    let params: Record<string, string> | undefined
    let route: UiRoute | undefined
    const allowed: string[] = []
    for (const candidate of this.#routes) {
      const found = match(candidate.path, url.pathname)
      if (found === undefined) continue
      allowed.push(candidate.method)
      if (candidate.method === method || (method === 'HEAD' && candidate.method === 'GET')) {
        route = candidate
        params = found
        break
      }
    }
    if (route === undefined) {
      if (allowed.length > 0) response.setHeader('allow', allowed.join(', '))
      return this.#error(response, allowed.length > 0 ? 405 : 404, allowed.length > 0 ? `Method ${method} not allowed` : 'Not found')
    }
    const body = await readBody(request)
    if (body === undefined) return this.#error(response, 413, 'Request body too large')
    const isForm = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded'
    const form = isForm ? new URLSearchParams(body.toString('utf8')) : undefined
    if ((route.method !== 'GET' || route.secret) && !carriesSecret(request, url, form, this.secret)) {
      return this.#error(response, 403, 'This request needs the UI secret of the page')
    }
    const context: UiContext = {
      request,
      response,
      url,
      params: params!,
      body,
      form: () => form ?? new URLSearchParams(),
      json: () => {
        try {
          return JSON.parse(body.toString('utf8')) as unknown
        } catch {
          throw new ChatworkEmulatorError(400, 'The body is not JSON')
        }
      },
      secret: this.secret,
    }
    let reply: UiReply
    try {
      reply = await route.handle(context)
    } catch (error) {
      if (error instanceof ChatworkEmulatorError) return this.#error(response, error.status, error.message)
      throw error
    }
    this.#send(response, method, reply)
  }

  #send(response: ServerResponse, method: string, reply: UiReply): void {
    if ('streaming' in reply) return
    if ('redirect' in reply) {
      response.writeHead(reply.status ?? 303, { location: reply.redirect }).end()
      return
    }
    let content: string | Uint8Array
    let contentType: string
    let cache = 'no-store'
    if ('html' in reply) {
      content = reply.html
      contentType = 'text/html; charset=utf-8'
    } else if ('json' in reply) {
      content = JSON.stringify(reply.json)
      contentType = 'application/json; charset=utf-8'
    } else {
      content = reply.content
      contentType = reply.contentType
      if (reply.cacheSeconds !== undefined) cache = `private, max-age=${reply.cacheSeconds}`
    }
    response.writeHead(reply.status ?? 200, { 'content-type': contentType, 'cache-control': cache, 'content-length': Buffer.byteLength(content) })
    response.end(method === 'HEAD' ? undefined : content)
  }

  #error(response: ServerResponse, status: number, message: string): void {
    const content = JSON.stringify({ errors: [message] })
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(content)
  }
}
