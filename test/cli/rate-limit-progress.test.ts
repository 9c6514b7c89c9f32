/**
 * The progress `chatwork-kit send` prints while it waits out a rate limit:
 * one line when stderr is not a terminal, a count-down in place when it is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { rateLimitProgress } from '../../src/cli/rate-limit-progress.ts'

const event = (waitMs: number, scope: 'token' | 'room' = 'room') => ({ scope, waitMs, resetAt: new Date(Date.now() + waitMs), method: 'POST', path: '/rooms/{room_id}/messages' })

function stream(isTTY: boolean) {
  const written: string[] = []
  return { isTTY, written, write: (text: string) => written.push(text) }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('rateLimitProgress', () => {
  it('says nothing of a wait of a second or less', () => {
    const out = stream(true)
    rateLimitProgress(out).onRateLimit(event(1_000))
    expect(out.written).toEqual([])
  })

  it('prints one line off a terminal: the limit and the wait', () => {
    const out = stream(false)
    const progress = rateLimitProgress(out)
    progress.onRateLimit(event(9_200))
    vi.advanceTimersByTime(10_000)
    progress.stop()
    expect(out.written).toEqual(["chatwork-kit: waiting for the room's posting limit: 10 s\n"])
  })

  it('counts down in place on a terminal, and ends the line when the wait is over', () => {
    const out = stream(true)
    const progress = rateLimitProgress(out)
    progress.onRateLimit(event(3_000, 'token'))
    vi.advanceTimersByTime(5_000)
    progress.stop()
    const line = (left: number) => `\rchatwork-kit: waiting for the API's rate limit (per token): ${left} s left\u001b[K`
    expect(out.written).toEqual([line(3), line(2), line(1), line(0), '\n'])
  })

  it('ends the count-down line when the call settles early, and starts over if the wait grows', () => {
    const out = stream(true)
    const progress = rateLimitProgress(out)
    progress.onRateLimit(event(5_000))
    vi.advanceTimersByTime(1_000)
    progress.onRateLimit(event(2_000))
    progress.stop()
    progress.stop()
    expect(out.written.filter((text) => text === '\n')).toHaveLength(2)
    expect(out.written.at(-2)).toContain(': 2 s left')
    expect(vi.getTimerCount()).toBe(0)
  })
})
