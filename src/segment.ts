import { EMOTICON_CODES } from './emoticons.ts'
import type { Emoticon, Link, Text } from './nodes.ts'

/** A node of a run of literal text. */
export type InlineNode = Text | Link | Emoticon

const NAMES = new Map(EMOTICON_CODES.map((e) => [e.code, e.name]))
/** Codes not written `(name)`, tried in table order; none is a prefix of another. */
const SHORT_CODES = EMOTICON_CODES.map((e) => e.code).filter((code) => !code.startsWith('('))
/** Characters that may start an emoticon. */
const EMOTICON_START = new Set(['(', ...SHORT_CODES.map((code) => code[0])])
const PAREN_CODE = /\([^()\t\n\r ]{1,12}\)/y
/** URL characters after the scheme, except the parentheses, which must balance. */
const URL_CHAR = /[A-Za-z0-9\-.!~*';?:@&=+$,%#{}/_]/

/** End of the `http://` or `https://` URL that starts at `start`, or -1. */
function linkEnd(text: string, start: number): number {
  let i = start + (text.startsWith('https://', start) ? 8 : text.startsWith('http://', start) ? 7 : 0)
  if (i === start) return -1
  const after = i
  let depth = 0
  for (; i < text.length; i++) {
    const char = text[i]
    if (char === '(') depth++
    else if (char === ')') {
      if (depth === 0) break
      depth--
    } else if (!URL_CHAR.test(char)) break
  }
  return i === after ? -1 : i
}

/** The standard emoticon code that starts at `start`, or undefined. */
function emoticonAt(text: string, start: number): string | undefined {
  for (const code of SHORT_CODES) if (text.startsWith(code, start)) return code
  if (text[start] !== '(') return undefined
  PAREN_CODE.lastIndex = start
  const code = PAREN_CODE.exec(text)?.[0]
  return code !== undefined && NAMES.has(code) ? code : undefined
}

/**
 * Splits a run of literal text into text, link and emoticon nodes as the
 * parser does with its default options (markup spec §5, §6): scanning left to
 * right, the leftmost link or emoticon wins, a URL takes a `)` only while its
 * parentheses balance. Shared by the builder and the factories, which must
 * give the tree that parsing their output gives, without loading the parser.
 */
export function segmentText(text: string): InlineNode[] {
  const nodes: InlineNode[] = []
  let textStart = 0
  let i = 0
  while (i < text.length) {
    const char = text[i]
    let end = -1
    let node: Link | Emoticon | undefined
    if (char === 'h') {
      end = linkEnd(text, i)
      if (end !== -1) node = { type: 'link', url: text.slice(i, end) }
    } else if (EMOTICON_START.has(char)) {
      const code = emoticonAt(text, i)
      if (code !== undefined) {
        node = { type: 'emoticon', code, name: NAMES.get(code)! }
        end = i + code.length
      }
    }
    if (node === undefined) {
      i++
      continue
    }
    if (textStart < i) nodes.push({ type: 'text', value: text.slice(textStart, i) })
    nodes.push(node)
    textStart = i = end
  }
  if (textStart < text.length) nodes.push({ type: 'text', value: text.slice(textStart) })
  return nodes
}
