/** Talking to the server that served the page: every request carries the page's UI secret. */
import { UI_SECRET_META } from '../page.ts'
import { UI_SECRET_HEADER, UI_SECRET_QUERY } from '../security.ts'

const secret = document.querySelector<HTMLMetaElement>(`meta[name="${UI_SECRET_META}"]`)?.content ?? ''

/** An answer: its status and its JSON. */
export interface Answer<T = unknown> {
  status: number
  json: T
}

/** GETs JSON from the UI's API. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { [UI_SECRET_HEADER]: secret } })
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return (await response.json()) as T
}

/** POSTs JSON to the UI's API; any status is an answer. */
export async function postJson<T>(path: string, body: unknown): Promise<Answer<T>> {
  const response = await fetch(path, { method: 'POST', headers: { [UI_SECRET_HEADER]: secret, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, json: (text === '' ? {} : JSON.parse(text)) as T }
}

/** Listens to the live events of the emulator. */
export function subscribe(on: Record<string, (data: unknown) => void>): EventSource {
  const source = new EventSource(`/ui/events?${UI_SECRET_QUERY}=${encodeURIComponent(secret)}`)
  for (const [type, listener] of Object.entries(on)) source.addEventListener(type, (event) => listener(JSON.parse((event as MessageEvent<string>).data)))
  return source
}
