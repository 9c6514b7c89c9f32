import type { Reply } from '../../markup/index.ts'

/**
 * Whether a reply's target can be linked: not for the `to={rid}:{mid}` form
 * (spec §4.3), which Chatwork shows as a reply whose link is broken.
 *
 * @example
 * replyIsLinked(parse('[rp aid=1 to=2:3]').children[0] as Reply) // false
 */
export function replyIsLinked(node: Reply): boolean {
  if (node.source === undefined) return true
  const target = /\sto=(\S*)/.exec(node.source)?.[1] ?? ''
  return !/^\d+:/.test(target)
}
