/**
 * Parser and printer throughput on the shared corpus, beside a plain regex
 * tokenizer (tags and text tokens, no tree) measured in the same run.
 */
import { parse, stringify } from '../src/entries/markup.ts'
import { corpusBodies, totalLength } from './corpus.ts'
import { alternatingRounds } from './rounds.ts'

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
  const results = await alternatingRounds([
    ['baseline: regex tokenizer', () => { for (const body of bodies) regexTokenize(body) }],
    ['parse (positions on)', () => { for (const body of bodies) parse(body) }],
    ['parse (positions off)', () => { for (const body of bodies) parse(body, { positions: false }) }],
    ['stringify', () => { for (const tree of trees) stringify(tree) }],
  ])
  console.log(`\nMarkup: ${workload}, ${(megabytes * 1e3).toFixed(0)} K chars, median of 7 alternating rounds`)
  console.table(
    results.map((result) => ({
      task: result.name,
      'MB/s': (megabytes / (result.ms / 1000)).toFixed(1),
      'vs baseline': `${(1 / result.timeRatio).toFixed(2)}x`,
    })),
  )
}
