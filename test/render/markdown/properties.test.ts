/**
 * The laws of the markdown part: fromMarkdown's markup lints clean and keeps
 * every word; toMarkdown keeps every word of the message as text and can
 * inject neither HTML nor a link other than http(s).
 */
import fc from 'fast-check'
import type { Nodes } from 'mdast'
import { fromMarkdown as parseMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown } from 'chatwork-kit/markdown'
import { lint, parse, stringify, toPlainText, unescapeText, visit } from 'chatwork-kit/markup'
import { markupish } from '../../helpers/arbitraries.ts'
import { anyText } from '../../helpers/builder-arbitraries.ts'
import { markdownish } from '../../helpers/markdown-arbitraries.ts'

const RUNS = { numRuns: 400 }
const read = (markdown: string) => parseMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

/** The words of a Markdown tree's text content, leaf by leaf: text, code and HTML, not image alt text or URLs. */
function words(tree: Nodes): string[] {
  const out: string[] = []
  const pending: Nodes[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i])
    else if ('value' in node && typeof node.value === 'string') out.push(...node.value.split(/\s+/).filter(Boolean))
  }
  return out
}

/** Whether every word is found in `text`, in order. */
function keepsWords(expected: readonly string[], text: string): string | undefined {
  let at = 0
  for (const word of expected) {
    const found = text.indexOf(word, at)
    if (found === -1) return word
    at = found + word.length
  }
  return undefined
}

const noisy = (body: string) => lint(body).filter((d) => d.severity !== 'info')

describe('fromMarkdown laws', () => {
  it('stringify(fromMarkdown(md)) lints clean, with no errors or warnings', () => {
    fc.assert(
      fc.property(markdownish, fc.constantFrom('title', 'info') as fc.Arbitrary<'title' | 'info'>, (md, sections) => {
        const body = stringify(fromMarkdown(md, { sections }))
        expect(noisy(body), JSON.stringify(body)).toEqual([])
      }),
      RUNS,
    )
  })

  it('lints clean with mentions too', () => {
    const mentions = { '@taro': 1002, '@all': 'toall' } as const
    fc.assert(
      fc.property(markdownish, (md) => {
        const body = stringify(fromMarkdown(md, { mentions, sections: 'info' }))
        expect(noisy(body), JSON.stringify(body)).toEqual([])
      }),
      RUNS,
    )
  })

  it('lints clean for any string, not only Markdown-like ones', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary', maxLength: 60 })), (md) => {
        const body = stringify(fromMarkdown(md))
        expect(noisy(body), JSON.stringify(body)).toEqual([])
      }),
      RUNS,
    )
  })

  it('toPlainText of it keeps every word of the Markdown text content', () => {
    fc.assert(
      fc.property(markdownish, fc.constantFrom('title', 'info') as fc.Arbitrary<'title' | 'info'>, (md, sections) => {
        const plain = toPlainText(fromMarkdown(md, { sections }))
        expect(keepsWords(words(read(md)), plain), JSON.stringify(plain)).toBeUndefined()
      }),
      RUNS,
    )
  })
})

describe('toMarkdown laws', () => {
  it('keeps every word of the message as text, for any body', () => {
    fc.assert(
      fc.property(fc.oneof(markupish, anyText), (body) => {
        const markdown = toMarkdown(body, { lineBreaks: 'soft' })
        const expected: string[] = []
        visit(parse(body), (node) => {
          const value = node.type === 'text' || node.type === 'code' ? unescapeText(node.value) : node.type === 'link' ? node.url : node.type === 'emoticon' ? node.code : ''
          // CommonMark reads U+0000 as U+FFFD, whatever the Markdown says
          expected.push(...value.replaceAll('\u0000', '\uFFFD').split(/\s+/).filter(Boolean))
        })
        expect(keepsWords(expected, words(read(markdown)).join(' ')), JSON.stringify(markdown)).toBeUndefined()
      }),
      RUNS,
    )
  })

  it('injects no HTML and links only http(s) URLs, whatever the names and URLs given', () => {
    const name = fc.oneof(anyText, fc.constantFrom('<img src=x onerror=alert(1)>', '](javascript:alert(1))', '<script>', '`', '*'))
    fc.assert(
      fc.property(fc.oneof(markupish, anyText), name, fc.constantFrom('javascript:alert(1)', 'https://ok.example/m', ' data:text/html,x', 'HTTPS://A.B/'), (body, accountName, url) => {
        const markdown = toMarkdown(body, {
          accounts: () => ({ name: accountName, avatarUrl: url }),
          files: () => ({ name: accountName, url, previewUrl: url }),
          messageUrl: () => url,
        })
        const pending: Nodes[] = [read(markdown)]
        while (pending.length > 0) {
          const node = pending.pop()!
          expect(node.type, JSON.stringify(markdown)).not.toBe('html')
          if (node.type === 'link' || node.type === 'image') expect(node.url, JSON.stringify(markdown)).toMatch(/^https?:\/\//i)
          if ('children' in node) pending.push(...node.children)
        }
      }),
      RUNS,
    )
  })
})
