import type { Content, Node, Quote } from './nodes.ts'

/**
 * Canonical markup of a quote's opener and header (`[qt][qtmeta aid=1 time=2]`).
 * Used when a quote has no recorded source spelling.
 */
function quoteOpen(node: Quote): string {
  const open = node.open ?? '[qt]'
  if (node.meta !== undefined) return open + node.meta
  if (node.accountId === undefined) return open
  return open + qtmeta(node.accountId, node.time)
}

function qtmeta(accountId: number, time: number | undefined): string {
  return time === undefined ? `[qtmeta aid=${accountId}]` : `[qtmeta aid=${accountId} time=${time}]`
}

/** Markup of a node without children, or the opener of a block. */
function open(node: Node): string {
  switch (node.type) {
    case 'root':
      return ''
    case 'text':
      return node.value
    case 'link':
      return node.url
    case 'emoticon':
      return node.code
    case 'quote':
      return quoteOpen(node)
    case 'info':
    case 'title':
      return node.open ?? `[${node.type}]`
    case 'code':
      return (node.open ?? '[code]') + node.value
    case 'download':
      return node.open ?? `[download:${node.fileId}]`
    case 'task':
      return node.open ?? taskOpen(node.accountIds, node.status, node.limitTime, node.limitType)
    default:
      return node.source ?? inlineTag(node)
  }
}

function taskOpen(accountIds: number[], status: string, limitTime: number, limitType: string | undefined): string {
  const ltype = limitType === undefined ? '' : ` ltype=${limitType}`
  return `[task aid=${accountIds.join(',')} st=${status} lt=${limitTime}${ltype}]`
}

type InlineTag = Exclude<Content, { children: unknown } | { value: string } | { url: string } | { code: string }>

function inlineTag(node: InlineTag): string {
  switch (node.type) {
    case 'to':
      return `[To:${node.accountId}]`
    case 'toall':
      return '[toall]'
    case 'reply':
      return `[rp aid=${node.accountId} to=${node.roomId}-${node.messageId}]`
    case 'qtmeta':
      return qtmeta(node.accountId, node.time)
    case 'hr':
      return '[hr]'
    case 'picon':
    case 'pname':
    case 'piconname':
      return `[${node.type}:${node.accountId}]`
    case 'preview':
      return node.height === undefined ? `[preview id=${node.fileId}]` : `[preview id=${node.fileId} ht=${node.height}]`
    case 'dtext':
      return `[dtext:${node.key}]`
    case 'deleted':
      return '[deleted]'
    case 'date':
      return `[date:${node.time}]`
    case 'live':
      return `[live id=${node.id} rid=${node.roomId}]`
  }
}

/** Markup after a node's children: the closer of a block, plus a swallowed line feed. */
function close(node: Node): string {
  switch (node.type) {
    case 'quote':
      return (node.close ?? '[/qt]') + (node.lineFeed ? '\n' : '')
    case 'code':
      return (node.close ?? '[/code]') + (node.lineFeed ? '\n' : '')
    case 'info':
    case 'title':
    case 'download':
    case 'task':
      return node.close ?? `[/${node.type}]`
    default:
      return ''
  }
}

/**
 * Prints a tree, a node or a list of nodes as Chatwork markup.
 *
 * Parsed nodes print exactly as they were written, so
 * `stringify(parse(body)) === body` for every string; nodes made by hand
 * print as canonical markup (`[To:1]`, `[rp aid=1 to=2-3]`, lower-case names).
 * Text values are printed as they are: escaping belongs to the builder's
 * `text()`, which stores escaped values.
 *
 * Iterative, so trees nested hundreds of thousands deep print without
 * overflowing the stack.
 *
 * @example
 * stringify(parse('[TO:1] hi')) // '[TO:1] hi'
 * stringify({ type: 'to', accountId: 1 }) // '[To:1]'
 */
export function stringify(tree: Node | readonly Node[]): string {
  if (Array.isArray(tree)) return printAll(tree as readonly Node[], '')
  const node = tree as Node
  return 'children' in node ? printAll(node.children, open(node), close(node)) : open(node) + close(node)
}

/**
 * Appends `nodes` and their descendants to `out`, then `after`. Each
 * enclosing level waits on the stack as three entries (its siblings, the
 * index of the next one, the closer of their parent), so depth costs memory,
 * not call stack.
 */
function printAll(nodes: readonly Node[], out: string, after = ''): string {
  let next = 0
  const stack: (readonly Node[] | number | string)[] = []
  for (;;) {
    while (next < nodes.length) {
      const node = nodes[next++]
      if (node.type === 'text') {
        out += node.value
      } else if ('children' in node) {
        out += open(node)
        stack.push(nodes, next, after)
        nodes = node.children
        next = 0
        after = close(node)
      } else {
        out += open(node) + close(node)
      }
    }
    out += after
    if (stack.length === 0) return out
    after = stack.pop() as string
    next = stack.pop() as number
    nodes = stack.pop() as readonly Node[]
  }
}
