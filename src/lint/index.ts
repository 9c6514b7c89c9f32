/** The lint part: rules that find mistakes in markup, their fixes, and a terminal report of them. */
export {
  lint,
  applyFixes,
  fixMarkup,
  LINT_RULES,
  MAX_FIX_ROUNDS,
  type Diagnostic,
  type LintCode,
  type LintFix,
  type LintOptions,
  type RuleSetting,
  type Severity,
} from './lint.ts'
export { formatDiagnostics, MAX_SOURCE_WIDTH, type FormatDiagnosticsOptions } from './format-diagnostics.ts'
