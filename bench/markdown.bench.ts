/**
 * The markdown part's throughput, each beside its baseline in the same run:
 * toMarkdown on the corpus beside parse + stringify (target: within 3x the
 * time), with the two designs it was measured against: toMdast alone (the
 * tree both print) and toMdast printed by mdast-util-to-markdown (+ gfm),
 * which toMarkdown used before its own printer; and fromMarkdown on Markdown
 * documents beside mdast-util-from-markdown (+ gfm) alone, which it runs
 * first (target: at most 1.5x the time).
 */
import { fromMarkdown as mdastFromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown as mdastToMarkdown, type Options as PrintOptions } from 'mdast-util-to-markdown'
import { gfm } from 'micromark-extension-gfm'
import { parse, stringify } from '../src/entries/markup.ts'
import { fromMarkdown, toMarkdown, toMdast } from '../src/render/markdown/index.ts'
import { corpusBodies, totalLength } from './corpus.ts'
import { alternatingRounds } from './rounds.ts'

const TO_MARKDOWN_TARGET = 3
const FROM_MARKDOWN_TARGET = 1.5

/** Markdown as language models and issue trackers write it: headings, lists, tables, code, quotes, links. */
const DOCUMENTS = [
  '# Summary\n\nThe deploy of **v1.2** finished at 10:00; see [the log](https://example.com/log) and `npm run deploy`.\n\n## Steps\n\n1. Build\n2. Test\n   - unit\n   - e2e\n3. Ship\n\n- [x] staging\n- [ ] production\n',
  '| Service | p99 | Status |\n|:--|--:|:-:|\n| api | 120 | ok |\n| 検索 | 85 | ok |\n\n> Note: the [toall] in this quote stays text.\n\n```ts\nconst x: number = 1\n```\n',
  'Hello @taro, *thanks* for the review!\n\nA few notes:\n\n* The `[To:1]` example\n* <https://example.com/docs>\n* ![diagram](https://example.com/d.png)\n\n---\n\nBest regards\n',
]

export async function run(): Promise<void> {
  const messages = Array.from({ length: 20 }, () => corpusBodies).flat()
  const printOptions: PrintOptions = { fences: true, bullet: '-', rule: '-', strong: '*', listItemIndent: 'one', extensions: [gfmToMarkdown()] }
  const chatwork = await alternatingRounds([
    ['baseline: parse + stringify', () => { for (const body of messages) stringify(parse(body)) }],
    ['toMarkdown', () => { for (const body of messages) toMarkdown(body) }],
    ['toMdast alone (parse + tree)', () => { for (const body of messages) toMdast(body) }],
    ['toMdast + mdast-util-to-markdown', () => { for (const body of messages) mdastToMarkdown(toMdast(body), printOptions) }],
  ])
  report(`toMarkdown: each of ${corpusBodies.length} corpus bodies (x20), ${(totalLength(messages) / 1e3).toFixed(0)} K chars`, chatwork, TO_MARKDOWN_TARGET, 'toMarkdown')

  const documents = Array.from({ length: 20 }, () => DOCUMENTS).flat()
  const micromark = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }
  const markdown = await alternatingRounds([
    ['baseline: mdast-util-from-markdown + gfm', () => { for (const md of documents) mdastFromMarkdown(md, micromark) }],
    ['fromMarkdown', () => { for (const md of documents) fromMarkdown(md) }],
  ])
  report(`fromMarkdown: ${DOCUMENTS.length} Markdown documents (x20), ${(totalLength(documents) / 1e3).toFixed(0)} K chars`, markdown, FROM_MARKDOWN_TARGET, 'fromMarkdown')
}

function report(workload: string, results: Awaited<ReturnType<typeof alternatingRounds>>, target: number, targeted: string): void {
  console.log(`\nMarkdown: ${workload}, median of 7 alternating rounds (target for ${targeted}: within ${target}x the baseline's time)`)
  console.table(
    results.map((result) => ({
      task: result.name,
      'ms per run': result.ms.toFixed(2),
      'vs baseline': `${result.timeRatio.toFixed(2)}x the time`,
      target: result.name === targeted ? `<= ${target}x ${result.timeRatio <= target ? 'met' : 'NOT MET'}` : '',
    })),
  )
}
