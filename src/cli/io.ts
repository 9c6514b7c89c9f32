/**
 * What the `chatwork-kit` subcommands share: the registration signature, exit
 * codes, usage errors, and reading files or stdin.
 */
import { readFile } from 'node:fs/promises'
import process from 'node:process'
import type { CAC } from 'cac'
import pc from 'picocolors'
import { ChatworkError } from '../errors.ts'

/**
 * Registers one subcommand on the cac instance. Its action may return the
 * exit code (or a promise of it); returning nothing leaves it at 0, which lets
 * long-running commands (the emulator) keep the process alive.
 *
 * @example
 * export const registerHello: RegisterCommand = (cli) => {
 *   cli.command('hello', 'Say hello').action(() => {
 *     console.log('hello')
 *     return EXIT_OK
 *   })
 * }
 */
export type RegisterCommand = (cli: CAC) => void

/**
 * Exit code of a run that found nothing wrong.
 *
 * @example
 * return problems.length > 0 ? EXIT_FAILURE : EXIT_OK
 */
export const EXIT_OK = 0
/**
 * Exit code when the command ran and found problems (lint errors, …).
 *
 * @example
 * return errors > 0 ? EXIT_FAILURE : EXIT_OK
 */
export const EXIT_FAILURE = 1
/**
 * Exit code of usage errors: unknown command or option, unreadable file.
 *
 * @example
 * process.exitCode = EXIT_USAGE
 */
export const EXIT_USAGE = 2

/**
 * The file name that stands for standard input.
 *
 * @example
 * const label = input.name === STDIN ? '<stdin>' : input.name
 */
export const STDIN = '-'

/**
 * What `-` becomes on the way through cac, whose option parser (mri) drops a
 * lone `-`; a NUL cannot occur in a real path, so nothing else turns into it.
 */
const STDIN_ARG = '\u0000-'

/**
 * Keeps each `-` argument (stdin) through cac's parsing; {@link readInputs}
 * reads them as stdin.
 *
 * @example
 * cli.parse(keepStdinArgs(process.argv), { run: false })
 */
export function keepStdinArgs(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === STDIN ? STDIN_ARG : arg))
}

/**
 * A mistake in how the command line was called; the CLI prints its message on
 * one line and exits with {@link EXIT_USAGE}.
 *
 * @example
 * throw new CliUsageError('unknown format "xml" (use pretty or json)')
 */
export class CliUsageError extends ChatworkError {
  constructor(message: string, options?: ErrorOptions) {
    super('CLI_USAGE', message, options)
  }
}

/**
 * One input of a command: where it came from, and its text.
 *
 * @example
 * const [{ name, text }] = await readInputs(['message.txt'])
 */
export interface Input {
  /** The path as given, or `-` for stdin. */
  name: string
  text: string
}

/**
 * Reads each file (`-` is stdin); with no files, reads stdin unless it is a
 * terminal. A file that cannot be read is a {@link CliUsageError}.
 *
 * @example
 * for (const { name, text } of await readInputs(['a.txt', '-'])) console.log(name, text.length)
 */
export async function readInputs(files: readonly string[]): Promise<Input[]> {
  // with no file and nothing piped in, waiting for the keyboard would look like a hang
  if (files.length === 0 && process.stdin.isTTY) throw new CliUsageError('no input: give files, or pipe a body to stdin (or pass - to type it)')
  const names = files.length === 0 ? [STDIN] : files.map((name) => (name === STDIN_ARG ? STDIN : name))
  const inputs: Input[] = []
  for (const name of names) inputs.push({ name, text: await readInput(name) })
  return inputs
}

async function readInput(name: string): Promise<string> {
  if (name === STDIN) return readStdin()
  try {
    return await readFile(name, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new CliUsageError(`cannot read ${name}: ${reason}`, { cause: error })
  }
}

// stdin may be read once; several `-` arguments all get the same text.
let stdinText: Promise<string> | undefined

function readStdin(): Promise<string> {
  stdinText ??= (async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  })()
  return stdinText
}

/**
 * Whether output gets ANSI colors: never with `NO_COLOR` set or
 * `FORCE_COLOR=0`, always with another `FORCE_COLOR`, never on `TERM=dumb`,
 * otherwise only when stdout is a terminal.
 *
 * @example
 * formatDiagnostics(diagnostics, body, { color: useColor() })
 */
export function useColor(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR || env.FORCE_COLOR === '0') return false
  if (env.FORCE_COLOR !== undefined) return true
  return env.TERM !== 'dumb' && process.stdout.isTTY === true
}

/**
 * picocolors, on or off by {@link useColor}.
 *
 * @example
 * console.log(colors.red('failed'))
 */
export const colors = pc.createColors(useColor())

/**
 * Exit code when the reader of the output went away (`chatwork-kit lint … | head -1`):
 * 141, 128 + SIGPIPE, as Unix tools end when their output pipe closes.
 *
 * @example
 * process.exitCode = EXIT_CLOSED_OUTPUT
 */
export const EXIT_CLOSED_OUTPUT = 141

/**
 * Ends the command quietly with {@link EXIT_CLOSED_OUTPUT} when stdout or
 * stderr is closed by its reader (an `EPIPE`), instead of crashing with a
 * stack trace; other stream errors still throw.
 *
 * @example
 * endQuietlyOnClosedOutput()
 */
export function endQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      process.exit(EXIT_CLOSED_OUTPUT)
    })
  }
}

/**
 * Prints an error as one line on stderr, `chatwork-kit: message`.
 *
 * @example
 * printError(new CliUsageError('unknown command "foo"'))
 */
export function printError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${colors.red('chatwork-kit:')} ${message.split('\n')[0]}\n`)
}
