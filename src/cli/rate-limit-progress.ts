/**
 * What `chatwork-kit send` says while the client sits out a rate limit: one
 * line on stderr naming the limit and the wait, and on a terminal a count-down
 * rewritten in place each second.
 */
import type { RateLimitEvent } from '../client/request.ts'

/**
 * Waits this long or shorter pass silently.
 *
 * @example
 * if (event.waitMs > QUIET_WAIT_MS) report(event)
 */
export const QUIET_WAIT_MS = 1_000

/** The stream it writes to: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean
  write(text: string): unknown
}

const LIMITS: Record<RateLimitEvent['scope'], string> = {
  token: "the API's rate limit (per token)",
  room: "the room's posting limit",
}

/**
 * A reporter of rate-limit waits: pass `onRateLimit` to the client, and call
 * `stop()` when the call settles (it ends a count-down still running).
 *
 * @example
 * const progress = rateLimitProgress(process.stderr)
 * const client = new ChatworkClient({ onRateLimit: progress.onRateLimit })
 * try { await client.messages.send(room, body) } finally { progress.stop() }
 */
export function rateLimitProgress(stream: ProgressStream, now: () => number = Date.now): { onRateLimit: (event: RateLimitEvent) => void; stop: () => void } {
  let timer: ReturnType<typeof setInterval> | undefined
  let drawing = false

  function stop(): void {
    clearInterval(timer)
    timer = undefined
    if (drawing) stream.write('\n')
    drawing = false
  }

  return {
    onRateLimit({ scope, waitMs }) {
      if (waitMs <= QUIET_WAIT_MS) return
      stop()
      const end = now() + waitMs
      const what = `waiting for ${LIMITS[scope]}`
      if (!stream.isTTY) {
        stream.write(`chatwork-kit: ${what}: ${Math.ceil(waitMs / 1000)} s\n`)
        return
      }
      const draw = () => {
        const left = Math.max(0, Math.ceil((end - now()) / 1000))
        // \r and erase-to-end-of-line: the count-down rewrites its own line.
        stream.write(`\rchatwork-kit: ${what}: ${left} s left\u001b[K`)
        if (left === 0) stop()
      }
      drawing = true
      draw()
      if (drawing) timer = setInterval(draw, 1000)
    },
    stop,
  }
}
