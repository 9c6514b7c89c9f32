/**
 * The shapes of answers the client relies on, checked before it hands them
 * out: a list is a list of objects, an object is an object, a message has a
 * string body and a decimal id. A mismatch is described, with where it is.
 */

/**
 * The JSON type a field must have: `decimal` is a string of digits (a
 * `message_id`, exact whatever its size).
 *
 * @example
 * const fields: Record<string, FieldType> = { message_id: 'decimal', body: 'string' }
 */
export type FieldType = 'decimal' | 'string' | 'number' | 'object'

/** The fields of a message that the client reads: `tree` parses `body`, `poll` orders by `send_time` and `message_id`. */
export const MESSAGE_FIELDS: Readonly<Record<string, FieldType>> = { message_id: 'decimal', body: 'string', send_time: 'number', account: 'object' }
/** The answer of posting, editing or deleting a message. */
export const MESSAGE_ID_FIELDS: Readonly<Record<string, FieldType>> = { message_id: 'decimal' }

const DECIMAL = /^\d+$/
const EXPECTED: Record<FieldType, string> = { decimal: 'a decimal string', string: 'a string', number: 'a number', object: 'an object' }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** How a value reads in a problem: `null`, `a list`, `an object`, `a string`, `a number`, `a boolean`. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function fits(value: unknown, type: FieldType): boolean {
  return type === 'decimal' ? typeof value === 'string' && DECIMAL.test(value) : type === 'object' ? isObject(value) : typeof value === type
}

/**
 * What is wrong with an answer, or `undefined` when it has the shape due: a
 * list of objects (`list`) or one object, each with `fields` of their types.
 *
 * @example
 * answerProblem({ message_id: 12 }, false, MESSAGE_ID_FIELDS) // 'data.message_id: expected a decimal string, got a number'
 */
export function answerProblem(data: unknown, list: boolean, fields: Readonly<Record<string, FieldType>> = {}): string | undefined {
  if (list && !Array.isArray(data)) return `data: expected a list, got ${kindOf(data)}`
  const items = list ? (data as unknown[]) : [data]
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const at = list ? `data[${i}]` : 'data'
    if (!isObject(item)) return `${at}: expected an object, got ${kindOf(item)}`
    for (const name in fields) {
      const type = fields[name]!
      if (!fits(item[name], type)) return `${at}.${name}: expected ${EXPECTED[type]}, got ${kindOf(item[name])}`
    }
  }
  return undefined
}
