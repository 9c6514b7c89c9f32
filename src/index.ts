/**
 * `chatwork-kit`: everything but the emulator (`chatwork-kit/testing`) and the
 * vitest matchers (`chatwork-kit/vitest`).
 */
export * from './entries/markup.ts'
export * from './webhook/index.ts'
export * from './client/index.ts'
