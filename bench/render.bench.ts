/**
 * Renderer throughput on the shared corpus, each corpus body as a message,
 * beside `parse` + `stringify` of the same bodies measured in the same run.
 * Targets (issue #16): `toHtml` within 4x of parse + stringify, `toSlack`
 * within 3x. Each renderer starts from the body, so its figure includes the
 * parse.
 */
import { parse, stringify } from '../src/entries/markup.ts'
import { toHast, toHtml } from '../src/render/html/index.ts'
import { toSlack } from '../src/render/slack/index.ts'
import { corpusBodies, totalLength } from './corpus.ts'
import { alternatingRounds } from './rounds.ts'

/** The slowest each renderer may be, as a multiple of parse + stringify's time. */
const TARGETS: Record<string, number> = { toHtml: 4, toSlack: 3 }

export async function run(): Promise<void> {
  const bodies = Array.from({ length: 20 }, () => corpusBodies).flat()
  const megabytes = totalLength(bodies) / 1e6
  const results = await alternatingRounds([
    ['baseline: parse + stringify', () => { for (const body of bodies) stringify(parse(body)) }],
    ['toHast', () => { for (const body of bodies) toHast(body) }],
    ['toHtml', () => { for (const body of bodies) toHtml(body) }],
    ['toSlack', () => { for (const body of bodies) toSlack(body) }],
  ])
  console.log(`\nRender: each of ${corpusBodies.length} corpus bodies as a message (x20), ${(megabytes * 1e3).toFixed(0)} K chars, median of 7 alternating rounds`)
  console.table(
    results.map((result) => ({
      task: result.name,
      'MB/s': (megabytes / (result.ms / 1000)).toFixed(1),
      'time vs baseline': `${result.timeRatio.toFixed(2)}x`,
      target: TARGETS[result.name] === undefined ? '' : `<= ${TARGETS[result.name]}x ${result.timeRatio <= TARGETS[result.name] ? 'met' : 'NOT MET'}`,
    })),
  )
}
