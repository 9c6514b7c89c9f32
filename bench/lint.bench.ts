/**
 * Linter throughput, beside the parser measured in the same run: lint parses
 * the body once, then walks the tree and scans its literal text, so its cost
 * is reported as a multiple of one parse.
 */
import { Bench } from 'tinybench'
import { fixMarkup, lint, parse } from '../src/entries/markup.ts'
import { corpusBodies, meanMs, totalLength } from './corpus.ts'

/** A message full of near-tags, each of a different kind. */
const MISTAKES = '[INFO]Notes[/info] [To: 12] [titel]T[/titel] [返信 aid=1 to=2-3] [qt][To:3][/qt] [rp aid=1 to=2] [QT]q[/QT] [info]open\n'

/**
 * Three workloads: the corpus bodies as messages, a body of mistakes, and
 * that body fixed (`fixMarkup` lints once per round).
 */
export async function run(): Promise<void> {
  const messages = Array.from({ length: 20 }, () => corpusBodies).flat()
  await measure(`each of ${corpusBodies.length} corpus bodies as a message (x20)`, messages, false)
  await measure('a 60 K body of near-tags of every kind', [MISTAKES.repeat(Math.floor(60_000 / MISTAKES.length))], true)
}

async function measure(workload: string, bodies: string[], withFix: boolean): Promise<void> {
  const chars = totalLength(bodies)
  const bench = new Bench({ time: 1500, warmupTime: 300 })
  bench
    .add('baseline: parse', () => {
      for (const body of bodies) parse(body)
    })
    .add('lint', () => {
      for (const body of bodies) lint(body)
    })
  if (withFix) {
    bench.add('fixMarkup', () => {
      for (const body of bodies) fixMarkup(body)
    })
  }
  await bench.run()
  const baseline = meanMs(bench.getTask('baseline: parse'))
  console.log(`\nLint: ${workload}, ${(chars / 1e3).toFixed(0)} K chars`)
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      'ms per run': meanMs(task).toFixed(2),
      'vs baseline': `${(meanMs(task) / baseline).toFixed(2)}x the time`,
    })),
  )
}
