/**
 * The emulator's HTTP pipeline, one request at a time: read the body, apply
 * any injected fault, authenticate, count against the rate limit, route,
 * answer JSON with the rate-limit headers, and record it all in the request
 * log. Node-only (node:http), as a local test server is by nature.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ChatworkEmulatorError } from '../errors.ts'
import type { FaultQueue, FaultSpec } from './faults.ts'
import { parseMultipart } from './multipart.ts'
import type { RateLimiter, RateLimitVerdict } from './rate-limit.ts'
import { DOWNLOAD_URL_TTL_MS, matchRoute, type Reply, type RouteContext, type RouteSettings } from './routes/index.ts'
import type { EmulatorFile, EmulatorState } from './state/index.ts'
import type { RecordedRequest, RequestLog } from './request-log.ts'

export type { RecordedRequest } from './request-log.ts'
import { Redactor } from './redact.ts'
import type { UiRouter } from './ui/router.ts'
import { invalidToken, insufficientScope, TOKEN_PATH, tokenEndpoint, type OAuthApiSettings } from './routes/oauth.ts'

/** The path prefix of the API, as in `https://api.chatwork.com/v2`. */
export const API_PREFIX = '/v2'
/** Where `download_url`s point, outside the API (no token needed, like Chatwork's signed URLs). */
export const DOWNLOAD_PREFIX = '/download/'
/** Shortest value redacted for being a token, rather than for where it was sent. */
const MIN_REDACTED_LENGTH = 8
/** Largest request body read, in bytes: a 5 MB upload with room to spare for the multipart framing. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024

/** What the pipeline works on. */
export interface ServerDeps {
  state: EmulatorState
  limiter: RateLimiter
  faults: FaultQueue
  settings: RouteSettings
  log: RequestLog
  escapeNonAscii: boolean
  clock: () => number
  /** Told of each request once it is answered (or dropped). */
  observe?: (record: RecordedRequest) => void
  /** The web pages (the UI, the OAuth consent page) served beside `/v2`; other paths go to the API's pipeline. */
  ui?: UiRouter
  oauth: OAuthApiSettings
}

/**
 * Who a request acts as: an account, under a key (its API token, or its
 * OAuth grant, which outlives each access token) that read cursors and rate
 * limits count by, and the scopes of an OAuth access token (none for an API
 * token: it grants everything); or the refusal of its credential.
 */
type Credential = { actor: number; key: string; scopes: ReadonlySet<string> | undefined } | { refused: Reply }

/** Form fields that hold a secret in a token request (spec §8.3), whatever their value. */
const TOKEN_REQUEST_SECRETS = /^(?:code|code_verifier|refresh_token|client_secret)$/


function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > MAX_REQUEST_BYTES) {
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

/** The API token of a request: `x-chatworktoken`, or an `Authorization: Bearer` token. */
function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers['x-chatworktoken']
  if (typeof header === 'string' && header !== '') return header.trim()
  return bearerOf(request)
}

function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]
}

/**
 * The 401 of a request whose credential is unknown: an API token's has a JSON
 * body; a Bearer token's has the `WWW-Authenticate` challenge and no body (spec §1.2).
 */
function unauthorized(request: IncomingMessage): Reply {
  if (typeof request.headers['x-chatworktoken'] === 'string' && request.headers['x-chatworktoken'] !== '') return { status: 401, body: { errors: ['Invalid API token'] } }
  if (!/^Bearer\s/i.test(request.headers.authorization ?? '')) return { status: 401, body: { errors: ['Invalid API token'] } }
  return { status: 401, noBody: true, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token is invalid"' } }
}

function isForm(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded'
}

/** The multipart body of a request, read as RFC 2046 allows (see {@link parseMultipart}). */
function readMultipart(contentType: string, body: Buffer): FormData {
  const boundary = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (boundary === null) throw new ChatworkEmulatorError(400, "Parameter 'file' is required")
  return parseMultipart(boundary[1] ?? boundary[2]!, body)
}

/** JSON text with every non-ASCII character as `\uXXXX`, as Chatwork sometimes sends (spec §1.4). */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Whether a path is the API's or a download's rather than the web UI's. */
function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`) || pathname.startsWith(DOWNLOAD_PREFIX)
}

/** Creates the request handler of an emulator; `baseOrigin` is read per request, once the port is known. */
export function createHandler(deps: ServerDeps, origin: () => string): (request: IncomingMessage, response: ServerResponse) => void {
  const downloads = new Map<string, { file: EmulatorFile; expires: number }>()

  function downloadUrl(file: EmulatorFile): string {
    const now = deps.clock()
    for (const [key, entry] of downloads) if (entry.expires < now) downloads.delete(key)
    const key = crypto.randomUUID()
    downloads.set(key, { file, expires: now + DOWNLOAD_URL_TTL_MS })
    return `${origin()}${DOWNLOAD_PREFIX}${key}`
  }

  /**
   * Who a request acts as. An `x-chatworktoken` is an API token; a Bearer
   * token is an OAuth access token, or else an API token sent that way. An
   * OAuth token that expired or was revoked is refused with the challenge.
   */
  function authenticate(request: IncomingMessage): Credential {
    const bearer = typeof request.headers['x-chatworktoken'] === 'string' && request.headers['x-chatworktoken'] !== '' ? undefined : bearerOf(request)
    const oauth = bearer === undefined ? undefined : deps.state.accessToken(bearer)
    if (oauth !== undefined) {
      if (oauth.status !== 'valid') return { refused: invalidToken(oauth.status === 'expired' ? 'The access token expired' : 'The access token was revoked') }
      return { actor: oauth.accountId, key: `oauth:${oauth.grantId}`, scopes: oauth.scopes }
    }
    const token = tokenOf(request)
    const actor = token === undefined ? undefined : deps.state.tokens.get(token)
    return actor === undefined ? { refused: unauthorized(request) } : { actor, key: token!, scopes: undefined }
  }

  /**
   * Whom a request counts against: its token (an OAuth grant for an access
   * token) or its account (`rateLimit.per`), or one bucket shared by all
   * refused credentials, so that a stream of bad tokens cannot grow the table.
   */
  function principalOf(credential: Credential): string {
    if ('refused' in credential) return ''
    return deps.limiter.options.per === 'account' ? String(credential.actor) : credential.key
  }

  function send(response: ServerResponse, record: RecordedRequest | undefined, reply: Reply, rateHeaders: RateLimitVerdict['headers'] | undefined, malformed = false): void {
    const headers: Record<string, string> = { ...rateHeaders, ...reply.headers }
    let payload = ''
    if (reply.status !== 204 && !reply.noBody) {
      payload = JSON.stringify(reply.body ?? {})
      if (deps.escapeNonAscii) payload = asciiJson(payload)
      // Cut mid-structure: no JSON parser accepts what is left.
      if (malformed) payload = payload.length > 2 ? payload.slice(0, Math.ceil(payload.length / 2)) : '{"errors":['
      headers['content-type'] = 'application/json; charset=utf-8'
    }
    response.writeHead(reply.status, headers)
    response.end(payload)
    if (record !== undefined) {
      record.status = reply.status
      record.responseHeaders = headers
      deps.observe?.(record)
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase()
    const url = new URL(request.url ?? '/', 'http://emulator.invalid')

    if (deps.ui !== undefined && !isApiPath(url.pathname) && deps.ui.matches(url.pathname)) {
      await deps.ui.handle(request, response, url)
      return
    }

    if (method === 'GET' && url.pathname.startsWith(DOWNLOAD_PREFIX)) {
      const entry = downloads.get(url.pathname.slice(DOWNLOAD_PREFIX.length))
      if (entry === undefined || entry.expires < deps.clock()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Expired or unknown download URL')
        return
      }
      response.writeHead(200, { 'content-type': entry.file.content_type, 'content-length': entry.file.content.byteLength })
      response.end(entry.file.content)
      return
    }

    const body = await readBody(request)
    const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname
    const presented = tokenOf(request)
    // A token is redacted wherever it appears whole; one too short to be real (tests use `x`) only where its name says it is one.
    const isToken = (value: string) => value.length >= MIN_REDACTED_LENGTH && (value === presented || deps.state.tokens.has(value) || deps.state.isOAuthSecret(value))
    const redactor = new Redactor(isToken, url.pathname === TOKEN_PATH ? TOKEN_REQUEST_SECRETS : undefined)
    const text = body?.toString('utf8') ?? ''
    const record: RecordedRequest = {
      method,
      path,
      query: redactor.query(url.searchParams),
      headers: redactor.headers(request),
      body: isForm(request.headers['content-type'] ?? '') ? redactor.form(text) : text,
      status: 0,
      time: deps.clock(),
    }
    deps.log.add(record, body)
    const credential = authenticate(request)
    if (body === undefined) {
      // Counted like any other answered request (Chatwork does not say), and
      // answered 413 even past the limit: the size is refused before anything else.
      const verdict = deps.limiter.hit(principalOf(credential))
      response.setHeader('connection', 'close')
      send(response, record, { status: 413, body: { errors: ['Request body too large'] } }, verdict.headers)
      return
    }

    const fault: FaultSpec | undefined = deps.faults.take(method, path)
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
    if (fault?.drop) {
      request.socket.destroy()
      deps.observe?.(record)
      return
    }
    if (fault?.location !== undefined) {
      const status = fault.status ?? 302
      send(response, record, { status, body: { errors: [`Emulated fault: HTTP ${status}`] }, headers: { location: fault.location } }, undefined)
      return
    }
    if (fault?.status !== undefined) {
      send(response, record, { status: fault.status, body: { errors: [`Emulated fault: HTTP ${fault.status}`] } }, undefined, fault.malformed)
      return
    }
    const malformed = fault?.malformed ?? false

    if (url.pathname === TOKEN_PATH) {
      // OAuth's token endpoint, on oauth.chatwork.com in production: no API token, no API rate limit
      const form = isForm(request.headers['content-type'] ?? '') ? new URLSearchParams(text) : undefined
      send(response, record, tokenEndpoint(deps.state, { method, authorization: request.headers.authorization, form }, deps.oauth.expiresIn), undefined, malformed)
      return
    }

    const verdict = deps.limiter.hit(principalOf(credential))
    if ('refused' in credential || !url.pathname.startsWith(`${API_PREFIX}/`)) {
      const reply = 'refused' in credential ? credential.refused : { status: 404, body: { errors: ['Unknown endpoint'] } }
      send(response, record, reply, verdict.headers, malformed)
      return
    }
    const { actor } = credential
    if (verdict.limited) {
      send(response, record, { status: 429, body: { errors: [deps.limiter.options.message] } }, verdict.headers, malformed)
      return
    }

    const match = matchRoute(method, path)
    if (match === undefined) {
      send(response, record, { status: 404, body: { errors: ['Unknown endpoint'] } }, verdict.headers, malformed)
      return
    }
    if ('allowed' in match) {
      send(response, record, { status: 405, body: { errors: [`Method ${method} not allowed`] }, headers: { allow: match.allowed.join(', ') } }, verdict.headers, malformed)
      return
    }

    if (credential.scopes !== undefined) {
      const needed = deps.oauth.endpointScopes[`${method} ${match.route.pattern}`] ?? []
      // an endpoint without a scope list is granted to no OAuth token: refused rather than open
      if (!needed.some((scope) => credential.scopes!.has(scope))) {
        send(response, record, insufficientScope(deps.oauth, needed), verdict.headers, malformed)
        return
      }
    }

    const contentType = request.headers['content-type'] ?? ''
    // Only a form body carries parameters: never the query string on POST/PUT (spec §1.3), never JSON.
    const form = method !== 'GET' && isForm(contentType) ? new URLSearchParams(body.toString('utf8')) : new URLSearchParams()
    const context: RouteContext = {
      state: deps.state,
      limiter: deps.limiter,
      settings: deps.settings,
      token: credential.key,
      actor,
      params: match.params,
      query: url.searchParams,
      form,
      multipart: () => readMultipart(contentType, body),
      downloadUrl,
    }
    let reply: Reply
    try {
      reply = await match.route.handler(context)
    } catch (error) {
      reply =
        error instanceof ChatworkEmulatorError
          ? { status: error.status, body: { errors: [error.message] } }
          : { status: 500, body: { errors: [`Emulator error: ${error instanceof Error ? error.message : String(error)}`] } }
    }
    // A route's 429 is the per-room one (the general 429 is answered above).
    const rateHeaders = reply.status === 429 && deps.limiter.options.roomLimitHeaders === 'none' ? undefined : verdict.headers
    send(response, record, reply, rateHeaders, malformed)
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy()
        return
      }
      const message = error instanceof Error ? error.message : String(error)
      // The failure may come before or after the request was counted: report the window as it is.
      send(response, undefined, { status: 500, body: { errors: [`Emulator error: ${message}`] } }, deps.limiter.peek(principalOf(authenticate(request))))
    })
  }
}
