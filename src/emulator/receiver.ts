/**
 * `startReceiver`: serves a Fetch API handler (your webhook endpoint, say) on
 * loopback, so that the emulator's webhooks can reach it in a test.
 */
import { createServer } from 'node:http'
import { listen } from './listen.ts'
import { toNodeListener } from '../webhook/node-listener.ts'

/** A running receiver. */
export interface Receiver {
  /** Its URL (`http://127.0.0.1:<port>/`); append any path, the handler sees them all. */
  url: string
  /** Stops it, closing open connections. */
  close(): Promise<void>
}

/**
 * Serves `handler` on a free port of 127.0.0.1 (or `options.port`/`host`).
 *
 * @example
 * import { startEmulator, startReceiver } from 'chatwork-kit/testing'
 * import { createWebhookHandler } from 'chatwork-kit/webhook'
 *
 * const receiver = await startReceiver(createWebhookHandler({ token, onEvent: console.log }))
 * emu.webhooks.add({ url: `${receiver.url}chatwork`, token, events: ['message_created'] })
 * // …
 * await receiver.close()
 */
export async function startReceiver(
  handler: (request: Request) => Response | Promise<Response>,
  options: { port?: number; host?: string } = {},
): Promise<Receiver> {
  const { origin, close } = await listen(createServer(toNodeListener(handler)), options)
  return { url: `${origin}/`, close }
}
