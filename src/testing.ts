/**
 * `chatwork-kit/testing`: a local Chatwork API v2 emulator on loopback, to
 * test clients and bots without a network. Node-only.
 */
export { startEmulator, Emulator, DEFAULT_LIMITATION_DAYS } from './emulator-start.ts'
export { DEFAULT_EMULATOR_HOST } from './emulator-listen.ts'
export { startReceiver, type Receiver } from './emulator-receiver.ts'
export type { EmulatorOptions, RoomSummary, AccountWithToken, ActAs } from './emulator-start.ts'
export { DEFAULT_SEED, EMPTY_SEED } from './emulator-seed.ts'
export type { EmulatorSeed, SeedAccount, SeedRoom, SeedMessage, SeedTask, SeedFile } from './emulator-seed.ts'
export { DEFAULT_RATE_LIMIT, ROOM_POST_LIMIT_MESSAGE } from './emulator-rate-limit.ts'
export type { RateLimitOptions } from './emulator-rate-limit.ts'
export type { FaultSpec, Fault } from './emulator-faults.ts'
export type { RecordedRequest } from './emulator-server.ts'
export type { ListEndpoint, MessageLimitationOptions } from './emulator-routes.ts'
export { MAX_FILE_BYTES } from './emulator-routes.ts'
export { DEFAULT_BEHAVIOR, ICON_PRESETS } from './emulator-state.ts'
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
} from './emulator-state.ts'
export {
  EmulatorWebhooks,
  signWebhookBody,
  DEFAULT_WEBHOOK_DISABLE_AFTER,
  MAX_WEBHOOKS_PER_ACCOUNT,
  MAX_WEBHOOK_RESPONSE_BYTES,
  WEBHOOK_USER_AGENT,
} from './emulator-webhooks.ts'
export type { WebhookEventType, WebhookSettingInput, WebhookSetting, WebhookDelivery } from './emulator-webhooks.ts'
export { ChatworkEmulatorError } from './errors.ts'
