import { describe, expect, it } from 'vitest'
import { toHtml } from 'chatwork-kit/html'
import { corpusBodies } from '../../helpers/corpus.ts'
import { chatworkMessageUrl, goldenAccounts, goldenEntries, goldenFiles } from '../../helpers/render-fixtures.ts'

describe('toHtml on the corpus', () => {
  it('renders every corpus body, in both locales, without throwing', () => {
    for (const body of corpusBodies) {
      expect(toHtml(body)).toMatch(/^<div class="cw-message">[\s\S]*<\/div>$/)
      expect(toHtml(body, { locale: 'ja', accounts: goldenAccounts, files: goldenFiles, messageUrl: chatworkMessageUrl })).toMatch(/^<div class="cw-message">/)
    }
  })

  it.each(goldenEntries.map((entry) => [entry.index, entry] as const))('matches the golden file of corpus body %i', async (index, entry) => {
    const options = { accounts: goldenAccounts, files: goldenFiles, messageUrl: chatworkMessageUrl, locale: index === 107 || index === 109 || index === 113 ? ('ja' as const) : ('en' as const), timeZone: 'Asia/Tokyo' }
    const header = `<!-- corpus body ${index} (${options.locale}): ${JSON.stringify(entry.body).replace(/--/g, '-\\u002d')} -->\n`
    await expect(header + toHtml(entry.body, options) + '\n').toMatchFileSnapshot(`golden/${String(index).padStart(3, '0')}.html`)
  })
})
