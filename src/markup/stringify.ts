import { openMarkup, qtmeta, type Tag } from './canonical-markup.ts'
import { ESCAPE_MARK } from './escape.ts'
import type { Code, Node, Parent, Quote, Root } from './nodes.ts'
import { spell } from './spelling.ts'
import { BLOCK_TAG, INLINE_TAG, nameEnd, NOT_A_TAG, tagAt } from './tag-in-text.ts'

// The kinds of printed openers and closers: a block's own, or one left in text or code.
const OWN_OPENER = 0
const OWN_CLOSER = 1
const STRAY_OPENER = 2
const STRAY_CLOSER = 3

/** Token lists longer than this are not kept for the next printing, so that one huge message does not stay in memory. */
const KEPT_TOKENS = 4096

/**
 * A printer of lists of nodes. Text prints as text: a tag that a text value
 * holds, or that adjacent pieces of text would form across their seam, gets
 * the escape mark after its `[`. Openers and closers in text are text only
 * while they do not pair, which depends on the whole message: they are
 * printed as written and recorded, with the blocks' own, so that
 * {@link Printing.pairsAsPrinted} can tell, unless `markBlocks` asks to mark
 * them too (and the same in code, which Chatwork scans when it pairs the
 * blocks around it).
 *
 * The idle printer waits in {@link idle} for the next call: most messages are
 * short, and allocating the state and growing its arrays afresh would cost
 * more than printing them.
 */
class Printing {
  // declared only, so that the constructor alone sets them: a class field
  // may compile to a property definition per instance
  /**
   * The openers and closers printed, in order, two entries each: its kind
   * and the closer that pairs with it, as written (`[/INFO]`). Only the
   * first {@link tokenCount} entries count: the array is reused.
   */
  declare tokens: (number | string)[]
  declare tokenCount: number
  /** Whether text or code holds an opener or closer. */
  declare strays: boolean
  /** The enclosing levels, four entries each: siblings, index of the next, parent, closer. */
  private declare readonly stack: (readonly Node[] | number | Node | string | undefined)[]
  private declare markBlocks: boolean

  constructor() {
    this.tokens = []
    this.tokenCount = 0
    this.strays = false
    this.stack = []
    this.markBlocks = false
  }

  /**
   * Prints `tree` and its descendants. Each enclosing level waits on the
   * stack, so depth costs memory, not call stack. The state of the text
   * run lives in locals, and only text holding a bracket leaves the loop:
   * this is where printing spends its time.
   */
  print(tree: Node | readonly Node[], markBlocks: boolean): string {
    this.tokenCount = 0
    this.strays = false
    this.markBlocks = markBlocks
    const { stack, tokens } = this
    let out = ''
    // offset in `out` of a `[` of the current run of text that no `]` has followed yet, or -1
    let bracket = -1
    // a quote or code ended without its swallowed line feed: text starting with one must print another
    let lineFeedOwed = false
    let nodes: readonly Node[]
    // a root's children print in its place: it has no opener or closer
    let parent: Node | undefined
    if (Array.isArray(tree)) {
      nodes = tree
    } else if ((tree as Node).type === 'root') {
      parent = tree as Root
      nodes = (tree as Root).children
    } else {
      nodes = [tree as Node]
    }
    let next = 0
    // the parent's closer, as printed
    let closer = ''
    for (;;) {
      while (next < nodes.length) {
        const node = nodes[next++]
        let value: string
        switch (node.type) {
          case 'text':
            value = node.value
            break
          case 'link':
            value = node.url
            break
          case 'emoticon':
            value = node.code
            break
          case 'code': {
            const open = opener(node, '[code]')
            const close = open === '[code]' ? '[/code]' : closerOf(node, open)
            let content = node.value
            if (content.indexOf('[') !== -1) {
              this.tokenCount = this.token(this.tokenCount, OWN_OPENER, close)
              content = this.codeContent(content, close)
              this.tokenCount = this.token(this.tokenCount, OWN_CLOSER, close)
            } else {
              this.tokenCount = this.token(this.token(this.tokenCount, OWN_OPENER, close), OWN_CLOSER, close)
            }
            out += open + content + close
            if (node.lineFeed) out += '\n'
            bracket = -1
            lineFeedOwed = node.lineFeed !== true
            continue
          }
          case 'root':
            stack.push(nodes, next, parent, closer)
            parent = node
            nodes = node.children
            next = 0
            continue
          case 'quote':
          case 'info':
          case 'title':
          case 'download':
          case 'task': {
            stack.push(nodes, next, parent, closer)
            // a quote's header prints after its opener, from its fields
            const canonical = node.type === 'quote' ? '[qt]' : openMarkup(node)
            const open = opener(node, canonical)
            closer = open === canonical ? canonicalCloser(node.type) : closerOf(node, open)
            out += node.type === 'quote' ? open + header(node) : open
            this.tokenCount = this.token(this.tokenCount, OWN_OPENER, closer)
            bracket = -1
            lineFeedOwed = false
            parent = node
            nodes = node.children
            next = 0
            continue
          }
          default:
            out += tagMarkup(node)
            bracket = -1
            lineFeedOwed = false
            continue
        }
        // text, a link or an emoticon: part of the current run of text
        if (value.length === 0) continue
        if (lineFeedOwed) {
          if (value.charCodeAt(0) === 10) out += '\n'
          lineFeedOwed = false
        }
        // the seam first, so that the tokens are recorded in order
        if (bracket !== -1) {
          out = this.markSeam(out, bracket, value)
          if (value.indexOf(']') !== -1) bracket = -1
        }
        // links and emoticons hold no `[`; indexOf, because lastIndexOf is a slow runtime call in V8
        if (node.type === 'text' && value.indexOf('[') !== -1) {
          value = this.markTags(value, false)
          let last = value.length - 1
          while (value.charCodeAt(last) !== 91) last--
          bracket = value.indexOf(']', last) === -1 ? out.length + last : -1
        }
        out += value
      }
      if (parent !== undefined && parent.type !== 'root') {
        this.tokenCount = this.token(this.tokenCount, OWN_CLOSER, closer)
        out += closer
        bracket = -1
        lineFeedOwed = false
        if (parent.type === 'quote') {
          if (parent.lineFeed) out += '\n'
          else lineFeedOwed = true
        }
      }
      if (stack.length === 0) return out
      closer = stack.pop() as string
      parent = stack.pop() as Node | undefined
      next = stack.pop() as number
      nodes = stack.pop() as readonly Node[]
    }
  }

  /** Lets go of what the last printing holds, before the printer waits for the next. */
  release(): void {
    if (this.tokens.length > KEPT_TOKENS) this.tokens = []
  }

  /**
   * Whether the message pairs as printed: every block's own opener with its
   * own closer, and no opener or closer of text or code with anything, by
   * the parser's pairing and nesting rules.
   */
  pairsAsPrinted(): boolean {
    if (!this.spellingShared()) return true
    const { tokens, tokenCount } = this
    // pairing as the parser pairs (pairing.ts), on the closers as keys, which
    // say the same as the spellings; then nesting, token by token
    const match = new Int32Array(tokenCount >> 1).fill(-1)
    const own = new Int32Array(tokenCount >> 1).fill(-1)
    const openers = new Map<string, number[]>()
    const ownOpeners: number[] = []
    for (let i = 0; i < tokenCount; i += 2) {
      const kind = tokens[i]
      const closer = tokens[i + 1] as string
      if (kind === OWN_OPENER) ownOpeners.push(i >> 1)
      else if (kind === OWN_CLOSER) own[ownOpeners.pop()!] = i >> 1
      if (kind === OWN_OPENER || kind === STRAY_OPENER) {
        const stack = openers.get(closer)
        if (stack) stack.push(i >> 1)
        else openers.set(closer, [i >> 1])
        continue
      }
      const stack = openers.get(closer)
      if (!stack || stack.length === 0) continue
      if (isCodeCloser(closer)) {
        for (const opener of stack) match[opener] = i >> 1
        stack.length = 0
      } else {
        match[stack.pop()!] = i >> 1
      }
    }
    const closers = [match.length]
    for (let i = 0; i < match.length; i++) {
      const kind = tokens[2 * i]
      if (kind === OWN_CLOSER || kind === STRAY_CLOSER) {
        if (i === closers[closers.length - 1]) closers.pop()
        continue
      }
      const closer = match[i]
      const pairs = closer !== -1 && closer <= closers[closers.length - 1]
      if (pairs !== (kind === OWN_OPENER) || (pairs && closer !== own[i])) return false
      if (!pairs) continue
      if (isCodeCloser(tokens[2 * i + 1] as string)) i = closer
      else closers.push(closer)
    }
    return true
  }

  /**
   * Whether an opener or closer of text or code shares its spelling with
   * another token: most often each is the only one of its spelling, and
   * pairs with nothing. Pairwise in short messages, by counting in long ones.
   */
  private spellingShared(): boolean {
    const { tokens, tokenCount } = this
    if (tokenCount <= 32) {
      for (let i = 0; i < tokenCount; i += 2) {
        if (tokens[i] === OWN_OPENER || tokens[i] === OWN_CLOSER) continue
        for (let k = 1; k < tokenCount; k += 2) if (k !== i + 1 && tokens[k] === tokens[i + 1]) return true
      }
      return false
    }
    const count = new Map<string, number>()
    for (let i = 1; i < tokenCount; i += 2) count.set(tokens[i] as string, (count.get(tokens[i] as string) ?? 0) + 1)
    for (let i = 0; i < tokenCount; i += 2) if ((tokens[i] === STRAY_OPENER || tokens[i] === STRAY_CLOSER) && count.get(tokens[i + 1] as string)! > 1) return true
    return false
  }

  /** Records at `count` an opener or closer of kind `kind`, which `closer` pairs with; returns the new count. */
  private token(count: number, kind: number, closer: string): number {
    this.tokens[count] = kind
    this.tokens[count + 1] = closer
    return count + 2
  }

  /** The content of a code block that `closer` ends, as it must print. */
  private codeContent(value: string, closer: string): string {
    // the block's own closer in its content would end it early; a parsed one never holds it
    if (value.includes(closer)) value = value.split(closer).join('[' + ESCAPE_MARK + closer.slice(1))
    return this.markTags(value, true)
  }

  /** Marks the tags in `value` that must stay text; in code, only openers and closers count. */
  private markTags(value: string, inCode: boolean): string {
    let marked = ''
    let from = 0
    for (let i = value.indexOf('['); i !== -1; i = value.indexOf('[', i + 1)) {
      const kind = tagAt(value, i) % 4
      if (kind === NOT_A_TAG || (inCode && kind === INLINE_TAG)) continue
      if (kind === BLOCK_TAG && !this.markBlocks) {
        this.stray(value, i)
        continue
      }
      marked += value.slice(from, i + 1) + ESCAPE_MARK
      from = i + 1
    }
    return from === 0 ? value : marked + value.slice(from)
  }

  /** Records the opener or closer at `i` of `text`, left in text or code. */
  private stray(text: string, i: number): void {
    const closer = text.charCodeAt(i + 1) === 47
    const start = closer ? i + 2 : i + 1
    this.tokenCount = this.token(this.tokenCount, closer ? STRAY_CLOSER : STRAY_OPENER, `[/${text.slice(start, nameEnd(text, start))}]`)
    this.strays = true
  }

  /** `out` with its open `[` at `bracket` marked when it and `value` would form a tag across the seam. */
  private markSeam(out: string, bracket: number, value: string): string {
    const end = value.indexOf(']')
    if (end === -1) return out
    const next = value.indexOf('[')
    if (next !== -1 && next < end) return out
    const joined = out.slice(bracket) + value.slice(0, end + 1)
    const found = tagAt(joined, 0)
    const kind = found % 4
    if (kind === NOT_A_TAG || found >>> 2 !== joined.length) return out
    if (kind === BLOCK_TAG && !this.markBlocks) {
      this.stray(joined, 0)
      return out
    }
    return out.slice(0, bracket + 1) + ESCAPE_MARK + out.slice(bracket + 1)
  }
}

/** Whether `closer` is `[/code]` in any case: a code block does not nest, its first closer ends it. */
function isCodeCloser(closer: string): boolean {
  return closer.length === 7 && closer.toLowerCase() === '[/code]'
}

/** The printer waiting for the next call; a call in progress takes it, so a getter that prints inside a printing gets a new one. */
let idle: Printing | undefined

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
  const printing = idle ?? new Printing()
  idle = undefined
  let out = printing.print(tree, false)
  if (printing.strays && !printing.pairsAsPrinted()) out = printing.print(tree, true)
  printing.release()
  idle = printing
  return out.length === 9 && !Array.isArray(tree) && (tree as Node).type === 'root' ? markDeleted(out, tree as Root) : out
}

/** Marks a whole body of `[deleted]` that the root does not say: it would be read as a deleted message. */
function markDeleted(out: string, root: Root): string {
  if (out.toLowerCase() !== '[deleted]') return out
  return root.children.length === 1 && root.children[0].type === 'deleted' ? out : '[' + ESCAPE_MARK + out.slice(1)
}

// A parsed node most often keeps the canonical spelling: comparing it with
// the canonical markup is the quickest check that its fields still say it,
// because string equality is one builtin call where reading the spelling is a
// character loop.

/** A tag as it prints: as written while it says the node, else canonical. */
function tagMarkup(node: Exclude<Tag, Parent | Code>): string {
  const canonical = openMarkup(node)
  const source = node.source
  return source === undefined || source === canonical ? canonical : (spell(node, source) ?? canonical)
}

/** The canonical closer of a block with children. */
function canonicalCloser(type: Exclude<Parent, Root>['type']): string {
  return type === 'quote' ? '[/qt]' : `[/${type}]`
}

/** A block's opener as it prints (without a quote's header): as written while it says the block, else `canonical`. */
function opener(node: Exclude<Parent, Root> | Code, canonical: string): string {
  const open = node.open
  return open === undefined || open === canonical ? canonical : (spell(node, open) ?? canonical)
}

/** The closer of a block whose opener prints as `open`, spelled as written: the one written while it repeats the opener's name, else one that does. */
function closerOf(node: Exclude<Parent, Root> | Code, open: string): string {
  const close = node.close
  return close !== undefined && closes(open, close) ? close : `[/${open.slice(1, nameEnd(open, 1))}]`
}

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
  const canonical = qtmeta(quote.accountId, quote.time)
  const meta = quote.meta
  return meta === undefined || meta === canonical ? canonical : (spell(quote, meta, 'qtmeta') ?? canonical)
}
