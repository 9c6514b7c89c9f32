/**
 * `chatwork-kit playground`: serves the markup playground (compose, preview,
 * tree, lint) on loopback until Ctrl-C, with no emulator behind it.
 */
import process from 'node:process'
import { colors, EXIT_OK, type RegisterCommand } from './io.ts'
import { parsePort, stopSignal } from './emulator.ts'
import { startPlayground } from '../emulator/ui/index.ts'

/** The port `chatwork-kit playground` listens on unless told otherwise. */
export const DEFAULT_PLAYGROUND_PORT = 8788

/**
 * Registers `playground`.
 *
 * @example
 * // $ chatwork-kit playground --port 8788
 */
export const registerPlayground: RegisterCommand = (cli) => {
  cli
    .command('playground', 'Serve the markup playground: preview, lint, tree and mentions as you type (Ctrl-C stops it)')
    .option('--port <port>', 'Port to listen on (0: any free port)', { default: DEFAULT_PLAYGROUND_PORT })
    .option('--host <host>', 'Host to listen on (default: 127.0.0.1)')
    .action(async (flags: { port: number | string; host?: string }): Promise<number> => {
      const playground = await startPlayground({ port: parsePort(flags.port), host: flags.host })
      const stopped = stopSignal()
      process.stdout.write([colors.bold('Chatwork markup playground running'), `  URL  ${colors.cyan(playground.url)}`, colors.dim('Press Ctrl-C to stop.'), ''].join('\n'))
      await stopped
      await playground.close()
      process.stdout.write('Playground stopped.\n')
      return EXIT_OK
    })
}
