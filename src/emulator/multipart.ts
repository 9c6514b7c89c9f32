/**
 * The emulator's multipart/form-data reader: what RFC 2046 §5.1.1 allows (a
 * preamble, padding after a boundary, a closing delimiter with or without a
 * final CRLF, an epilogue), except the trailing blank line Chatwork refuses
 * (spec §5.24). Runtimes' own parsers are stricter than the RFC in some
 * places and laxer in that one, so the emulator reads the bytes itself.
 */
import { ChatworkEmulatorError } from '../errors.ts'

const CRLF = '\r\n'
/** RFC 2046's transport padding: spaces and tabs after a boundary. */
const PADDING = /^[ \t]*/

/**
 * Reads a multipart body into a FormData: parts with a `filename` become
 * Files (type from their Content-Type, `text/plain` if none), the others
 * strings (UTF-8). Throws a {@link ChatworkEmulatorError} (400) when the body
 * is not multipart as RFC 2046 defines it, or ends with `--boundary--\r\n\r\n`.
 *
 * @example
 * const form = parseMultipart('XyZ', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi\r\n--XyZ--'))
 * form.get('message') // 'hi'
 */
export function parseMultipart(boundary: string, body: Uint8Array): FormData {
  // windows-1252 maps each byte to one character and keeps ASCII, so offsets in the text are offsets in the bytes.
  const text = new TextDecoder('windows-1252').decode(body)
  const dashBoundary = `--${boundary}`
  const delimiter = `${CRLF}${dashBoundary}`
  const start = text.startsWith(dashBoundary) ? 0 : text.indexOf(delimiter)
  if (start === -1) throw malformed('no opening boundary')
  const opened = start + (start === 0 ? dashBoundary.length : delimiter.length)
  if (text.startsWith('--', opened)) throw malformed('no part before the closing boundary')
  let position = afterBoundaryLine(text, opened)
  if (position === undefined) throw malformed('the opening boundary is not followed by a line break')
  const form = new FormData()
  for (;;) {
    const end = text.indexOf(delimiter, position)
    if (end === -1) throw malformed('no closing boundary')
    addPart(form, body.subarray(position, end))
    const next = end + delimiter.length
    if (text.startsWith('--', next)) {
      checkEpilogue(text.slice(next + 2).replace(PADDING, ''))
      return form
    }
    position = afterBoundaryLine(text, next)
    if (position === undefined) throw malformed('a boundary is not followed by a line break')
  }
}

/** Where the part after a boundary starts: past its padding and CRLF. */
function afterBoundaryLine(text: string, position: number): number | undefined {
  const padding = PADDING.exec(text.slice(position, position + 1024))![0].length
  return text.startsWith(CRLF, position + padding) ? position + padding + CRLF.length : undefined
}

/** Nothing, or a CRLF and an epilogue, follows the closing delimiter; but not a blank line alone, which Chatwork refuses. */
function checkEpilogue(rest: string): void {
  if (rest === '') return
  if (!rest.startsWith(CRLF)) throw malformed('the closing boundary is not followed by a line break')
  if (/^(?:\r\n)+$/.test(rest) && rest !== CRLF) {
    throw malformed('it must end with the closing boundary and at most one CRLF, not a blank line')
  }
}

function addPart(form: FormData, part: Uint8Array): void {
  const decoder = new TextDecoder()
  const text = new TextDecoder('windows-1252').decode(part)
  // No headers at all: the part starts with the blank line.
  const split = text.startsWith(CRLF) ? 0 : text.indexOf(`${CRLF}${CRLF}`)
  if (split === -1) throw malformed('a part has no blank line after its headers')
  const headers = parseHeaders(decoder.decode(part.subarray(0, split)))
  const content = part.subarray(split + (split === 0 ? CRLF.length : 2 * CRLF.length))
  const disposition = headers.get('content-disposition')
  if (disposition === undefined || !/^form-data\b/i.test(disposition)) throw malformed('a part has no Content-Disposition: form-data')
  const name = parameter(disposition, 'name')
  if (name === undefined) throw malformed('a part has no name')
  const filename = parameter(disposition, 'filename')
  if (filename === undefined) form.append(name, decoder.decode(content))
  else form.append(name, new File([content.slice()], filename, { type: headers.get('content-type') ?? 'text/plain' }))
}

/** Header lines, unfolded, by lower-case name. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split(CRLF)) {
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed(`a part header is not "Name: value": ${JSON.stringify(line.slice(0, 80))}`)
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

/** A parameter of a header value (`name="file"`, quoted or not). */
function parameter(value: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(value)
  if (match === null) return undefined
  return match[1] === undefined ? match[2] : match[1].replace(/\\(.)/g, '$1')
}

function malformed(reason: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, `Malformed multipart body: ${reason}`)
}
