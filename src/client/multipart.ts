/**
 * The multipart/form-data body of an upload, written byte for byte by the
 * client rather than by each runtime's `FormData`: Deno and workerd end theirs
 * with `--boundary--` and no CRLF, Node with one, and Chatwork wants exactly
 * `--boundary--\r\n` (spec §5.24).
 */
import { ChatworkArgumentError } from '../errors.ts'

/**
 * One part of a multipart body: a text field, or a file with its name and type.
 *
 * @example
 * const parts: MultipartPart[] = [{ name: 'file', filename: 'a.csv', contentType: 'text/csv', data: new TextEncoder().encode('a,b') }, { name: 'message', value: 'see above' }]
 */
export type MultipartPart = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Uint8Array }

/**
 * An encoded body and the `content-type` header that names its boundary.
 *
 * @example
 * const { body, contentType }: MultipartBody = encodeMultipart([{ name: 'message', value: 'hi' }])
 */
export interface MultipartBody {
  body: Blob
  contentType: string
}

/**
 * The prefix of every boundary the client writes; random hex follows it.
 *
 * @example
 * encodeMultipart([{ name: 'message', value: 'hi' }]).contentType.includes(MULTIPART_BOUNDARY_PREFIX) // true
 */
export const MULTIPART_BOUNDARY_PREFIX = 'chatwork-kit-'

const CRLF = '\r\n'

/**
 * Encodes parts as multipart/form-data (RFC 7578): each part opens with
 * `--boundary` and its headers, and the body ends with `--boundary--\r\n`.
 * Names and file names escape `"`, CR and LF as `%22`, `%0D` and `%0A`, as
 * browsers do; a content type holding a line break is refused. The default
 * boundary is {@link MULTIPART_BOUNDARY_PREFIX} and a random UUID's 122 bits,
 * which no file holds by chance.
 *
 * @example
 * const { body, contentType } = encodeMultipart([{ name: 'message', value: 'hi' }], 'b')
 * await body.text() // '--b\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi\r\n--b--\r\n'
 * contentType // 'multipart/form-data; boundary=b'
 */
export function encodeMultipart(parts: readonly MultipartPart[], boundary = MULTIPART_BOUNDARY_PREFIX + crypto.randomUUID().replaceAll('-', '')): MultipartBody {
  const chunks: BlobPart[] = []
  for (const part of parts) {
    const file = 'data' in part
    if (file && /[\r\n]/.test(part.contentType)) throw new ChatworkArgumentError('contentType', 'contentType must not contain a line break')
    const head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${quoted(part.name)}"`
    // A Blob writes strings as UTF-8 and bytes as they are.
    chunks.push(
      `${head}${file ? `; filename="${quoted(part.filename)}"${CRLF}Content-Type: ${part.contentType}` : ''}${CRLF}${CRLF}`,
      file ? (part.data as Uint8Array<ArrayBuffer>) : part.value,
      CRLF,
    )
  }
  chunks.push(`--${boundary}--${CRLF}`)
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

function quoted(text: string): string {
  return text.replace(/["\r\n]/g, encodeURIComponent)
}
