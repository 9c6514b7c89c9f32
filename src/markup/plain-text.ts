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
  /**
   * `'reader'` (default): what a person reads, as {@link toPlainText} describes.
   * `'client'`: the plain text that Chatwork's web client makes of a message
   * (markup spec §4, observed), as in its previews: `[To]`, `[RE]`, `"` before
   * a quote, `[…]` around info and tasks, `:` after a title, ` --- ` for a
   * rule, `[Code]` for code, and nothing for avatars, previews, downloads and
   * quote headers. `[toall]`, not observed there, stays `[toall]`.
   */
  form?: 'reader' | 'client'
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
  if (options.form === 'client') return clientText(tree, sentences, options.accountName)
  let out = ''
  // The last character written, kept aside: asking `out.endsWith` would flatten the growing string each time, quadratic in the blocks.
  let last = ''
  // a block ended: the next text starts on a new line
  let lineBreakDue = false
  const write = (text: string): void => {
    if (text === '') return
    if (lineBreakDue && last !== '\n' && !text.startsWith('\n')) out += '\n'
    lineBreakDue = false
    out += text
    last = text[text.length - 1]!
  }
  const pending: (Node | typeof END_BLOCK)[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (node === END_BLOCK) {
      lineBreakDue = out !== ''
      continue
    }
    if (BLOCKS.has(node.type)) {
      if (out !== '' && last !== '\n') out += last = '\n'
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

/** The web client's plain-text form of a tree (see {@link PlainTextOptions.form}); iterative, so depth costs no stack. */
function clientText(tree: Node, sentences: Readonly<Record<string, string>>, accountName: PlainTextOptions['accountName']): string {
  let out = ''
  // nodes still to write, and the text that ends a block, last first
  const pending: (Node | string)[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (typeof node === 'string') {
      out += node
      continue
    }
    switch (node.type) {
      case 'info':
      case 'task':
        out += '['
        pending.push(']')
        break
      case 'title':
        pending.push(':')
        break
      case 'quote':
        out += '"'
        break
      case 'download':
        continue
      case 'to':
        out += '[To]'
        continue
      case 'toall':
        out += '[toall]'
        continue
      case 'reply':
        out += '[RE]'
        continue
      case 'hr':
        out += ' --- '
        continue
      case 'code':
        out += '[Code]'
        continue
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i])
    else out += leafText(node, sentences, accountName)
  }
  return out
}

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
