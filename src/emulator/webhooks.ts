/**
 * Webhook delivery (spec §6): for each setting, the events it asks for are
 * POSTed to its URL with the exact payload shape, signed as Chatwork signs
 * (HMAC-SHA256 of the raw body, keyed with the base64-decoded token, base64),
 * in the `x-chatworkwebhooksignature` header and the
 * `chatwork_webhook_signature` query parameter. Every answer is recorded.
 */
import { ChatworkEmulatorError } from '../errors.ts'
import { type EmulatorMessage, type EmulatorRoom, notifies } from './state/index.ts'
import { bodyBytes, importWebhookKey, signBytes } from '../webhook/signature.ts'

/** The three event types Chatwork sends. */
export type WebhookEventType = 'message_created' | 'message_updated' | 'mention_to_me'

const EVENT_TYPES: readonly WebhookEventType[] = ['message_created', 'message_updated', 'mention_to_me']

/**
 * Most webhook settings one account may have (spec §6.1).
 *
 * @example
 * for (let i = 0; i < MAX_WEBHOOKS_PER_ACCOUNT; i++) emu.webhooks.add({ url, token, events: ['message_created'] })
 */
export const MAX_WEBHOOKS_PER_ACCOUNT = 5
/**
 * Largest receiver answer that still counts as a success, in bytes (spec §6.5).
 *
 * @example
 * expect(emu.webhooks.deliveries.every((d) => d.responseSize <= MAX_WEBHOOK_RESPONSE_BYTES)).toBe(true)
 */
export const MAX_WEBHOOK_RESPONSE_BYTES = 2048
/**
 * The `user-agent` of deliveries (spec §6.2).
 *
 * @example
 * if (request.headers.get('user-agent') === WEBHOOK_USER_AGENT) console.log('from the emulator or Chatwork')
 */
export const WEBHOOK_USER_AGENT = 'ChatWork-Webhook/1.0.0'
/** How long a delivery waits for the receiver's answer. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000
/**
 * Failed deliveries in a row after which the emulator disables a webhook
 * setting. Chatwork disables a setting whose error rate becomes high (spec
 * §6.5) without saying how high, so this is a choice: see the emulator's
 * `webhookDisableAfter` option.
 *
 * @example
 * const emu = await startEmulator({ webhookDisableAfter: DEFAULT_WEBHOOK_DISABLE_AFTER * 2 })
 */
export const DEFAULT_WEBHOOK_DISABLE_AFTER = 10

/**
 * What `emu.webhooks.add(…)` takes.
 *
 * @example
 * emu.webhooks.add({ url: 'http://127.0.0.1:3000/hook', token: btoa('secret'), events: ['mention_to_me'] })
 */
export interface WebhookSettingInput {
  /** Where to POST events (loopback `http://` is fine here). */
  url: string
  /** The setting's webhook token: base64 text, the HMAC key once decoded. */
  token: string
  /** Which events to send. */
  events: WebhookEventType[]
  /** Only messages of this room (a "room event" setting); default: every room the owner is in. */
  roomId?: number
  /** The account the setting belongs to, whose mentions `mention_to_me` reports. Default: the main account. */
  accountId?: number
}

/** A webhook setting. */
export interface WebhookSetting {
  /** The `webhook_setting_id` of its payloads. */
  id: string
  url: string
  token: string
  events: WebhookEventType[]
  roomId?: number
  accountId: number
  /**
   * False once the emulator has disabled the setting for failing too often, as
   * Chatwork does; events are then not sent to it until `enable(id)`.
   */
  enabled: boolean
}

/** One delivery attempt and the receiver's answer. */
export interface WebhookDelivery {
  settingId: string
  eventType: WebhookEventType
  /** The URL posted to, with `chatwork_webhook_signature`. */
  url: string
  /** The raw JSON body sent. */
  body: string
  signature: string
  /** The receiver's status; 0 when it could not be reached or timed out. */
  status: number
  /** Bytes in the receiver's answer. */
  responseSize: number
  /** Whether Chatwork would count it a success: status 200 and at most 2,048 bytes. */
  ok: boolean
  /** Why the receiver could not be reached. */
  error?: string
  /** When it was sent, in milliseconds since the epoch (the emulator's clock). */
  time: number
  /** How long the receiver took to answer or fail, in milliseconds (real time); absent while waiting. */
  durationMs?: number
}

/**
 * The webhook settings of an emulator and their deliveries.
 *
 * @example
 * emu.webhooks.add({ url: 'http://127.0.0.1:3000/hook', token: 'c2VjcmV0', events: ['message_created'] })
 * emu.post(roomId, 'hello', { as: 1002 })
 * await emu.webhooks.settled()
 * console.log(emu.webhooks.deliveries[0].status)
 */
export class EmulatorWebhooks {
  /** Every delivery so far, in the order they were sent. */
  readonly deliveries: WebhookDelivery[] = []
  private readonly settings: WebhookSetting[] = []
  /** Setting id → the last delivery queued for it. */
  private readonly queues = new Map<string, Promise<void>>()
  private readonly inFlight = new Set<Promise<void>>()
  /** Setting id → failed deliveries since its last success. */
  private readonly failuresInARow = new Map<string, number>()
  private nextId = 12345

  /** @internal */
  constructor(
    private readonly context: {
      now: () => number
      defaultAccountId: () => number
      accountExists: (accountId: number) => boolean
      timeoutMs: number
      userAgent: string
      disableAfter: number
      /** Told when a delivery is sent and again when it is answered or fails. */
      observe?: (delivery: WebhookDelivery) => void
    },
  ) {}

  /**
   * Adds a webhook setting; throws a `ChatworkEmulatorError` for a URL that is
   * not http(s), unknown events, or a sixth setting of one account, and a
   * `ChatworkWebhookError` for a token that is not base64.
   */
  add(input: WebhookSettingInput): WebhookSetting {
    let url: URL
    try {
      url = new URL(input.url)
    } catch {
      throw new ChatworkEmulatorError(400, `Invalid webhook URL ${JSON.stringify(input.url)}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ChatworkEmulatorError(400, 'A webhook URL must be http or https')
    const events = [...new Set(input.events)]
    if (events.length === 0 || events.some((event) => !EVENT_TYPES.includes(event))) {
      throw new ChatworkEmulatorError(400, `Webhook events must be some of ${EVENT_TYPES.join(', ')}`)
    }
    // Refuses a token that is not base64 now rather than at the first delivery.
    void importWebhookKey(input.token)
    const accountId = input.accountId ?? this.context.defaultAccountId()
    if (!this.context.accountExists(accountId)) throw new ChatworkEmulatorError(404, `Account ${accountId} not found`)
    if (this.settings.filter((setting) => setting.accountId === accountId).length >= MAX_WEBHOOKS_PER_ACCOUNT) {
      throw new ChatworkEmulatorError(400, `An account can have at most ${MAX_WEBHOOKS_PER_ACCOUNT} webhook settings`)
    }
    const setting: WebhookSetting = { id: String(this.nextId++), url: input.url, token: input.token, events, accountId, enabled: true }
    if (input.roomId !== undefined) setting.roomId = input.roomId
    this.settings.push(setting)
    return setting
  }

  /** Removes a setting; later events are not sent to it. */
  remove(id: string): void {
    const index = this.settings.findIndex((setting) => setting.id === id)
    if (index !== -1) this.settings.splice(index, 1)
    this.failuresInARow.delete(id)
  }

  /**
   * Enables a setting again after the emulator disabled it, as a user does in
   * Chatwork's settings screen; throws a `ChatworkEmulatorError` for an unknown id.
   *
   * @example
   * if (!emu.webhooks.list()[0].enabled) emu.webhooks.enable(emu.webhooks.list()[0].id)
   */
  enable(id: string): void {
    const setting = this.settings.find((candidate) => candidate.id === id)
    if (setting === undefined) throw new ChatworkEmulatorError(404, `Webhook setting ${id} not found`)
    setting.enabled = true
    this.failuresInARow.delete(id)
  }

  /** The current settings. */
  list(): WebhookSetting[] {
    return this.settings.map((setting) => ({ ...setting, events: [...setting.events] }))
  }

  /** Resolves when every delivery started so far has been answered or has failed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
  }

  /** @internal Sends the events a new or edited message causes. */
  dispatch(kind: 'message_created' | 'message_updated', room: EmulatorRoom, message: EmulatorMessage): void {
    const time = this.context.now()
    for (const setting of this.settings) {
      const inScope = setting.roomId === undefined ? room.members.has(setting.accountId) : setting.roomId === room.room_id
      if (inScope && setting.events.includes(kind)) {
        this.enqueue(setting, kind, {
          message_id: message.message_id,
          room_id: room.room_id,
          account_id: message.account_id,
          body: message.body,
          send_time: message.send_time,
          update_time: message.update_time,
        }, time)
      }
      if (
        kind === 'message_created' &&
        setting.events.includes('mention_to_me') &&
        room.members.has(setting.accountId) &&
        notifies(message, setting.accountId)
      ) {
        this.enqueue(setting, 'mention_to_me', {
          from_account_id: message.account_id,
          to_account_id: setting.accountId,
          room_id: room.room_id,
          message_id: message.message_id,
          body: message.body,
          send_time: message.send_time,
          update_time: message.update_time,
        }, time)
      }
    }
  }

  /** Deliveries of one setting go out one after another, in event order. */
  private enqueue(setting: WebhookSetting, eventType: WebhookEventType, event: Record<string, unknown>, time: number): void {
    const body = JSON.stringify({ webhook_setting_id: setting.id, webhook_event_type: eventType, webhook_event_time: time, webhook_event: event })
    const previous = this.queues.get(setting.id) ?? Promise.resolve()
    const next = previous.then(() => this.deliver(setting, eventType, body))
    this.queues.set(setting.id, next)
    this.inFlight.add(next)
    void next.finally(() => {
      this.inFlight.delete(next)
      if (this.queues.get(setting.id) === next) this.queues.delete(setting.id)
    })
  }

  private async deliver(setting: WebhookSetting, eventType: WebhookEventType, body: string): Promise<void> {
    // a setting disabled while events were queued for it gets none of them, as after Chatwork disables it
    if (!setting.enabled) return
    const signature = await signWebhookBody(body, setting.token)
    const url = signedUrl(setting.url, signature)
    const delivery: WebhookDelivery = { settingId: setting.id, eventType, url, body, signature, status: 0, responseSize: 0, ok: false, time: this.context.now() * 1000 }
    this.deliveries.push(delivery)
    this.context.observe?.(delivery)
    const started = performance.now()
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': this.context.userAgent, 'x-chatworkwebhooksignature': signature },
        body,
        signal: AbortSignal.timeout(this.context.timeoutMs),
      })
      delivery.status = response.status
      delivery.responseSize = (await response.arrayBuffer()).byteLength
      delivery.ok = response.status === 200 && delivery.responseSize <= MAX_WEBHOOK_RESPONSE_BYTES
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error)
    }
    delivery.durationMs = Math.round(performance.now() - started)
    this.count(setting, delivery.ok)
    this.context.observe?.(delivery)
  }

  /** Counts a delivery's outcome, and disables the setting after too many failures in a row. */
  private count(setting: WebhookSetting, ok: boolean): void {
    const failures = ok ? 0 : (this.failuresInARow.get(setting.id) ?? 0) + 1
    this.failuresInARow.set(setting.id, failures)
    if (failures >= this.context.disableAfter) setting.enabled = false
  }
}

/**
 * The URL a delivery is posted to: the setting's URL with the signature
 * appended to its query as given (spec §6.2), without the fragment, which is
 * never sent. `searchParams` is not used: it would re-serialise the query.
 */
function signedUrl(settingUrl: string, signature: string): string {
  const url = new URL(settingUrl)
  url.hash = ''
  const parameter = `chatwork_webhook_signature=${encodeURIComponent(signature)}`
  url.search = url.search === '' ? parameter : `${url.search}&${parameter}`
  return url.href
}

/**
 * Signs a webhook body as Chatwork does: HMAC-SHA256 over the raw body bytes
 * (a string is taken as UTF-8), keyed with the base64-decoded `token`, as
 * base64. Use it to craft signed requests for your receiver's tests.
 *
 * @example
 * const body = JSON.stringify(payload)
 * const signature = await signWebhookBody(body, 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=')
 * await fetch(url, { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': signature } })
 */
export async function signWebhookBody(body: string | Uint8Array, token: string): Promise<string> {
  return signBytes(await importWebhookKey(token), bodyBytes(body))
}
