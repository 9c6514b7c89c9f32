/**
 * The emulator's UI: its page at `/`, what the app reads (accounts, rooms,
 * timelines, activity), the live event stream, and the two actions (send a
 * message, mark a room read), which go through the API's own path (`/v2`)
 * with the acting account's token, so that webhooks fire, rate limits apply
 * and the request log records them exactly as for a client.
 */
import { ChatworkEmulatorError } from '../../errors.ts'
import type { EmulatorEvent, EmulatorEvents } from '../events.ts'
import type { RecordedRequest } from '../request-log.ts'
import { roomItem } from '../routes/shared.ts'
import type { EmulatorState } from '../state/index.ts'
import type { EmulatorWebhooks, WebhookDelivery } from '../webhooks.ts'
import { API_PREFIX } from '../server.ts'
import { appRoutes } from './app-page.ts'
import { avatarSvg } from './avatar.ts'
import type { UiRoute } from './router.ts'

/** How often the event stream sends a comment, so that idle connections stay open. */
export const UI_HEARTBEAT_MS = 15_000

/** What the UI reads and acts on. */
export interface EmulatorUiDeps {
  state: EmulatorState
  webhooks: EmulatorWebhooks
  /** The request log's entries. */
  requests: readonly RecordedRequest[]
  events: EmulatorEvents
  mainAccountId: number
  /** The emulator's origin, known once it listens. */
  origin: () => string
}

/** A stable id for each delivery and request the UI shows, so that the app can update one in place. */
const ids = new WeakMap<object, number>()
let nextId = 1
function idOf(entry: object): number {
  let id = ids.get(entry)
  if (id === undefined) ids.set(entry, (id = nextId++))
  return id
}

function deliveryView(delivery: WebhookDelivery) {
  return { id: idOf(delivery), ...delivery }
}

function requestView(request: RecordedRequest) {
  return { id: idOf(request), ...request }
}

function eventView(event: EmulatorEvent): unknown {
  if (event.type === 'delivery') return deliveryView(event.delivery)
  if (event.type === 'request') return requestView(event.request)
  return { kind: event.kind, roomId: event.roomId, message: { ...event.message } }
}

function accountIdOf(value: unknown, state: EmulatorState): number {
  const id = typeof value === 'number' ? value : Number(value)
  if (!Number.isSafeInteger(id) || !state.accounts.has(id)) throw new ChatworkEmulatorError(400, `Unknown account ${String(value)}`)
  return id
}

function roomIdOf(value: string | undefined, state: EmulatorState): number {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || !state.rooms.has(id)) throw new ChatworkEmulatorError(404, 'Room not found')
  return id
}

/**
 * The routes of the emulator's UI.
 *
 * @example
 * router.add(emulatorUiRoutes({ state, webhooks, requests: log.entries, events, mainAccountId, origin: () => origin }))
 */
export function emulatorUiRoutes(deps: EmulatorUiDeps): UiRoute[] {
  const { state } = deps

  /** A token of the account: one it has (the main account's is `emu.token`), or one made for the UI. */
  function tokenOf(accountId: number): string {
    for (const [token, owner] of state.tokens) if (owner === accountId) return token
    const token = `ui-${crypto.randomUUID()}`
    state.addToken(token, accountId)
    return token
  }

  /** Calls the API as `accountId`, and answers what it answered. */
  async function callApi(accountId: number, method: string, path: string, form: Record<string, string>) {
    const response = await fetch(`${deps.origin()}${API_PREFIX}${path}`, {
      method,
      headers: { 'x-chatworktoken': tokenOf(accountId), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    })
    const text = await response.text()
    let json: unknown = {}
    try {
      json = text === '' ? {} : JSON.parse(text)
    } catch {
      json = { errors: [text] }
    }
    return { status: response.status, json }
  }

  function accounts() {
    return [...state.accounts.values()].map((account) => ({ account_id: account.account_id, name: account.name, organization_name: account.organization_name }))
  }

  function actingAs(context: { json: () => unknown }): { as: number; fields: Record<string, unknown> } {
    const fields = context.json()
    if (typeof fields !== 'object' || fields === null) throw new ChatworkEmulatorError(400, 'Expected a JSON object')
    return { as: accountIdOf((fields as Record<string, unknown>).as, state), fields: fields as Record<string, unknown> }
  }

  return [
    ...appRoutes('/', 'emulator'),
    {
      method: 'GET',
      path: '/ui/avatar/:accountId',
      handle: ({ params }) => {
        const id = Number(params.accountId!.replace(/\.svg$/, ''))
        const account = state.accounts.get(id)
        if (account === undefined) throw new ChatworkEmulatorError(404, 'Account not found')
        return { content: avatarSvg(id, account.name), contentType: 'image/svg+xml', cacheSeconds: 60 }
      },
    },
    {
      method: 'GET',
      path: '/ui/api/accounts',
      secret: true,
      handle: () => ({ json: { mainAccountId: deps.mainAccountId, accounts: accounts() } }),
    },
    {
      method: 'GET',
      path: '/ui/api/rooms',
      secret: true,
      handle: ({ url }) => {
        const as = accountIdOf(url.searchParams.get('as') ?? deps.mainAccountId, state)
        const rooms = [...state.rooms.values()].filter((room) => room.members.has(as)).map((room) => roomItem(state, room, as))
        return { json: rooms }
      },
    },
    {
      method: 'GET',
      path: '/ui/api/rooms/:roomId',
      secret: true,
      handle: ({ params, url }) => {
        const room = state.room(roomIdOf(params.roomId, state))
        const as = accountIdOf(url.searchParams.get('as') ?? deps.mainAccountId, state)
        return {
          json: {
            room: room.members.has(as) ? roomItem(state, room, as) : { room_id: room.room_id, name: room.name, type: room.type },
            members: [...room.members].map(([accountId, role]) => ({ account_id: accountId, role })),
            messages: room.messages.map((message) => ({ ...message })),
            files: room.files.map((file) => ({ file_id: file.file_id, filename: file.filename, filesize: file.filesize })),
            accounts: accounts(),
          },
        }
      },
    },
    {
      method: 'GET',
      path: '/ui/api/activity',
      secret: true,
      handle: () => ({
        json: {
          // the webhook token is the HMAC key: the UI has no use for it
          settings: deps.webhooks.list().map(({ token: _token, ...setting }) => setting),
          deliveries: deps.webhooks.deliveries.map(deliveryView),
          requests: deps.requests.map(requestView),
        },
      }),
    },
    {
      method: 'POST',
      path: '/ui/api/rooms/:roomId/messages',
      handle: async (context) => {
        const roomId = roomIdOf(context.params.roomId, state)
        const { as, fields } = actingAs(context)
        if (typeof fields.body !== 'string') throw new ChatworkEmulatorError(400, 'Expected a string "body"')
        const answer = await callApi(as, 'POST', `/rooms/${roomId}/messages`, { body: fields.body })
        return { status: answer.status, json: answer.json }
      },
    },
    {
      method: 'POST',
      path: '/ui/api/rooms/:roomId/read',
      handle: async (context) => {
        const roomId = roomIdOf(context.params.roomId, state)
        const { as } = actingAs(context)
        const answer = await callApi(as, 'PUT', `/rooms/${roomId}/messages/read`, {})
        return { status: answer.status, json: answer.json }
      },
    },
    {
      method: 'GET',
      path: '/ui/events',
      secret: true,
      handle: ({ request, response }) => {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' })
        response.write('retry: 1000\n: connected\n\n')
        const stop = deps.events.on((event) => {
          response.write(`event: ${event.type}\ndata: ${JSON.stringify(eventView(event))}\n\n`)
        })
        const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), UI_HEARTBEAT_MS)
        heartbeat.unref()
        request.on('close', () => {
          stop()
          clearInterval(heartbeat)
        })
        return { streaming: true }
      },
    },
  ]
}
