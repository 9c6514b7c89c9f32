/**
 * Parser and printer throughput on the shared corpus, beside a plain regex
 * tokenizer (tags and text tokens, no tree) measured in the same run, and the
 * heap that parsed trees keep, each printed beside its target (issue 15).
 */
import { parse, stringify, visit, type Root } from '../src/entries/markup.ts'
import { corpusBodies, totalLength } from './corpus.ts'
import { alternatingRounds } from './rounds.ts'

const TOKEN = /\[\/?[A-Za-z]+[^[\]]*\]|[^[]+|\[/g

function regexTokenize(body: string): string[] {
  return body.match(TOKEN) ?? []
}

/** The size of the joined document: the corpus repeated up to about a megabyte. */
const DOCUMENT_CHARS = 1_000_000

/** Targets, as ratios to the tokenizer in the same run (higher is faster), and bytes per node. */
const TARGETS = {
  parseBodies: 0.1,
  parseDocument: 0.15,
  stringify: 0.8,
  heapPerNode: 160,
}

/**
 * Two workloads: each corpus body as its own message (per-call costs count),
 * and the corpus joined into one document of about 1 MB (throughput of the
 * scan itself).
 */
export async function run(): Promise<void> {
  const messages = Array.from({ length: 20 }, () => corpusBodies).flat()
  const joined = corpusBodies.join('\n')
  const document = Array.from({ length: Math.ceil(DOCUMENT_CHARS / (joined.length + 1)) }, () => joined).join('\n')
  await measure(`each of ${corpusBodies.length} corpus bodies as a message (x20)`, messages, TARGETS.parseBodies)
  await measure('the corpus joined into one document', [document], TARGETS.parseDocument)
  retainedHeap(messages, `the ${messages.length} bodies`)
  retainedHeap([document], 'the joined document')
}

async function measure(workload: string, bodies: string[], parseTarget: number): Promise<void> {
  const megabytes = totalLength(bodies) / 1e6
  const trees = bodies.map((body) => parse(body))
  const results = await alternatingRounds([
    ['baseline: regex tokenizer', () => { for (const body of bodies) regexTokenize(body) }],
    ['parse (positions on)', () => { for (const body of bodies) parse(body) }],
    ['parse (positions off)', () => { for (const body of bodies) parse(body, { positions: false }) }],
    ['stringify', () => { for (const tree of trees) stringify(tree) }],
  ])
  const targets = ['', `>= ${parseTarget}x`, '', `>= ${TARGETS.stringify}x`]
  console.log(`\nMarkup: ${workload}, ${(megabytes * 1e3).toFixed(0)} K chars, median of 7 alternating rounds`)
  console.table(
    results.map((result, i) => ({
      task: result.name,
      'MB/s': (megabytes / (result.ms / 1000)).toFixed(1),
      'vs baseline': `${(1 / result.timeRatio).toFixed(2)}x`,
      target: targets[i],
    })),
  )
}

/** Heap kept by the trees of `bodies` (positions on), per node, after a full collection. */
function retainedHeap(bodies: readonly string[], what: string): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) {
    console.log(`\nMarkup: retained heap not measured (run with --expose-gc, as npm run bench does)`)
    return
  }
  gc()
  const before = process.memoryUsage().heapUsed
  const trees: Root[] = bodies.map((body) => parse(body))
  gc()
  const after = process.memoryUsage().heapUsed
  let nodes = 0
  for (const tree of trees) visit(tree, () => void nodes++)
  const chars = totalLength(bodies)
  console.log(
    `\nMarkup: heap retained by the parsed trees of ${what}: ${((after - before) / nodes).toFixed(0)} bytes per node (target <= ${TARGETS.heapPerNode}), ${nodes} nodes, ${((after - before) / chars).toFixed(1)} bytes per input char`,
  )
}
