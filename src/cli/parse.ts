/**
 * `chatwork-kit parse [file]`: the tree of one message body as JSON, or its
 * plain text (`--plain`), or who it notifies (`--mentions`).
 */
import process from 'node:process'
import { CliUsageError, EXIT_OK, readInputs, type RegisterCommand } from './io.ts'
import { toJson } from './json.ts'
import { mentions } from '../markup/mentions.ts'
import { parse } from '../markup/parse.ts'
import { toPlainText } from '../markup/plain-text.ts'

interface ParseFlags {
  positions?: boolean
  plain?: boolean
  mentions?: boolean
}

/**
 * Registers `parse`.
 *
 * @example
 * // $ chatwork-kit parse message.txt --positions
 * // $ echo '[To:1] hi' | chatwork-kit parse --mentions
 */
export const registerParse: RegisterCommand = (cli) => {
  cli
    .command('parse [file]', 'Print a message body as a JSON tree (stdin when no file, or -)')
    .option('--positions', 'Include each node\'s position in the source')
    .option('--plain', 'Print the plain text instead, as a person reads it')
    .option('--mentions', 'Print who the message notifies instead, as JSON')
    .example('chatwork-kit parse message.txt --positions')
    .action(async (file: string | undefined, flags: ParseFlags) => {
      checkUsage(cli.args.length, flags)
      const [{ text }] = await readInputs(file === undefined ? [] : [file])
      if (flags.plain) {
        process.stdout.write(`${toPlainText(text)}\n`)
        return EXIT_OK
      }
      const output = flags.mentions ? mentions(text) : parse(text, { positions: Boolean(flags.positions) })
      process.stdout.write(`${toJson(output)}\n`)
      return EXIT_OK
    })
}

/** One body, printed one way: more files, or flags that ask for different outputs, are usage errors rather than ignored. */
function checkUsage(files: number, flags: ParseFlags): void {
  if (files > 1) throw new CliUsageError(`parse reads one file, got ${files} (lint takes several)`)
  const chosen = (['plain', 'mentions', 'positions'] as const).filter((flag) => flags[flag])
  if (chosen.length > 1) {
    const [a, b] = chosen.map((flag) => `--${flag}`)
    throw new CliUsageError(`${a} and ${b} cannot be combined: ${chosen.includes('positions') ? '--positions applies to the JSON tree only' : 'choose one output'}`)
  }
}
