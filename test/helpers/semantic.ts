/**
 * What a tree says, for the edit laws: an oracle written apart from the
 * printer's own check, so that the two cannot share a mistake.
 */
import fc from 'fast-check'
import { parse, type Content, type Node, type Parent, type Root } from 'chatwork-kit/markup'
import { accountId, anyText, factoryNode, messageId, unixTime } from './builder-arbitraries.ts'
import { markupish } from './arbitraries.ts'

/** A node as the laws compare it: its type and semantic fields, or the text of a run. */
export type Said = { text: string } | { type: string; fields: Record<string, unknown>; children?: Said[] }

const SEMANTIC: Record<string, string[]> = {
  to: ['accountId'],
  picon: ['accountId'],
  pname: ['accountId'],
  piconname: ['accountId'],
  reply: ['accountId', 'roomId', 'messageId'],
  quote: ['accountId', 'time'],
  qtmeta: ['accountId', 'time'],
  code: ['value'],
  preview: ['fileId', 'height'],
  download: ['fileId'],
  task: ['accountIds', 'status', 'limitTime', 'limitType'],
  dtext: ['key'],
  date: ['time'],
  live: ['id', 'roomId'],
}

const unmark = (s: string): string => s.replaceAll(/\[\u200B+/g, '[')

/**
 * What a list of nodes says: runs of text, links and emoticons as one text
 * without escape marks; tags and blocks as type and semantic fields; roots
 * inlined; `deleted` a tag only as the whole list; a bare quote starting
 * with a `[qtmeta]` takes it as its header (as Chatwork shows it).
 */
export function said(nodes: readonly Node[], top = true): Said[] {
  const flat: Node[] = []
  const inline = (list: readonly Node[]): void => {
    for (const node of list) if (node.type === 'root') inline(node.children)
    else if (!(node.type === 'text' && node.value === '')) flat.push(node)
  }
  inline(nodes)
  if (top && flat.length === 1 && flat[0].type === 'deleted') return [{ type: 'deleted', fields: {} }]
  const out: Said[] = []
  let run = ''
  const flush = (): void => {
    if (run !== '') out.push({ text: unmark(run) })
    run = ''
  }
  for (const node of flat) {
    if (node.type === 'text') run += node.value
    else if (node.type === 'link') run += node.url
    else if (node.type === 'emoticon') run += node.code
    else if (node.type === 'deleted') run += '[deleted]'
    else {
      flush()
      const record = node as unknown as Record<string, unknown>
      const fields: Record<string, unknown> = {}
      let children = 'children' in node ? (node as Parent).children : undefined
      if (node.type === 'quote' && node.accountId === undefined && children !== undefined) {
        const first = children.findIndex((child) => !(child.type === 'text' && child.value === ''))
        if (children[first]?.type === 'qtmeta') {
          const meta = children[first] as Extract<Content, { type: 'qtmeta' }>
          fields.accountId = meta.accountId
          if (meta.time !== undefined) fields.time = meta.time
          children = children.slice(first + 1)
        }
      }
      for (const field of SEMANTIC[node.type] ?? []) if (record[field] !== undefined) fields[field] = field === 'value' ? unmark(record[field] as string) : record[field]
      out.push(children === undefined ? { type: node.type, fields } : { type: node.type, fields, children: said(children, false) })
    }
  }
  flush()
  return out
}

/** The tag nodes a list says, as `type(fields)` strings, in document order. */
export function tagsSaid(nodes: readonly Node[]): string[] {
  const found: string[] = []
  const walk = (list: Said[]): void => {
    for (const item of list) {
      if ('text' in item) continue
      found.push(`${item.type}${JSON.stringify(item.fields)}`)
      if (item.children) walk(item.children)
    }
  }
  walk(said(nodes))
  return found
}

/**
 * Bodies in which tags sit between the halves of other tags (`[[toall]toall]`,
 * `[in[hr]fo]x[/info]`), so that removing or moving a node joins text into a
 * tag that neither side held.
 */
export const seamy: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', '[to', '[To:1', '[TOALL', '[in', '[info', '[/in', '[/info', '[qt', '[rp aid=1', '[qtmeta', '[del', '[code', '[pic', '[hr'),
      fc.constantFrom('[toall]', '[To:2]', '[hr]', '[info]x[/info]', '[code][info][/code]', '[qt]q[/qt]', ':)', 'http://a.jp'),
      fc.constantFrom(']', 'all]', ':1]', 'fo]', 'fo]x', '[/info]', '[/qt]', ' to=2-3]', ' aid=1]', 'eted]', 'on:1]', ']:)', '1]', 'x', ' ', '\n'),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''))

/** Every node of a tree with its parent, in document order. */
export function nodesOf(tree: Root): { node: Content; parent: Parent }[] {
  const found: { node: Content; parent: Parent }[] = []
  const walk = (parent: Parent): void => {
    for (const node of parent.children) {
      found.push({ node, parent })
      if ('children' in node) walk(node)
    }
  }
  walk(tree)
  return found
}

/** Every parent of a tree, the root first. */
function parentsOf(tree: Root): Parent[] {
  return [tree, ...nodesOf(tree).map(({ node }) => node).filter((node): node is Content & Parent => 'children' in node)]
}

/** One edit of a parsed tree, as data so that counterexamples print readably; `at` picks a node or parent. */
export type Edit =
  | { kind: 'id'; at: number; value: number }
  | { kind: 'messageId'; at: number; value: string }
  | { kind: 'time'; at: number; value: number | undefined }
  | { kind: 'key'; at: number; value: string }
  | { kind: 'text'; at: number; value: string }
  | { kind: 'remove'; at: number }
  | { kind: 'insert'; at: number; index: number; node: Content }
  | { kind: 'move'; at: number; to: number; index: number }

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('id' as const), at: fc.nat(), value: accountId }),
  fc.record({ kind: fc.constant('messageId' as const), at: fc.nat(), value: messageId }),
  fc.record({ kind: fc.constant('time' as const), at: fc.nat(), value: fc.option(unixTime, { nil: undefined }) }),
  fc.record({ kind: fc.constant('key' as const), at: fc.nat(), value: fc.stringMatching(/^\w{1,8}$/) }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), value: fc.oneof(anyText, markupish) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), index: fc.nat(), node: fc.oneof(factoryNode, markupish.map((s) => ({ type: 'root', children: parse(s).children }) as unknown as Content), anyText.map((value) => ({ type: 'text', value }) as Content)) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat(), index: fc.nat() }),
)

/** The id fields an `id` edit may change, per node type. */
const ID_FIELDS: Record<string, string[]> = {
  to: ['accountId'],
  picon: ['accountId'],
  pname: ['accountId'],
  piconname: ['accountId'],
  reply: ['accountId', 'roomId'],
  quote: ['accountId'],
  qtmeta: ['accountId'],
  preview: ['fileId', 'height'],
  download: ['fileId'],
  live: ['id', 'roomId'],
  date: ['time'],
  task: ['limitTime'],
}

/**
 * Applies an edit in place, where it fits (an edit that does not fit the
 * node it picks does nothing). A root inserted is a fragment: its children go in.
 */
export function apply(tree: Root, change: Edit): void {
  const all = nodesOf(tree)
  const pick = all[change.at % Math.max(all.length, 1)]
  const record = pick?.node as unknown as Record<string, unknown> | undefined
  switch (change.kind) {
    case 'id': {
      const fields = pick === undefined ? undefined : ID_FIELDS[pick.node.type]
      if (fields === undefined) return
      const field = fields[change.value % fields.length]
      record![field] = change.value
      if (pick!.node.type === 'task' && field === 'limitTime') (pick!.node as { accountIds: number[] }).accountIds = [change.value]
      return
    }
    case 'messageId':
      if (pick?.node.type === 'reply') pick.node.messageId = change.value
      return
    case 'time':
      if (pick?.node.type === 'qtmeta' || (pick?.node.type === 'quote' && pick.node.accountId !== undefined)) {
        if (change.value === undefined) delete pick.node.time
        else pick.node.time = change.value
      } else if (pick?.node.type === 'quote' && change.value === undefined) {
        // a quote loses its header
        delete pick.node.accountId
        delete pick.node.time
      }
      return
    case 'key':
      if (pick?.node.type === 'dtext') pick.node.key = change.value
      else if (pick?.node.type === 'task') pick.node.limitType = change.value
      return
    case 'text':
      if (pick?.node.type === 'text') pick.node.value = change.value
      else if (pick?.node.type === 'code') pick.node.value = change.value
      return
    case 'remove':
      if (pick !== undefined) pick.parent.children.splice(pick.parent.children.indexOf(pick.node), 1)
      return
    case 'insert': {
      const parents = parentsOf(tree)
      const parent = parents[change.at % parents.length]
      const inserted = change.node.type === ('root' as string) ? (change.node as unknown as Root).children : [change.node]
      parent.children.splice(change.index % (parent.children.length + 1), 0, ...inserted)
      return
    }
    case 'move': {
      if (pick === undefined) return
      pick.parent.children.splice(pick.parent.children.indexOf(pick.node), 1)
      const parents = parentsOf(tree)
      const parent = parents[change.to % parents.length]
      parent.children.splice(change.index % (parent.children.length + 1), 0, pick.node)
      return
    }
  }
}
