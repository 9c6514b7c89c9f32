/**
 * Checks of the values that go into tags, made when a node is made, so that a
 * bad id fails in the caller's code instead of posting a broken tag.
 * Each throws a TypeError whose message names the argument.
 */

const MESSAGE_ID = /^\d{1,19}$/

/** A short description of a bad value, for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' && value !== null ? 'an object' : String(value)
}

/** An account, room or file id: a positive safe integer. */
export function checkId(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive safe integer, got ${describe(value)}`)
  }
  return value
}

/** A message id: a string of 1 to 19 decimal digits (real ones exceed 2^53). */
export function checkMessageId(value: unknown, name: string): string {
  if (typeof value !== 'string' || !MESSAGE_ID.test(value)) {
    throw new TypeError(`${name} must be a string of 1 to 19 decimal digits, got ${describe(value)}`)
  }
  return value
}

/** A time in Unix seconds, from a non-negative safe integer or a Date at or after 1970. */
export function checkTime(value: unknown, name: string): number {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) {
    throw new TypeError(`${name} must be Unix seconds (a non-negative integer) or a Date after 1970, got ${describe(value)}`)
  }
  // + 0 turns -0 into 0, which is what the printed tag parses back to
  return seconds + 0
}

/** A string argument. */
export function checkString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`)
  return value
}
