/** Webhook deliveries and API requests, newest first, filtered by a text. */
import { h, replaceChildren } from './dom.ts'
import type { Activity, DeliveryView, RequestView } from './types.ts'

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString()
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function deliveryRow(delivery: DeliveryView): HTMLElement {
  const outcome = delivery.durationMs === undefined ? 'waiting' : delivery.error !== undefined ? `failed: ${delivery.error}` : String(delivery.status)
  return h(
    'li',
    { class: `activity-item delivery ${delivery.ok ? 'ok' : delivery.durationMs === undefined ? 'pending' : 'failed'}`, 'data-id': delivery.id },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        h('span', { class: 'kind' }, 'webhook'),
        ' ',
        h('time', {}, clock(delivery.time)),
        ' ',
        h('strong', {}, delivery.eventType),
        ` setting ${delivery.settingId} → `,
        h('span', { class: 'status' }, outcome),
        delivery.durationMs === undefined ? '' : ` in ${delivery.durationMs} ms`,
      ),
      h('dl', {}, h('dt', {}, 'URL'), h('dd', {}, delivery.url), h('dt', {}, 'x-chatworkwebhooksignature'), h('dd', {}, h('code', {}, delivery.signature)), h('dt', {}, 'Response size'), h('dd', {}, `${delivery.responseSize} bytes`)),
      h('pre', { class: 'payload' }, pretty(delivery.body)),
    ),
  )
}

function requestRow(request: RequestView): HTMLElement {
  const query = new URLSearchParams(request.query).toString()
  const rate = RATE_HEADERS.filter((name) => request.responseHeaders?.[name] !== undefined).map((name) => `${name.slice('x-ratelimit-'.length)} ${request.responseHeaders![name]}`)
  return h(
    'li',
    { class: `activity-item request ${request.status >= 400 || request.status === 0 ? 'failed' : 'ok'}`, 'data-id': request.id },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        h('span', { class: 'kind' }, 'request'),
        ' ',
        h('time', {}, clock(request.time)),
        ' ',
        h('strong', {}, `${request.method} ${request.path}${query === '' ? '' : `?${query}`}`),
        ' → ',
        h('span', { class: 'status' }, request.status === 0 ? 'dropped' : String(request.status)),
        rate.length === 0 ? '' : h('span', { class: 'rate' }, ` (rate limit: ${rate.join(', ')})`),
      ),
      h('h4', {}, 'Request headers'),
      h('pre', {}, Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`).join('\n')),
      request.body === '' ? null : h('pre', { class: 'payload' }, request.body),
      request.responseHeaders === undefined ? null : h('h4', {}, 'Response headers'),
      request.responseHeaders === undefined ? null : h('pre', {}, Object.entries(request.responseHeaders).map(([name, value]) => `${name}: ${value}`).join('\n')),
    ),
  )
}

/**
 * The Activity view: call `render` with the activity whenever it changes.
 *
 * @example
 * const view = createActivity(); view.render(await getJson('/ui/api/activity'))
 */
export function createActivity(): { element: HTMLElement; render: (activity: Activity) => void } {
  const filter = h('input', { type: 'search', id: 'activity-filter', placeholder: 'method, path, status, event type, body…' })
  const kind = h('select', { id: 'activity-kind', 'aria-label': 'Show' }, h('option', { value: 'all' }, 'Deliveries and requests'), h('option', { value: 'delivery' }, 'Webhook deliveries'), h('option', { value: 'request' }, 'API requests'))
  const list = h('ol', { class: 'activity-list', reversed: true, 'aria-label': 'Activity, newest first' })
  const settings = h('ul', { class: 'webhook-settings' })
  let last: Activity = { settings: [], deliveries: [], requests: [] }

  function render(activity: Activity = last): void {
    last = activity
    const needle = filter.value.trim().toLowerCase()
    const matches = (text: string) => needle === '' || text.toLowerCase().includes(needle)
    const rows: { time: number; order: number; element: () => HTMLElement }[] = []
    if (kind.value !== 'request') {
      for (const delivery of activity.deliveries) {
        if (matches(`${delivery.eventType} ${delivery.settingId} ${delivery.status} ${delivery.url} ${delivery.body}`)) rows.push({ time: delivery.time, order: delivery.id, element: () => deliveryRow(delivery) })
      }
    }
    if (kind.value !== 'delivery') {
      for (const request of activity.requests) {
        if (matches(`${request.method} ${request.path} ${request.status} ${request.body}`)) rows.push({ time: request.time, order: request.id, element: () => requestRow(request) })
      }
    }
    rows.sort((a, b) => b.time - a.time || b.order - a.order)
    replaceChildren(list, (rows.length === 0 ? [h('li', { class: 'empty' }, 'Nothing yet.')] : rows.map((row) => row.element())))
    replaceChildren(settings, activity.settings.map((setting) => h('li', {}, `Setting ${setting.id}: ${setting.events.join(', ')} → ${setting.url}${setting.enabled ? '' : ' (disabled)'}`)))
  }
  filter.addEventListener('input', () => render())
  kind.addEventListener('change', () => render())

  const element = h(
    'section',
    { class: 'activity', 'aria-labelledby': 'activity-title' },
    h('h2', { id: 'activity-title' }, 'Activity'),
    h('h3', {}, 'Webhook settings'),
    settings,
    h('div', { class: 'activity-bar' }, h('label', { for: filter.id }, 'Filter '), filter, ' ', kind),
    list,
  )
  return { element, render }
}
