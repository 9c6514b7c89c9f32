import { parse as parseGrammar } from './generated/grammar.js'
import { GrammarActions, type GrammarOptions, type InlineToken, type Token } from './grammar-actions.ts'
import type { Code, Content, Parent, Root } from './nodes.ts'

/** Options of {@link parse}. */
export interface ParseOptions extends GrammarOptions {}

/** Runs of text that may hold a link or an emoticon; others skip the Inline rule. */
const MAY_HOLD_INLINE = /[:;(|\]]|8-|https?:\/\//

/** Pairs each opener with its closer: the index of the closer token, or -1. */
function pair(tokens: Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1)
  // Same-spelling depth counting: a closer closes the innermost open opener of
  // its exact spelling. Code does not nest: its first closer closes it.
  const open = new Map<string, number[]>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind === 'open') {
      const stack = open.get(token.spelling)
      if (stack) stack.push(i)
      else open.set(token.spelling, [i])
    } else if (token.kind === 'close') {
      const stack = open.get(token.spelling)
      if (!stack || stack.length === 0) continue
      if (token.spelling.toLowerCase() === 'code') {
        for (const opener of stack) match[opener] = i
        stack.length = 0
      } else {
        match[stack.pop()!] = i
      }
    }
  }
  return match
}

interface Frame {
  node: Parent
  /** Offset of the block's opener. */
  start: number
  /** Index of the closer token that ends this block. */
  closer: number
  /** Offset where the block's content starts. */
  contentStart: number
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
  const root = actions.at<Root>({ type: 'root', children: [] }, 0, body.length)
  if (body.length === 9 && body.toLowerCase() === '[deleted]') {
    root.children.push(actions.at({ type: 'deleted', source: body }, 0, 9))
    return root
  }
  const tokens: Token[] = parseGrammar(body, { startRule: 'Body', actions })
  const match = pair(tokens)
  const frames: Frame[] = [{ node: root, start: 0, closer: tokens.length, contentStart: 0 }]
  let top = frames[0]
  let textStart = 0

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind === 'close') {
      // a closer that does not end the innermost block stays text
      if (i !== top.closer) continue
      inline(actions, textStart, token.start, top.node.children)
      const block = top.node as Exclude<Parent, Root>
      block.close = body.slice(token.start, token.end)
      frames.pop()
      textStart = finish(actions, block, top.start, token.end)
      top = frames[frames.length - 1]
      top.node.children.push(block)
    } else if (token.kind === 'open') {
      // an opener without a closer inside the enclosing block stays text
      const closer = match[i]
      if (closer === -1 || closer > top.closer) continue
      inline(actions, textStart, token.start, top.node.children)
      const node = token.make()
      if (node.type === 'code') {
        const end = tokens[closer]
        node.value = body.slice(token.end, end.start)
        node.close = body.slice(end.start, end.end)
        textStart = finish(actions, node, token.start, end.end)
        top.node.children.push(node)
        i = closer
      } else {
        top = { node: node as Parent, start: token.start, closer, contentStart: token.end }
        frames.push(top)
        textStart = token.end
      }
    } else {
      inline(actions, textStart, token.start, top.node.children)
      textStart = token.end
      const node = token.node
      const parent = top.node
      if (node.type === 'qtmeta' && parent.type === 'quote' && top.contentStart === token.start && parent.meta === undefined) {
        parent.accountId = node.accountId
        if (node.time !== undefined) parent.time = node.time
        parent.meta = node.source
      } else {
        parent.children.push(node)
      }
    }
  }
  inline(actions, textStart, body.length, root.children)
  return root
}

/** Records a block's position, and the line feed after `[/qt]` or `[/code]`; returns where text resumes. */
function finish(actions: GrammarActions, block: Exclude<Parent, Root> | Code, start: number, closerEnd: number): number {
  let end = closerEnd
  if ((block.type === 'quote' || block.type === 'code') && actions.source.charCodeAt(end) === 10) {
    block.lineFeed = true
    end++
  }
  actions.at(block, start, end)
  return end
}

/** Splits one run of literal text into text, link and emoticon nodes. */
function inline(actions: GrammarActions, start: number, end: number, into: Content[]): void {
  if (start >= end) return
  const source = actions.source
  const run = source.slice(start, end)
  if (!MAY_HOLD_INLINE.test(run)) {
    into.push(actions.at({ type: 'text', value: run }, start, end))
    return
  }
  actions.base = start
  const specials: (InlineToken | null)[] = parseGrammar(run, { startRule: 'Inline', actions })
  let textStart = start
  for (const special of specials) {
    if (special === null) continue
    if (textStart < special.start) into.push(actions.at({ type: 'text', value: source.slice(textStart, special.start) }, textStart, special.start))
    into.push(special.node)
    textStart = special.end
  }
  if (textStart < end) into.push(actions.at({ type: 'text', value: source.slice(textStart, end) }, textStart, end))
}
