/** Random values and the PKCE S256 challenge (RFC 7636), on Web Crypto: the same on every runtime. */

/** base64url without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * 32 random bytes as base64url: 43 characters of `[A-Za-z0-9-_]`, a valid `code_verifier` and a `state`.
 *
 * @example
 * const codeVerifier = randomUrlSafe()
 */
export function randomUrlSafe(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * The S256 `code_challenge` of a verifier: base64url(SHA-256(verifier)).
 *
 * @example
 * await codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk') // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 */
export async function codeChallengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url(new Uint8Array(digest))
}
