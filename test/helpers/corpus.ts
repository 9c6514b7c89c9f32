import { readFileSync } from 'node:fs'

/** One entry of the corpus: a real message body, where it comes from, and what it shows. */
export interface CorpusEntry {
  body: string
  source: string
  note: string
}

/** The project's corpus of real message bodies (`test/fixtures/corpus.jsonl`, see its README). */
export const corpus: CorpusEntry[] = readFileSync(new URL('../fixtures/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as CorpusEntry)

/** The corpus bodies alone. */
export const corpusBodies: string[] = corpus.map((entry) => entry.body)
