import { parse as parseGrammar } from './generated/grammar.js'
import { GrammarActions, type GrammarOptions, type InlineToken, type Token } from './grammar-actions.ts'
import type { Code, Content, Parent, Root } from './nodes.ts'
import { pair } from './pairing.ts'

/** Options of {@link parse}. */
export interface ParseOptions extends GrammarOptions {}

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
  // tokens, with null for each run of text skipped
  const tokens: (Token | null)[] = parseGrammar(body, { startRule: 'Body', actions })
  const match = pair(tokens)
  const frames: Frame[] = [{ node: root, start: 0, closer: tokens.length, contentStart: 0 }]
  let top = frames[0]
  // The current run of literal text: where it starts, the links and
  // emoticons found in it, and whether an unpaired tag became part of it.
  const run: Run = { start: 0, inline: [], hasLiteralTag: false }

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
      flush(actions, run, token.start, top.node.children)
      const block = top.node as Exclude<Parent, Root>
      block.close = body.slice(token.start, token.end)
      frames.pop()
      run.start = finish(actions, block, top.start, token.end)
      top = frames[frames.length - 1]
      top.node.children.push(block)
    } else if (token.kind === 'open') {
      // an opener without a closer inside the enclosing block stays text
      const closer = match[i]
      if (closer === -1 || closer > top.closer) {
        run.hasLiteralTag = true
        continue
      }
      flush(actions, run, token.start, top.node.children)
      const node = token.node
      if (node.type === 'code') {
        const end = tokens[closer]!
        node.value = body.slice(token.end, end.start)
        node.close = body.slice(end.start, end.end)
        run.start = finish(actions, node, token.start, end.end)
        top.node.children.push(node)
        i = closer
      } else {
        top = { node, start: token.start, closer, contentStart: token.end }
        frames.push(top)
        run.start = token.end
      }
    } else {
      flush(actions, run, token.start, top.node.children)
      run.start = token.end
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
  flush(actions, run, body.length, root.children)
  return root
}

interface Run {
  start: number
  inline: InlineToken[]
  hasLiteralTag: boolean
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

/**
 * Emits the run of literal text that ends at `end` as text, link and emoticon
 * nodes, and starts a new run. The links and emoticons found by the Body rule
 * stand unless an unpaired tag became text inside the run: its brackets may
 * join the text around them (`[info]:)` holds `]:)`), so such a run is
 * scanned again.
 */
function flush(actions: GrammarActions, run: Run, end: number, into: Content[]): void {
  const { start } = run
  let inline = run.inline
  if (run.hasLiteralTag) {
    actions.base = start
    inline = (parseGrammar(actions.source.slice(start, end), { startRule: 'Inline', actions }) as (InlineToken | null)[]).filter((token) => token !== null)
    actions.base = 0
  }
  let textStart = start
  for (const token of inline) {
    if (textStart < token.start) into.push(text(actions, textStart, token.start))
    into.push(token.node)
    textStart = token.end
  }
  if (textStart < end) into.push(text(actions, textStart, end))
  run.inline = []
  run.hasLiteralTag = false
}

function text(actions: GrammarActions, start: number, end: number): Content {
  return actions.at({ type: 'text', value: actions.source.slice(start, end) }, start, end)
}
