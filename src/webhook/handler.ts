import type { ParseOptions } from '../markup/parse.ts'
import { ChatworkWebhookError } from '../errors.ts'
import { parseWebhookEvent, type MentionToMeEvent, type MessageCreatedEvent, type MessageUpdatedEvent, type WebhookEvent } from './event.ts'
import { importWebhookKey, signatureMatches } from './signature.ts'

/**
 * The default body limit of {@link createWebhookHandler}: 1 MiB. A Chatwork
 * message is at most 65,535 characters, so a real event is far smaller.
 *
 * @example
 * createWebhookHandler({ token, maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 })
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * The header that carries the signature.
 *
 * @example
 * request.headers.get(SIGNATURE_HEADER) // 'S9JQHyY3XQAR/mzwCFpKNObzqMLuUCgTdp9+kvBE88E='
 */
export const SIGNATURE_HEADER = 'x-chatworkwebhooksignature'

/**
 * The query parameter that carries the same signature, for receivers that cannot read headers.
 *
 * @example
 * new URL(request.url).searchParams.get(SIGNATURE_QUERY_PARAMETER)
 */
export const SIGNATURE_QUERY_PARAMETER = 'chatwork_webhook_signature'

/**
 * A callback for one kind of event; it may return a promise, which is awaited before the answer.
 *
 * @example
 * const log: WebhookCallback<MentionToMeEvent> = (event) => console.log(event.body)
 */
export type WebhookCallback<E> = (event: E, request: Request) => unknown

/**
 * Options of {@link createWebhookHandler}.
 *
 * @example
 * const options: WebhookHandlerOptions = { token: [oldToken, newToken], on: { messageCreated: (event) => console.log(event.body) } }
 */
export interface WebhookHandlerOptions {
  /**
   * The webhook token (base64, from the webhook setting's edit screen), or
   * several: an event signed with any of them is accepted, so one endpoint can
   * serve several settings, or a new token can be deployed beside the old one.
   */
  token: string | readonly string[]
  /** Called with every verified event, before the callback of its type. */
  onEvent?: WebhookCallback<WebhookEvent>
  /** Callbacks per event type. Unknown event types reach only `onEvent`. */
  on?: {
    messageCreated?: WebhookCallback<MessageCreatedEvent>
    messageUpdated?: WebhookCallback<MessageUpdatedEvent>
    mentionToMe?: WebhookCallback<MentionToMeEvent>
  }
  /**
   * Called when a delivery whose signature verifies cannot be handled: with
   * the callback's own error when a callback throws or rejects, or with a
   * {@link ChatworkWebhookError} (`invalid_json`, `invalid_payload`) when the
   * signed body is not a webhook payload. The request is answered 200 all the
   * same. Defaults to {@link reportToConsole}.
   */
  onError?: (error: unknown, request: Request) => void
  /** Bodies longer than this many bytes are answered 413 without being read further. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number
  /** Options for parsing each message body into `tree`. */
  parseOptions?: ParseOptions
}

/**
 * A Fetch API handler: mounts as is in Workers, Deno, Bun, Hono and Next route handlers.
 *
 * @example
 * const handler: WebhookHandler = createWebhookHandler({ token })
 * Deno.serve(handler)
 */
export type WebhookHandler = (request: Request) => Promise<Response>

/**
 * The default `onError`: the failure of a signed delivery is logged, so it is
 * not lost, while the answer (200) reveals nothing about it.
 *
 * @example
 * createWebhookHandler({ token, onError: reportToConsole })
 */
export function reportToConsole(error: unknown): void {
  console.error('[chatwork-kit] a signed webhook delivery failed:', error)
}

function answer(status: number, headers?: HeadersInit): Response {
  return new Response(null, { status, headers })
}

/**
 * Reads a body up to `limit` bytes. Resolves to `undefined` as soon as the
 * body is known to be longer, whatever `content-length` says, without reading
 * the rest: an endless or huge body costs at most `limit` bytes.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > limit) {
    await request.body?.cancel()
    return undefined
  }
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  const body = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** The signature from the header, else from the query string; an empty value counts as none. */
function signatureOf(request: Request): string | null {
  return request.headers.get(SIGNATURE_HEADER) || new URL(request.url).searchParams.get(SIGNATURE_QUERY_PARAMETER) || null
}

async function dispatch(event: WebhookEvent, request: Request, options: WebhookHandlerOptions): Promise<void> {
  await options.onEvent?.(event, request)
  const on = options.on
  if (on === undefined) return
  switch (event.type) {
    case 'message_created':
      await on.messageCreated?.(event, request)
      break
    case 'message_updated':
      await on.messageUpdated?.(event, request)
      break
    case 'mention_to_me':
      await on.mentionToMe?.(event, request)
      break
  }
}

/**
 * Creates a webhook endpoint: a Fetch API `(request) => Promise<Response>`.
 *
 * Refuses what is not a delivery from Chatwork, in this order of checks:
 * - 405 to anything but POST;
 * - 401 when the signature is missing or empty (nothing is read);
 * - 400 when the sender breaks off the body;
 * - 413 when the body exceeds `maxBodyBytes` (checked while reading);
 * - 401 when the signature does not match any token (before any JSON is parsed).
 *
 * Answers 200 with an empty body to every request whose signature verifies,
 * even when its body is not a webhook payload or a callback throws: Chatwork
 * asks for 200, counts anything else as an error, does not retry, and
 * disables a webhook setting that fails often. Such a failure goes to
 * `onError` instead.
 *
 * Callbacks are awaited before the answer, and Chatwork's timeout is not
 * documented: hand slow work off (for example to `ctx.waitUntil` on Workers).
 *
 * Throws a {@link ChatworkWebhookError} (`invalid_token`) at once when a token
 * is not base64, and a `RangeError` for a `maxBodyBytes` that is not a
 * positive integer.
 *
 * @example
 * import { createWebhookHandler } from 'chatwork-kit/webhook'
 *
 * const handler = createWebhookHandler({
 *   token: process.env.CHATWORK_WEBHOOK_TOKEN!,
 *   on: {
 *     mentionToMe: (event) => console.log(`${event.fromAccountId} mentioned me in ${event.roomId}`),
 *   },
 * })
 * export default { fetch: handler } // Cloudflare Workers, Bun
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const tokens = typeof options.token === 'string' ? [options.token] : [...options.token]
  if (tokens.length === 0) throw new ChatworkWebhookError('invalid_token', 'At least one webhook token is required')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new RangeError(`maxBodyBytes must be a positive integer, got ${maxBodyBytes}`)
  }
  const keys = Promise.all(tokens.map(importWebhookKey))
  const onError = options.onError ?? reportToConsole

  return async (request) => {
    if (request.method !== 'POST') return answer(405, { allow: 'POST' })
    const signature = signatureOf(request)
    if (signature === null) return answer(401)
    let body: Uint8Array | undefined
    try {
      body = await readBody(request, maxBodyBytes)
    } catch {
      // the sender broke off the body
      return answer(400)
    }
    if (body === undefined) return answer(413)
    const checks = (await keys).map((key) => signatureMatches(key, body, signature))
    if (!(await Promise.all(checks)).includes(true)) return answer(401)
    try {
      await dispatch(parseWebhookEvent(body, options.parseOptions), request, options)
    } catch (error) {
      try {
        onError(error, request)
      } catch {
        // a failing reporter must not turn the 200 into a crash
      }
    }
    return answer(200)
  }
}
