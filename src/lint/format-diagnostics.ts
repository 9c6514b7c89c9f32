/**
 * Compiler-style printing of lint diagnostics. Self-contained (no color
 * library) so that `chatwork-kit/markup` keeps no runtime dependencies.
 */
import type { Diagnostic, Severity } from './context.ts'

/**
 * Options of {@link formatDiagnostics}.
 *
 * @example
 * formatDiagnostics(lint(body), body, { filename: 'welcome.txt', color: process.stdout.isTTY })
 */
export interface FormatDiagnosticsOptions {
  /** Printed before each `line:col`; without it, the location is `line:col` alone. */
  filename?: string
  /** Color with ANSI escapes (default false; the CLI turns it on for terminals). */
  color?: boolean
}

/**
 * Source lines wider than this many columns are cut around the span.
 *
 * @example
 * MAX_SOURCE_WIDTH // 120
 */
export const MAX_SOURCE_WIDTH = 120
/** Columns of context kept before the span when a long line is cut. */
const CONTEXT_BEFORE = 40
/**
 * Code units of a line read for one excerpt at most, so that a line of
 * zero-width characters costs no more than a wide one: each diagnostic costs
 * a bounded amount, however long its line.
 */
const MAX_SOURCE_UNITS = MAX_SOURCE_WIDTH * 4

/**
 * Characters a terminal would act on or reorder: C0 controls but tab, DEL,
 * C1 controls (CSI, OSC, …), and the bidirectional overrides and isolates.
 * Excerpts and messages show them as a visible mark instead.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** A control character's visible stand-in: its Control Pictures symbol (␛ for ESC, ␡ for DEL), or � for the others. */
function visible(char: string): string {
  const point = char.charCodeAt(0)
  return point < 0x20 ? String.fromCharCode(0x2400 + point) : point === 0x7f ? '\u2421' : '\ufffd'
}

/** What an excerpt shows otherwise: tabs (as spaces) and the {@link CONTROL} characters. */
const SHOWN_DIFFERENTLY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const SHOWN_DIFFERENTLY_ALL = new RegExp(SHOWN_DIFFERENTLY.source, 'g')
/** {@link CONTROL} without the g flag, to test for it. */
const HAS_CONTROL = new RegExp(CONTROL.source)

function visibleText(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, visible) : text
}

const SEVERITY_COLORS: Record<Severity, number> = { error: 31, warning: 33, info: 36 }

type Paint = (code: number, text: string) => string

const ansi: Paint = (code, text) => `\u001B[${code}m${text}\u001B[${code === 1 || code === 2 ? 22 : 39}m`
const plain: Paint = (_, text) => text

/**
 * Prints diagnostics like a compiler: `file:line:col  severity  message  code`,
 * then the source line with a caret under the span. Diagnostics are separated
 * by a blank line; no diagnostics give an empty string.
 *
 * @example
 * const body = '[info]Hello'
 * console.log(formatDiagnostics(lint(body), body, { filename: 'hello.txt' }))
 * // hello.txt:1:1  error  [info] shows as text: it has no closer [/info]  unclosed-tag
 * //   1 | [info]Hello
 * //     | ^^^^^^
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], source: string, options: FormatDiagnosticsOptions = {}): string {
  const paint = options.color ? ansi : plain
  const lines = source.split('\n')
  // a loop, not Math.max(...lines): a spread of 125,000 arguments throws
  let lastLine = 1
  for (const diagnostic of diagnostics) lastLine = Math.max(lastLine, diagnostic.position.start.line)
  const gutter = String(lastLine).length
  const pad = ' '.repeat(gutter)
  const filename = options.filename === undefined ? '' : `${visibleText(options.filename)}:`
  // whether each line is too wide to show whole, measured once per line however many diagnostics it holds
  const long = new Map<number, boolean>()
  const parts: string[] = []
  for (const diagnostic of diagnostics) {
    const { start, end } = diagnostic.position
    const color = SEVERITY_COLORS[diagnostic.severity]
    const header = `${paint(1, `${filename}${start.line}:${start.column}`)}  ${paint(color, diagnostic.severity)}  ${visibleText(diagnostic.message)}  ${paint(2, diagnostic.code)}`
    let line = lines[start.line - 1] ?? ''
    if (line.endsWith('\r')) line = line.slice(0, -1)
    let cut = long.get(start.line)
    if (cut === undefined) long.set(start.line, (cut = line.length > MAX_SOURCE_UNITS || tooWide(line)))
    const spanEnd = end.line === start.line ? end.column - 1 : line.length
    const [shown, caretAt, caretWidth] = excerpt(line, cut, start.column - 1, Math.max(spanEnd, start.column))
    const caret = paint(color, '^'.repeat(caretWidth))
    parts.push(`${header}\n  ${String(start.line).padStart(gutter)} | ${shown}\n  ${pad} | ${' '.repeat(caretAt)}${caret}`)
  }
  return parts.join('\n\n')
}

/**
 * The part of a line to show, with tabs as spaces and control characters
 * visible, cut with `…` when it is `long` (wider than {@link MAX_SOURCE_WIDTH},
 * or longer than what one excerpt reads); and the caret's column and width in it.
 */
function excerpt(line: string, long: boolean, from: number, to: number): [shown: string, caretAt: number, caretWidth: number] {
  let first = 0
  if (long && from > CONTEXT_BEFORE) {
    first = from - CONTEXT_BEFORE
    // never start on the second half of a surrogate pair
    if ((line.charCodeAt(first) & 0xfc00) === 0xdc00) first--
  }
  let column = first > 0 ? 1 : 0
  let caretAt = column
  let caretWidth = 0
  let i = first
  while (i < line.length) {
    const point = line.codePointAt(i)!
    const units = point > 0xffff ? 2 : 1
    const w = charWidth(point)
    if ((column + w > MAX_SOURCE_WIDTH - 1 || i - first >= MAX_SOURCE_UNITS) && i + units < line.length) break
    if (i === from) caretAt = column
    if (i >= from && i < to) caretWidth += w
    column += w
    i += units
  }
  if (from >= line.length) caretAt = column
  // one slice, then the few replacements, rather than a string built character by character
  let shown = line.slice(first, i)
  if (SHOWN_DIFFERENTLY.test(shown)) shown = shown.replace(SHOWN_DIFFERENTLY_ALL, (char) => (char === '\t' ? ' ' : visible(char)))
  return [`${first > 0 ? '…' : ''}${shown}${i < line.length ? '…' : ''}`, caretAt, Math.max(1, caretWidth)]
}

/** Whether a line is wider than {@link MAX_SOURCE_WIDTH}; stops counting there. */
function tooWide(text: string): boolean {
  let total = 0
  for (const char of text) if ((total += charWidth(char.codePointAt(0)!)) > MAX_SOURCE_WIDTH) return true
  return false
}

/** Terminal columns of a character: 2 for East Asian wide and emoji, 0 for zero-width marks, else 1. */
function charWidth(point: number): number {
  if (point < 0x300) return 1
  if (point === 0x200b || point === 0x200c || point === 0x200d || point === 0xfeff || (point >= 0x300 && point <= 0x36f)) return 0
  const wide =
    (point >= 0x1100 && point <= 0x115f) ||
    (point >= 0x2e80 && point <= 0x303e) ||
    (point >= 0x3041 && point <= 0x33ff) ||
    (point >= 0x3400 && point <= 0x4dbf) ||
    (point >= 0x4e00 && point <= 0x9fff) ||
    (point >= 0xa000 && point <= 0xa4cf) ||
    (point >= 0xac00 && point <= 0xd7a3) ||
    (point >= 0xf900 && point <= 0xfaff) ||
    (point >= 0xfe30 && point <= 0xfe4f) ||
    (point >= 0xff00 && point <= 0xff60) ||
    (point >= 0xffe0 && point <= 0xffe6) ||
    (point >= 0x1f300 && point <= 0x1faff) ||
    (point >= 0x20000 && point <= 0x3fffd)
  return wide ? 2 : 1
}
