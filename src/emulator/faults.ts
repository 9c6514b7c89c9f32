/**
 * Injected faults: what the emulator does instead of (or on top of) a normal
 * answer to the next matching requests, so that retry and error paths can be
 * tested.
 */

/**
 * One fault, as given to `emu.fault(…)`.
 *
 * @example
 * emu.fault({ method: 'GET', path: '/rooms/:roomId/messages', drop: true, times: 3 })
 */
export interface FaultSpec {
  /** Only requests with this method (case-insensitive). Default: any. */
  method?: string
  /** Only requests to this path, relative to the base URL; `:name` matches one segment (`/rooms/:roomId/messages`). Default: any. */
  path?: string
  /** How many matching requests it applies to. Default 1. */
  times?: number
  /** Answer with this status (and an `errors` body) instead of handling the request. */
  status?: number
  /** Wait this long before answering (alone: the request is then handled normally). */
  delayMs?: number
  /** Close the connection without an answer. */
  drop?: boolean
  /** Send a body that is not valid JSON (with `status`, or else the request's normal status). */
  malformed?: boolean
  /** Redirect to this URL: answer `status` (default 302) with this `location` header, as a hostile or misconfigured server might. */
  location?: string
}

/** A fault being applied; `remaining` counts down to 0 as matching requests arrive. */
export interface Fault extends Readonly<FaultSpec> {
  readonly remaining: number
}

interface ActiveFault extends FaultSpec {
  remaining: number
  matcher: RegExp | undefined
}

/** A path pattern as a regular expression: `:name` is one non-empty segment, the rest is literal. */
function compilePath(pattern: string): RegExp {
  const normalized = pattern.startsWith('/') ? pattern : `/${pattern}`
  const source = normalized
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${source}/?$`)
}

/** The faults waiting to be applied, oldest first. */
export class FaultQueue {
  private faults: ActiveFault[] = []

  /** Queues a fault; throws a `RangeError` for a spec that cannot be applied. */
  add(spec: FaultSpec): Fault {
    const times = spec.times ?? 1
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer, got ${times}`)
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599)) {
      throw new RangeError(`fault.status must be an HTTP status (200-599), got ${spec.status}`)
    }
    if (spec.delayMs !== undefined && !(spec.delayMs >= 0 && Number.isFinite(spec.delayMs))) {
      throw new RangeError(`fault.delayMs must be a non-negative number, got ${spec.delayMs}`)
    }
    if (spec.location !== undefined && spec.status !== undefined && (spec.status < 300 || spec.status > 399)) {
      throw new RangeError(`fault.status must be a redirect (300-399) with a location, got ${spec.status}`)
    }
    if (spec.status === undefined && spec.delayMs === undefined && !spec.drop && !spec.malformed && spec.location === undefined) {
      throw new RangeError('A fault needs at least one of status, delayMs, drop, malformed or location')
    }
    const fault: ActiveFault = { ...spec, remaining: times, matcher: spec.path === undefined ? undefined : compilePath(spec.path) }
    this.faults.push(fault)
    return fault
  }

  /** Takes the oldest fault matching this request, counting it down; `undefined` when none applies. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.faults.findIndex(
      (fault) => (fault.method === undefined || fault.method.toUpperCase() === method) && (fault.matcher === undefined || fault.matcher.test(path)),
    )
    if (index === -1) return undefined
    const fault = this.faults[index]!
    fault.remaining--
    if (fault.remaining === 0) this.faults.splice(index, 1)
    return fault
  }

  /** Drops every pending fault. */
  clear(): void {
    for (const fault of this.faults) fault.remaining = 0
    this.faults = []
  }
}
