/**
 * The emulator reads multipart bodies as RFC 2046 §5.1.1 allows, with or
 * without a final CRLF (Deno's and workerd's FormData end without one), and
 * refuses, as Chatwork does, the body that ends with a blank line (spec §5.24).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { ChatworkEmulatorError } from '../../src/errors.ts'
import { encodeMultipart, type MultipartPart } from '../../src/client/multipart.ts'
import { parseMultipart } from '../../src/emulator/multipart.ts'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

const B = 'XyZ'
const PART = `Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc`
const BODY = `--${B}\r\n${PART}\r\n--${B}--`

let emu: Emulator
let room: number
beforeAll(async () => {
  emu = await startEmulator()
  room = projectRoom(emu)
})
afterAll(() => emu.close())

async function upload(body: string | Uint8Array, boundary = B) {
  return call(emu, 'POST', `/rooms/${room}/files`, { body: body as BodyInit, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
}

describe('multipart uploads over the wire', () => {
  it.each([
    ['without a final CRLF (Deno, workerd)', BODY],
    ['with one final CRLF (Chatwork, Node)', `${BODY}\r\n`],
    ['with transport padding after the boundaries', `--${B}  \r\n${PART}\r\n--${B}--\t \r\n`],
    ['with a preamble', `This is a preamble.\r\n--${B}\r\n${PART}\r\n--${B}--\r\n`],
    ['with an epilogue', `${BODY}\r\nThis is an epilogue.`],
  ])('accepts a body %s', async (_, body) => {
    const answer = await upload(body)
    expect(answer.status).toBe(200)
    const stored = emu.files(room).find((file) => file.file_id === answer.json.file_id)!
    expect([stored.filename, stored.content_type, new TextDecoder().decode(stored.content)]).toEqual(['a.txt', 'text/plain', 'abc'])
  })

  it.each([
    ['ends with a blank line', `${BODY}\r\n\r\n`, 'not a blank line'],
    ['ends with several blank lines', `${BODY}\r\n\r\n\r\n`, 'not a blank line'],
    ['has no closing boundary', `--${B}\r\n${PART}\r\n`, 'no closing boundary'],
    ['uses bare LF line breaks', BODY.replaceAll('\r\n', '\n'), 'the opening boundary is not followed by a line break'],
    ['has no opening boundary', `${PART}\r\n--${B}--`, 'no part before the closing boundary'],
    ['has no boundary at all', PART, 'no opening boundary'],
    ['has a part without a name', `--${B}\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--${B}--`, 'a part has no name'],
    ['has text right after the closing boundary', `${BODY}xyz`, 'not followed by a line break'],
  ])('refuses a body that %s', async (_, body, reason) => {
    const answer = await upload(body)
    expect(answer.status).toBe(400)
    expect(answer.json.errors[0]).toMatch(/^Malformed multipart body: /)
    expect(answer.json.errors[0]).toContain(reason)
  })

  it('keeps binary content byte for byte, and reads a message part as UTF-8', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i)
    const head = new TextEncoder().encode(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="b.bin"\r\n\r\n`)
    const tail = new TextEncoder().encode(`\r\n--${B}\r\nContent-Disposition: form-data; name="message"\r\n\r\n日本語 ✓\r\n--${B}--`)
    const answer = await upload(new Uint8Array([...head, ...bytes, ...tail]))
    expect(answer.status).toBe(200)
    const stored = emu.files(room).find((file) => file.file_id === answer.json.file_id)!
    expect([...stored.content]).toEqual([...bytes])
    expect(stored.content_type).toBe('text/plain')
    expect(emu.messages(room).at(-1)!.body.startsWith('日本語 ✓\n')).toBe(true)
  })
})

describe('encodeMultipart', () => {
  it('writes the parts byte for byte, ending with the closing boundary and one CRLF', async () => {
    const { body, contentType } = encodeMultipart(
      [
        { name: 'file', filename: 'a "b"\r\n.txt', contentType: 'text/plain', data: new Uint8Array([0, 13, 10, 255]) },
        { name: 'message', value: 'héllo' },
      ],
      'b0',
    )
    expect(contentType).toBe('multipart/form-data; boundary=b0')
    const expected = [
      ...new TextEncoder().encode('--b0\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22%0D%0A.txt"\r\nContent-Type: text/plain\r\n\r\n'),
      0, 13, 10, 255,
      ...new TextEncoder().encode('\r\n--b0\r\nContent-Disposition: form-data; name="message"\r\n\r\nhéllo\r\n--b0--\r\n'),
    ]
    expect([...new Uint8Array(await body.arrayBuffer())]).toEqual(expected)
  })

  it('refuses a content type holding a line break', () => {
    expect(() => encodeMultipart([{ name: 'file', filename: 'a', contentType: 'text/plain\r\nX-Evil: 1', data: new Uint8Array() }])).toThrow(
      expect.objectContaining({ argument: 'contentType' }),
    )
  })

  it('chooses a new random boundary for each body', () => {
    const boundaries = new Set(Array.from({ length: 20 }, () => encodeMultipart([{ name: 'message', value: 'x' }]).contentType.split('boundary=')[1]!))
    expect(boundaries.size).toBe(20)
    for (const boundary of boundaries) expect(boundary).toMatch(/^chatwork-kit-[0-9a-f]{32}$/)
  })
})

describe('law: what the client encodes, the emulator reads back unchanged', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 })
  const part: fc.Arbitrary<MultipartPart> = fc.oneof(
    fc.record({ name: fc.stringMatching(/^[a-z_]{1,10}$/), value: text }),
    fc.record({
      name: fc.stringMatching(/^[a-z_]{1,10}$/),
      filename: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((name) => !/["\r\n%]/.test(name)),
      contentType: fc.constantFrom('text/plain', 'application/octet-stream', 'image/png'),
      data: fc.uint8Array({ maxLength: 200 }),
    }),
  )

  it('round-trips names, file names, types and bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 4 }), async (parts) => {
        const { body: blob, contentType } = encodeMultipart(parts)
        const body = new Uint8Array(await blob.arrayBuffer())
        const text = new TextDecoder('windows-1252').decode(body)
        expect(text.endsWith('--\r\n') && !text.endsWith('--\r\n\r\n')).toBe(true)
        const form = parseMultipart(contentType.split('boundary=')[1]!, body)
        const entries = [...form.entries()]
        expect(entries.map(([name]) => name)).toEqual(parts.map((p) => p.name))
        for (const [i, [, value]] of entries.entries()) {
          const expected = parts[i]!
          if ('data' in expected) {
            const file = value as File
            expect([file.name, file.type, [...new Uint8Array(await file.arrayBuffer())]]).toEqual([expected.filename, expected.contentType, [...expected.data]])
          } else {
            expect(value).toBe(expected.value)
          }
        }
      }),
    )
  })

  it('refuses garbage with a ChatworkEmulatorError, never another error (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 40 }), (bytes, prefix) => {
        const body = new Uint8Array([...new TextEncoder().encode(prefix), ...bytes])
        try {
          parseMultipart(B, body)
        } catch (error) {
          expect(error).toBeInstanceOf(ChatworkEmulatorError)
        }
      }),
    )
  })
})
