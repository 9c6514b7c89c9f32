import { openMarkup, qtmeta, type Tag } from './canonical-markup.ts'
import { ESCAPE_MARK } from './escape.ts'
import { BLOCK_NAMES, readTagParts } from './grammar-actions.ts'
import type { Code, Node, Parent, Quote, Root } from './nodes.ts'
import { pair } from './pairing.ts'
import { spell, spelledName } from './spelling.ts'

/** Candidates for tags inside text: `[`, an optional `/`, a name, a colon value, the rest up to `]`. */
const TAG_IN_TEXT = /\[(\/?)([A-Za-z]+)(?::([A-Za-z0-9_]+))?([^[\]]*)\]/g

// What a tag token found in text is: neither, a tag wherever it stands, or
// an opener or closer, which is one only where it pairs.
const NOT_A_TAG = 0
const INLINE_TAG = 1
const BLOCK_TAG = 2

function tokenKind(match: RegExpExecArray): number {
  const name = match[2]
  const value = match[3]
  if (match[1] !== '') return value === undefined && match[4] === '' && BLOCK_NAMES.has(name.toLowerCase()) ? BLOCK_TAG : NOT_A_TAG
  const node = readTagParts(name, value ?? null, match[4], match[0])
  if (node === undefined) return NOT_A_TAG
  return 'children' in node || node.type === 'code' ? BLOCK_TAG : INLINE_TAG
}

/** An opener or closer as the printer wrote it: a block's own, or one left in text or code, which must not pair. */
interface PrintedToken {
  kind: 'open' | 'close'
  /** The closer that pairs with it, as written (`[/INFO]`): the spelling, without a slice per block. */
  closer: string
  /** Whether it is a block's own. */
  own: boolean
  /** For a block's own opener, the index of its own closer. */
  closedBy: number
}

/**
 * One printing of a list of nodes. Text prints as text: a tag that a text
 * value holds, or that adjacent pieces of text would form across their seam,
 * gets the escape mark after its `[`. Openers and closers in text are text
 * only while they do not pair, which depends on the whole message: they are
 * printed as written and recorded, with the blocks' own, so that
 * {@link Printing.pairsAsPrinted} can tell, unless `markBlocks` asks to mark
 * them too (and the same in code, which Chatwork scans when it pairs the
 * blocks around it).
 */
class Printing {
  // declared only, so that the constructor alone sets them: a class field
  // may compile to a property definition per instance, per call of stringify
  declare out: string
  /** The openers and closers printed, in order. */
  declare readonly tokens: PrintedToken[]
  /** Whether text or code holds an opener or closer. */
  declare strayTokens: boolean
  /** Offset in `out` of a `[` of the current run of text that no `]` has followed yet, or -1. */
  private declare bracket: number
  /** A quote or code ended without its swallowed line feed: text starting with one must print another. */
  private declare lineFeedOwed: boolean
  private declare readonly markBlocks: boolean

  constructor(markBlocks: boolean) {
    this.out = ''
    this.tokens = []
    this.strayTokens = false
    this.bracket = -1
    this.lineFeedOwed = false
    this.markBlocks = markBlocks
  }

  /** Appends a block's opener, which `closer` closes; returns its token's index, for {@link closeBlock}. */
  openBlock(markup: string, closer: string): number {
    this.markup(markup)
    this.tokens.push({ kind: 'open', closer, own: true, closedBy: -1 })
    return this.tokens.length - 1
  }

  /** Appends the closer of the block whose opener is token `opener`. */
  closeBlock(opener: number): void {
    const { closer } = this.tokens[opener]
    this.tokens[opener].closedBy = this.tokens.length
    this.tokens.push({ kind: 'close', closer, own: true, closedBy: -1 })
    this.markup(closer)
  }

  /**
   * Whether the message pairs as printed: every block's own opener with its
   * own closer, and no opener or closer of text or code with anything, by
   * the parser's pairing and nesting rules.
   */
  pairsAsPrinted(): boolean {
    const tokens = this.tokens
    // most often each opener or closer of text is the only one of its spelling, and pairs with
    // nothing; seen at a glance in short messages (the glance is quadratic, so only there)
    let shared = tokens.length > 32
    for (let i = 0; i < tokens.length && !shared; i++) {
      if (tokens[i].own) continue
      for (let k = 0; k < tokens.length; k++) {
        if (k !== i && tokens[k].closer === tokens[i].closer) {
          shared = true
          break
        }
      }
    }
    if (!shared) return true
    const match = pair(tokens.map((token) => ({ kind: token.kind, spelling: token.closer.slice(2, -1) })))
    const closers = [tokens.length]
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]
      if (token.kind === 'close') {
        if (i === closers[closers.length - 1]) closers.pop()
        continue
      }
      const closer = match[i]
      const pairs = closer !== -1 && closer <= closers[closers.length - 1]
      if (pairs !== token.own || (pairs && closer !== token.closedBy)) return false
      if (!pairs) continue
      if (token.closer.toLowerCase() === '[/code]') i = closer
      else closers.push(closer)
    }
    return true
  }

  /** Appends text, a link or an emoticon: part of the current run of text. */
  text(value: string): void {
    if (value === '') return
    if (this.lineFeedOwed) {
      if (value.charCodeAt(0) === 10) this.out += '\n'
      this.lineFeedOwed = false
    }
    // the seam first, so that the tokens are recorded in order
    if (this.bracket !== -1) this.markSeam(value)
    // indexOf: lastIndexOf is a slow runtime call in V8, and most text has no bracket
    if (value.indexOf('[') !== -1) {
      value = this.markTags(value, false)
      let last = value.length - 1
      while (value.charCodeAt(last) !== 91) last--
      this.bracket = value.indexOf(']', last) === -1 ? this.out.length + last : -1
    } else if (this.bracket !== -1 && value.includes(']')) {
      this.bracket = -1
    }
    this.out += value
  }

  /** Appends markup that is not text: a tag, an opener, a closer. */
  markup(markup: string): void {
    this.out += markup
    this.bracket = -1
    this.lineFeedOwed = false
  }

  /** Appends the line feed after a quote or a code block, or owes it. */
  lineFeed(present: boolean | undefined): void {
    if (present) this.out += '\n'
    else this.lineFeedOwed = true
  }

  /** Appends the content of a code block that `closer` ends. */
  code(value: string, closer: string): void {
    if (value.includes('[')) {
      // the block's own closer in its content would end it early; a parsed one never holds it
      if (value.includes(closer)) value = value.split(closer).join('[' + ESCAPE_MARK + closer.slice(1))
      value = this.markTags(value, true)
    }
    this.out += value
  }

  /** Marks the tags in `value` that must stay text; in code, only openers and closers count. */
  private markTags(value: string, inCode: boolean): string {
    let marked = ''
    let from = 0
    TAG_IN_TEXT.lastIndex = 0
    for (let match = TAG_IN_TEXT.exec(value); match !== null; match = TAG_IN_TEXT.exec(value)) {
      const kind = tokenKind(match)
      if (kind === NOT_A_TAG || (inCode && kind === INLINE_TAG)) continue
      if (kind === BLOCK_TAG && !this.markBlocks) {
        this.stray(match[1] === '/', match[2])
        continue
      }
      marked += value.slice(from, match.index + 1) + ESCAPE_MARK
      from = match.index + 1
    }
    return from === 0 ? value : marked + value.slice(from)
  }

  /** Records an opener or closer left in text or code. */
  private stray(closer: boolean, spelling: string): void {
    this.tokens.push({ kind: closer ? 'close' : 'open', closer: `[/${spelling}]`, own: false, closedBy: -1 })
    this.strayTokens = true
  }

  /** Marks the open `[` before `value` when the two would form a tag across the seam. */
  private markSeam(value: string): void {
    const end = value.indexOf(']')
    if (end === -1) return
    const next = value.indexOf('[')
    if (next !== -1 && next < end) return
    TAG_IN_TEXT.lastIndex = 0
    const joined = this.out.slice(this.bracket) + value.slice(0, end + 1)
    const match = TAG_IN_TEXT.exec(joined)
    const token = match === null || match.index !== 0 || match[0].length !== joined.length ? NOT_A_TAG : tokenKind(match)
    if (token === NOT_A_TAG) return
    if (token === BLOCK_TAG && !this.markBlocks) {
      this.stray(match![1] === '/', match![2])
    } else {
      this.out = this.out.slice(0, this.bracket + 1) + ESCAPE_MARK + this.out.slice(this.bracket + 1)
    }
  }
}

/**
 * Prints a tree, a node or a list of nodes as Chatwork markup: the message
 * that the tree says.
 *
 * - A parsed node prints as it was written while its fields still say what
 *   its spelling says, so `stringify(parse(body)) === body` for every string.
 * - A node whose fields were changed prints its new values in its old
 *   spelling (tag-name case, attribute order, extra attributes kept), or in
 *   canonical form where the spelling has no place for them; nodes made by
 *   hand print as canonical markup (`[To:1]`, `[rp aid=1 to=2-3]`).
 * - Text prints as text: where a text value holds a tag, or where adjacent
 *   text would join into one that neither held (a node removed from between
 *   them), the `[` gets the invisible escape mark (U+200B) after it, the one
 *   the builder uses. So does an opener or closer in text that would pair
 *   where it now stands; the printer checks that by pairing what it printed as
 *   the parser would, which it does only when text holds an opener or closer. A root whose
 *   text is exactly `[deleted]` gets the mark too (as a whole body, it
 *   would be read as a deleted message).
 * - A quote or code block followed by text that starts with a line feed
 *   prints the line feed that Chatwork swallows after its closer, so the one
 *   in the text shows.
 *
 * `parse(stringify(tree))` says what `tree` says: the same tags and blocks
 * with the same fields, and the same text up to escape marks and to how it
 * is split into text, link and emoticon nodes. (Where a quote without a
 * header starts with a `[qtmeta]`, the parser takes it as the header.)
 *
 * Iterative, so trees nested hundreds of thousands deep print without
 * overflowing the stack.
 *
 * @example
 * stringify(parse('[TO:1] hi')) // '[TO:1] hi'
 * stringify({ type: 'to', accountId: 1 }) // '[To:1]'
 * const tree = parse('[TO:1] hi')
 * if (tree.children[0].type === 'to') tree.children[0].accountId = 5
 * stringify(tree) // '[TO:5] hi'
 */
export function stringify(tree: Node | readonly Node[]): string {
  const nodes: readonly Node[] = Array.isArray(tree) ? tree : [tree as Node]
  let out = print(nodes, false)
  if (out.strayTokens && !out.pairsAsPrinted()) out = print(nodes, true)
  return !Array.isArray(tree) && (tree as Node).type === 'root' ? markDeleted(out.out, tree as Root) : out.out
}

/** Marks a whole body of `[deleted]` that the root does not say: it would be read as a deleted message. */
function markDeleted(out: string, root: Root): string {
  if (out.length !== 9 || out.toLowerCase() !== '[deleted]') return out
  return root.children.length === 1 && root.children[0].type === 'deleted' ? out : '[' + ESCAPE_MARK + out.slice(1)
}

/**
 * Prints `nodes` and their descendants. Each enclosing level waits on the
 * stack as four entries (its siblings, the index of the next one, their
 * parent and the token of its opener), so depth costs memory, not call stack.
 */
function print(nodes: readonly Node[], markBlocks: boolean): Printing {
  const printing = new Printing(markBlocks)
  let next = 0
  let parent: Node | undefined
  // the token of the parent's opener
  let opened = -1
  const stack: (readonly Node[] | number | Node | undefined)[] = []
  for (;;) {
    while (next < nodes.length) {
      const node = nodes[next++]
      switch (node.type) {
        case 'text':
          printing.text(node.value)
          continue
        case 'link':
          printing.text(node.url)
          continue
        case 'emoticon':
          printing.text(node.code)
          continue
        case 'code': {
          const open = opener(node)
          const close = closerOf(node, open)
          const token = printing.openBlock(open ?? '[code]', close)
          printing.code(node.value, close)
          printing.closeBlock(token)
          printing.lineFeed(node.lineFeed)
          continue
        }
        case 'root':
        case 'quote':
        case 'info':
        case 'title':
        case 'download':
        case 'task': {
          stack.push(nodes, next, parent, opened)
          if (node.type !== 'root') {
            const open = opener(node)
            const markup = open === undefined ? openMarkup(node as Tag) : node.type === 'quote' ? open + header(node) : open
            opened = printing.openBlock(markup, closerOf(node, open))
          }
          parent = node
          nodes = node.children
          next = 0
          continue
        }
        default:
          printing.markup(spell(node, node.source) ?? openMarkup(node))
      }
    }
    if (parent !== undefined && parent.type !== 'root') {
      printing.closeBlock(opened)
      if (parent.type === 'quote') printing.lineFeed(parent.lineFeed)
    }
    if (stack.length === 0) return printing
    opened = stack.pop() as number
    parent = stack.pop() as Node | undefined
    next = stack.pop() as number
    nodes = stack.pop() as readonly Node[]
  }
}

/** The opener as written, when it still says the block; undefined for the canonical one. */
function opener(node: Exclude<Parent, Root> | Code): string | undefined {
  return spell(node, node.open)
}

/** The closer of a block whose opener prints as `open` (undefined: the canonical opener): the one written while it matches. */
function closerOf(node: Exclude<Parent, Root> | Code, open: string | undefined): string {
  if (open === undefined) return CANONICAL_CLOSERS[node.type]
  const close = node.close
  return close !== undefined && closes(open, close) ? close : `[/${spelledName(open)}]`
}

const CANONICAL_CLOSERS: Readonly<Record<string, string>> = { quote: '[/qt]', info: '[/info]', title: '[/title]', code: '[/code]', download: '[/download]', task: '[/task]' }

/** Whether `close` is `[/name]` with the name exactly as `open` spells it. */
function closes(open: string, close: string): boolean {
  const end = close.length - 1
  if (end < 3 || close.charCodeAt(1) !== 47 || close.charCodeAt(end) !== 93) return false
  for (let i = 2; i < end; i++) if (close.charCodeAt(i) !== open.charCodeAt(i - 1)) return false
  const after = open.charCodeAt(end - 1) | 32
  return !(after >= 97 && after <= 122)
}

/** A quote's header after a written opener: the folded `[qtmeta]` as written while it says the quote's header. */
function header(quote: Quote): string {
  if (quote.accountId === undefined) return ''
  const meta = { type: 'qtmeta', accountId: quote.accountId, time: quote.time }
  return spell(meta, quote.meta) ?? qtmeta(quote.accountId, quote.time)
}
