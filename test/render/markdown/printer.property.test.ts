/**
 * The law of toMarkdown's own printer: what a GFM reader
 * (mdast-util-from-markdown + gfm) makes of its Markdown is the mdast tree
 * that toMdast built, node for node and character for character, after
 * normalising only what Markdown cannot write: adjacent texts are one text,
 * a strong inside a strong is one strong, list and item spreading, U+0000
 * and the other control characters that no reference can carry (a reader
 * takes U+0000, and a reference to any of them, as U+FFFD), tabs and line
 * feeds in URLs (which a browser drops), and GFM's autolink literals, which a reader makes of any
 * text that looks like `www.x.com`, `http://x.y` or `a@b.cd` however it is
 * escaped (mdast-util-gfm finds them in the text after parsing). And the
 * same tree, printed by mdast-util-to-markdown instead, reads back the same.
 */
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown as parseMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown as printWithMdastUtil, type Options as PrintOptions } from 'mdast-util-to-markdown'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { toMarkdown, toMdast, type ToMarkdownOptions } from 'chatwork-kit/markdown'
import { markupish } from '../../helpers/arbitraries.ts'
import { anyText, factoryRoot } from '../../helpers/builder-arbitraries.ts'
import { markdownish } from '../../helpers/markdown-arbitraries.ts'

const RUNS = { numRuns: Number(process.env.PRINTER_RUNS ?? 600) }
const read = (markdown: string): Root => parseMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
/** The transforms a GFM reader runs on the tree it parsed (autolink literals). */
const readerTransforms = gfmFromMarkdown().flatMap((extension) => extension.transforms ?? [])

type Plain = { type: string; [key: string]: unknown }

/** The control characters a reader reads a reference to as U+FFFD (CommonMark), and U+0000, which it always reads so. */
const UNREFERABLE = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g
const readable = (value: string): string => value.replace(UNREFERABLE, '\uFFFD')

/** The tree without what Markdown cannot write (see the file's comment). */
function normalise(node: Nodes, inStrong = false): Plain[] {
  if (node.type === 'strong' && inStrong) return node.children.flatMap((child) => normalise(child, true))
  if (node.type === 'text') return node.value === '' ? [] : [{ type: 'text', value: readable(node.value) }]
  const out: Plain = { type: node.type }
  if (node.type === 'code') out.value = readable(node.value)
  if (node.type === 'link' || node.type === 'image') out.url = readable(node.url.replace(/[\t\n\r]/g, ''))
  if (node.type === 'image') out.alt = readable(node.alt ?? '')
  if (node.type === 'listItem') out.checked = node.checked
  if ('children' in node) {
    const children: Plain[] = []
    for (const child of node.children.flatMap((child) => normalise(child as Nodes, inStrong || node.type === 'strong'))) {
      const previous = children[children.length - 1]
      if (child.type === 'text' && previous?.type === 'text') previous.value = (previous.value as string) + (child.value as string)
      else children.push(child)
    }
    out.children = children
  }
  return [out]
}

/**
 * White space collapsed, and trimmed at the ends of paragraphs and of lines,
 * where mdast-util-to-markdown writes some of it bare and a reader drops it
 * (the printer under test writes it as references, and keeps it).
 */
function loosely(nodes: Plain[]): Plain[] {
  return nodes.map((node) => {
    if (node.type === 'text' || node.type === 'code') return { ...node, value: (node.value as string).replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, '\n').replace(/\s+/g, ' ').trim() }
    return 'children' in node ? { ...node, children: loosely(node.children as Plain[]).filter((child) => child.type !== 'text' || child.value !== '') } : node
  })
}

/** What a GFM reader makes of an mdast tree's text: the tree as normalised, with its autolink literals found. */
function asRead(tree: Root): Plain[] {
  const merged = normalise(structuredClone(tree))[0] as unknown as Root
  for (const transform of readerTransforms) transform(merged)
  return normalise(merged)
}

const body = fc.oneof(markupish, anyText, markdownish)
const name = fc.oneof(anyText, markdownish, fc.constantFrom('', ' ', '  x  ', '*', '_a_', '#1', 'a\n\nb', 'x\n', ' ·', 'www.x.com', 'a@b.co', '😀', '1.', 'Taro'))
const url = fc.constantFrom('https://ok.example/m', 'https://e.x/a b(c)<d>\\&amp;', 'https://e.x/\n*_x', 'javascript:alert(1)', 'HTTPS://A.B/')
const options: fc.Arbitrary<ToMarkdownOptions> = fc.record({ lineBreaks: fc.constantFrom('hard', 'soft'), emoji: fc.boolean(), name, url }).map(({ lineBreaks, emoji, name, url }) => ({
  lineBreaks,
  emoji,
  accounts: (id: number) => (id % 3 === 0 ? undefined : { name: id % 3 === 1 ? name : `${name}${id}`, avatarUrl: url }),
  files: () => ({ name, url, previewUrl: url }),
  messageUrl: () => url,
}))

describe("toMarkdown's printer", () => {
  it('writes Markdown that reads back as the mdast tree toMdast builds, for any body and options', () => {
    fc.assert(
      fc.property(fc.oneof(body, factoryRoot), options, (input, opts) => {
        const markdown = toMarkdown(input, opts)
        expect(normalise(read(markdown)), JSON.stringify(markdown)).toEqual(asRead(toMdast(input, opts)))
      }),
      RUNS,
    )
  })

  it('reads back as what mdast-util-to-markdown writes of the same tree, wherever that reads back as the tree', () => {
    const printOptions: PrintOptions = { fences: true, bullet: '-', rule: '-', strong: '*', listItemIndent: 'one', extensions: [gfmToMarkdown()] }
    fc.assert(
      fc.property(fc.oneof(body, factoryRoot), options, (input, opts) => {
        const tree = toMdast(input, opts)
        const markdown = toMarkdown(input, opts)
        const reference = printWithMdastUtil(tree, printOptions)
        const ours = loosely(normalise(read(markdown)))
        const theirs = loosely(normalise(read(reference)))
        // where they differ, it is mdast-util-to-markdown's output that lost something (white space aside)
        if (!isDeepStrictEqual(ours, theirs)) expect(theirs, JSON.stringify([markdown, reference])).not.toEqual(loosely(asRead(tree)))
      }),
      RUNS,
    )
  })
})
