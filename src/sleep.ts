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
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish = (error?: unknown) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (error === undefined) resolve()
      else reject(error)
    }
    const onAbort = () => finish(signal!.reason)
    // setTimeout treats delays past 2^31-1 ms as 1 ms: clamp instead.
    if (Number.isFinite(ms)) timer = setTimeout(finish, Math.min(Math.max(ms, 0), 2 ** 31 - 1))
    signal?.addEventListener('abort', onAbort, { once: true })
    wake?.then(() => finish(), () => finish())
  })
}
