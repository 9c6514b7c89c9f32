#!/usr/bin/env node
/**
 * The `chatwork-kit` command line. Each subcommand lives in its own
 * `src/cli-<command>.ts` and exports a function that registers it on the cac
 * instance; adding a command is one import and one line in `COMMANDS`.
 *
 * Exit codes: 0 success, 1 the command's own failure (lint errors, …),
 * 2 usage errors (unknown command or option, missing file).
 *
 * @example
 * // $ chatwork-kit lint message.txt
 * // $ echo '[info]x' | chatwork-kit lint
 * // $ chatwork-kit parse --plain message.txt
 */
import process from 'node:process'
import { cac } from 'cac'
import { version } from '../../package.json'
import { CliUsageError, EXIT_USAGE, endQuietlyOnClosedOutput, keepStdinArgs, printError, type RegisterCommand } from './io.ts'
import { registerEmulator } from './emulator.ts'
import { registerLint } from './lint.ts'
import { registerMcp } from './mcp.ts'
import { registerParse } from './parse.ts'
import { registerPlayground } from './playground.ts'
import { keepOptionValues, registerSend } from './send.ts'

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: RegisterCommand[] = [registerLint, registerParse, registerEmulator, registerPlayground, registerSend, registerMcp]

async function main(argv: string[]): Promise<void> {
  const cli = cac('chatwork-kit')
  for (const register of COMMANDS) register(cli)
  cli.help()
  cli.version(version)

  const { options } = cli.parse(keepStdinArgs(keepOptionValues(argv)), { run: false })
  if (options.help || options.version) return
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) throw new CliUsageError(`unknown command "${cli.args[0]}" (see chatwork-kit --help)`)
    cli.outputHelp()
    process.exitCode = EXIT_USAGE
    return
  }
  const code: unknown = await cli.runMatchedCommand()
  if (typeof code === 'number') process.exitCode = code
}

endQuietlyOnClosedOutput()
main(process.argv).catch((error: unknown) => {
  printError(error)
  process.exitCode = error instanceof CliUsageError || (error instanceof Error && error.name === 'CACError') ? EXIT_USAGE : 1
})
