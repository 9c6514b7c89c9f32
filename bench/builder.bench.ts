/**
 * The message builder: a typical five-part message (mention with name, text,
 * info with title, code, quote) built and printed, beside plain string
 * concatenation of the same output measured in the same run (the floor:
 * no escaping, no checks, no tree). Inputs rotate through varied records so
 * that neither side can be folded into a constant.
 */
import { message } from '../src/entries/markup.ts'
import { alternatingRounds } from './rounds.ts'

interface Input {
  accountId: number
  name: string
  note: string
  title: string
  body: string
  log: string
  author: number
  time: number
  quoted: string
}

const inputs: Input[] = Array.from({ length: 64 }, (_, i) => ({
  accountId: 1000 + i,
  name: `Sato Taro ${i}さん`,
  note: `Deploy #${i} finished. See the summary below (${i % 7} warnings).`,
  title: `Release 1.${i}.0`,
  body: `All ${100 + i} checks passed on main.\nRollout: 100%`,
  log: `$ npm test\n✓ ${200 + i} tests passed\nDone in ${i}.4s`,
  author: 5000 + i,
  time: 1_700_000_000 + i * 60,
  quoted: `Can we ship 1.${i}.0 today?`,
}))

const built = (x: Input): string =>
  message().to(x.accountId, x.name).text(x.note).info(x.title, x.body).code(x.log).quote({ accountId: x.author, time: x.time }, x.quoted).toString()

const concatenated = (x: Input): string =>
  '[To:' + x.accountId + ']' + x.name + '\n' + x.note + '[info][title]' + x.title + '[/title]' + x.body + '[/info][code]' + x.log +
  '[/code][qt][qtmeta aid=' + x.author + ' time=' + x.time + ']' + x.quoted + '[/qt]'

/** Benchmarks the builder; throws first if it and the concatenation disagree. */
export async function run(): Promise<void> {
  for (const x of inputs) if (built(x) !== concatenated(x)) throw new Error(`builder and concatenation differ:\n${built(x)}\n${concatenated(x)}`)
  let sink = 0
  const results = await alternatingRounds([
    ['baseline: string concatenation', () => { for (const x of inputs) sink += concatenated(x).length }],
    ['message() builder + toString()', () => { for (const x of inputs) sink += built(x).length }],
  ])
  if (sink === 0) throw new Error('nothing was built')
  console.log('\nBuilder: a five-part message (mention, text, info with title, code, quote), built and printed, median of 7 alternating rounds')
  console.table(
    results.map((result) => ({
      task: result.name,
      'messages/s': Math.round(inputs.length / (result.ms / 1000)).toLocaleString('en'),
      'time vs baseline': `${result.timeRatio.toFixed(2)}x`,
    })),
  )
}
