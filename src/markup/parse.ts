import { parse as parseGrammar } from './generated/grammar.js'
import { GrammarActions, type Block, type GrammarOptions, type InlineToken, type Token } from './grammar-actions.ts'
import type { SharedPoints } from './location.ts'
import type { Content, Parent, Point, Root } from './nodes.ts'
import { pair } from './pairing.ts'

/** Options of {@link parse}. */
export interface ParseOptions extends GrammarOptions {}

interface Frame {
  /** The open block; undefined for the root. */
  node: Block | undefined
  /** Point of the block's opener, made when the opener was reached so that it is shared with the text before it. */
  start: Point | undefined
  /** Index of the closer token that ends this block. */
  closer: number
  /** Offset where the block's content starts. */
  contentStart: number
  /** Where the block's children start in the shared content stack. */
  base: number
}

/**
 * Parses a Chatwork message body into a tree. Total: never throws, for any
 * string; whatever is not a valid tag stays text, as Chatwork shows it.
 *
 * Rules (see the markup spec): tag names are case-insensitive; a closer must
 * repeat its opener's exact spelling; `[code]` is opaque and its first closer
 * wins; when blocks cross, the outer one wins and the inner opener stays text;
 * unclosed openers and stray closers are text; ids must be decimal (`[To:abc]`
 * is text); `[deleted]` counts only as the whole body; one line feed after
 * `[/qt]` and `[/code]` belongs to the block (`lineFeed`); a `[qt]` directly
 * followed by `[qtmeta …]` takes its header.
 *
 * Time and stack depth are linear in the input: deeply nested or unclosed
 * blocks cannot overflow the stack.
 *
 * @example
 * parse('[To:1] Hi [info]:)[/info]')
 * // root{ to(1), text(" Hi "), info{ emoticon(":)") } }
 */
export function parse(body: string, options: ParseOptions = {}): Root {
  const actions = new GrammarActions(body, options)
  const points = actions.points
  // made first, so that a tag at offset 0 shares it (see SharedPoints)
  const rootStart = points?.at(0)
  if (body.length === 9 && body.toLowerCase() === '[deleted]') {
    return root([actions.at({ type: 'deleted', source: body }, 0, 9)], rootStart, points?.at(9))
  }
  // tokens, with null for each run of text skipped
  const tokens: (Token | null)[] = parseGrammar(body, { startRule: 'Body', actions })
  const match = pair(tokens)
  // The children of every open block, innermost last: a block takes its
  // slice when it closes, so that children arrays have no spare slots (an
  // array grown by push keeps room for 16).
  const content: Content[] = []
  const frames: Frame[] = [{ node: undefined, start: rootStart, closer: tokens.length, contentStart: 0, base: 0 }]
  let top = frames[0]
  // The current run of literal text: where it starts, the links and
  // emoticons found in it, and whether an unpaired tag became part of it.
  const run: Run = { start: 0, startPoint: rootStart, inline: [], hasLiteralTag: false }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === null) continue
    if (token.kind === 'inline') {
      run.inline.push(token)
    } else if (token.kind === 'close') {
      // a closer that does not end the innermost block stays text
      if (i !== top.closer) {
        run.hasLiteralTag = true
        continue
      }
      flush(actions, run, token.start, pointAt(points, run, token.start), content)
      const block = top.node as Exclude<Parent, Root>
      block.close = body.slice(token.start, token.end)
      block.children = content.slice(top.base)
      content.length = top.base
      frames.pop()
      finish(actions, run, block, top.start, token.end)
      top = frames[frames.length - 1]
      content.push(block)
    } else if (token.kind === 'open') {
      // an opener without a closer inside the enclosing block stays text
      const closer = match[i]
      if (closer === -1 || closer > top.closer) {
        run.hasLiteralTag = true
        continue
      }
      const start = pointAt(points, run, token.start)
      flush(actions, run, token.start, start, content)
      const node = token.node
      if (node.type === 'code') {
        const end = tokens[closer]!
        node.value = body.slice(token.end, end.start)
        node.close = body.slice(end.start, end.end)
        finish(actions, run, node, start, end.end)
        content.push(node)
        i = closer
      } else {
        top = { node, start, closer, contentStart: token.end, base: content.length }
        frames.push(top)
        run.start = token.end
        run.startPoint = undefined
      }
    } else {
      const node = token.node
      flush(actions, run, token.start, node.position?.start, content)
      run.start = token.end
      run.startPoint = node.position?.end
      const parent = top.node
      if (node.type === 'qtmeta' && parent !== undefined && parent.type === 'quote' && top.contentStart === token.start && parent.meta === undefined) {
        parent.accountId = node.accountId
        if (node.time !== undefined) parent.time = node.time
        parent.meta = node.source
      } else {
        content.push(node)
      }
    }
  }
  const end = pointAt(points, run, body.length)
  flush(actions, run, body.length, end, content)
  return root(content.slice(), rootStart, end)
}

/** The root, its position made with it (adding one later costs a shape change). */
function root(children: Content[], start: Point | undefined, end: Point | undefined): Root {
  return start === undefined ? { type: 'root', children } : { type: 'root', children, position: { start, end: end! } }
}

/** The point at `offset`: the one where the current run starts, when it starts there, so that neighbours share it. */
function pointAt(points: SharedPoints | undefined, run: Run, offset: number): Point | undefined {
  if (points === undefined) return undefined
  return run.start === offset && run.startPoint !== undefined ? run.startPoint : points.at(offset)
}

interface Run {
  start: number
  /** The point at `start` when a node ending there made one already. */
  startPoint: Point | undefined
  inline: InlineToken[]
  hasLiteralTag: boolean
}

/**
 * Records a block's position, and the line feed after `[/qt]` or `[/code]`,
 * and starts the next run of text after it.
 */
function finish(actions: GrammarActions, run: Run, block: Block, start: Point | undefined, closerEnd: number): void {
  let end = closerEnd
  if ((block.type === 'quote' || block.type === 'code') && actions.source.charCodeAt(end) === 10) {
    block.lineFeed = true
    end++
  }
  run.start = end
  run.startPoint = undefined
  if (actions.points !== undefined) {
    const position = { start: start!, end: actions.points.at(end) }
    block.position = position
    run.startPoint = position.end
  }
}

/**
 * Emits the run of literal text that ends at `end` (at the point `endPoint`,
 * when positions are on) as text, link and emoticon nodes, and starts a new
 * run. The links and emoticons found by the Body rule stand unless an
 * unpaired tag became text inside the run: its brackets may join the text
 * around them (`[info]:)` holds `]:)`), so such a run is scanned again. Text
 * shares its end points with the nodes beside it.
 */
function flush(actions: GrammarActions, run: Run, end: number, endPoint: Point | undefined, into: Content[]): void {
  let inline = run.inline
  if (run.hasLiteralTag) {
    actions.base = run.start
    inline = (parseGrammar(actions.source.slice(run.start, end), { startRule: 'Inline', actions }) as (InlineToken | null)[]).filter((token) => token !== null)
    actions.base = 0
  }
  let textStart = run.start
  let startPoint = run.startPoint
  for (const token of inline) {
    const position = token.node.position
    if (textStart < token.start) into.push(actions.text(textStart, token.start, startPoint, position?.start))
    into.push(token.node)
    textStart = token.end
    startPoint = position?.end
  }
  if (textStart < end) into.push(actions.text(textStart, end, startPoint, endPoint))
  run.inline = []
  run.hasLiteralTag = false
}
