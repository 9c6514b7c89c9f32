/**
 * Waits `ms` milliseconds (forever for `Infinity`), ending early when `wake`
 * settles, and rejecting with the signal's reason when `signal` aborts. Leaves
 * no timer or listener behind.
 *
 * @example
 * await sleep(1000, AbortSignal.timeout(500)) // rejects with a TimeoutError after 500 ms
 */
export function sleep(ms: number, signal?: AbortSignal, wake?: Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const finish = (error?: unknown) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (error === undefined) resolve()
      else reject(error)
    }
    const onAbort = () => finish(signal!.reason)
    const timer = startTimer(finish, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
    wake?.then(() => finish(), () => finish())
  })
}

/**
 * `setTimeout` for any delay: none for `Infinity` (so the timer never fires),
 * and delays past 2^31-1 ms clamped, which `setTimeout` would run after 1 ms.
 *
 * @example
 * clearTimeout(startTimer(() => console.log('never'), Infinity))
 */
export function startTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
  return Number.isFinite(ms) ? setTimeout(callback, Math.min(Math.max(ms, 0), 2 ** 31 - 1)) : undefined
}
