/**
 * Parser and printer throughput on the shared corpus, beside a plain regex
 * tokenizer (tags and text tokens, no tree) measured in the same run.
 */
import { Bench } from 'tinybench'
import { parse, stringify } from '../src/markup.ts'
import { corpusBodies, meanMs, totalLength } from './corpus.ts'

const TOKEN = /\[\/?[A-Za-z]+[^[\]]*\]|[^[]+|\[/g

function regexTokenize(body: string): string[] {
  return body.match(TOKEN) ?? []
}

/**
 * Two workloads: each corpus body as its own message (per-call costs count),
 * and the corpus joined into one document (throughput of the scan itself).
 */
export async function run(): Promise<void> {
  const messages = Array.from({ length: 20 }, () => corpusBodies).flat()
  await measure(`each of ${corpusBodies.length} corpus bodies as a message (x20)`, messages)
  await measure('the corpus joined into one document (x20)', [messages.join('\n')])
}

async function measure(workload: string, bodies: string[]): Promise<void> {
  const megabytes = totalLength(bodies) / 1e6
  const trees = bodies.map((body) => parse(body))
  const bench = new Bench({ time: 1500, warmupTime: 300 })
  bench
    .add('baseline: regex tokenizer', () => {
      for (const body of bodies) regexTokenize(body)
    })
    .add('parse (positions on)', () => {
      for (const body of bodies) parse(body)
    })
    .add('parse (positions off)', () => {
      for (const body of bodies) parse(body, { positions: false })
    })
    .add('stringify', () => {
      for (const tree of trees) stringify(tree)
    })
  await bench.run()
  const throughput = (name: string) => megabytes / (meanMs(bench.getTask(name)) / 1000)
  const baseline = throughput('baseline: regex tokenizer')
  console.log(`\nMarkup: ${workload}, ${(megabytes * 1e3).toFixed(0)} K chars`)
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      'MB/s': throughput(task.name).toFixed(1),
      'vs baseline': `${(throughput(task.name) / baseline).toFixed(2)}x`,
    })),
  )
}
