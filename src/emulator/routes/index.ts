/**
 * The 32 endpoints of Chatwork API v2 (spec §5) over an {@link EmulatorState}:
 * parameter reading, status codes (204 for empty lists and two deletes, 200
 * with a body for the other two), response shapes, the per-room posting
 * budget and the Free-plan message limitation.
 */
import type { Route, RouteTable } from './shared.ts'
import { meRoutes } from './me.ts'
import { contactRoutes } from './contacts.ts'
import { roomRoutes } from './rooms.ts'
import { messageRoutes } from './messages.ts'
import { taskRoutes } from './tasks.ts'
import { fileRoutes } from './files.ts'
import { linkRoutes } from './links.ts'
import { incomingRequestRoutes } from './incoming-requests.ts'

export { MAX_FILE_BYTES, DOWNLOAD_URL_TTL_MS, type ListEndpoint, type MessageLimitationOptions, type RouteSettings, type RouteContext, type Reply } from './shared.ts'

/** Every endpoint, in the order of the spec. */
const handlers: RouteTable = [
  ...meRoutes,
  ...contactRoutes,
  ...roomRoutes,
  ...messageRoutes,
  ...taskRoutes,
  ...fileRoutes,
  ...linkRoutes,
  ...incomingRequestRoutes,
]

/** Every endpoint, with its path pattern compiled. */
export const ROUTES: readonly Route[] = handlers.map(([method, pattern, handler]) => {
  const keys: string[] = []
  const source = pattern.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key)
    return '([^/]+)'
  })
  return { method, pattern, regex: new RegExp(`^${source}$`), keys, handler }
})

/** The result of matching a path: the route, 405 (known path, other method), or nothing. */
export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined

/** Finds the endpoint for a method and a path relative to `/v2`. */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = []
  for (const route of ROUTES) {
    const found = route.regex.exec(path)
    if (found === null) continue
    if (route.method !== method) {
      allowed.push(route.method)
      continue
    }
    const params: Record<string, string> = {}
    try {
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(found[index + 1]!)
      })
    } catch {
      // A malformed percent-escape names nothing.
      return undefined
    }
    return { route, params }
  }
  return allowed.length > 0 ? { allowed } : undefined
}
