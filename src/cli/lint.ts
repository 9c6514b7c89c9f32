/**
 * `chatwork-kit lint [files…]`: lints message bodies, prints the diagnostics
 * like a compiler (or as JSON), and applies the safe fixes with `--fix`.
 */
import { writeFile } from 'node:fs/promises'
import process from 'node:process'
import { CliUsageError, EXIT_FAILURE, EXIT_OK, STDIN, colors, readInputs, useColor, type RegisterCommand } from './io.ts'
import { formatDiagnostics } from '../lint/format-diagnostics.ts'
import { toJson } from './json.ts'
import { fixMarkup, lint, LINT_RULES, type Diagnostic, type LintCode, type LintOptions, type RuleSetting } from '../lint/index.ts'

interface LintFlags {
  format: string
  maxWarnings?: number | string
  fix?: boolean
  rule?: string | string[]
}

/** One file's outcome, as `--format json` prints it. */
interface FileResult {
  file: string
  errorCount: number
  warningCount: number
  infoCount: number
  /** Whether `--fix` changed the body. */
  fixed: boolean
  /** With `--fix` on stdin and `--format json`: the fixed body. */
  output?: string
  diagnostics: Diagnostic[]
}

/** `--max-warnings` when not given: any number of warnings passes. */
const UNLIMITED_WARNINGS = -1
const FORMATS = ['pretty', 'json']
const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off']

/** `--rule code=level`, repeatable, into lint options. */
function ruleOptions(rules: string | string[] | undefined): LintOptions {
  const settings: Partial<Record<LintCode, RuleSetting>> = {}
  for (const rule of rules === undefined ? [] : [rules].flat()) {
    const [code, setting] = String(rule).split('=')
    if (!(code in LINT_RULES)) throw new CliUsageError(`unknown rule "${code}" (rules: ${Object.keys(LINT_RULES).join(', ')})`)
    if (!SETTINGS.includes(setting as RuleSetting)) throw new CliUsageError(`--rule ${code}= takes ${SETTINGS.join(', ')}, not "${setting ?? ''}"`)
    settings[code as LintCode] = setting as RuleSetting
  }
  return { rules: settings }
}

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): number {
  return diagnostics.filter((d) => d.severity === severity).length
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * Registers `lint`.
 *
 * @example
 * // $ chatwork-kit lint messages/*.txt --max-warnings 0
 * // $ echo '[info]x' | chatwork-kit lint --format json
 */
export const registerLint: RegisterCommand = (cli) => {
  cli
    .command('lint [...files]', 'Lint message bodies (stdin when no file, or -)')
    .option('--format <format>', 'Output format: pretty or json', { default: 'pretty' })
    .option('--max-warnings <n>', 'Fail when there are more warnings than this (default: no limit)')
    .option('--fix', 'Write safe fixes back to the files (stdin: print the fixed body)')
    .option('--rule <code=level>', 'Set a rule to error, warning, info or off (repeatable)')
    .example('chatwork-kit lint messages/*.txt --max-warnings 0')
    .example('chatwork-kit lint --fix --rule toall=warning welcome.txt')
    .action(async (files: string[], flags: LintFlags) => {
      if (!FORMATS.includes(flags.format)) throw new CliUsageError(`unknown format "${flags.format}" (use pretty or json)`)
      const maxWarnings = flags.maxWarnings === undefined ? UNLIMITED_WARNINGS : Number(flags.maxWarnings)
      if (!Number.isInteger(maxWarnings) || maxWarnings < UNLIMITED_WARNINGS) throw new CliUsageError(`--max-warnings takes a whole number, not "${flags.maxWarnings}"`)
      const options = ruleOptions(flags.rule)
      const json = flags.format === 'json'

      const results: FileResult[] = []
      for (const input of await readInputs(files)) {
        const output = flags.fix ? fixMarkup(input.text, options) : input.text
        const fixed = output !== input.text
        const file = input.name === STDIN ? '<stdin>' : input.name
        const diagnostics = lint(output, options)
        const result: FileResult = {
          file,
          errorCount: count(diagnostics, 'error'),
          warningCount: count(diagnostics, 'warning'),
          infoCount: count(diagnostics, 'info'),
          fixed,
          diagnostics,
        }
        if (flags.fix && input.name === STDIN) {
          if (json) result.output = output
          else process.stdout.write(output)
        } else if (fixed) {
          await writeFile(input.name, output)
        }
        results.push(result)
        // With the fixed body on stdout, the report goes to stderr.
        const report = flags.fix && input.name === STDIN ? process.stderr : process.stdout
        if (!json && diagnostics.length > 0) report.write(`${formatDiagnostics(diagnostics, output, { filename: file, color: useColor() })}\n\n`)
      }

      const errors = results.reduce((n, r) => n + r.errorCount, 0)
      const warnings = results.reduce((n, r) => n + r.warningCount, 0)
      const infos = results.reduce((n, r) => n + r.infoCount, 0)
      const tooManyWarnings = maxWarnings !== UNLIMITED_WARNINGS && warnings > maxWarnings
      if (json) {
        process.stdout.write(`${toJson(results)}\n`)
      } else {
        const report = flags.fix && results.some((r) => r.file === '<stdin>') ? process.stderr : process.stdout
        const total = errors + warnings + infos
        const fixable = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.fix).length, 0)
        if (total > 0) {
          const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [`${infos} info`] : [])]
          const line = `${plural(total, 'problem')} (${parts.join(', ')})`
          report.write(`${errors > 0 ? colors.red(line) : colors.yellow(line)}\n`)
          if (fixable > 0 && !flags.fix) report.write(`${plural(fixable, 'problem')} can be fixed safely with --fix\n`)
        }
        if (tooManyWarnings) report.write(`${colors.red(`too many warnings: ${warnings}, at most ${maxWarnings} allowed (--max-warnings)`)}\n`)
      }
      return errors > 0 || tooManyWarnings ? EXIT_FAILURE : EXIT_OK
    })
}
