/**
 * The corpus through the markdown part: every body renders, in every option,
 * and its Markdown converts back to markup that lints clean. A dozen bodies
 * have golden files (test/render/markdown/golden/), reviewed by eye: update
 * them with `npx vitest run test/render/markdown/corpus.test.ts -u` and read the diff.
 */
import { describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown, type ToMarkdownOptions } from 'chatwork-kit/markdown'
import { lint, stringify } from 'chatwork-kit/markup'
import { corpus, corpusBodies } from '../../helpers/corpus.ts'

const accounts = new Map([
  [123, { name: 'John Smith' }],
  [1484814, { name: 'Sato Hanako', avatarUrl: 'https://example.com/avatars/1484814.png' }],
  [2271723, { name: 'Mikazuki Fuyuno' }],
  [8638511, { name: '山田太郎' }],
])
const files = new Map([[1341384457, { name: 'FILENAME', url: 'https://example.com/files/1341384457', previewUrl: 'https://example.com/previews/1341384457.png' }]])
const messageUrl = (roomId: number, messageId: string) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`

const OPTION_SETS: ToMarkdownOptions[] = [{}, { accounts, files, messageUrl, emoji: true }, { locale: 'ja', timeZone: 'Asia/Tokyo', lineBreaks: 'soft' }]

/** Representative bodies: system messages, quotes, replies, mentions, code, emoticons, the broken reply form, mixed content. */
const GOLDEN = [6, 8, 24, 31, 55, 67, 83, 91, 93, 105, 107, 113, 116]

describe('the corpus through toMarkdown', () => {
  it('renders every body with every option set, and its Markdown back to clean markup', () => {
    for (const body of corpusBodies) {
      for (const options of OPTION_SETS) {
        const markdown = toMarkdown(body, options)
        expect(typeof markdown).toBe('string')
        const back = stringify(fromMarkdown(markdown))
        expect(lint(back).filter((d) => d.severity !== 'info'), back).toEqual([])
      }
    }
  })

  it.each(GOLDEN)('matches the golden file of corpus body %i', async (index) => {
    const { body, note } = corpus[index]
    const markdown = toMarkdown(body, { accounts, files, messageUrl })
    await expect(`<!-- corpus ${index}: ${note.replace(/--/g, '- -')}\n${body.replace(/--/g, '- -')}\n-->\n\n${markdown}`).toMatchFileSnapshot(`golden/${String(index).padStart(3, '0')}.md`)
  })
})

const DOCUMENT = `# Weekly report

Deploys went **well**; see [the dashboard](https://example.com/dash) and <https://example.com/log>.

## Done
- [x] Upgrade \`node\` to 20
- [ ] Rotate keys
  - staging
  - production

## Numbers

| Service | p99 (ms) | Status |
|:--|--:|:-:|
| api | 120 | ok |
| 検索 | 85 | ok |

> Quoted from the incident: "[toall] please check"

\`\`\`sh
npm run deploy -- --env=prod
\`\`\`

---
Thanks @taro!
`

describe('a Markdown document through fromMarkdown', () => {
  it.each(['title', 'info'] as const)('matches the golden file with sections: %s', async (sections) => {
    const body = stringify(fromMarkdown(DOCUMENT, { sections, mentions: { '@taro': 1002 } }))
    expect(lint(body)).toEqual([])
    await expect(body.replace(/\u200B/g, '<U+200B>')).toMatchFileSnapshot(`golden/from-markdown-${sections}.txt`)
  })
})
