import { DTEXT, type Locale } from './dtext.ts'
import { unescapeText } from './escape.ts'
import type { Content, Node } from './nodes.ts'
import { parse } from './parse.ts'

/** Options of {@link toPlainText}. */
export interface PlainTextOptions {
  /** Language of `[dtext:…]` sentences (default `'en'`). */
  locale?: Locale
  /** Display name of an account, for `[pname:…]` and `[piconname:…]`; without it they print nothing. */
  accountName?: (accountId: number) => string | undefined
}

const BLOCKS = new Set<Node['type']>(['quote', 'info', 'title', 'code', 'task', 'hr'])

/**
 * What a person reads: mentions, replies, avatars and previews dropped;
 * `[dtext:…]` expanded in the locale; emoticons and links as written; each
 * block (quote, info, title, code, task, rule) on lines of its own; code
 * verbatim (less the one leading line feed Chatwork does not show). The
 * invisible marks of `escapeText` are removed, so builder text reads back as
 * it was given.
 *
 * @example
 * toPlainText('[To:1] Hi [info][title]Weather[/title]Sunny :)[/info]')
 * // ' Hi \nWeather\nSunny :)'
 */
export function toPlainText(treeOrBody: Node | string, options: PlainTextOptions = {}): string {
  const tree = typeof treeOrBody === 'string' ? parse(treeOrBody, { positions: false }) : treeOrBody
  const sentences = DTEXT[options.locale ?? 'en']
  let out = ''
  // a block ended: the next text starts on a new line
  let lineBreakDue = false
  const write = (text: string): void => {
    if (text === '') return
    if (lineBreakDue && !out.endsWith('\n') && !text.startsWith('\n')) out += '\n'
    lineBreakDue = false
    out += text
  }
  const pending: (Node | typeof END_BLOCK)[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (node === END_BLOCK) {
      lineBreakDue = out !== ''
      continue
    }
    if (BLOCKS.has(node.type)) {
      if (out !== '' && !out.endsWith('\n')) out += '\n'
      lineBreakDue = false
      pending.push(END_BLOCK)
    }
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i])
      continue
    }
    write(leafText(node, sentences, options.accountName))
  }
  return out
}

const END_BLOCK = Symbol('end of block')

function leafText(node: Exclude<Content, { children: unknown }>, sentences: Readonly<Record<string, string>>, accountName: PlainTextOptions['accountName']): string {
  switch (node.type) {
    case 'text':
      return unescapeText(node.value)
    case 'code':
      return unescapeText(node.value.startsWith('\n') ? node.value.slice(1) : node.value)
    case 'link':
      return node.url
    case 'emoticon':
      return node.code
    case 'dtext':
      return sentences[node.key] ?? `[dtext:${node.key}]`
    case 'pname':
    case 'piconname':
      return accountName?.(node.accountId) ?? ''
    case 'date': {
      // a parsed date is any safe integer; past year 275760 there is no calendar date, so show the number
      const date = new Date(node.time * 1000)
      return Number.isNaN(date.getTime()) ? String(node.time) : date.toISOString().slice(0, 10)
    }
    case 'live':
      return '[ChatWork Live]'
    default:
      return ''
  }
}
