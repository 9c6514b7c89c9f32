/**
 * Listening on loopback: shared by the emulator and by test receivers.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The host the emulator and receivers listen on by default: loopback only.
 *
 * @example
 * const emu = await startEmulator({ host: DEFAULT_EMULATOR_HOST })
 */
export const DEFAULT_EMULATOR_HOST = '127.0.0.1'

/** A listening server: its origin (`http://127.0.0.1:1234`), port, and an idempotent close. */
export interface Listening {
  origin: string
  port: number
  close: () => Promise<void>
}

/** Starts `server` on `port` (0: a free one) of `host`; rejects if it cannot listen. */
export async function listen(server: Server, options: { port?: number; host?: string }): Promise<Listening> {
  const host = options.host ?? DEFAULT_EMULATOR_HOST
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    // Idempotent, so that an afterEach may close what the test already closed.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })),
  }
}
