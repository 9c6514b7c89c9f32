import { ChatworkWebhookError } from '../errors.ts'
import type { Root } from '../markup/nodes.ts'
import { parse, type ParseOptions } from '../markup/parse.ts'

/** Fields every documented event has, from the payload's envelope. */
interface WebhookEventBase {
  /** The webhook setting that fired (`webhook_setting_id`). */
  webhookSettingId: string
  /** When Chatwork recorded the event, Unix seconds (`webhook_event_time`). */
  eventTime: number
  /** The whole payload as parsed JSON, for fields this library does not know. */
  raw: Record<string, unknown>
}

/** Fields of the message an event is about. */
interface MessageFields {
  /** A 64-bit decimal id, kept a string because it exceeds 2^53. */
  messageId: string
  roomId: number
  /** The raw markup of the message. */
  body: string
  /** `body`, parsed. */
  tree: Root
  /** Unix seconds. */
  sendTime: number
  /** Unix seconds; `0` if the message was never edited. */
  updateTime: number
}

/**
 * `message_created`: a message was posted in the room a webhook setting watches.
 *
 * @example
 * if (event.type === 'message_created') console.log(event.accountId, event.body)
 */
export interface MessageCreatedEvent extends WebhookEventBase, MessageFields {
  type: 'message_created'
  /** The sender. */
  accountId: number
}

/**
 * `message_updated`: a message was edited in the room a webhook setting watches.
 *
 * @example
 * if (event.type === 'message_updated') console.log(event.messageId, event.updateTime)
 */
export interface MessageUpdatedEvent extends WebhookEventBase, MessageFields {
  type: 'message_updated'
  /** The sender. */
  accountId: number
}

/**
 * `mention_to_me`: someone mentioned the webhook setting's account.
 *
 * @example
 * if (event.type === 'mention_to_me') console.log(`${event.fromAccountId} in room ${event.roomId}`)
 */
export interface MentionToMeEvent extends WebhookEventBase, MessageFields {
  type: 'mention_to_me'
  /** Who wrote the mention. */
  fromAccountId: number
  /** Who was mentioned: the webhook setting's account. */
  toAccountId: number
}

/**
 * An event type this library does not know; Chatwork may add some.
 *
 * @example
 * if (event.type === 'unknown') console.warn('unhandled webhook', event.eventType, event.raw)
 */
export interface UnknownWebhookEvent {
  type: 'unknown'
  /** The `webhook_event_type` as sent. */
  eventType: string
  /** The whole payload as parsed JSON. */
  raw: Record<string, unknown>
}

/**
 * A webhook event, discriminated on `type`.
 *
 * @example
 * function roomOf(event: WebhookEvent): number | undefined {
 *   return event.type === 'unknown' ? undefined : event.roomId
 * }
 */
export type WebhookEvent = MessageCreatedEvent | MessageUpdatedEvent | MentionToMeEvent | UnknownWebhookEvent

type JsonObject = Record<string, unknown>

const decoder = new TextDecoder('utf-8', { fatal: true })

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalid(message: string): ChatworkWebhookError {
  return new ChatworkWebhookError('invalid_payload', message)
}

/** Reads the fields of one object, naming the object in errors (`webhook_event.room_id`). */
function reader(object: JsonObject, prefix: string) {
  return {
    string(name: string): string {
      const value = object[name]
      if (typeof value !== 'string') throw invalid(`${prefix}${name} must be a string`)
      return value
    },
    integer(name: string): number {
      const value = object[name]
      if (!Number.isSafeInteger(value)) throw invalid(`${prefix}${name} must be an integer`)
      return value as number
    },
  }
}

function messageFields(event: ReturnType<typeof reader>, options: ParseOptions | undefined): MessageFields {
  const body = event.string('body')
  return {
    messageId: event.string('message_id'),
    roomId: event.integer('room_id'),
    body,
    tree: parse(body, options),
    sendTime: event.integer('send_time'),
    updateTime: event.integer('update_time'),
  }
}

/**
 * Parses a webhook request body into a typed event, with the message body
 * parsed into `tree`. Field names are camel-cased; message ids stay strings.
 *
 * An event type this library does not know comes back as
 * `{ type: 'unknown', eventType, raw }`. A body that is not UTF-8 JSON throws a
 * {@link ChatworkWebhookError} with reason `invalid_json`; one that lacks a
 * documented field, or has one of the wrong type, throws with reason
 * `invalid_payload`. Check the signature first: this does not.
 *
 * @example
 * const event = parseWebhookEvent(await request.text())
 * if (event.type === 'mention_to_me') console.log(event.fromAccountId, event.tree)
 */
export function parseWebhookEvent(rawBody: string | Uint8Array, options?: ParseOptions): WebhookEvent {
  let payload: unknown
  try {
    payload = JSON.parse(typeof rawBody === 'string' ? rawBody : decoder.decode(rawBody))
  } catch (cause) {
    throw new ChatworkWebhookError('invalid_json', 'The webhook body is not UTF-8 JSON text', { cause })
  }
  if (!isObject(payload)) throw invalid('The webhook body must be a JSON object')
  const envelope = reader(payload, '')
  const eventType = envelope.string('webhook_event_type')
  if (eventType !== 'message_created' && eventType !== 'message_updated' && eventType !== 'mention_to_me') {
    return { type: 'unknown', eventType, raw: payload }
  }
  const base = {
    webhookSettingId: envelope.string('webhook_setting_id'),
    eventTime: envelope.integer('webhook_event_time'),
    raw: payload,
  }
  const inner = payload.webhook_event
  if (!isObject(inner)) throw invalid('webhook_event must be an object')
  const event = reader(inner, 'webhook_event.')
  if (eventType === 'mention_to_me') {
    return {
      type: eventType,
      ...base,
      fromAccountId: event.integer('from_account_id'),
      toAccountId: event.integer('to_account_id'),
      ...messageFields(event, options),
    }
  }
  return { type: eventType, ...base, accountId: event.integer('account_id'), ...messageFields(event, options) }
}
