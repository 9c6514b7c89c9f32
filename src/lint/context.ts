/** What the rules share: rule codes and severities, diagnostics and fixes, and the context that collects them for one body. */
import type { Point, Position } from '../markup/nodes.ts'
import { locator } from '../markup/location.ts'

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
  'mention-in-code': 'warning',
  'not-chatwork': 'warning',
  'editor-form': 'warning',
  'system-tag': 'warning',
  'empty-block': 'warning',
  'preview-without-height': 'info',
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
  /** The `body-too-long` limit in characters (code points). Default `MAX_BODY_LENGTH` (65,535). */
  maxLength?: number
}

/**
 * Collects diagnostics for one body: knows the severities, and turns offsets
 * into points. Shared by the tree rules (lint.ts) and the text rules (text.ts).
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

  /**
   * One fix made of edits that only make sense together, such as the renames
   * of an opener and its closer: it spans them all, so that it is applied
   * whole (either rename alone would leave an unclosed opener or a stray
   * closer). `local` says that no literal opener or closer of the same parent
   * lies in the span, so that checking the span alone can tell whether the
   * fix is safe (see {@link keepSafeFixes} in lint.ts).
   */
  joinFixes(edits: readonly LintFix[], local: boolean): LintFix {
    let text = ''
    let at = edits[0].range[0]
    for (const edit of edits) {
      text += this.body.slice(at, edit.range[0]) + edit.text
      at = edit.range[1]
    }
    const fix: LintFix = { range: [edits[0].range[0], at], text }
    JOINED.set(fix, { edits, local })
    return fix
  }
}

/** The edits of each joined fix (see {@link LintContext.joinFixes}), and whether it can be checked alone. */
const JOINED = new WeakMap<LintFix, { edits: readonly LintFix[]; local: boolean }>()

/** What a fix made by {@link LintContext.joinFixes} joins; `undefined` for a fix of one edit. */
export function joinedEdits(fix: LintFix): { edits: readonly LintFix[]; local: boolean } | undefined {
  return JOINED.get(fix)
}

/** The edits a fix is made of: those it joins, or itself. */
export function editsOf(fix: LintFix): readonly LintFix[] {
  return JOINED.get(fix)?.edits ?? [fix]
}
