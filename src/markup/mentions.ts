import type { Node } from './nodes.ts'
import { parse } from './parse.ts'
import { SKIP, visit } from './visit.ts'

/** A reply found in a message: who wrote the message replied to, and where it is. */
export interface ReplyRef {
  accountId: number
  roomId: number
  messageId: string
}

/** Who a message notifies. */
export interface Mentions {
  /** Whether `[toall]` notifies every member. */
  toAll: boolean
  /** Accounts mentioned with `[To:…]`, each once, in order of first mention. */
  accountIds: number[]
  /** Replies (`[rp …]`), each distinct one once, in order. */
  replies: ReplyRef[]
}

/**
 * Who a message notifies: `[toall]`, `[To:…]` and `[rp …]`, counting only
 * what notifies. Nothing inside `[qt]` notifies (Chatwork stopped it in 2020),
 * and nothing inside `[code]` is a tag.
 *
 * @example
 * mentions('[To:1] hi [rp aid=2 to=3-4] [qt][To:5][/qt]')
 * // { toAll: false, accountIds: [1], replies: [{ accountId: 2, roomId: 3, messageId: '4' }] }
 */
export function mentions(treeOrBody: Node | string): Mentions {
  const tree = typeof treeOrBody === 'string' ? parse(treeOrBody, { positions: false }) : treeOrBody
  const found: Mentions = { toAll: false, accountIds: [], replies: [] }
  const replyKeys = new Set<string>()
  visit(tree, (node) => {
    switch (node.type) {
      case 'quote':
        return SKIP
      case 'toall':
        found.toAll = true
        break
      case 'to':
        if (!found.accountIds.includes(node.accountId)) found.accountIds.push(node.accountId)
        break
      case 'reply': {
        const key = `${node.accountId}:${node.roomId}:${node.messageId}`
        if (!replyKeys.has(key)) {
          replyKeys.add(key)
          found.replies.push({ accountId: node.accountId, roomId: node.roomId, messageId: node.messageId })
        }
      }
    }
  })
  return found
}
