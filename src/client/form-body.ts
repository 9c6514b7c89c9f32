/**
 * The one encoder of API parameters, for query strings and form bodies alike
 * (spec §1.3).
 */
import { ChatworkArgumentError } from '../errors.ts'

/**
 * A parameter value before encoding; `undefined` means "not sent".
 *
 * @example
 * encodeParams({ force: true, to_ids: [1, 2], limit: new Date(), description: undefined } satisfies Record<string, ParamValue>)
 */
export type ParamValue = string | number | boolean | Date | readonly (string | number)[] | undefined

/**
 * Encodes API parameters the way Chatwork reads them: undefined keys are
 * dropped, booleans become `0`/`1`, arrays a comma-separated list (never
 * repeated keys or `[]`), Dates Unix seconds. Refuses non-finite numbers and
 * invalid Dates with a {@link ChatworkArgumentError} naming the key.
 *
 * @example
 * encodeParams({ members_admin_ids: [1, 2], link: true, limit: new Date(1e12), description: undefined })
 * // { members_admin_ids: '1,2', link: '1', limit: '1000000000' }
 */
export function encodeParams(params: Record<string, ParamValue>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key in params) {
    const value = params[key]
    if (value !== undefined) out[key] = encodeValue(key, value)
  }
  return out
}

function encodeValue(key: string, value: Exclude<ParamValue, undefined>): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (Array.isArray(value)) return value.map((item) => encodeValue(key, item)).join(',')
  const number = value instanceof Date ? Math.floor(value.getTime() / 1000) : (value as number)
  if (!Number.isFinite(number)) throw new ChatworkArgumentError(key, `${key} must be a finite number or a valid Date, got ${String(value)}`)
  return String(number)
}
