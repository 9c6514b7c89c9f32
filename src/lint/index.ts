/** The lint part: rules that find mistakes in markup, their fixes, and a terminal report of them. */
export { lint, applyFixes, fixMarkup, MAX_FIX_ROUNDS } from './lint.ts'
export { LINT_RULES, type Diagnostic, type LintCode, type LintFix, type LintOptions, type RuleSetting, type Severity } from './context.ts'
export { formatDiagnostics, MAX_SOURCE_WIDTH, type FormatDiagnosticsOptions } from './format-diagnostics.ts'
