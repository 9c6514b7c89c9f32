import { Bench } from 'tinybench'
import { meanMs } from './corpus.ts'

/** One task's result over all rounds. */
export interface RoundsResult {
  name: string
  /** Median over the rounds of the task's mean time per iteration. */
  ms: number
  /** Median over the rounds of the task's time divided by the first task's (the baseline) in the same round. */
  timeRatio: number
}

/**
 * Runs the tasks in `rounds` short tinybench rounds, one after another in
 * each round, so that load drifting on a shared machine hits the baseline
 * (the first task) and the others alike; one long run of each task in turn
 * let a busy neighbour move the ratio by 2x. Medians make one bad round
 * harmless. With `--expose-gc` (as `npm run bench` runs), garbage is
 * collected before each task, so one task's allocations are not paid for by
 * the next.
 */
export async function alternatingRounds(
  tasks: readonly (readonly [name: string, fn: () => unknown])[],
  { rounds = 7, time = 300 }: { rounds?: number; time?: number } = {},
): Promise<RoundsResult[]> {
  const times = tasks.map(() => [] as number[])
  const ratios = tasks.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: round === 0 ? 300 : 50 })
    for (const [name, fn] of tasks) bench.add(name, fn, { beforeAll: collectGarbage })
    await bench.run()
    const ms = tasks.map(([name]) => meanMs(bench.getTask(name)))
    ms.forEach((value, i) => {
      times[i].push(value)
      ratios[i].push(value / ms[0])
    })
  }
  return tasks.map(([name], i) => ({ name, ms: median(times[i]), timeRatio: median(ratios[i]) }))
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.()

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]
}
