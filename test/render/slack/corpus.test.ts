import { describe, expect, it } from 'vitest'
import { toSlack } from 'chatwork-kit/slack'
import { corpusBodies } from '../../helpers/corpus.ts'
import { chatworkMessageUrl, goldenAccounts, goldenEntries, goldenFiles } from '../../helpers/render-fixtures.ts'

/** Slack users of some of the golden accounts; the others are mentioned by name. */
const users = new Map([
  [34, 'U01NGUYEN'],
  [600, 'U02CAROL'],
])

describe('toSlack on the corpus', () => {
  it('converts every corpus body, in both locales, without throwing', () => {
    for (const body of corpusBodies) {
      expect(typeof toSlack(body)).toBe('string')
      expect(typeof toSlack(body, { locale: 'ja', accounts: goldenAccounts, users, files: goldenFiles, messageUrl: chatworkMessageUrl })).toBe('string')
    }
  })

  it.each(goldenEntries.map((entry) => [entry.index, entry] as const))('matches the golden file of corpus body %i', async (index, entry) => {
    const locale = index === 107 || index === 109 || index === 113 ? ('ja' as const) : ('en' as const)
    const out = toSlack(entry.body, { accounts: goldenAccounts, users, files: goldenFiles, messageUrl: chatworkMessageUrl, locale, timeZone: 'Asia/Tokyo' })
    await expect(`corpus body ${index} (${locale}): ${JSON.stringify(entry.body)}\n----\n${out}\n`).toMatchFileSnapshot(`golden/${String(index).padStart(3, '0')}.txt`)
  })
})
