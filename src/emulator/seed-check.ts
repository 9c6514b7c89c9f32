/**
 * The shape check of a seed, before anything is applied: a seed is plain
 * JSON, often written by hand, so each bad field is named by its path
 * (`rooms[0].members: expected { admin: [...] }`) instead of surfacing as a
 * JavaScript error from deep inside the emulator.
 */
import { ICON_PRESETS } from './state/model.ts'

/** A field's check: returns what it expected when the value does not fit, else nothing. */
type Check = (value: unknown, path: string) => void

class SeedShapeError extends Error {}

function fail(path: string, expected: string, value: unknown): never {
  const got = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 40) ?? typeof value
  throw new SeedShapeError(`${path}: expected ${expected}, got ${got}`)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const id: Check = (value, path) => {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) fail(path, 'a positive integer id', value)
}
const string: Check = (value, path) => {
  if (typeof value !== 'string') fail(path, 'a string', value)
}
const number: Check = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a number', value)
}
const boolean: Check = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'true or false', value)
}
const oneOf = (values: readonly string[]): Check => (value, path) => {
  if (!values.includes(value as string)) fail(path, `one of ${values.map((item) => JSON.stringify(item)).join(', ')}`, value)
}
const optional = (check: Check): Check => (value, path) => {
  if (value !== undefined) check(value, path)
}
const list = (item: Check, { nonEmpty = false, shape = '[...]' } = {}): Check => (value, path) => {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) fail(path, nonEmpty ? `a non-empty array ${shape}` : `an array ${shape}`, value)
  value.forEach((element, index) => item(element, `${path}[${index}]`))
}
const object = (fields: Record<string, Check>, shape: string): Check => (value, path) => {
  if (!isObject(value)) fail(path, shape, value)
  for (const [key, check] of Object.entries(fields)) check(value[key], path === '' ? key : `${path}.${key}`)
}

const ACCOUNT_STRINGS = [
  'chatwork_id', 'organization_name', 'department', 'title', 'url', 'introduction', 'mail', 'tel_organization',
  'tel_extension', 'tel_mobile', 'skype', 'facebook', 'twitter', 'avatar_image_url', 'login_mail',
] as const

const account = object(
  {
    account_id: id,
    name: string,
    room_id: optional(id),
    organization_id: optional(number),
    ...Object.fromEntries(ACCOUNT_STRINGS.map((key) => [key, optional(string)])),
  },
  '{ account_id, name }',
)

const room = object(
  {
    name: string,
    description: optional(string),
    icon_preset: optional(oneOf(ICON_PRESETS)),
    members: object({ admin: list(id, { nonEmpty: true }), member: optional(list(id)), readonly: optional(list(id)) }, '{ admin: [...] }'),
    messages: optional(list(object({ from: id, body: string, send_time: optional(number), message_id: optional(string) }, '{ from, body }'))),
    tasks: optional(
      list(
        object(
          {
            from: id,
            to: list(id, { nonEmpty: true }),
            body: string,
            limit: optional(number),
            limit_type: optional(oneOf(['none', 'date', 'time'])),
            status: optional(oneOf(['open', 'done'])),
          },
          '{ from, to: [...], body }',
        ),
      ),
    ),
    files: optional(list(object({ from: id, filename: string, content: string, content_type: optional(string), message: optional(string) }, '{ from, filename, content }'))),
    link: optional(object({ code: optional(string), need_acceptance: optional(boolean), description: optional(string) }, '{ code?, need_acceptance?, description? }')),
  },
  '{ name, members: { admin: [...] } }',
)

const pair: Check = (value, path) => {
  if (!Array.isArray(value) || value.length !== 2) fail(path, 'a pair of account ids [a, b]', value)
  value.forEach((element, index) => id(element, `${path}[${index}]`))
}

const seed = object(
  {
    accounts: list(account, { nonEmpty: true, shape: '[{ account_id, name }, ...]' }),
    contacts: optional(list(pair)),
    rooms: optional(list(room)),
    requests: optional(list(object({ from: id, to: id, message: optional(string) }, '{ from, to }'))),
  },
  'an object { accounts: [...] }',
)

/**
 * What is wrong with the shape of a seed: the first bad field, by its path,
 * and what it should be; `undefined` when the shape is right. Whether the ids
 * refer to accounts of the seed is checked when it is applied.
 *
 * @example
 * seedShapeProblem({ accounts: [{ account_id: 1, name: 'Bot' }], rooms: [{ name: 'Ops', members: [1] }] })
 * // 'rooms[0].members: expected { admin: [...] }, got [1]'
 */
export function seedShapeProblem(value: unknown): string | undefined {
  try {
    seed(value, '')
    return undefined
  } catch (error) {
    if (!(error instanceof SeedShapeError)) throw error
    return error.message.startsWith(': ') ? `the seed${error.message}` : error.message
  }
}
