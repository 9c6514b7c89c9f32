/**
 * The markup linter. Chatwork never rejects a body: whatever is not a valid
 * tag is shown as text. So mistakes are silent; `lint` makes them visible,
 * with positions, and with a safe fix where the intended markup is certain.
 *
 * Rules on the tree (tags that exist but say something unwanted) live here;
 * rules on text that looks like a tag but is not one live in text.ts.
 */
import type { Code, Node, Parent, Quote, Root } from '../markup/nodes.ts'
import { parse } from '../markup/parse.ts'
import { stringify } from '../markup/stringify.ts'
import { SKIP, visit } from '../markup/visit.ts'
import { MAX_BODY_LENGTH } from '../markup/body.ts'
import { lintText, pairing, readAs } from './text.ts'
import { LINT_RULES, LintContext, editsOf, joinedEdits, type Diagnostic, type LintCode, type LintFix, type LintOptions, type RuleSetting } from './context.ts'
import { BLOCK_NAMES, attributes } from '../markup/grammar-actions.ts'

/**
 * Finds markup mistakes in a body, or in a tree (which is printed with
 * `stringify` first, so positions point into that markup). Never throws.
 * Diagnostics come sorted by position.
 *
 * @example
 * lint('[info]Hello[/Info] [To: 123]')
 * // [
 * //   { code: 'closer-case-mismatch', severity: 'error', message: '[/Info] does not repeat …', position: …, fix: { range: [11, 18], text: '[/info]' } },
 * //   { code: 'malformed-tag', severity: 'error', message: '[To: 123] is not a tag: …', position: …, fix: { range: [19, 28], text: '[To:123]' } },
 * // ]
 */
export function lint(bodyOrTree: string | Node, options: LintOptions = {}): Diagnostic[] {
  const body = typeof bodyOrTree === 'string' ? bodyOrTree : stringify(bodyOrTree)
  const maxLength = options.maxLength ?? MAX_BODY_LENGTH
  const root = parse(body)
  const settings = { ...LINT_RULES, ...options.rules }
  const context = collect(body, root, settings, maxLength)
  keepSafeFixes(context, root, maxLength, settings)
  return context.diagnostics.sort((a, b) => a.position.start.offset - b.position.start.offset || a.position.end.offset - b.position.end.offset)
}

/** Every rule's findings on a parsed body, fixes unchecked. */
function collect(body: string, root: Root, settings: Record<LintCode, RuleSetting>, maxLength: number): LintContext {
  const context = new LintContext(body, settings)
  lintTree(context, root)
  lintText(context, root)
  lintLength(context, maxLength)
  return context
}

/**
 * Characters that one `lint` may parse and lint again to check fixes of
 * blocks: a few checks of a body of the largest size, thousands of a small
 * fix. Past it such fixes are not offered, so that lint stays linear.
 */
const CHECK_BUDGET = 1 << 17

/**
 * Drops each fix that would change more than its own tags: a fix is kept only
 * if the text with it applied has no error that it did not have, and still
 * holds every tag and block it held, in place.
 *
 * Why: openers and closers pair by spelling across the whole body, so renaming
 * one tag can re-pair the rest (`[CODE]a[/code]b[/CODE]` lower-cased ends at
 * the first `[/code]`; a fixed `[info ]` takes a `[/info]` that crossed blocks
 * had left stray). Checking the whole body again costs a lint per fix, so the
 * fix's own span is checked alone wherever that tells the same:
 * - a fix that touches no block name makes an inline tag, which pairs with nothing;
 * - a local joined fix (a renamed pair, a lower-cased block) whose span takes
 *   the same part in the body's pairing before and after ({@link pairing})
 *   leaves the rest as it was.
 *
 * Other fixes of blocks (a closer renamed to match its opener, a spaced name)
 * are checked on the whole body. Both kinds of check of blocks draw on
 * {@link CHECK_BUDGET}: spans can nest, and bodies can hold thousands of fixes.
 */
function keepSafeFixes(context: LintContext, root: Root, maxLength: number, settings: Record<LintCode, RuleSetting>): void {
  const body = context.body
  // the body's own diagnostics tell its errors, unless options turned an error rule off
  const ownErrors = Object.entries(LINT_RULES).every(([code, setting]) => setting !== 'error' || settings[code as LintCode] !== 'off')
  // the two halves of a pair share one fix, checked once
  const checked = new Map<LintFix, boolean>()
  let before: Survey | undefined
  let budget = CHECK_BUDGET
  const afford = (cost: number): boolean => (budget -= cost) >= 0
  const isSafe = (fix: LintFix): boolean => {
    const joined = joinedEdits(fix)
    const edits = joined?.edits ?? [fix]
    const written = body.slice(...fix.range)
    // alone, a span cannot tell that the body grows too long
    const growsTooLong = fix.text.length > written.length && body.length - written.length + fix.text.length > maxLength
    if (!growsTooLong && joined === undefined && !touchesBlock(body, edits)) {
      // inline fixes do not overlap, so checking them all costs one lint: no budget
      return keepsAlone(written, fix.text, [{ range: [0, written.length], text: fix.text }], maxLength, () => true) ?? false
    }
    if (!growsTooLong && joined?.local) {
      const start = fix.range[0]
      const shifted = edits.map(({ range, text }) => ({ range: [range[0] - start, range[1] - start] as [number, number], text }))
      const alone = keepsAlone(written, fix.text, shifted, maxLength, afford)
      if (alone !== undefined) return alone
    }
    return (
      afford(body.length * (before === undefined && !ownErrors ? 2 : 1)) &&
      keeps((before ??= survey(body, maxLength, root, ownErrors ? context.diagnostics : undefined)), survey(splice(body, edits), maxLength), edits)
    )
  }
  for (const diagnostic of context.diagnostics) {
    const fix = diagnostic.fix
    if (fix === undefined) continue
    if (!checked.has(fix)) checked.set(fix, isSafe(fix))
    if (!checked.get(fix)) delete diagnostic.fix
  }
}

/** A block name right after `[` or `[/` (spaces allowed, as in near-tags). */
const BLOCK_TAG = /^\[\/?[ \t\u3000]*([A-Za-z]+)/

/** Whether an edit replaces or writes a block's opener or closer (or something that starts like one). */
function touchesBlock(body: string, edits: readonly LintFix[]): boolean {
  const isBlock = (written: string) => BLOCK_NAMES.has(BLOCK_TAG.exec(written)?.[1].toLowerCase() ?? '')
  return edits.some(({ range, text }) => isBlock(body.slice(...range)) || isBlock(text))
}

/** What a fix must not make worse: the errors of a text (as `code start end`) and its tags and blocks (as `type start end`). */
interface Survey {
  errors: [code: string, start: number, end: number][]
  tags: [type: string, start: number, end: number][]
}

/** Nodes that are not markup: text, and what the renderer finds in it. */
const NOT_MARKUP = new Set<Node['type']>(['root', 'text', 'link', 'emoticon'])

/**
 * The survey of a text. Errors are the findings of rules that are errors by
 * default, whatever the options say, so that the diagnostics of a lint with
 * all of those rules on can stand for them.
 */
function survey(text: string, maxLength: number, root = parse(text), diagnostics = collect(text, root, LINT_RULES, maxLength).diagnostics): Survey {
  const errors: Survey['errors'] = []
  for (const { code, position } of diagnostics) {
    // where a body starts to be too long moves with every fix before it: one such error is the same as another
    if (LINT_RULES[code] === 'error') errors.push(code === 'body-too-long' ? [code, 0, 0] : [code, position.start.offset, position.end.offset])
  }
  const tags: Survey['tags'] = []
  visit(root, (node) => {
    if (!NOT_MARKUP.has(node.type)) tags.push([node.type, ...span(node)])
  })
  return { errors, tags }
}

/**
 * Whether `after`, the survey of the text with `edits` applied, has no error
 * that `before` lacks and holds each tag and block of `before`, where the
 * edits moved them.
 */
function keeps(before: Survey, after: Survey, edits: readonly LintFix[]): boolean {
  // an offset moves by the growth of every edit that ends before it: found by bisection among the edits, in order
  const growth = [0]
  for (const { range, text } of edits) growth.push(growth.at(-1)! + text.length - (range[1] - range[0]))
  const move = (offset: number): number => {
    let [low, high] = [0, edits.length]
    while (low < high) {
      const middle = (low + high) >> 1
      if (edits[middle].range[1] <= offset) low = middle + 1
      else high = middle
    }
    return offset + growth[low]
  }
  const moved = ([kind, start, end]: [string, number, number]): string => (kind === 'body-too-long' ? kind : `${kind} ${move(start)} ${move(end)}`)
  const errors = new Map<string, number>()
  for (const error of before.errors) errors.set(moved(error), (errors.get(moved(error)) ?? 0) + 1)
  for (const [code, start, end] of after.errors) {
    const key = code === 'body-too-long' ? code : `${code} ${start} ${end}`
    const left = errors.get(key) ?? 0
    if (left === 0) return false
    errors.set(key, left - 1)
  }
  const held = new Set(after.tags.map(([type, start, end]) => `${type} ${start} ${end}`))
  return before.tags.every((tag) => held.has(moved(tag)))
}

/** Most checks {@link keepsAlone} remembers, of spans up to {@link CACHED_LENGTH} long: bodies that repeat a mistake thousands of times check it once. */
const CACHE_SIZE = 1024
const CACHED_LENGTH = 256
const aloneChecks = new Map<string, boolean | undefined>()

/**
 * {@link keeps} for a span checked alone, where `written` becomes `text` by
 * `edits` (offsets in the span); undefined when the span alone cannot tell,
 * as the rest of the body may pair with it ({@link pairing}). A check not
 * remembered is made only if `afford` grants its cost; false if it does not.
 */
function keepsAlone(written: string, text: string, edits: readonly LintFix[], maxLength: number, afford: (cost: number) => boolean): boolean | undefined {
  const length = written.length + text.length
  const key = length <= CACHED_LENGTH ? `${maxLength} ${edits.map(({ range }) => range.join()).join(' ')}\u0000${written}\u0000${text}` : undefined
  if (key !== undefined && aloneChecks.has(key)) return aloneChecks.get(key)
  if (!afford(length)) return false
  const paired = pairing(written)
  const known = paired === undefined || paired !== pairing(text) ? undefined : keeps(survey(written, maxLength), survey(text, maxLength), edits)
  if (key !== undefined) {
    if (aloneChecks.size >= CACHE_SIZE) aloneChecks.clear()
    aloneChecks.set(key, known)
  }
  return known
}

/** Offsets of a parsed node (parsed nodes always have a position). */
function span(node: Node): [number, number] {
  return [node.position!.start.offset, node.position!.end.offset]
}

/** The tag name as written at the start of an opener (`INFO` in `[INFO a=b]`). */
function writtenName(open: string): string {
  return /^\[([A-Za-z]+)/.exec(open)![1]
}

const SYSTEM_TAGS = new Set<Node['type']>(['dtext', 'deleted', 'task', 'download'])
const MENTIONS = ['to', 'toall', 'reply'] as const
const MENTION_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set(MENTIONS)
/** Message ids have at most 19 digits (spec §9). */
const MESSAGE_ID = /^\d{1,19}$/
const QUOTED_VALUE = /=(["'])([^"'\s\]]*)\1/g
/** Where the attributes of a reply's source start, after `[rp`. */
const REPLY_ATTRIBUTES = 3
/** Where the attributes of a preview's source start, after `[preview`. */
const PREVIEW_ATTRIBUTES = 8
/** A bracketed piece of code's content, which may read as a tag outside code. */
const BRACKETED = /\[[^[\]]*\]/g
/** One `key=value` item of an attribute list, as the parser splits it. */
const ATTRIBUTE = /[^ \t\r\n]+/g

function lintTree(context: LintContext, root: Root): void {
  visit(root, (node) => {
    switch (node.type) {
      case 'to':
      case 'picon':
      case 'pname':
      case 'piconname':
      case 'qtmeta':
        if (node.accountId === 0) context.report('invalid-id', ...span(node), `${node.source} names account 0, which does not exist`)
        break
      case 'reply':
        lintReply(context, node.source!, span(node), node.accountId, node.roomId, node.messageId)
        break
      case 'preview':
        if (node.fileId === 0) context.report('invalid-id', ...span(node), `${node.source} names file 0, which does not exist`)
        if (!attributes(node.source!.slice(PREVIEW_ATTRIBUTES, -1))!.has('ht')) {
          context.report('preview-without-height', ...span(node), `${node.source} has no ht=; Chatwork always writes the height in pixels, and how it shows a preview without one is not known`)
        }
        break
      case 'quote':
        if (node.accountId === 0) context.report('invalid-id', ...span(node), `${node.meta} names account 0, which does not exist`)
        lintCase(context, node)
        break
      case 'code':
        lintCase(context, node)
        lintEmpty(context, node)
        break
      case 'info':
      case 'title':
        lintEmpty(context, node)
        break
      case 'toall':
        context.report('toall', ...span(node), `${node.source} notifies every member of the room`)
        break
    }
    if (SYSTEM_TAGS.has(node.type)) {
      const written = 'source' in node ? node.source : (node as { open: string }).open
      context.report('system-tag', ...span(node), `${written} is made by Chatwork for system messages; a message you send should not contain it`)
    }
    if ('source' in node || 'open' in node || 'meta' in node) lintQuotedValues(context, node)
  })
  visit(root, 'quote', (quote) => {
    visit(quote, MENTIONS, (mention) => {
      context.report('mention-in-quote', ...span(mention), `${mention.source} is inside [qt], so it notifies nobody`)
    })
    return SKIP
  })
  visit(root, (node) => {
    // inside a quote nothing notifies, code or not
    if (node.type === 'quote') return SKIP
    if (node.type === 'code') lintMentionsInCode(context, node)
  })
}

/**
 * Text in code that would be a mention outside it. Code is opaque, so the
 * parser makes no mention of it; but Chatwork's server works out whom to
 * notify by its own rules, which are not known for code (spec §8).
 */
function lintMentionsInCode(context: LintContext, code: Code): void {
  const start = span(code)[0] + code.open!.length
  for (const match of code.value.matchAll(BRACKETED)) {
    const type = readAs(match[0])
    if (type === undefined || !MENTION_TYPES.has(type)) continue
    const at = start + match.index
    context.report('mention-in-code', at, at + match[0].length, `${match[0]} is inside [code]: it shows as text, but Chatwork may or may not notify for it (its behaviour inside code is not known)`)
  }
}

function lintReply(context: LintContext, source: string, [start, end]: [number, number], accountId: number, roomId: number, messageId: string): void {
  if (accountId === 0 || roomId === 0 || /^0+$/.test(messageId) || !MESSAGE_ID.test(messageId)) {
    const what = accountId === 0 ? 'account 0' : roomId === 0 ? 'room 0' : `message ${messageId}`
    context.report('invalid-id', start, end, `${source} names ${what}, which cannot exist (message ids are 1 to 19 digits)`)
  }
  // the parser reads the first to= only (the first of each key wins), so only that one is checked
  const to = [...source.slice(REPLY_ATTRIBUTES, -1).matchAll(ATTRIBUTE)].find((item) => item[0].startsWith('to='))!
  const colon = /^to=\d+:\d+$/.test(to[0]) ? REPLY_ATTRIBUTES + to.index + to[0].indexOf(':') : -1
  if (colon !== -1) {
    const text = `${source.slice(0, colon)}-${source.slice(colon + 1)}`
    context.report('malformed-tag', start, end, `${source} writes to=ROOM:MESSAGE, an unverified form that links nowhere; use to=ROOM-MESSAGE`, { range: [start, end], text })
  }
}

/** `[QT]` and `[CODE]`: the fix lower-cases the opener's name and the closer. */
function lintCase(context: LintContext, node: Quote | Code): void {
  if (node.open === undefined || node.close === undefined) return
  const name = writtenName(node.open)
  if (name === name.toLowerCase()) return
  const [start, end] = span(node)
  const closeEnd = end - (node.lineFeed ? 1 : 0)
  // the block is one child of its parent: no literal opener or closer of the parent lies in it
  const fix = context.joinFixes(
    [
      { range: [start, start + 1 + name.length], text: `[${name.toLowerCase()}` },
      { range: [closeEnd - node.close.length, closeEnd], text: node.close.toLowerCase() },
    ],
    true,
  )
  context.report('uppercase-block', start, start + node.open.length, `[${name}] is not lower-case; some Chatwork clients fail on it`, fix)
}

function lintEmpty(context: LintContext, node: Exclude<Parent, Root> | Code): void {
  const blank = node.type === 'code' ? node.value.trim() === '' : node.children.every((child) => child.type === 'text' && child.value.trim() === '')
  if (!blank || node.open === undefined) return
  const [start, end] = span(node)
  context.report('empty-block', start, end, `${node.open} is empty`)
}

/** Quotes are not syntax in attributes (`aid="1"`); the fix removes them when the tag then reads the same. */
function lintQuotedValues(context: LintContext, node: Node): void {
  const written = [(node as { source?: string }).source, (node as { open?: string }).open, (node as { meta?: string }).meta]
  const [nodeStart] = span(node)
  let offset = nodeStart
  for (const part of written) {
    if (part === undefined) continue
    if (QUOTED_VALUE.test(part)) {
      const text = part.replace(QUOTED_VALUE, '=$2')
      const start = context.body.indexOf(part, offset)
      context.report('malformed-tag', start, start + part.length, `${part} has quotes around a value; quotes are not syntax and become part of the value`, {
        range: [start, start + part.length],
        text,
      })
    }
    QUOTED_VALUE.lastIndex = 0
    offset += part.length
  }
}

function lintLength(context: LintContext, maxLength: number): void {
  const body = context.body
  if (body.length <= maxLength) return
  let count = 0
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i)
    // the second half of a surrogate pair is part of the same character
    if (code >= 0xdc00 && code <= 0xdfff && i > 0 && body.charCodeAt(i - 1) >= 0xd800 && body.charCodeAt(i - 1) <= 0xdbff) continue
    if (++count > maxLength) {
      context.report('body-too-long', i, body.length, `the body is longer than ${maxLength} characters, so the API rejects it`)
      return
    }
  }
}

/**
 * Applies the fixes of some diagnostics to the body they came from. Where two
 * fixes overlap, the first wins; lint again to apply the rest (or use
 * {@link fixMarkup}, which does).
 *
 * Fixes that are each safe alone can still clash: in `[titel][ info][/titel][/info ]`,
 * `[/info]` alone closes the malformed `[ info]`, but once the renamed
 * `[title]` holds that opener it is a stray closer. So when more than one fix
 * touches a block name, the result is checked as {@link lint} checks each fix,
 * and if it fails, only the longest run of fixes from the first that passes
 * is applied.
 *
 * @example
 * const body = '[To: 1] hi'
 * applyFixes(body, lint(body)) // '[To:1] hi'
 */
export function applyFixes(body: string, diagnostics: readonly Diagnostic[]): string {
  const fixes: LintFix[] = []
  let done = 0
  for (const fix of diagnostics.flatMap((d) => (d.fix ? [d.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    if (fix.range[0] < done) continue
    fixes.push(fix)
    done = fix.range[1]
  }
  if (fixes.filter((fix) => touchesBlock(body, editsOf(fix))).length < 2) return splice(body, fixes)
  const before = survey(body, MAX_BODY_LENGTH)
  const safe = (count: number): boolean => {
    const edits = fixes.slice(0, count).flatMap(editsOf)
    return keeps(before, survey(splice(body, edits), MAX_BODY_LENGTH), edits)
  }
  if (safe(fixes.length)) return splice(body, fixes)
  // the first fix alone is safe (lint checked it); bisect for a longer run that is
  let [good, bad] = [1, fixes.length]
  while (bad - good > 1) {
    const middle = (good + bad) >> 1
    if (safe(middle)) good = middle
    else bad = middle
  }
  return splice(body, fixes.slice(0, good))
}

/** The body with non-overlapping fixes, sorted by position, applied. */
function splice(body: string, fixes: readonly LintFix[]): string {
  let out = ''
  let done = 0
  for (const { range, text } of fixes) {
    out += body.slice(done, range[0]) + text
    done = range[1]
  }
  return out + body.slice(done)
}

/**
 * Most rounds of lint-and-fix {@link fixMarkup} runs; each round applies every fix that does not overlap another.
 *
 * @example
 * MAX_FIX_ROUNDS // 10
 */
export const MAX_FIX_ROUNDS = 10

/**
 * Applies every safe fix, linting again after each round until nothing
 * changes: fixes that overlapped in one round are applied in the next.
 *
 * @example
 * fixMarkup('[INFO]x[/info] [titel]T[/titel]') // '[INFO]x[/INFO] [title]T[/title]'
 */
export function fixMarkup(body: string, options: LintOptions = {}): string {
  let current = body
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const next = applyFixes(current, lint(current, options))
    if (next === current) break
    current = next
  }
  return current
}
