/**
 * The web UI's defences. The emulator listens on loopback, but any site open
 * in the same browser can send it requests: a cross-site form cannot add a
 * header nor know a random value, so every state-changing UI request must
 * carry the per-process secret that only the UI's own pages hold; the Host
 * header must name the emulator (a DNS-rebinding page names its own host);
 * and the Content-Security-Policy lets a page run only the emulator's scripts.
 */
import type { IncomingMessage } from 'node:http'

/**
 * The header that carries the UI secret on `fetch` requests.
 *
 * @example
 * await fetch(`${emu.uiURL}ui/api/rooms`, { headers: { [UI_SECRET_HEADER]: secret } })
 */
export const UI_SECRET_HEADER = 'x-chatwork-kit-ui-secret'

/** The form field that carries the UI secret in a page's own `<form method="post">` (forms cannot add headers). */
export const UI_SECRET_FIELD = 'ui_secret'

/** The query parameter of the event stream (an `EventSource` cannot add headers either). */
export const UI_SECRET_QUERY = 'secret'

/**
 * The Content-Security-Policy of every UI response: the emulator's own
 * scripts, styles and images only (avatars are generated there), requests to
 * itself only, forms posted to itself only, and no framing.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers sent with every UI response. */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
}

/** A new secret: 32 random bytes as hex. */
export function createUiSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Compares two strings in time that does not depend on where they differ. */
function sameSecret(given: string, secret: string): boolean {
  if (given.length !== secret.length) return false
  let difference = 0
  for (let index = 0; index < secret.length; index++) difference |= given.charCodeAt(index) ^ secret.charCodeAt(index)
  return difference === 0
}

/** Whether a request carries `secret` in the header, the query (event stream) or a form field. */
export function carriesSecret(request: IncomingMessage, url: URL, form: URLSearchParams | undefined, secret: string): boolean {
  const header = request.headers[UI_SECRET_HEADER]
  const given = typeof header === 'string' ? header : (url.searchParams.get(UI_SECRET_QUERY) ?? form?.get(UI_SECRET_FIELD) ?? '')
  return sameSecret(given, secret)
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * Whether the Host header names the server: when it listens on loopback, only
 * a loopback name is accepted (a rebinding attacker's name resolves there
 * too, but is not one); listening elsewhere, the user chose to be reachable.
 */
export function allowedHost(hostHeader: string | undefined, listenHost: string): boolean {
  if (!LOOPBACK_HOSTS.has(listenHost)) return true
  if (hostHeader === undefined) return false
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!
  return LOOPBACK_HOSTS.has(name.toLowerCase())
}
