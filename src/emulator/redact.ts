/**
 * Tokens out of the request log: every place a credential can arrive (its
 * headers, with or without a scheme; the query string, where it must never
 * go; a form field) is redacted before the request is recorded.
 */
import type { IncomingMessage } from 'node:http'

/**
 * What replaces a token in the request log.
 *
 * @example
 * expect(emu.requests[0].headers['x-chatworktoken']).toBe(REDACTED)
 */
export const REDACTED = '[redacted]'

/** Headers whose whole value is a credential, with or without a scheme. */
const CREDENTIAL_HEADERS = new Set(['x-chatworktoken', 'authorization', 'proxy-authorization'])
/** Parameter names under which a client may (wrongly) send its token. */
const TOKEN_PARAMS = /^(?:x-chatworktoken|token|api_?token|access_?token|api_?key)$/i

/**
 * Redacts the credentials of one request: `isToken` says whether a value is
 * a token (the one the request presented, or one the emulator knows).
 */
export class Redactor {
  readonly #isToken: (value: string) => boolean
  readonly #secretParams: RegExp | undefined

  /** `secretParams`: more parameter names whose value is always a secret (a token request's `code`, `refresh_token`, …). */
  constructor(isToken: (value: string) => boolean, secretParams?: RegExp) {
    this.#isToken = isToken
    this.#secretParams = secretParams
  }

  #secret(name: string, value: string): boolean {
    return TOKEN_PARAMS.test(name) || this.#secretParams?.test(name) === true || this.#isToken(value.trim())
  }

  /** Lower-case header names and their values, credentials redacted (a scheme such as `Bearer` is kept). */
  headers(request: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue
      const text = Array.isArray(value) ? value.join(', ') : value
      if (CREDENTIAL_HEADERS.has(name)) headers[name] = name === 'x-chatworktoken' ? REDACTED : text.replace(/^(?:(\S+)\s+(?=\S))?.*$/s, (_, scheme?: string) => (scheme ? `${scheme} ${REDACTED}` : REDACTED))
      else headers[name] = this.#isToken(text.trim()) ? REDACTED : text
    }
    return headers
  }

  /** The query parameters, a token among them redacted. */
  query(params: URLSearchParams): Record<string, string> {
    const query: Record<string, string> = {}
    for (const [name, value] of params) query[name] = this.#secret(name, value) ? REDACTED : value
    return query
  }

  /** A form body's raw text with the value of any field holding a token redacted, the rest byte for byte. */
  form(text: string): string {
    let changed = false
    const pairs = text.split('&').map((pair) => {
      const equals = pair.indexOf('=')
      if (equals === -1) return pair
      const name = decode(pair.slice(0, equals))
      if (name === undefined || !this.#secret(name, decode(pair.slice(equals + 1)) ?? '')) return pair
      changed = true
      return `${pair.slice(0, equals)}=${REDACTED}`
    })
    return changed ? pairs.join('&') : text
  }
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return undefined
  }
}
