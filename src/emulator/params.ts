/**
 * Reading request parameters the way Chatwork does (spec §1.3): booleans are
 * `0`/`1`, id lists are CSV, POST/PUT fields come from the form body only,
 * and every refusal is a 400 naming the parameter.
 */
import { ChatworkEmulatorError } from '../errors.ts'
import { characterCount } from '../markup/body.ts'

const DIGITS = /^\d{1,15}$/
const CSV_IDS = /^\d{1,15}(?:,\d{1,15})*$/

function invalid(name: string, expected: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, `Parameter '${name}' must be ${expected}`)
}

/** 400 `Parameter 'x' is required`, Chatwork's wording. */
export function missing(name: string): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, `Parameter '${name}' is required`)
}

/** A required, non-empty string parameter. */
export function requiredString(params: URLSearchParams, name: string): string {
  const value = params.get(name)
  if (value === null || value === '') throw missing(name)
  return value
}

/** An optional string parameter (`undefined` when absent). */
export function optionalString(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined
}

/** A `0`/`1` flag; `true`/`false` are refused, as Chatwork documents only `0`/`1`. */
export function flag(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name)
  if (value === null) return undefined
  if (value === '0' || value === '1') return value === '1'
  throw invalid(name, '0 or 1')
}

/** A non-negative integer parameter. */
export function integer(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name)
  if (value === null) return undefined
  if (!DIGITS.test(value)) throw invalid(name, 'a non-negative integer')
  return Number(value)
}

/** A comma-separated list of account ids (`1,2,3`); an absent or empty one is `undefined`. */
export function idList(params: URLSearchParams, name: string): number[] | undefined {
  const value = params.get(name)
  if (value === null || value === '') return undefined
  if (!CSV_IDS.test(value)) throw invalid(name, 'comma-separated account ids')
  return value.split(',').map(Number)
}

/** One of `values`. */
export function oneOf<T extends string>(params: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const value = params.get(name)
  if (value === null) return undefined
  if (!(values as readonly string[]).includes(value)) throw invalid(name, `one of ${values.join(', ')}`)
  return value as T
}

/** A string of `min` to `max` characters matching `pattern`, when present. */
export function text(params: URLSearchParams, name: string, options: { min?: number; max?: number; pattern?: RegExp }): string | undefined {
  const value = params.get(name)
  if (value === null) return undefined
  const length = characterCount(value)
  const { min = 0, max = Infinity, pattern } = options
  if (length < min || length > max || (pattern !== undefined && !pattern.test(value))) {
    throw invalid(name, `${min} to ${max === Infinity ? 'any number of' : max} characters${pattern ? ` matching ${pattern}` : ''}`)
  }
  return value
}

/** A numeric path segment, or 404 for `what` (a non-number cannot name anything). */
export function pathId(value: string, what: string): number {
  if (!DIGITS.test(value)) throw new ChatworkEmulatorError(404, `${what} not found`)
  return Number(value)
}
