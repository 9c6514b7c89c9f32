/**
 * `chatwork-kit/webhook`: receive Chatwork webhooks on any runtime. Check the
 * signature, parse the event with its message body as a tree, and answer the
 * way Chatwork expects.
 */
export { verifySignature } from './signature.ts'
export {
  parseWebhookEvent,
  type WebhookEvent,
  type MessageCreatedEvent,
  type MessageUpdatedEvent,
  type MentionToMeEvent,
  type UnknownWebhookEvent,
} from './event.ts'
export {
  createWebhookHandler,
  reportToConsole,
  DEFAULT_MAX_BODY_BYTES,
  SIGNATURE_HEADER,
  SIGNATURE_QUERY_PARAMETER,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookCallback,
} from './handler.ts'
export { toNodeListener, type NodeListener } from './node-listener.ts'
export { ChatworkWebhookError, type WebhookErrorReason } from '../errors.ts'
