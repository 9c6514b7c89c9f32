/** The OAuth scopes Chatwork knows (spec §8.4), and which narrower scopes each includes. */
import { ChatworkArgumentError } from '../errors.ts'

/**
 * Each scope of spec §8.4 with the narrower scopes it includes (⊇).
 *
 * @example
 * OAUTH_SCOPES['rooms.all:read'] // ['rooms.info:read', 'rooms.members:read', …]
 */
export const OAUTH_SCOPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  offline_access: [],
  'users.all:read': ['users.profile.me:read', 'users.status.me:read', 'users.tasks.me:read'],
  'users.profile.me:read': [],
  'users.status.me:read': [],
  'users.tasks.me:read': [],
  'rooms.all:read_write': ['rooms.all:read', 'rooms.all:write'],
  'rooms.all:read': ['rooms.info:read', 'rooms.members:read', 'rooms.messages:read', 'rooms.tasks:read', 'rooms.files:read'],
  'rooms.all:write': ['rooms:write', 'rooms.info:write', 'rooms.members:write', 'rooms.messages:write', 'rooms.tasks:write', 'rooms.files:write'],
  'rooms:write': [],
  'rooms.info:read': [],
  'rooms.info:write': [],
  'rooms.members:read': [],
  'rooms.members:write': [],
  'rooms.messages:read': [],
  'rooms.messages:write': [],
  'rooms.tasks:read': [],
  'rooms.tasks:write': [],
  'rooms.files:read': [],
  'rooms.files:write': [],
  'contacts.all:read_write': ['contacts.all:read', 'contacts.all:write'],
  'contacts.all:read': [],
  'contacts.all:write': [],
})

/**
 * A scope list, checked against {@link OAUTH_SCOPES}: a space-separated
 * string or an array, duplicates removed; an unknown or missing scope is a
 * `ChatworkArgumentError`.
 *
 * @example
 * checkScopes('rooms.all:read users.profile.me:read') // ['rooms.all:read', 'users.profile.me:read']
 */
export function checkScopes(scope: string | readonly string[]): string[] {
  const list = typeof scope === 'string' ? scope.split(' ').filter((item) => item !== '') : [...scope]
  if (list.length === 0) throw new ChatworkArgumentError('scope', 'At least one scope is needed')
  for (const item of list) {
    if (typeof item !== 'string' || !Object.hasOwn(OAUTH_SCOPES, item)) throw new ChatworkArgumentError('scope', `Unknown scope ${JSON.stringify(item)} (spec §8.4)`)
  }
  return [...new Set(list)]
}
