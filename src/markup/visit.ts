import type { Node, NodeType, Parent } from './nodes.ts'

/** Return from a visitor to go on (the default). */
export const CONTINUE = true
/** Return from a visitor to leave this node's children out. */
export const SKIP = 'skip'
/** Return from a visitor to stop the whole walk. */
export const EXIT = false

/** What a visitor may return: nothing or {@link CONTINUE}, {@link SKIP}, or {@link EXIT}. */
export type VisitorResult = void | typeof CONTINUE | typeof SKIP | typeof EXIT

/** Called for each node that passes the test, with its index in its parent. */
export type Visitor<T extends Node = Node> = (node: T, index: number | undefined, parent: Parent | undefined) => VisitorResult

/** Which nodes to visit: a type, several types, or a predicate. */
export type Test = NodeType | readonly NodeType[] | ((node: Node, index: number | undefined, parent: Parent | undefined) => boolean)

type Matches<T> = T extends NodeType ? Extract<Node, { type: T }> : T extends readonly (infer U extends NodeType)[] ? Extract<Node, { type: U }> : Node

function toPredicate(test: Test | undefined): (node: Node, index: number | undefined, parent: Parent | undefined) => boolean {
  if (test === undefined) return () => true
  if (typeof test === 'function') return test
  if (typeof test === 'string') return (node) => node.type === test
  return (node) => test.includes(node.type)
}

/**
 * Walks a tree depth-first in document order (preorder), in the unist style:
 * the visitor sees each node that passes `test`, with its index and parent,
 * and may return {@link SKIP} to leave out the node's children or {@link EXIT}
 * to stop. Iterative: arbitrarily deep trees cannot overflow the stack.
 * Children added to a node while it is being walked are visited too.
 *
 * @example
 * visit(parse('[To:1][qt][To:2][/qt]'), 'to', (node) => {
 *   console.log(node.accountId) // 1, then 2
 * })
 * visit(tree, 'quote', () => SKIP) // ignore everything inside quotes
 */
export function visit<T extends Test>(tree: Node, test: T, visitor: Visitor<Matches<T>>): void
export function visit(tree: Node, visitor: Visitor): void
export function visit(tree: Node, testOrVisitor: Test | Visitor, maybeVisitor?: Visitor<never>): void {
  const visitor = (maybeVisitor ?? testOrVisitor) as Visitor
  const matches = toPredicate(maybeVisitor ? (testOrVisitor as Test) : undefined)
  const enter = (node: Node, index: number | undefined, parent: Parent | undefined): VisitorResult =>
    matches(node, index, parent) ? visitor(node, index, parent) : CONTINUE

  const first = enter(tree, undefined, undefined)
  if (first === EXIT || first === SKIP || !('children' in tree)) return
  const stack: { parent: Parent; next: number }[] = [{ parent: tree, next: 0 }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top.next >= top.parent.children.length) {
      stack.pop()
      continue
    }
    const index = top.next++
    const node = top.parent.children[index]
    const result = enter(node, index, top.parent)
    if (result === EXIT) return
    if (result !== SKIP && 'children' in node) stack.push({ parent: node, next: 0 })
  }
}
