import { EMOTICON_CODES } from './emoticons.ts'
import type { Emoticon, Link, Text } from './nodes.ts'

/** A node of a run of literal text. */
export type InlineNode = Text | Link | Emoticon

const NAMES = new Map(EMOTICON_CODES.map((e) => [e.code, e.name]))

/**
 * What can start a link or an emoticon, leftmost first: a URL with its
 * characters and parentheses (which must balance, checked below), a code not
 * written `(name)` (in table order; none is a prefix of another), or a
 * `(name)` to look up.
 */
const TOKEN = new RegExp(
  [
    String.raw`https?://[A-Za-z0-9\-.!~*';?:@&=+$,%#{}/_()]+`,
    ...EMOTICON_CODES.filter((e) => !e.code.startsWith('(')).map((e) => e.code.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')),
    String.raw`\([^()\t\n\r ]{1,12}\)`,
  ].join('|'),
  'g',
)

/** The link that `url` starts with: up to a `)` that closes no `(` of its own, or undefined without anything after the scheme. */
function link(url: string): Link | undefined {
  let depth = 0
  let end = url.indexOf('//') + 2
  const after = end
  for (; end < url.length; end++) {
    if (url[end] === '(') depth++
    else if (url[end] === ')' && depth-- === 0) break
  }
  return end === after ? undefined : { type: 'link', url: url.slice(0, end) }
}

/**
 * Splits a run of literal text into text, link and emoticon nodes as the
 * parser does with its default options (markup spec §5, §6): scanning left to
 * right, the leftmost link or emoticon wins, a URL takes a `)` only while its
 * parentheses balance. Shared by the builder and the factories, which must
 * give the tree that parsing their output gives, without loading the parser.
 *
 * @example
 * segmentText('see https://example.com :)').map((node) => node.type) // ['text', 'link', 'text', 'emoticon']
 */
export function segmentText(text: string): InlineNode[] {
  const nodes: InlineNode[] = []
  let textStart = 0
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const token = match[0]
    const name = NAMES.get(token)
    const node: Link | Emoticon | undefined = token[0] === 'h' ? link(token) : name === undefined ? undefined : { type: 'emoticon', code: token, name }
    if (node === undefined) {
      // not a link or a known emoticon here: go on from the next character
      TOKEN.lastIndex = match.index + 1
      continue
    }
    if (textStart < match.index) nodes.push({ type: 'text', value: text.slice(textStart, match.index) })
    nodes.push(node)
    textStart = TOKEN.lastIndex = match.index + (node.type === 'link' ? node.url.length : token.length)
  }
  if (textStart < text.length) nodes.push({ type: 'text', value: text.slice(textStart) })
  return nodes
}
