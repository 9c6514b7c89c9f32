/**
 * `chatwork-kit/testing`: a local Chatwork API v2 emulator on loopback, to
 * test clients and bots without a network. Node-only.
 */
export { startEmulator, Emulator, DEFAULT_LIMITATION_DAYS } from './start.ts'
export { DEFAULT_EMULATOR_HOST } from './listen.ts'
export { startReceiver, type Receiver } from './receiver.ts'
export type { EmulatorOptions, RoomSummary, AccountWithToken, ActAs } from './start.ts'
export { DEFAULT_SEED, EMPTY_SEED } from './seed.ts'
export type { EmulatorSeed, SeedAccount, SeedRoom, SeedMessage, SeedTask, SeedFile } from './seed.ts'
export { DEFAULT_RATE_LIMIT, ROOM_POST_LIMIT_MESSAGE } from './rate-limit.ts'
export type { RateLimitOptions } from './rate-limit.ts'
export type { FaultSpec, Fault } from './faults.ts'
export type { RecordedRequest } from './server.ts'
export { DEFAULT_REQUEST_LOG_MAX_ENTRIES, DEFAULT_REQUEST_LOG_MAX_BYTES } from './request-log.ts'
export type { RequestLogOptions } from './request-log.ts'
export type { ListEndpoint, MessageLimitationOptions } from './routes/index.ts'
export { MAX_FILE_BYTES } from './routes/index.ts'
export { DEFAULT_BEHAVIOR, ICON_PRESETS } from './state/index.ts'
export type {
  EmulatorAccount,
  EmulatorBehavior,
  EmulatorMessage,
  EmulatorTask,
  EmulatorFile,
  EmulatorContactRequest,
  MemberLists,
  Role,
  RoomType,
  TaskStatus,
  LimitType,
  IconPreset,
} from './state/index.ts'
export {
  EmulatorWebhooks,
  signWebhookBody,
  DEFAULT_WEBHOOK_DISABLE_AFTER,
  MAX_WEBHOOKS_PER_ACCOUNT,
  MAX_WEBHOOK_RESPONSE_BYTES,
  WEBHOOK_USER_AGENT,
} from './webhooks.ts'
export type { WebhookEventType, WebhookSettingInput, WebhookSetting, WebhookDelivery } from './webhooks.ts'
export { EmulatorOAuth, DEFAULT_INSUFFICIENT_SCOPE_STATUS } from './oauth.ts'
export type { EmulatorOAuthOptions, RegisteredClient, AuthorizeInput } from './oauth.ts'
export { ENDPOINT_SCOPES, type OAuthEndpoint } from './routes/scopes.ts'
export { DEFAULT_OAUTH_ACCESS_TOKEN_LIFETIME_MS, DEFAULT_OAUTH_REFRESH_TOKEN_LIFETIME_MS, DEFAULT_OAUTH_CODE_LIFETIME_MS } from './state/index.ts'
export type { OAuthClientInput } from './state/index.ts'
export { ChatworkEmulatorError, ChatworkOAuthError } from '../errors.ts'
