/**
 * Plain-fetch access to an emulator for the emulator's own tests: no client,
 * just HTTP over loopback, so the tests see exactly what goes on the wire.
 */
import type { Emulator } from 'chatwork-kit/testing'

export interface CallOptions {
  /** Form fields, sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>
  /** Query parameters. */
  query?: Record<string, string>
  /** Another token than `emu.token`; `null` sends none. */
  token?: string | null
  headers?: Record<string, string>
  /** A raw body (overrides `form`). */
  body?: BodyInit
}

export interface CallResult {
  status: number
  headers: Headers
  /** The raw body text. */
  text: string
  /** The parsed body (undefined when empty). */
  json: any
}

/** Calls `method path` on the emulator with its token. */
export async function call(emu: Emulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(`${emu.baseURL}${path}`)
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
  const headers: Record<string, string> = { ...options.headers }
  const token = options.token === undefined ? emu.token : options.token
  if (token !== null) headers['x-chatworktoken'] ??= token
  const body = options.body ?? (options.form === undefined ? undefined : new URLSearchParams(options.form))
  const response = await fetch(url, { method, headers, body })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: text === '' ? undefined : JSON.parse(text) }
}

/** The first group chat of the main account in the default seed ("Project X"). */
export function projectRoom(emu: Emulator): number {
  return emu.rooms().find((room) => room.name === 'Project X')!.room_id
}
