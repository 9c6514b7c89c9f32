/**
 * `chatwork-kit lint [files…]`: lints message bodies, prints the diagnostics
 * like a compiler (or as JSON), and applies the safe fixes with `--fix`.
 */
import { readFile, stat, writeFile } from 'node:fs/promises'
import process from 'node:process'
import pc from 'picocolors'
import { CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, STDIN, keepStdinArgs, readInputs, useColor, type Input, type RegisterCommand } from './io.ts'
import { formatDiagnostics } from '../lint/format-diagnostics.ts'
import { toJson } from './json.ts'
import { fixMarkup, lint, LINT_RULES, type Diagnostic, type LintCode, type LintOptions, type RuleSetting } from '../lint/index.ts'

interface LintFlags {
  format: string
  maxWarnings?: number | string
  fix?: boolean
  rule?: string | string[]
  /** `--color` true, `--no-color` false; undefined: decided by the environment ({@link useColor}). */
  color?: boolean
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

// What a `-` argument reaches the action as (cac would drop a bare `-`).
const [STDIN_ARG] = keepStdinArgs([STDIN])

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
  const command = cli
    .command('lint [...files]', 'Lint message bodies (stdin when no file, or -)')
    .option('--format <format>', 'Output format: pretty or json', { default: 'pretty' })
    .option('--max-warnings <n>', 'Fail when there are more warnings than this (default: no limit)')
    .option('--fix', 'Write safe fixes back to the files (stdin: print the fixed body)')
    .option('--rule <code=level>', 'Set a rule to error, warning, info or off (repeatable)')
    .option('--color', 'Color the output even when it is not a terminal')
    .option('--no-color', 'Never color the output (also NO_COLOR, FORCE_COLOR=0, TERM=dumb)')
    .example('chatwork-kit lint messages/*.txt --max-warnings 0')
    .example('chatwork-kit lint --fix --rule toall=warning welcome.txt')
  // cac gives a --no-… option the default true, which would hide whether either flag was given.
  command.options.find((option) => option.rawName === '--no-color')!.config.default = undefined
  command.action(async (files: string[], flags: LintFlags) => {
      if (!FORMATS.includes(flags.format)) throw new CliUsageError(`unknown format "${flags.format}" (use pretty or json)`)
      const maxWarnings = flags.maxWarnings === undefined ? UNLIMITED_WARNINGS : Number(flags.maxWarnings)
      if (!Number.isInteger(maxWarnings) || maxWarnings < UNLIMITED_WARNINGS) throw new CliUsageError(`--max-warnings takes a whole number, not "${flags.maxWarnings}"`)
      const options = ruleOptions(flags.rule)
      const json = flags.format === 'json'
      const color = flags.color ?? useColor()
      const colors = pc.createColors(color)

      const results: FileResult[] = []
      const { inputs, unreadable } = await readLintInputs(files)
      for (const input of inputs) {
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
          if (!json) process.stdout.write(`${file}: ${fixReport(lint(input.text, options), diagnostics)}\n`)
        }
        results.push(result)
        // With the fixed body on stdout, the report goes to stderr.
        const report = flags.fix && input.name === STDIN ? process.stderr : process.stdout
        if (!json && diagnostics.length > 0) report.write(`${formatDiagnostics(diagnostics, output, { filename: file, color })}\n\n`)
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
      // Every readable file was reported; the ones that were not are listed last.
      for (const reason of unreadable) process.stderr.write(`${colors.red('chatwork-kit:')} ${reason}\n`)
      if (unreadable.length > 0) return EXIT_USAGE
      return errors > 0 || tooManyWarnings ? EXIT_FAILURE : EXIT_OK
    })
}

/** What `--fix` changed in a file: the problems it fixed, by rule. */
function fixReport(before: readonly Diagnostic[], after: readonly Diagnostic[]): string {
  const fixed = new Map<string, number>()
  for (const d of before) if (d.fix) fixed.set(d.code, (fixed.get(d.code) ?? 0) + 1)
  for (const d of after) if (d.fix && fixed.has(d.code)) fixed.set(d.code, fixed.get(d.code)! - 1)
  const parts = [...fixed].filter(([, n]) => n > 0).map(([code, n]) => `${n} ${code}`)
  const total = [...fixed.values()].reduce((sum, n) => sum + Math.max(0, n), 0)
  return `fixed ${plural(total, 'problem')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`
}

/**
 * The inputs to lint, read as bytes: stdin, and each file that is there and
 * holds text. A missing file or a directory is listed in `unreadable` (the
 * others are still linted; the command then exits 2); a binary file (a NUL
 * byte, or bytes that are not UTF-8) is skipped with a warning, so that its
 * bytes never reach the terminal.
 */
async function readLintInputs(files: readonly string[]): Promise<{ inputs: Input[]; unreadable: string[] }> {
  if (files.length === 0) return { inputs: await readInputs([]), unreadable: [] }
  const inputs: Input[] = []
  const unreadable: string[] = []
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for (const name of files) {
    if (name === STDIN_ARG) {
      for (const input of await readInputs([name])) inputs.push(input)
      continue
    }
    let bytes: Uint8Array
    try {
      if ((await stat(name)).isDirectory()) {
        unreadable.push(`cannot lint ${name}: it is a directory (give the files in it, e.g. ${name.replace(/\/$/, '')}/*.txt)`)
        continue
      }
      bytes = await readFile(name)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
      unreadable.push(`cannot read ${name}: ${reason}`)
      continue
    }
    let text: string | undefined
    try {
      text = bytes.includes(0) ? undefined : decoder.decode(bytes)
    } catch {
      text = undefined
    }
    if (text === undefined) {
      process.stderr.write(`chatwork-kit: skipped ${name}: a binary file (${bytes.includes(0) ? 'it holds a NUL byte' : 'it is not UTF-8'}), not a message body\n`)
      continue
    }
    inputs.push({ name, text })
  }
  return { inputs, unreadable }
}
