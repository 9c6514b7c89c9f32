/**
 * The markup linter. Chatwork never rejects a body: whatever is not a valid
 * tag is shown as text. So mistakes are silent; `lint` makes them visible,
 * with positions, and with a safe fix where the intended markup is certain.
 *
 * Rules on the tree (tags that exist but say something unwanted) live here;
 * rules on text that looks like a tag but is not one live in lint-text.ts.
 */
import type { Code, Node, Parent, Point, Position, Quote, Root } from './nodes.ts'
import { parse } from './parse.ts'
import { stringify } from './stringify.ts'
import { SKIP, visit } from './visit.ts'
import { lintText } from './lint-text.ts'
import { locator } from './location.ts'
import { MAX_BODY_LENGTH } from './message-body.ts'

/**
 * How much a diagnostic matters; `error` fails `chatwork-kit lint`.
 *
 * @example
 * const errors = lint(body).filter((d) => d.severity === 'error')
 */
export type Severity = 'error' | 'warning' | 'info'

/**
 * A rule's setting in {@link LintOptions.rules}: its severity, or `off`.
 *
 * @example
 * const rules: Partial<Record<LintCode, RuleSetting>> = { 'mention-in-quote': 'off', toall: 'info' }
 */
export type RuleSetting = Severity | 'off'

/**
 * Every rule, by its stable code, with its default setting.
 *
 * @example
 * lint(body, { rules: { ...LINT_RULES, toall: 'warning' } })
 */
export const LINT_RULES = {
  'unclosed-tag': 'error',
  'stray-closer': 'error',
  'closer-case-mismatch': 'error',
  'malformed-tag': 'error',
  'unknown-tag': 'warning',
  'uppercase-block': 'warning',
  'invalid-id': 'error',
  'mention-in-quote': 'warning',
  'editor-form': 'warning',
  'system-tag': 'warning',
  'empty-block': 'warning',
  'body-too-long': 'error',
  toall: 'off',
} as const satisfies Record<string, RuleSetting>

/**
 * The stable code of a rule.
 *
 * @example
 * const code: LintCode = 'unclosed-tag'
 */
export type LintCode = keyof typeof LINT_RULES

/**
 * A replacement of `body.slice(range[0], range[1])` by `text` (offsets in UTF-16 code units).
 *
 * @example
 * lint('[To: 1]')[0].fix // { range: [0, 7], text: '[To:1]' }
 */
export interface LintFix {
  range: [start: number, end: number]
  text: string
}

/**
 * One finding of {@link lint}.
 *
 * @example
 * const [d] = lint('[info]x')
 * // { code: 'unclosed-tag', severity: 'error', message: '[info] shows as text: it has no closer [/info]',
 * //   position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 7, offset: 6 } } }
 */
export interface Diagnostic {
  /** The rule that found it. */
  code: LintCode
  severity: Severity
  /** One sentence saying what was found and why it matters. */
  message: string
  /** The span in the body (end exclusive). */
  position: Position
  /** A safe replacement, present only where the intended markup is certain. */
  fix?: LintFix
}

/**
 * Options of {@link lint}.
 *
 * @example
 * lint(body, { rules: { 'empty-block': 'off', toall: 'warning' }, maxLength: 10_000 })
 */
export interface LintOptions {
  /** Severity per rule, or `'off'`; unset rules keep their {@link LINT_RULES} default. */
  rules?: Partial<Record<LintCode, RuleSetting>>
  /** The `body-too-long` limit in characters (code points). Default {@link MAX_BODY_LENGTH}. */
  maxLength?: number
}

/**
 * Collects diagnostics for one body: knows the severities, and turns offsets
 * into points. Shared with the text rules of lint-text.ts.
 *
 * @example
 * const context = new LintContext(body, LINT_RULES)
 * context.report('unclosed-tag', 0, 6, '[info] shows as text')
 */
export class LintContext {
  readonly diagnostics: Diagnostic[] = []
  private readonly point: (offset: number) => Point

  constructor(
    readonly body: string,
    private readonly settings: Record<LintCode, RuleSetting>,
  ) {
    this.point = locator(body)
  }

  report(code: LintCode, start: number, end: number, message: string, fix?: LintFix): void {
    const severity = this.settings[code]
    if (severity === 'off') return
    const diagnostic: Diagnostic = { code, severity, message, position: { start: this.point(start), end: this.point(end) } }
    if (fix !== undefined) diagnostic.fix = fix
    this.diagnostics.push(diagnostic)
  }
}

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
  const context = new LintContext(body, { ...LINT_RULES, ...options.rules })
  const root = parse(body)
  lintTree(context, root)
  lintText(context, root)
  lintLength(context, options.maxLength ?? MAX_BODY_LENGTH)
  return context.diagnostics.sort((a, b) => a.position.start.offset - b.position.start.offset || a.position.end.offset - b.position.end.offset)
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
/** Message ids have at most 19 digits (spec §9). */
const MESSAGE_ID = /^\d{1,19}$/
const QUOTED_VALUE = /=(["'])([^"'\s\]]*)\1/g

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
}

function lintReply(context: LintContext, source: string, [start, end]: [number, number], accountId: number, roomId: number, messageId: string): void {
  if (accountId === 0 || roomId === 0 || /^0+$/.test(messageId) || !MESSAGE_ID.test(messageId)) {
    const what = accountId === 0 ? 'account 0' : roomId === 0 ? 'room 0' : `message ${messageId}`
    context.report('invalid-id', start, end, `${source} names ${what}, which cannot exist (message ids are 1 to 19 digits)`)
  }
  const colon = /(\sto=\d+):(\d+)/.exec(source)
  if (colon !== null) {
    const text = source.slice(0, colon.index) + `${colon[1]}-${colon[2]}` + source.slice(colon.index + colon[0].length)
    context.report('malformed-tag', start, end, `${source} writes to=ROOM:MESSAGE, an unverified form that links nowhere; use to=ROOM-MESSAGE`, { range: [start, end], text })
  }
}

/** `[QT]` and `[CODE]`: the fix lower-cases the opener and its closer. */
function lintCase(context: LintContext, node: Quote | Code): void {
  if (node.open === undefined || node.close === undefined) return
  const name = writtenName(node.open)
  if (name === name.toLowerCase()) return
  const [start, end] = span(node)
  const closeEnd = end - (node.lineFeed ? 1 : 0)
  const closeStart = closeEnd - node.close.length
  const body = context.body
  const text =
    '[' + name.toLowerCase() + body.slice(start + 1 + name.length, closeStart) + node.close.toLowerCase() + body.slice(closeEnd, end)
  context.report('uppercase-block', start, start + node.open.length, `[${name}] is not lower-case; some Chatwork clients fail on it`, {
    range: [start, end],
    text,
  })
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
 * @example
 * const body = '[To: 1] hi'
 * applyFixes(body, lint(body)) // '[To:1] hi'
 */
export function applyFixes(body: string, diagnostics: readonly Diagnostic[]): string {
  const fixes = diagnostics.flatMap((d) => (d.fix ? [d.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])
  let out = ''
  let done = 0
  for (const { range, text } of fixes) {
    if (range[0] < done) continue
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
