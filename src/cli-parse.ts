/**
 * `chatwork-kit parse [file]`: the tree as JSON, the plain text, or the
 * mentions of one message body.
 */
import process from 'node:process'
import { EXIT_OK, readInputs, type RegisterCommand } from './cli-io.ts'
import { mentions } from './mentions.ts'
import { parse } from './parse.ts'

interface ParseFlags {
  positions?: boolean
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
    .option('--mentions', 'Print who the message notifies instead, as JSON')
    .example('chatwork-kit parse message.txt --positions')
    .action(async (file: string | undefined, flags: ParseFlags) => {
      const [{ text }] = await readInputs(file === undefined ? [] : [file])
      const output = flags.mentions ? mentions(text) : parse(text, { positions: Boolean(flags.positions) })
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
      return EXIT_OK
    })
}
