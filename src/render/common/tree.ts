import { parse, type Node } from '../../markup/index.ts'

/**
 * The tree to render: a body is parsed (without positions, which renderers
 * do not read); a tree is used as given.
 *
 * @example
 * toTree('[To:1] Hi').children[0].type // 'to'
 */
export function toTree(treeOrBody: Node | string): Node {
  if (typeof treeOrBody === 'string') return parse(treeOrBody, { positions: false })
  if (typeof treeOrBody !== 'object' || treeOrBody === null || typeof (treeOrBody as { type?: unknown }).type !== 'string') {
    throw new TypeError(`expected a message body (string) or a node, got ${treeOrBody === null ? 'null' : typeof treeOrBody}`)
  }
  return treeOrBody
}
