/**
 * Lint rules on literal text: the parser keeps anything that is not a valid
 * tag as text (`[To: 1]`, `[INFO]x[/info]`, `[返信 aid=…]`), so these rules
 * scan the text of each block for bracketed pieces and say why each one
 * misses being a tag. Whether a piece is a tag is always asked of the parser
 * itself, never re-implemented here.
 */
import { BLOCK_NAMES, SHAPES, attributes } from '../markup/grammar-actions.ts'
import type { LintContext, LintFix } from './context.ts'
import type { Node, Parent, Root } from '../markup/nodes.ts'
import { parse } from '../markup/parse.ts'
import { visit } from '../markup/visit.ts'

/** The canonical form of every tag name, for messages. */
const FORMS: Record<string, string> = {
  to: '[To:ACCOUNT]',
  toall: '[toall]',
  rp: '[rp aid=ACCOUNT to=ROOM-MESSAGE]',
  qt: '[qt]…[/qt]',
  qtmeta: '[qtmeta aid=ACCOUNT time=UNIX]',
  info: '[info]…[/info]',
  title: '[title]…[/title]',
  hr: '[hr]',
  code: '[code]…[/code]',
  picon: '[picon:ACCOUNT]',
  pname: '[pname:ACCOUNT]',
  piconname: '[piconname:ACCOUNT]',
  preview: '[preview id=FILE ht=PIXELS]',
  download: '[download:FILE]…[/download]',
  task: '[task aid=ACCOUNT st=open lt=UNIX]…[/task]',
  dtext: '[dtext:KEY]',
  date: '[date:UNIX]',
  live: '[live id=ID rid=ROOM]',
}
/** Attributes without which a tag is text. */
const REQUIRED: Record<string, string[]> = { rp: ['aid', 'to'], qtmeta: ['aid'], preview: ['id'], live: ['id', 'rid'], task: ['aid', 'st', 'lt'] }
/** Attributes that hold ids (`to` of `[rp]` is checked on its own). */
const ID_KEYS: Record<string, string[]> = { rp: ['aid'], qtmeta: ['aid'], preview: ['id'], live: ['id', 'rid'], task: ['aid'] }
/**
 * Names worth suggesting for a misspelt tag: the ones people write. System
 * and legacy names (`dtext`, `live`, `date`, …) are left out, as words close
 * to them (`line`, `data`) are usually meant as text.
 */
const SUGGESTIONS = ['to', 'toall', 'rp', 'qt', 'qtmeta', 'info', 'title', 'hr', 'code', 'picon', 'pname', 'piconname', 'preview']
/** Words shorter than this are never taken for misspelt tags (`[CC]`, `[ok]`). */
const MIN_SUGGESTED_LENGTH = 3
/** Words longer than this are at more than two edits from every name (the longest, `piconname`, has 9 letters). */
const MAX_SUGGESTED_LENGTH = 11

/**
 * Editor-only forms (spec §7), in every UI language: the composer turns
 * `[返信 aid=…]`, `[Reply aid=…]`, … into `[rp aid=…]`, and `[引用]`/`[Quote]`
 * (with or without `aid=`) and their closers into `[qt]…[/qt]`. Written as
 * literals so that bundlers can drop them when lint is not used.
 */
const EDITOR_REPLY = /^(?:返信|Reply|Responder|ตอบกลับ|Trả lời|回信|回覆)(\s+aid=[\s\S]*)$/i
const EDITOR_QUOTE = /^(?:引用|Quote|Citar|อ้างอิง|Trích dẫn)(\s+aid=[\s\S]*)?$/i
const EDITOR_QUOTE_CLOSE = /^\/(?:引用|Quote|Citar|อ้างอิง|Trích dẫn)$/i

/**
 * Forms that are not Chatwork tags but that people expect to work (spec §10),
 * with what to write instead; all of them show as text. `[quote]…[/quote]`
 * and `[reply aid=…]` are not here: they match the editor forms above, whose
 * report says the same and can fix them. Built in a call marked pure: read
 * at load, `FORMS` would keep the table in bundles that never lint (the builder's).
 */
const NOT_CHATWORK: [form: RegExp, advice: string][] = /* @__PURE__ */ (() => [
  [/^cc:/i, 'Chatwork has no cc'],
  [/^\/?url$/i, 'a URL is linked by itself, so write it alone'],
  [/^\/to$/i, `${FORMS.to} has no closer, and the name after it is plain text`],
  [/^\/qtmeta$/i, `${FORMS.qtmeta} has no closer`],
  [/^reply\s[^=]*=/i, `write ${FORMS.rp}`],
  [/^\/reply$/i, `a reply, ${FORMS.rp}, has no closer`],
  [/^task:/i, 'it is a legacy form whose meaning is not known'],
])()

const BRACKETED = /\[([^[\]]*)\]/g
const OPENER = /^([ \t\u3000]*)([A-Za-z]+)([\s\S]*)$/
const CLOSER = /^\/([ \t\u3000]*)([A-Za-z]+)([ \t\u3000]*)$/
const LEADING_SPACE = /^[ \t\u3000]+/
/** The grammar's colon value: a run of word characters. */
const WORD = /^\w*/
const QUOTED_VALUE = /=(["'])([^"'\s\]]*)\1/g
const ESCAPE_MARK = '\u200B'

/** One bracketed piece of literal text. */
interface Piece {
  start: number
  end: number
  /** The piece as written, brackets included. */
  text: string
  /** The text between the brackets. */
  inner: string
  parent: Parent
}

/** An opener or closer of a block name, waiting to be paired within its parent. */
interface Entry {
  piece: Piece
  closer: boolean
  /** What pairs with what: the lower-case name (`info`), `editor quote`, or `misspelt <name>`. */
  name: string
  /** The name as written. */
  spelling: string
  /** Already reported as malformed (or, for an opener, malformed without a report yet). */
  malformed: boolean
  /** For a malformed opener not reported yet: the report to make if a closer shows it was meant as a tag. */
  pending?: string
  /**
   * For forms fixed only together with their other half (`[引用]…[/引用]`,
   * `[titel]…[/titel]`): reports, with the fix of the pair or none.
   */
  settle?: (fix: LintFix | undefined) => void
  /** For such a form: what it becomes in that fix, or undefined if it cannot become a tag. */
  rename?: string
}

/**
 * Lints the literal text of every block of the tree (called by `lint`).
 *
 * @example
 * lintText(context, parse(context.body))
 */
export function lintText(context: LintContext, root: Root): void {
  const unclosed: Entry[] = []
  const stray: Entry[] = []
  visit(root, (node) => {
    if (!('children' in node)) return
    const entries: Entry[] = []
    for (const piece of pieces(context.body, node)) {
      const entry = classify(context, piece)
      if (entry !== undefined) entries.push(entry)
    }
    pairWithin(context, entries, unclosed, stray)
  })
  reportUnpaired(context, unclosed, stray)
}

/** The bracketed pieces in the runs of literal children (text, emoticons, links) of one parent. */
function* pieces(body: string, parent: Parent): Generator<Piece> {
  const children = parent.children
  for (let i = 0; i < children.length; i++) {
    if (!isLiteral(children[i].type)) continue
    const start = children[i].position!.start.offset
    while (i + 1 < children.length && isLiteral(children[i + 1].type)) i++
    const run = body.slice(start, children[i].position!.end.offset)
    for (const match of run.matchAll(BRACKETED)) {
      const at = start + match.index
      yield { start: at, end: at + match[0].length, text: match[0], inner: match[1], parent }
    }
  }
}

function isLiteral(type: string): boolean {
  return type === 'text' || type === 'emoticon' || type === 'link'
}

/** Most probes {@link readAs} remembers; bodies that repeat a piece thousands of times ask once. */
const PROBE_CACHE_SIZE = 1024
const probes = new Map<string, Node['type'] | undefined>()

/**
 * The type of the one tag the parser reads a text as, or undefined when it
 * reads text (or more than one node).
 *
 * @example
 * readAs('[To:1]') // 'to'
 * readAs('[To: 1]') // undefined
 */
export function readAs(text: string): Node['type'] | undefined {
  if (probes.has(text)) return probes.get(text)
  const children = parse(text, { positions: false }).children
  const type = children.length === 1 && children[0].type !== 'text' ? children[0].type : undefined
  if (probes.size >= PROBE_CACHE_SIZE) probes.clear()
  probes.set(text, type)
  return type
}

/** Whether the parser reads a piece as a tag (a block opener when followed by its closer). */
function isTag(text: string, name: string, spelling: string): boolean {
  return readAs(BLOCK_NAMES.has(name) ? `${text}[/${spelling}]` : text) !== undefined
}

/** A block's opener or closer as the grammar reads it: `[` or `[/`, then the name. */
const BLOCK_TOKEN = /^(\/?)([A-Za-z]+)/

/**
 * How a text takes part in the pairing of the body around it, as the parser
 * pairs openers and closers over a whole body (code content included): none
 * (`undefined`) if one of its openers or closers other than code's may pair
 * with one outside it, else its code openers and closers, in order. A fix
 * that leaves this the same leaves the rest of the body as it was. Code is
 * apart because its closer closes every open code opener, even outside.
 *
 * @example
 * pairing('[title]T[/title]') // ''
 * pairing('[info]a[/Info]') // undefined
 * pairing('[code]x[/code]') // '[code][/code]'
 */
export function pairing(text: string): string | undefined {
  const open = new Map<string, number>()
  let code = ''
  for (const [piece, inner] of text.matchAll(BRACKETED)) {
    const [, slash, spelling] = BLOCK_TOKEN.exec(inner) ?? []
    const name = spelling?.toLowerCase()
    if (name === undefined || !BLOCK_NAMES.has(name)) continue
    const closer = slash === '/'
    if (closer ? piece !== `[/${spelling}]` : !isTag(piece, name, spelling)) continue
    if (name === 'code') {
      code += piece
      continue
    }
    const depth = (open.get(spelling) ?? 0) + (closer ? -1 : 1)
    if (depth < 0) return undefined
    open.set(spelling, depth)
  }
  return [...open.values()].every((depth) => depth === 0) ? code : undefined
}

/** A fix to `text` when the parser reads it as a tag, else none. */
function fixTo(piece: Piece, text: string, name: string, spelling: string): LintFix | undefined {
  return isTag(text, name, spelling) ? { range: [piece.start, piece.end], text } : undefined
}

/** Reports what a piece is, or returns it as an opener or closer to pair. */
function classify(context: LintContext, piece: Piece): Entry | undefined {
  const inner = piece.inner
  if (inner.startsWith(ESCAPE_MARK)) return undefined
  if (inner.startsWith('/')) return classifyCloser(context, piece)
  if (EDITOR_REPLY.test(inner) || EDITOR_QUOTE.test(inner)) return editorForm(context, piece)
  if (notChatwork(context, piece)) return undefined
  if (inner.toLowerCase() === 'deleted') {
    context.report('system-tag', piece.start, piece.end, `${piece.text} is made by Chatwork, and only as a whole body; here it shows as text`)
    return undefined
  }
  const match = OPENER.exec(inner)
  if (match === null) return undefined
  const [, space, spelling, rest] = match
  const name = spelling.toLowerCase()
  if (!(name in FORMS)) {
    const tagShaped = rest === '' || rest.startsWith(':') || (LEADING_SPACE.test(rest) && rest.includes('='))
    return space === '' && tagShaped ? unknownTag(context, piece, spelling, rest, false) : undefined
  }
  if (space !== '') {
    const unspaced = `[${spelling}${rest}]`
    if (isTag(unspaced, name, spelling) || rest.startsWith(':') || rest.includes('=')) {
      context.report(
        'malformed-tag',
        piece.start,
        piece.end,
        `${piece.text} is not a tag: no space may come between [ and the name (to show a tag as text on purpose, use escapeText)`,
      )
      return BLOCK_NAMES.has(name) ? { piece, closer: false, name, spelling, malformed: true } : undefined
    }
    return undefined
  }
  if (isTag(piece.text, name, spelling)) return BLOCK_NAMES.has(name) ? { piece, closer: false, name, spelling, malformed: false } : undefined
  const reported = shapeProblem(context, piece, name, spelling, rest)
  if (!BLOCK_NAMES.has(name)) return undefined
  return {
    piece,
    closer: false,
    name,
    spelling,
    malformed: true,
    ...(reported ? {} : { pending: `${piece.text} is not an opener: what follows the name is not key=value attributes, so it shows as text` }),
  }
}

/** Says why a known tag name with something after it is not a tag; false when it does not look meant as a tag. */
function shapeProblem(context: LintContext, piece: Piece, name: string, spelling: string, rest: string): boolean {
  const malformed = (why: string, fix?: string): true => {
    context.report('malformed-tag', piece.start, piece.end, `${piece.text} is not a tag: ${why}`, fix === undefined ? undefined : fixTo(piece, fix, name, spelling))
    return true
  }
  const form = FORMS[name]
  if (rest.startsWith(':')) {
    if (!SHAPES[name].colon) return malformed(`[${spelling}] takes no ":value"; write ${form}`)
    const after = rest.slice(1)
    const space = LEADING_SPACE.exec(after)
    if (space !== null) return malformed('no space may follow the colon', `[${spelling}:${after.slice(space[0].length)}]`)
    const word = WORD.exec(after)![0]
    if (word === '') return malformed(`nothing follows the colon; write ${form}`)
    if (name === 'download' && word !== after) return malformed('nothing may follow the file id')
    return idProblem(context, piece, name, spelling, 'the id', word)
  }
  if (!LEADING_SPACE.test(rest)) return false
  if (rest.trim() === '') return SHAPES[name].bare === true && malformed('no space may come before ]', `[${spelling}]`)
  const attrs = attributes(rest)
  if (attrs === undefined) return false
  if (SHAPES[name].colon) return malformed(`[${spelling}] takes a colon value, not attributes; write ${form}`)
  const missing = (REQUIRED[name] ?? []).find((key) => !attrs.has(key))
  if (missing !== undefined) return malformed(`${missing}= is missing; write ${form}`)
  for (const key of ID_KEYS[name] ?? []) {
    for (const value of name === 'task' ? attrs.get(key)!.split(',') : [attrs.get(key)!]) {
      if (idProblem(context, piece, name, spelling, `${key}=`, value)) return true
    }
  }
  if (name === 'rp') {
    const target = /^([^-:]*)[-:]([\s\S]*)$/.exec(attrs.get('to')!)
    if (target === null) return malformed(`to= must be ROOM-MESSAGE (the room id, a hyphen, the message id); write ${form}`)
    return idProblem(context, piece, name, spelling, 'the room id of to=', target[1]) || idProblem(context, piece, name, spelling, 'the message id of to=', target[2])
  }
  if (name === 'task') {
    const status = attrs.get('st')
    if (status !== 'open' && status !== 'done') return malformed(`st= must be open or done, not "${status}"`)
    if (!/^-?\d+$/.test(attrs.get('lt')!)) return malformed(`lt= must be a Unix time in seconds (0 for none), not "${attrs.get('lt')}"`)
  }
  return false
}

/**
 * An id that keeps a tag from forming. A value with no digit at all
 * (`[To:abc]`) is no id: malformed-tag. One with digits that is still no
 * decimal id (`aid="1"`, `12a`, too large) is an invalid id.
 */
function idProblem(context: LintContext, piece: Piece, name: string, spelling: string, what: string, value: string): boolean {
  if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return false
  if (!/\d/.test(value)) {
    context.report('malformed-tag', piece.start, piece.end, `${piece.text} is not a tag: ${what} "${value}" is not a number; write ${FORMS[name]}`)
  } else if (/^\d+$/.test(value)) {
    context.report('invalid-id', piece.start, piece.end, `${piece.text} is not a tag: ${what} ${value} is larger than any id can be`)
  } else {
    const unquoted = piece.text.replace(QUOTED_VALUE, '=$2')
    const fix = unquoted === piece.text ? undefined : fixTo(piece, unquoted, name, spelling)
    const why = fix === undefined ? 'is not a decimal number' : 'has quotes, which are not syntax'
    context.report('invalid-id', piece.start, piece.end, `${piece.text} is not a tag: ${what} ${value} ${why}`, fix)
  }
  return true
}

/** Reports a form of {@link NOT_CHATWORK}; false if the piece is none. */
function notChatwork(context: LintContext, piece: Piece): boolean {
  const advice = NOT_CHATWORK.find(([form]) => form.test(piece.inner))?.[1]
  if (advice === undefined) return false
  context.report('not-chatwork', piece.start, piece.end, `${piece.text} is not Chatwork markup, so it shows as text: ${advice}`)
  return true
}

function classifyCloser(context: LintContext, piece: Piece): Entry | undefined {
  if (EDITOR_QUOTE_CLOSE.test(piece.inner)) return editorForm(context, piece)
  if (notChatwork(context, piece)) return undefined
  const match = CLOSER.exec(piece.inner)
  if (match === null) return undefined
  const [, before, spelling, after] = match
  const name = spelling.toLowerCase()
  if (!(name in FORMS)) {
    return before === '' && after === '' ? unknownTag(context, piece, spelling, '', true) : undefined
  }
  if (!BLOCK_NAMES.has(name)) {
    context.report('stray-closer', piece.start, piece.end, `${piece.text} closes nothing: [${spelling}] is not a block, so it shows as text`)
    return undefined
  }
  const spaced = before !== '' || after !== ''
  if (spaced) context.report('malformed-tag', piece.start, piece.end, `${piece.text} is not a closer: no space may come inside it`, { range: [piece.start, piece.end], text: `[/${spelling}]` })
  return { piece, closer: true, name, spelling, malformed: spaced }
}

/**
 * A misspelt tag name (`[titel]`, `[/infp]`), with the likely intended name.
 * The fix is offered only for a misspelt block whose opener and closer are
 * both there: `[node]` alone may well be meant as text.
 */
function unknownTag(context: LintContext, piece: Piece, spelling: string, rest: string, closer: boolean): Entry | undefined {
  const candidates = suggest(spelling.toLowerCase())
  if (candidates.length === 0) return undefined
  const names = candidates.map((candidate) => `[${closer ? '/' : ''}${canonical(candidate, spelling)}]`)
  const message = `${piece.text} is not a Chatwork tag, so it shows as text; did you mean ${names.join(' or ')}?`
  const [name] = candidates
  if (candidates.length > 1 || !BLOCK_NAMES.has(name)) {
    context.report('unknown-tag', piece.start, piece.end, message)
    return undefined
  }
  const fixed = canonical(name, spelling)
  const text = closer ? `[/${fixed}]` : `[${fixed}${rest}]`
  const settle = (fix: LintFix | undefined): void => context.report('unknown-tag', piece.start, piece.end, message, fix)
  const rename = closer || isTag(text, name, fixed) ? text : undefined
  return { piece, closer, name: `misspelt ${name}`, spelling, malformed: false, settle, rename }
}

/** The spelling of a suggested name: upper-case for an upper-case word, else canonical (`To`, lower-case names). */
function canonical(name: string, written: string): string {
  if (written.length > 1 && written === written.toUpperCase()) return name.toUpperCase()
  return name === 'to' ? 'To' : name
}

/** Most words {@link suggest} remembers: fixes are checked by linting the body again, so each word is looked up many times. */
const SUGGESTION_CACHE_SIZE = 1024
const suggestions = new Map<string, string[]>()

/** Known names within a small edit distance of a word, nearest first (ties all returned). */
function suggest(word: string): string[] {
  if (word.length < MIN_SUGGESTED_LENGTH || word.length > MAX_SUGGESTED_LENGTH) return []
  const known = suggestions.get(word)
  if (known !== undefined) return known
  let best: string[] = []
  let bestDistance = Infinity
  for (const name of SUGGESTIONS) {
    const distance = editDistance(word, name)
    if (distance > (name.length >= 6 ? 2 : 1) || distance > bestDistance) continue
    if (distance < bestDistance) best = []
    bestDistance = distance
    best.push(name)
  }
  if (suggestions.size >= SUGGESTION_CACHE_SIZE) suggestions.clear()
  suggestions.set(word, best)
  return best
}

/** Optimal string alignment distance: Levenshtein plus swaps of neighbours (`titel` → `title` is 1). */
function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1)
      current.push(value)
    }
    before = previous
    previous = current
  }
  return previous[b.length]
}

/** `[返信 aid=…]`, `[引用 …]`, `[/引用]`: a reply is reported here; the quote forms are paired like blocks for their fix. */
function editorForm(context: LintContext, piece: Piece): Entry | undefined {
  const reply = EDITOR_REPLY.exec(piece.inner)
  if (reply !== null) {
    const fix = fixTo(piece, `[rp${reply[1]}]`, 'rp', 'rp')
    context.report('editor-form', piece.start, piece.end, `${piece.text} is the editor's form of a reply; posted through the API it stays text. Write [rp aid=… to=…]`, fix)
    return undefined
  }
  const closer = piece.inner.startsWith('/')
  const meta = EDITOR_QUOTE.exec(piece.inner)?.[1]
  const text = closer ? '[/qt]' : meta === undefined ? '[qt]' : `[qt][qtmeta${meta}]`
  const settle = (fix: LintFix | undefined): void =>
    context.report('editor-form', piece.start, piece.end, `${piece.text} is the editor's form of a quote; posted through the API it stays text. Write ${text}`, fix)
  const rename = meta === undefined || isTag(`[qtmeta${meta}]`, 'qtmeta', 'qtmeta') ? text : undefined
  return { piece, closer, name: 'editor quote', spelling: piece.inner, malformed: false, settle, rename }
}

/**
 * Pairs the openers and closers of one parent as Chatwork would have, had
 * their spelling matched: a closer takes the nearest open opener of the same
 * name. Pairs that differ only in case are mismatches; the rest stay unpaired.
 */
function pairWithin(context: LintContext, entries: Entry[], unclosed: Entry[], stray: Entry[]): void {
  // one stack per name, so that a closer finds its opener in constant time
  const open = new Map<string, Entry[]>()
  let previous: Entry | undefined
  for (const entry of entries) {
    const before = previous
    previous = entry
    const stack = open.get(entry.name) ?? []
    open.set(entry.name, stack)
    if (!entry.closer) {
      stack.push(entry)
      continue
    }
    const opener = stack.at(-1)
    if (opener === undefined || !pairs(opener, entry)) {
      if (entry.settle) entry.settle(undefined)
      else if (!entry.malformed) stray.push(entry)
      continue
    }
    stack.pop()
    if (entry.settle) {
      const fix = pairFix(context, opener, entry, opener === before)
      opener.settle!(fix)
      entry.settle(fix)
    } else if (opener.pending !== undefined) {
      context.report('malformed-tag', opener.piece.start, opener.piece.end, opener.pending)
    } else if (!opener.malformed && !entry.malformed) {
      context.report(
        'closer-case-mismatch',
        entry.piece.start,
        entry.piece.end,
        `${entry.piece.text} does not repeat the spelling of its opener ${opener.piece.text}, so both show as text`,
        { range: [entry.piece.start, entry.piece.end], text: `[/${opener.spelling}]` },
      )
    }
  }
  const left = [...open.values()].flat().sort((a, b) => a.piece.start - b.piece.start)
  for (const entry of left) {
    if (entry.settle) entry.settle(undefined)
    else if (!entry.malformed) unclosed.push(entry)
  }
}

/**
 * One fix that renames both halves of a pair, when both can be renamed. It is
 * local when no other opener or closer of the parent lies between them, as
 * one that did could pair with a tag outside the fix.
 */
function pairFix(context: LintContext, opener: Entry, closer: Entry, adjacent: boolean): LintFix | undefined {
  if (opener.rename === undefined || closer.rename === undefined) return undefined
  return context.joinFixes(
    [opener, closer].map(({ piece, rename }) => ({ range: [piece.start, piece.end], text: rename! })),
    adjacent,
  )
}

function pairs(opener: Entry, closer: Entry): boolean {
  // a same-spelling block pair that the parser left as text was no pair: each stays unpaired
  return closer.settle !== undefined || opener.malformed || closer.malformed || opener.spelling !== closer.spelling
}

/** Unclosed openers and stray closers, told apart from crossed blocks (`[info]a[qt]b[/info]c[/qt]`). */
function reportUnpaired(context: LintContext, unclosed: Entry[], stray: Entry[]): void {
  // per spelling: the last stray closer, and the earliest end of a block holding an unclosed opener
  const lastStray = new Map<string, number>()
  for (const closer of stray) lastStray.set(closer.spelling, Math.max(lastStray.get(closer.spelling) ?? -1, closer.piece.start))
  const firstEnd = new Map<string, number>()
  for (const opener of unclosed) {
    if (opener.piece.parent.type === 'root') continue
    const end = opener.piece.parent.position!.end.offset
    firstEnd.set(opener.spelling, Math.min(firstEnd.get(opener.spelling) ?? Infinity, end))
  }
  for (const opener of unclosed) {
    const { piece } = opener
    const parentEnd = piece.parent.type === 'root' ? Infinity : piece.parent.position!.end.offset
    const crossed = (lastStray.get(opener.spelling) ?? -1) >= parentEnd
    const why = crossed ? `its closer [/${opener.spelling}] comes after the enclosing block ends (crossed tags)` : `it has no closer [/${opener.spelling}]`
    context.report('unclosed-tag', piece.start, piece.end, `${piece.text} shows as text: ${why}`)
  }
  for (const closer of stray) {
    const { piece } = closer
    const crossed = (firstEnd.get(closer.spelling) ?? Infinity) <= piece.start
    const why = crossed ? 'its opener is inside a block that ends before it (crossed tags)' : `no [${closer.spelling}] is open before it`
    context.report('stray-closer', piece.start, piece.end, `${piece.text} shows as text: ${why}`)
  }
}
