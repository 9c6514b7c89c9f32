import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, visit } from 'chatwork-kit/markup'
import { toSlack } from 'chatwork-kit/slack'
import { markupish } from '../../helpers/arbitraries.ts'
import { factoryRoot } from '../../helpers/builder-arbitraries.ts'

const runs = { numRuns: 1000 }

const hostile = fc.constantFrom('<!channel>', '<!here|here>', '<@U024BE7LH>', '<#C123>', '<https://evil.example|click>', '&amp;', '&lt;', '<', '>', '&', '|', '```', '*', '_', '~')
const body = fc.oneof(markupish, fc.array(fc.oneof(markupish, hostile, fc.string()), { maxLength: 8 }).map((parts) => parts.join('')), fc.string({ unit: 'binary' }))
const names = fc.oneof(hostile, fc.string())

/** The `<…>` spans of Slack markup in a text: links, mentions, special commands, dates. */
const spans = (text: string) => [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1])

describe('toSlack: laws', () => {
  it('makes no Slack markup of its own input: every <…> is a web link or a date, every & an entity, for any body and names', () => {
    fc.assert(
      fc.property(body, names, names, (input, accountName, fileName) => {
        const out = toSlack(input, { accounts: () => ({ name: accountName }), files: () => ({ name: fileName, url: 'https://f.example/1' }) })
        expect(spans(out).filter((span) => !/^(https?:\/\/[^|\s]+(\|[^|\n]*)?|!date\^-?\d+\^\{date_short_pretty\}( \{time\})?\|[^|\n]+)$/.test(span))).toEqual([])
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&')
      }),
      runs,
    )
  })

  it('mentions in Slack exactly the To, reply and task accounts mapped in users, and notifies all only when asked', () => {
    fc.assert(
      fc.property(fc.oneof(body, factoryRoot), (input) => {
        const tree = typeof input === 'string' ? parse(input) : input
        let expected = 0
        let toAll = 0
        visit(tree, (node) => {
          if (node.type === 'to' || node.type === 'reply') expected++
          if (node.type === 'task') expected += node.accountIds.length
          if (node.type === 'toall') toAll++
        })
        const withUsers = toSlack(tree, { users: (id) => `U${id}A` })
        expect(withUsers.match(/<@U\d+A>/g) ?? []).toHaveLength(expected)
        expect(withUsers).not.toMatch(/<!(channel|here|everyone)>/)
        expect(toSlack(tree).match(/<[@!](?!date\^)/g)).toBeNull()
        expect(toSlack(tree, { toAll: 'here' }).match(/<!here>/g) ?? []).toHaveLength(toAll)
      }),
      runs,
    )
  })

  it('keeps code as written: the block holds the code, only escaped and with backticks kept apart', () => {
    const codeText = fc.string().filter((s) => !/\[\/code\]|\u200B/i.test(s))
    fc.assert(
      fc.property(codeText, (value) => {
        const out = toSlack(`[code]${value}[/code]`)
        const match = /^```\n([\s\S]*)\n```$/.exec(out)
        expect(match).not.toBeNull()
        const read = match![1].replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
        expect(read).toBe(value.replace(/^\n/, '').replace(/\n$/, ''))
        expect(match![1]).not.toContain('``')
      }),
      runs,
    )
  })
})
