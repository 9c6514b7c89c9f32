/**
 * Hostile input at growing sizes, 64 K to 1 M characters: each size is
 * measured beside the one half its size in the same run, and the growth
 * factor per doubling is printed (linear time doubles; the target is at most
 * 2.5x at every step). Then the formatting of many diagnostics on one
 * megabyte line, beside the lint that found them (target: at most 2x).
 */
import { formatDiagnostics, lint, parse, toPlainText, type Node } from '../src/entries/markup.ts'
import { toJson } from '../src/cli/json.ts'

const SIZES = [64_000, 128_000, 256_000, 512_000, 1_024_000]
const GROWTH_TARGET = 2.5

/** Median wall time of `rounds` runs of `fn` after one untimed run, in milliseconds, with garbage collected before each. */
function medianMs(fn: () => unknown, rounds = 5): number {
  // once untimed, so that the first size does not pay for compiling the code
  fn()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const started = performance.now()
    fn()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[rounds >> 1]!
}

/** A body of about `size` characters made of `unit` repeated. */
function repeated(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length))
}

/** `depth` nested info blocks around one character, about `size` characters in all. */
function nestedBlocks(size: number): string {
  const depth = Math.floor(size / '[info][/info]'.length)
  return `${'[info]'.repeat(depth)}x${'[/info]'.repeat(depth)}`
}

interface Workload {
  item: string
  /** What is timed, given the body of one size; the preparation (parsing, linting) is not. */
  prepare: (size: number) => () => unknown
}

const WORKLOADS: Workload[] = [
  // What any linear pass over the tree costs at each size, growth of the memory it reads included.
  { item: 'baseline: a walk of the a[hr] tree', prepare: (size) => walk(parse(repeated('a[hr]', size), { positions: false })) },
  { item: '7  toPlainText, a[hr] repeated', prepare: (size) => plainText(repeated('a[hr]', size)) },
  { item: '7  toPlainText, [info]x[/info] repeated', prepare: (size) => plainText(repeated('[info]x[/info]', size)) },
  { item: '7  toPlainText, [code]x[/code] repeated', prepare: (size) => plainText(repeated('[code]x[/code]', size)) },
  {
    item: '8  parse CLI JSON (toJson), nested [info] blocks',
    prepare: (size) => {
      const tree = parse(nestedBlocks(size), { positions: false })
      return () => toJson(tree)
    },
  },
  {
    item: '9  formatDiagnostics, [/qt] on every line',
    prepare: (size) => {
      const body = repeated('[/qt]\n', size)
      const diagnostics = lint(body)
      return () => formatDiagnostics(diagnostics, body)
    },
  },
]

function walk(tree: Node): () => unknown {
  return () => {
    let count = 0
    const pending: Node[] = [tree]
    while (pending.length > 0) {
      const node = pending.pop()!
      count++
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!)
    }
    return count
  }
}

function plainText(body: string): () => unknown {
  const tree: Node = parse(body, { positions: false })
  return () => toPlainText(tree)
}

export async function run(): Promise<void> {
  console.log(`\nHostile input: time per size, and the growth factor per doubling (median of 5; target ≤ ${GROWTH_TARGET}x at every step)`)
  const rows: Record<string, string>[] = []
  for (const { item, prepare } of WORKLOADS) {
    const times = SIZES.map((size) => medianMs(prepare(size)))
    const growth = times.slice(1).map((ms, i) => ms / times[i]!)
    rows.push({
      item,
      ...Object.fromEntries(SIZES.map((size, i) => [`${size / 1000} K ms`, times[i]!.toFixed(1)])),
      'growth per doubling': growth.map((g) => `${g.toFixed(2)}x`).join(' '),
      'within target': growth.every((g) => g <= GROWTH_TARGET) ? 'yes' : 'NO',
    })
  }
  console.table(rows)
  oneLongLine()
}

/** issue #14: 10,000 problems on one 1 MB line; formatting beside the lint that found them. */
function oneLongLine(): void {
  const unit = `[/qt]${'x'.repeat(95)}`
  const body = unit.repeat(10_000)
  const diagnostics = lint(body)
  const lintMs = medianMs(() => lint(body), 3)
  const formatMs = medianMs(() => formatDiagnostics(diagnostics, body), 3)
  console.log(`\nLint: ${diagnostics.length} diagnostics on one ${(body.length / 1e6).toFixed(1)} MB line (target: formatting ≤ 2x the lint)`)
  console.table([
    { task: 'baseline: lint', ms: lintMs.toFixed(0), 'vs baseline': '1.00x' },
    { task: 'formatDiagnostics', ms: formatMs.toFixed(0), 'vs baseline': `${(formatMs / lintMs).toFixed(2)}x` },
  ])
}
