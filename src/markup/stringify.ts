import { closeMarkup, openMarkup, qtmeta } from './canonical-markup.ts'
import type { Node } from './nodes.ts'

/** Markup of a node without children, or the opener of a block: its source spelling, else the canonical form. */
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
      if (node.open === undefined && node.meta === undefined) return openMarkup(node)
      return (node.open ?? '[qt]') + (node.meta ?? (node.accountId === undefined ? '' : qtmeta(node.accountId, node.time)))
    case 'code':
      return node.open === undefined ? openMarkup(node) : node.open + node.value
    case 'info':
    case 'title':
    case 'download':
    case 'task':
      return node.open ?? openMarkup(node)
    default:
      return node.source ?? openMarkup(node)
  }
}

/** Markup after a node's children: the closer of a block as written, else the canonical one, plus a swallowed line feed. */
function close(node: Node): string {
  if (node.type === 'root') return ''
  if (!('close' in node) || node.close === undefined) return closeMarkup(node)
  return node.close + ('lineFeed' in node && node.lineFeed ? '\n' : '')
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
      switch (node.type) {
        case 'text':
          out += node.value
          break
        case 'root':
        case 'quote':
        case 'info':
        case 'title':
        case 'download':
        case 'task':
          out += open(node)
          stack.push(nodes, next, after)
          nodes = node.children
          next = 0
          after = close(node)
          break
        case 'code':
          out += open(node) + close(node)
          break
        default:
          // the other nodes have no children and no closer
          out += open(node)
      }
    }
    out += after
    if (stack.length === 0) return out
    after = stack.pop() as string
    next = stack.pop() as number
    nodes = stack.pop() as readonly Node[]
  }
}
