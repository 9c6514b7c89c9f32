/**
 * Parser and printer throughput on the shared corpus, beside a plain regex
 * tokenizer (tags and text tokens, no tree) measured in the same run.
 */
import { Bench } from 'tinybench'
import { parse, stringify } from '../src/markup.ts'
import { corpusBodies, totalLength } from './corpus.ts'

const TOKEN = /\[\/?[A-Za-z]+[^[\]]*\]|[^[]+|\[/g

function regexTokenize(body: string): string[] {
  return body.match(TOKEN) ?? []
}

export async function run(): Promise<void> {
  // Repeat the corpus so each iteration does a measurable amount of work.
  const bodies = Array.from({ length: 20 }, () => corpusBodies).flat()
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
  const throughput = (name: string) => megabytes / (bench.getTask(name)!.result!.latency.mean / 1000)
  const baseline = throughput('baseline: regex tokenizer')
  console.log(`\nMarkup on the corpus (${corpusBodies.length} bodies, ${(megabytes * 1e3 / 20).toFixed(1)} K chars, x20)`)
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      'MB/s': throughput(task.name).toFixed(1),
      'vs baseline': `${(throughput(task.name) / baseline).toFixed(2)}x`,
    })),
  )
}
