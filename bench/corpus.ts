export { corpusBodies } from '../test/helpers/corpus.ts'

/** UTF-16 length of a list of bodies, for throughput figures. */
export const totalLength = (bodies: readonly string[]): number => bodies.reduce((sum, body) => sum + body.length, 0)

/** Mean time of one iteration of a finished tinybench task, in milliseconds. */
export function meanMs(task: { name: string; result: unknown } | undefined): number {
  const result = task?.result as { state?: string; period?: number } | undefined
  if (result?.state !== 'completed' || result.period === undefined) throw new Error(`benchmark ${task?.name} did not complete`)
  return result.period
}
