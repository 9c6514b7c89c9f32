/**
 * `chatwork-kit`: everything but the emulator (`chatwork-kit/testing`) and the
 * vitest matchers (`chatwork-kit/vitest`).
 */
export * from './markup.ts'
export * from './webhook.ts'
export * from './client.ts'
