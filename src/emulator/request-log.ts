/**
 * The emulator's request log, bounded by count and by bytes of recorded
 * bodies (oldest dropped first), so that a long-running emulator, or a
 * stream of large unauthenticated bodies, cannot grow it without end.
 */
/**
 * One request as the emulator received it, for assertions.
 *
 * @example
 * const posts = emu.requests.filter((r: RecordedRequest) => r.method === 'POST' && r.status === 429)
 */
export interface RecordedRequest {
  method: string
  /** The path relative to the base URL (`/rooms/5002/messages`). */
  path: string
  /** The query parameters; a token sent there (where it must never go, spec §1.2) is redacted. */
  query: Record<string, string>
  /** Lower-case names; `x-chatworktoken`, `authorization` and any header holding a token are redacted. */
  headers: Record<string, string>
  /** The raw body as text (UTF-8), with any token in a form field redacted. */
  body: string
  /** Set when the body was larger than the log's `maxBytes` and `body` holds only its start. */
  bodyTruncated?: true
  /** The status answered; 0 when the connection was dropped by a fault. */
  status: number
  /** When it arrived, in milliseconds since the epoch (the emulator's clock). */
  time: number
  /** The headers answered (the rate-limit ones among them); absent until answered, or when the connection was dropped. */
  responseHeaders?: Record<string, string>
}

/**
 * Requests the log keeps by default: 1,000.
 *
 * @example
 * await startEmulator({ requestLog: { maxEntries: DEFAULT_REQUEST_LOG_MAX_ENTRIES * 10 } })
 */
export const DEFAULT_REQUEST_LOG_MAX_ENTRIES = 1000

/**
 * Bytes of bodies the log keeps by default: 16 MiB, two of the largest
 * bodies the emulator reads (8 MiB, a 5 MB upload with its framing).
 *
 * @example
 * await startEmulator({ requestLog: { maxBytes: DEFAULT_REQUEST_LOG_MAX_BYTES / 4 } })
 */
export const DEFAULT_REQUEST_LOG_MAX_BYTES = 16 * 1024 * 1024

/**
 * How much of the traffic `emu.requests` keeps.
 *
 * @example
 * await startEmulator({ requestLog: { maxEntries: 100, maxBytes: 1024 * 1024 } satisfies RequestLogOptions })
 */
export interface RequestLogOptions {
  /** Most requests kept; older ones are dropped. Default {@link DEFAULT_REQUEST_LOG_MAX_ENTRIES}; `Infinity`: no limit, 0: none kept. */
  maxEntries?: number
  /**
   * Most bytes of bodies (UTF-8) kept, over all requests; older ones are
   * dropped, and a single body larger than this is cut to it
   * (`bodyTruncated`). Default {@link DEFAULT_REQUEST_LOG_MAX_BYTES}; `Infinity`: no limit.
   */
  maxBytes?: number
}

function limit(options: RequestLogOptions, key: keyof RequestLogOptions, fallback: number): number {
  const value = options[key] ?? fallback
  if (!(value === Infinity || (Number.isInteger(value) && value >= 0))) throw new RangeError(`requestLog.${key} must be a non-negative integer or Infinity, got ${value}`)
  return value
}

/** Appends to the array that `emu.requests` shows, keeping it within its bounds. */
export class RequestLog {
  readonly entries: RecordedRequest[] = []
  readonly #maxEntries: number
  readonly #maxBytes: number
  readonly #sizes = new WeakMap<RecordedRequest, number>()
  #bytes = 0
  /** The length the array had after the last append: another length means a test cleared or spliced it. */
  #length = 0

  constructor(options: RequestLogOptions = {}) {
    this.#maxEntries = limit(options, 'maxEntries', DEFAULT_REQUEST_LOG_MAX_ENTRIES)
    this.#maxBytes = limit(options, 'maxBytes', DEFAULT_REQUEST_LOG_MAX_BYTES)
  }

  /** Records a request whose body is `body`. */
  add(record: RecordedRequest, body: Buffer | undefined): void {
    const entries = this.entries
    if (entries.length !== this.#length) this.#bytes = entries.reduce((sum, entry) => sum + this.#size(entry), 0)
    let bytes = body?.byteLength ?? 0
    if (bytes > this.#maxBytes) {
      record.body = body!.subarray(0, this.#maxBytes).toString('utf8')
      record.bodyTruncated = true
      bytes = this.#maxBytes
    }
    this.#sizes.set(record, bytes)
    entries.push(record)
    this.#bytes += bytes
    let drop = 0
    while (drop < entries.length && (entries.length - drop > this.#maxEntries || this.#bytes > this.#maxBytes)) this.#bytes -= this.#size(entries[drop++]!)
    if (drop > 0) entries.splice(0, drop)
    this.#length = entries.length
  }

  #size(entry: RecordedRequest): number {
    return this.#sizes.get(entry) ?? Buffer.byteLength(entry.body)
  }
}
