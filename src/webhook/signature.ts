import { ChatworkWebhookError } from '../errors.ts'

/**
 * The webhook signature (see the API spec, webhooks): the base64 HMAC-SHA256
 * of the raw body bytes, keyed with the base64-decoded webhook token. Only Web
 * Crypto is used, so this runs on Node ≥ 20, Deno, Bun and Cloudflare Workers.
 */

const encoder = new TextEncoder()

/** Standard base64 with optional padding: what Chatwork shows as a webhook token. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/

/** The bytes of a body: a string is taken as its UTF-8 encoding. */
export function bodyBytes(rawBody: string | Uint8Array): Uint8Array {
  return typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody
}

/**
 * Decodes a webhook token into its HMAC key bytes. Surrounding whitespace (a
 * copy-paste artefact) is ignored; anything else that is not base64 of a
 * non-empty key throws, because such a token would silently reject every event.
 */
function tokenKey(token: string): Uint8Array<ArrayBuffer> {
  const text = typeof token === 'string' ? token.trim() : ''
  if (text === '' || !BASE64.test(text)) {
    throw new ChatworkWebhookError('invalid_token', 'The webhook token must be the base64 text shown on the webhook setting')
  }
  const binary = atob(text)
  const key = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) key[i] = binary.charCodeAt(i)
  return key
}

/**
 * Checks a webhook token and imports it as an HMAC-SHA256 key. Throws a
 * {@link ChatworkWebhookError} (`invalid_token`) synchronously for a token
 * that is not base64, so that a handler can refuse it when it is created.
 */
export function importWebhookKey(token: string): Promise<CryptoKey> {
  const key = tokenKey(token)
  return crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

/**
 * Undoes what the query-parameter form may have done to a signature: a `%`
 * cannot occur in base64, so its presence means the value is still
 * percent-encoded; a space is a `+` that was form-decoded.
 */
function normalizeSignature(signature: string): string | undefined {
  let text = signature
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return undefined
    }
  }
  return text.replaceAll(' ', '+')
}

/** Whether two strings are equal, in time that depends only on their length. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

/** The base64 signature of `bytes` under `key` (a key from {@link importWebhookKey}). */
export async function signBytes(key: CryptoKey, bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes as Uint8Array<ArrayBuffer>))
  let binary = ''
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Whether `signature` is the signature of `bytes` under `key`. The comparison
 * is of the base64 text, not of decoded bytes, because base64 decoders accept
 * several spellings of the same bytes and a changed signature must not pass.
 */
export async function signatureMatches(key: CryptoKey, bytes: Uint8Array, signature: string): Promise<boolean> {
  const given = typeof signature === 'string' ? normalizeSignature(signature) : undefined
  if (given === undefined) return false
  return constantTimeEqual(given, await signBytes(key, bytes))
}

/**
 * Checks the signature of a webhook request: HMAC-SHA256 over the raw body
 * bytes as received, keyed with the base64-decoded `token`, base64-encoded,
 * compared in constant time.
 *
 * `rawBody` must be the body exactly as received; a string is taken as its
 * UTF-8 encoding, so pass bytes when you have them. `signature` may be the
 * `x-chatworkwebhooksignature` header or the `chatwork_webhook_signature`
 * query parameter, decoded or not (a `+` that arrived as a space is accepted).
 *
 * Resolves to `false` for a wrong or malformed signature; rejects with a
 * {@link ChatworkWebhookError} (`invalid_token`) when `token` is not base64.
 * The key made from the last token is kept, so a receiver that checks every
 * request with the same token imports it once.
 *
 * @example
 * const body = await request.text()
 * const signature = request.headers.get('x-chatworkwebhooksignature') ?? ''
 * if (!(await verifySignature(body, signature, process.env.CHATWORK_WEBHOOK_TOKEN!))) {
 *   return new Response(null, { status: 401 })
 * }
 */
export async function verifySignature(rawBody: string | Uint8Array, signature: string, token: string): Promise<boolean> {
  if (lastKey?.token !== token) lastKey = { token, key: importWebhookKey(token) }
  return signatureMatches(await lastKey.key, bodyBytes(rawBody), signature)
}

let lastKey: { token: string; key: Promise<CryptoKey> } | undefined
