import { createHmac, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatworkWebhookError, verifySignature } from 'chatwork-kit/webhook'

/** The signature as Chatwork computes it, with node:crypto as an independent implementation. */
function nodeSignature(body: Uint8Array | string, token: string): string {
  return createHmac('sha256', Buffer.from(token, 'base64')).update(body).digest('base64')
}

// the test vector of the API spec, §6.4
const VECTOR = {
  token: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  body: '{"webhook_setting_id":"12345","webhook_event_type":"message_created","webhook_event_time":1735600300,"webhook_event":{"message_id":"1718000000000000006","room_id":5002,"account_id":1002,"body":"deploy done","send_time":1735600300,"update_time":0}}',
  header: 'S9JQHyY3XQAR/mzwCFpKNObzqMLuUCgTdp9+kvBE88E=',
  query: 'S9JQHyY3XQAR%2FmzwCFpKNObzqMLuUCgTdp9%2BkvBE88E%3D',
}

const token = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((key) => Buffer.from(key).toString('base64'))
const body = fc.uint8Array({ maxLength: 512 })

describe('verifySignature', () => {
  it('accepts the spec test vector, as a string and as bytes', async () => {
    expect(await verifySignature(VECTOR.body, VECTOR.header, VECTOR.token)).toBe(true)
    expect(await verifySignature(new TextEncoder().encode(VECTOR.body), VECTOR.header, VECTOR.token)).toBe(true)
  })

  it('keys each check with its own token when calls alternate between tokens (the last key is kept)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(token, body), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), async (pairs, order) => {
        for (const i of [...order, 0]) {
          const [key, bytes] = pairs[i % pairs.length]
          const [otherKey] = pairs[(i + 1) % pairs.length]
          expect(await verifySignature(bytes, nodeSignature(bytes, key), key)).toBe(true)
          if (otherKey !== key) expect(await verifySignature(bytes, nodeSignature(bytes, key), otherKey)).toBe(false)
        }
      }),
      { numRuns: 50 },
    )
  })

  it('accepts the query-parameter forms: percent-encoded, decoded, and with + form-decoded to a space', async () => {
    const decoded = new URLSearchParams(`s=${VECTOR.query}`).get('s')!
    expect(decoded).toBe(VECTOR.header)
    expect(await verifySignature(VECTOR.body, VECTOR.query, VECTOR.token)).toBe(true)
    expect(await verifySignature(VECTOR.body, VECTOR.header.replace('+', ' '), VECTOR.token)).toBe(true)
    // what a framework hands over for `?chatwork_webhook_signature=S9JQ…+kv…` written unencoded
    const formDecoded = new URLSearchParams(`s=${VECTOR.header.replace('/', '%2F')}`).get('s')!
    expect(formDecoded).toContain(' ')
    expect(await verifySignature(VECTOR.body, formDecoded, VECTOR.token)).toBe(true)
  })

  it('refuses the hex digest, the token text as key, and a re-serialised body', async () => {
    const hex = createHmac('sha256', Buffer.from(VECTOR.token, 'base64')).update(VECTOR.body).digest('hex')
    expect(await verifySignature(VECTOR.body, hex, VECTOR.token)).toBe(false)
    const textKey = createHmac('sha256', VECTOR.token).update(VECTOR.body).digest('base64')
    expect(await verifySignature(VECTOR.body, textKey, VECTOR.token)).toBe(false)
    const reserialised = JSON.stringify(JSON.parse(VECTOR.body), null, 1)
    expect(await verifySignature(reserialised, VECTOR.header, VECTOR.token)).toBe(false)
  })

  it('refuses malformed signatures without throwing', async () => {
    for (const signature of ['', '%', '%E0%A4%A', VECTOR.header.slice(0, -1), `${VECTOR.header}=`, `${VECTOR.header} `]) {
      expect(await verifySignature(VECTOR.body, signature, VECTOR.token)).toBe(false)
    }
  })

  it('refuses a signature whose last character differs only in bits base64 decoders ignore', async () => {
    // 'E' and 'F' differ only in the 2 low bits, which a 32-byte digest leaves unused
    const twin = `${VECTOR.header.slice(0, -2)}F=`
    expect(Buffer.from(twin, 'base64')).toEqual(Buffer.from(VECTOR.header, 'base64'))
    expect(await verifySignature(VECTOR.body, twin, VECTOR.token)).toBe(false)
  })

  it('rejects a token that is not base64 with a ChatworkWebhookError', async () => {
    for (const bad of ['', '   ', 'not base64!', 'abcde', '====']) {
      const error = await verifySignature(VECTOR.body, VECTOR.header, bad).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ChatworkWebhookError)
      expect((error as ChatworkWebhookError).reason).toBe('invalid_token')
    }
  })

  it('ignores whitespace around the token and accepts it without padding', async () => {
    expect(await verifySignature(VECTOR.body, VECTOR.header, ` ${VECTOR.token}\n`)).toBe(true)
    const unpadded = randomBytes(31).toString('base64')
    expect(unpadded.endsWith('=')).toBe(true)
    const signature = nodeSignature(VECTOR.body, unpadded)
    expect(await verifySignature(VECTOR.body, signature, unpadded.replace(/=+$/, ''))).toBe(true)
  })

  it('property: a signature made with node:crypto always verifies', async () => {
    await fc.assert(
      fc.asyncProperty(body, token, async (bytes, key) => {
        expect(await verifySignature(bytes, nodeSignature(bytes, key), key)).toBe(true)
      }),
    )
  })

  it('property: a string body is signed as its UTF-8 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), token, async (text, key) => {
        expect(await verifySignature(text, nodeSignature(Buffer.from(text, 'utf8'), key), key)).toBe(true)
      }),
    )
  })

  it('property: any single-byte change of the body fails', async () => {
    const changed = body
      .filter((b) => b.length > 0)
      .chain((b) => fc.tuple(fc.constant(b), fc.nat(b.length - 1), fc.integer({ min: 1, max: 255 })))
    await fc.assert(
      fc.asyncProperty(changed, token, async ([bytes, index, delta], key) => {
        const signature = nodeSignature(bytes, key)
        const other = Uint8Array.from(bytes)
        other[index] = (other[index] + delta) % 256
        expect(await verifySignature(other, signature, key)).toBe(false)
      }),
    )
  })

  it('property: any single-byte change of the signature fails', async () => {
    await fc.assert(
      fc.asyncProperty(body, token, fc.nat(43), fc.integer({ min: 0, max: 255 }), async (bytes, key, index, code) => {
        const signature = nodeSignature(bytes, key)
        const replacement = String.fromCharCode(code)
        // a space is how a form decoder spells `+`: the same signature, not a change
        fc.pre(replacement !== signature[index] && !(signature[index] === '+' && replacement === ' '))
        const other = signature.slice(0, index) + replacement + signature.slice(index + 1)
        expect(await verifySignature(bytes, other, key)).toBe(false)
      }),
    )
  })

  it('property: a signature made with another token fails', async () => {
    await fc.assert(
      fc.asyncProperty(body, token, token, async (bytes, key, other) => {
        // HMAC pads keys with zero bytes, so keys that differ only in trailing zeros are the same key
        const significant = (k: string) => Buffer.from(k, 'base64').toString('hex').replace(/(00)+$/, '')
        fc.pre(significant(key) !== significant(other))
        expect(await verifySignature(bytes, nodeSignature(bytes, other), key)).toBe(false)
      }),
    )
  })
})
