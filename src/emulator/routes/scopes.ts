/** The OAuth scopes of each endpoint (spec §5): any one of them grants the call. */

/**
 * An endpoint as `METHOD /path/:param`, in the emulator's path patterns.
 *
 * @example
 * const endpoint: OAuthEndpoint = 'DELETE /rooms/:roomId'
 */
export type OAuthEndpoint =
  | 'GET /me'
  | 'GET /my/status'
  | 'GET /my/tasks'
  | 'GET /contacts'
  | 'GET /rooms'
  | 'POST /rooms'
  | 'GET /rooms/:roomId'
  | 'PUT /rooms/:roomId'
  | 'DELETE /rooms/:roomId'
  | 'GET /rooms/:roomId/members'
  | 'PUT /rooms/:roomId/members'
  | 'GET /rooms/:roomId/messages'
  | 'POST /rooms/:roomId/messages'
  | 'PUT /rooms/:roomId/messages/read'
  | 'PUT /rooms/:roomId/messages/unread'
  | 'GET /rooms/:roomId/messages/:messageId'
  | 'PUT /rooms/:roomId/messages/:messageId'
  | 'DELETE /rooms/:roomId/messages/:messageId'
  | 'GET /rooms/:roomId/tasks'
  | 'POST /rooms/:roomId/tasks'
  | 'GET /rooms/:roomId/tasks/:taskId'
  | 'PUT /rooms/:roomId/tasks/:taskId/status'
  | 'GET /rooms/:roomId/files'
  | 'POST /rooms/:roomId/files'
  | 'GET /rooms/:roomId/files/:fileId'
  | 'GET /rooms/:roomId/link'
  | 'POST /rooms/:roomId/link'
  | 'PUT /rooms/:roomId/link'
  | 'DELETE /rooms/:roomId/link'
  | 'GET /incoming_requests'
  | 'PUT /incoming_requests/:requestId'
  | 'DELETE /incoming_requests/:requestId'

const ROOMS_READ = ['rooms.all:read_write', 'rooms.all:read']
const ROOMS_WRITE = ['rooms.all:read_write', 'rooms.all:write']

/**
 * Each endpoint's scopes as spec §5 lists them. Where the spec is uncertain
 * (`DELETE /rooms/:roomId`, `POST /rooms/:roomId/files`) the official list is
 * followed; `startEmulator({ oauth: { endpointScopes } })` changes any entry.
 *
 * @example
 * ENDPOINT_SCOPES['GET /me'] // ['users.all:read', 'users.profile.me:read']
 */
export const ENDPOINT_SCOPES: Readonly<Record<OAuthEndpoint, readonly string[]>> = Object.freeze({
  'GET /me': ['users.all:read', 'users.profile.me:read'],
  'GET /my/status': ['users.all:read', 'users.status.me:read'],
  'GET /my/tasks': ['users.all:read', 'users.tasks.me:read'],
  'GET /contacts': ['contacts.all:read_write', 'contacts.all:read'],
  'GET /rooms': [...ROOMS_READ, 'rooms.info:read'],
  'POST /rooms': [...ROOMS_WRITE, 'rooms:write'],
  'GET /rooms/:roomId': [...ROOMS_READ, 'rooms.info:read'],
  'PUT /rooms/:roomId': [...ROOMS_WRITE, 'rooms.info:write'],
  // uncertain (spec §5.9): one secondary source says rooms.info:write
  'DELETE /rooms/:roomId': [...ROOMS_WRITE, 'rooms:write'],
  'GET /rooms/:roomId/members': [...ROOMS_READ, 'rooms.members:read'],
  'PUT /rooms/:roomId/members': [...ROOMS_WRITE, 'rooms.members:write'],
  'GET /rooms/:roomId/messages': [...ROOMS_READ, 'rooms.messages:read'],
  'POST /rooms/:roomId/messages': [...ROOMS_WRITE, 'rooms.messages:write'],
  'PUT /rooms/:roomId/messages/read': [...ROOMS_WRITE, 'rooms.messages:write'],
  'PUT /rooms/:roomId/messages/unread': [...ROOMS_WRITE, 'rooms.messages:write'],
  'GET /rooms/:roomId/messages/:messageId': [...ROOMS_READ, 'rooms.messages:read'],
  'PUT /rooms/:roomId/messages/:messageId': [...ROOMS_WRITE, 'rooms.messages:write'],
  'DELETE /rooms/:roomId/messages/:messageId': [...ROOMS_WRITE, 'rooms.messages:write'],
  'GET /rooms/:roomId/tasks': [...ROOMS_READ, 'rooms.tasks:read'],
  'POST /rooms/:roomId/tasks': [...ROOMS_WRITE, 'rooms.tasks:write'],
  'GET /rooms/:roomId/tasks/:taskId': [...ROOMS_READ, 'rooms.tasks:read'],
  'PUT /rooms/:roomId/tasks/:taskId/status': [...ROOMS_WRITE, 'rooms.tasks:write'],
  'GET /rooms/:roomId/files': [...ROOMS_READ, 'rooms.files:read'],
  // uncertain (spec §5.24): one secondary source says rooms.messages:write
  'POST /rooms/:roomId/files': [...ROOMS_WRITE, 'rooms.files:write'],
  'GET /rooms/:roomId/files/:fileId': [...ROOMS_READ, 'rooms.files:read'],
  'GET /rooms/:roomId/link': [...ROOMS_READ, 'rooms.info:read'],
  'POST /rooms/:roomId/link': [...ROOMS_WRITE, 'rooms.info:write'],
  'PUT /rooms/:roomId/link': [...ROOMS_WRITE, 'rooms.info:write'],
  'DELETE /rooms/:roomId/link': [...ROOMS_WRITE, 'rooms.info:write'],
  'GET /incoming_requests': ['contacts.all:read_write', 'contacts.all:read'],
  'PUT /incoming_requests/:requestId': ['contacts.all:read_write', 'contacts.all:write'],
  'DELETE /incoming_requests/:requestId': ['contacts.all:read_write', 'contacts.all:write'],
})
