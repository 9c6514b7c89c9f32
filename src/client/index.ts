/**
 * `chatwork-kit/client`: `ChatworkClient`, a typed client of every Chatwork
 * API v2 endpoint (spec §5), built on ofetch, that keeps to both rate limits
 * and retries only what is safe to retry.
 */
export { ChatworkClient } from './client.ts'
export { DEFAULT_POLL_INTERVAL_MS } from './messages.ts'
export type { Id, MessageId } from './call.ts'
export type { MemberIds, CreateRoomInput, UpdateRoomInput, Rooms } from './rooms.ts'
export type { Messages } from './messages.ts'
export type { CreateTaskInput, Tasks } from './tasks.ts'
export type { UploadFile, Files } from './files.ts'
export type { InviteLinkInput, Links } from './links.ts'
export type { IncomingRequests } from './incoming-requests.ts'
export * from './types.ts'
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  MAX_RATE_LIMIT_RETRIES,
  mayHaveBeenProcessed,
  type ChatworkClientOptions,
  type RateLimitEvent,
  type RequestOptions,
  type RetryEvent,
  type RetryPolicy,
  type TokenSource,
  type TokenSourceRequest,
} from './request.ts'
export { DEFAULT_POSTING_LIMIT, readRateLimit, type RateLimitWait } from './rate-limiter.ts'
export { memoryStore, RATE_LIMIT_FALLBACK_WAIT_MS } from './memory-store.ts'
export type {
  PostingLimit,
  RateLimitAnswer,
  RateLimitDecision,
  RateLimitGrant,
  RateLimitHold,
  RateLimitPending,
  RateLimitRequest,
  RateLimitStore,
  RoomSlot,
  TokenBlock,
} from './rate-limit-store.ts'
export { MAX_BODY_LENGTH, type MarkupSource, type MessageBody } from '../markup/body.ts'
export {
  ChatworkError,
  ChatworkApiError,
  ChatworkResponseError,
  ChatworkArgumentError,
  ChatworkMissingTokenError,
  ChatworkNetworkError,
  ChatworkRateLimitError,
  ChatworkRateLimitStoreError,
  ChatworkTimeoutError,
  type MessageLimitation,
  type RateLimit,
} from '../errors.ts'
