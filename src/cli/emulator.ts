/**
 * `chatwork-kit emulator`: runs the local Chatwork API emulator and its web
 * UI until Ctrl-C (or SIGTERM), printing the UI's URL, the base URL and token.
 */
import process from 'node:process'
import { CliUsageError, colors, EXIT_OK, readInputs, type RegisterCommand } from './io.ts'
import { ChatworkEmulatorError } from '../errors.ts'
import { startEmulator } from '../emulator/start.ts'
import type { EmulatorSeed } from '../emulator/seed.ts'
import { seedShapeProblem } from '../emulator/seed-check.ts'

/** The port `chatwork-kit emulator` listens on unless told otherwise. */
export const DEFAULT_CLI_PORT = 8787

interface EmulatorFlags {
  port: number | string
  host?: string
  seed?: string
  token?: string
  ui: boolean
}

export function parsePort(value: number | string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliUsageError(`--port takes a port number (0-65535), not "${value}"`)
  return port
}

/** The seed in `file`, checked: any bad shape (`null`, `false`, a room without members…) is one usage error naming the field. */
async function readSeed(file: string): Promise<EmulatorSeed> {
  const [input] = await readInputs([file])
  let seed: unknown
  try {
    seed = JSON.parse(input!.text)
  } catch (error) {
    throw new CliUsageError(`${file} is not JSON: ${(error as Error).message}`, { cause: error })
  }
  const problem = seedShapeProblem(seed)
  if (problem !== undefined) throw new CliUsageError(`${file} is not a valid seed: ${problem}`)
  return seed as EmulatorSeed
}

/** Resolves when the process is asked to stop. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal))
  })
}

/**
 * Registers `emulator`.
 *
 * @example
 * // $ chatwork-kit emulator --port 8787 --seed fixtures.json
 */
export const registerEmulator: RegisterCommand = (cli) => {
  cli
    .command('emulator', 'Run the local Chatwork API emulator (Ctrl-C stops it)')
    .option('--port <port>', 'Port to listen on (0: any free port)', { default: DEFAULT_CLI_PORT })
    .option('--host <host>', 'Host to listen on (default: 127.0.0.1)')
    .option('--seed <file>', 'JSON seed file (accounts, contacts, rooms, requests) instead of the demo data')
    .option('--token <token>', 'API token of the main account (default: random)')
    .option('--no-ui', 'Do not serve the web UI beside the API')
    .action(async (flags: EmulatorFlags): Promise<number> => {
      const port = parsePort(flags.port)
      const seed = flags.seed === undefined ? undefined : await readSeed(flags.seed)
      let emu
      try {
        emu = await startEmulator({ port, host: flags.host, seed, tokens: flags.token === undefined ? undefined : [String(flags.token)], ui: flags.ui !== false })
      } catch (error) {
        if (error instanceof ChatworkEmulatorError) throw new CliUsageError(error.message, { cause: error })
        throw error
      }
      const stopped = stopSignal()
      const { account } = emu
      process.stdout.write(
        [
          colors.bold('Chatwork API emulator running'),
          ...(emu.uiURL === undefined ? [] : [`  web UI    ${colors.cyan(emu.uiURL)}`]),
          `  base URL  ${colors.cyan(emu.baseURL)}`,
          `  token     ${colors.cyan(emu.token)}`,
          `  account   ${account.name} (${account.account_id})`,
          colors.dim('Press Ctrl-C to stop.'),
          '',
        ].join('\n'),
      )
      await stopped
      await emu.close()
      process.stdout.write('Emulator stopped.\n')
      return EXIT_OK
    })
}
