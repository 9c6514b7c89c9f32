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
  const gutter = String(Math.max(1, ...diagnostics.map((d) => d.position.start.line))).length
  return diagnostics
    .map((diagnostic) => {
      const { start, end } = diagnostic.position
      const location = `${options.filename === undefined ? '' : `${options.filename}:`}${start.line}:${start.column}`
      const header = `${paint(1, location)}  ${paint(SEVERITY_COLORS[diagnostic.severity], diagnostic.severity)}  ${diagnostic.message}  ${paint(2, diagnostic.code)}`
      const line = (lines[start.line - 1] ?? '').replace(/\r$/, '')
      const spanEnd = end.line === start.line ? end.column - 1 : line.length
      const [shown, caretAt, caretWidth] = excerpt(line, start.column - 1, Math.max(spanEnd, start.column))
      const pad = ' '.repeat(gutter)
      const caret = paint(SEVERITY_COLORS[diagnostic.severity], '^'.repeat(caretWidth))
      return `${header}\n  ${String(start.line).padStart(gutter)} | ${shown}\n  ${pad} | ${' '.repeat(caretAt)}${caret}`
    })
    .join('\n\n')
}

/**
 * The part of a line to show, with tabs as spaces, cut with `…` when wider
 * than {@link MAX_SOURCE_WIDTH}; and the caret's column and width in it.
 */
function excerpt(line: string, from: number, to: number): [shown: string, caretAt: number, caretWidth: number] {
  let first = 0
  if (width(line) > MAX_SOURCE_WIDTH && from > CONTEXT_BEFORE) first = from - CONTEXT_BEFORE
  let shown = first > 0 ? '…' : ''
  let column = shown.length
  let caretAt = column
  let caretWidth = 0
  for (let i = first; i < line.length; ) {
    const point = line.codePointAt(i)!
    const char = point === 9 ? ' ' : String.fromCodePoint(point)
    const w = charWidth(point)
    if (column + w > MAX_SOURCE_WIDTH - 1 && i + char.length < line.length) {
      shown += '…'
      break
    }
    if (i === from) caretAt = column
    if (i >= from && i < to) caretWidth += w
    shown += char
    column += w
    i += point > 0xffff ? 2 : 1
  }
  if (from >= line.length) caretAt = column
  return [shown, caretAt, Math.max(1, caretWidth)]
}

function width(text: string): number {
  let total = 0
  for (const char of text) total += charWidth(char.codePointAt(0)!)
  return total
}

/** Terminal columns of a character: 2 for East Asian wide and emoji, 0 for zero-width marks, else 1. */
function charWidth(point: number): number {
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
