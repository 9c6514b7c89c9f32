/**
 * A TCP proxy on loopback that delays every chunk by a settable latency, to
 * make a real Redis slow for the client behind it.
 */
import { connect, createServer, type Socket } from 'node:net'
import { freePort } from './redis-server.ts'

/** A running proxy: set `latencyMs` to slow it down. */
export interface LatencyProxy {
  port: number
  latencyMs: number
  close(): Promise<void>
}

/**
 * Proxies a loopback port to another.
 *
 * @example
 * const proxy = await startLatencyProxy(redis.port)
 * proxy.latencyMs = 500
 */
export async function startLatencyProxy(targetPort: number): Promise<LatencyProxy> {
  const port = await freePort()
  const sockets = new Set<Socket>()
  const proxy: LatencyProxy = { port, latencyMs: 0, close: () => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))) }
  // Each direction keeps its order when the latency changes: no chunk is due before the one ahead of it.
  const relay = (from: Socket, to: Socket) => {
    let lastDue = 0
    from.on('data', (chunk) => {
      const due = Math.max(Date.now() + proxy.latencyMs, lastDue)
      lastDue = due
      setTimeout(() => to.writable && to.write(chunk), due - Date.now())
    })
  }
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => (client.destroy(), upstream.destroy()))
    }
    relay(client, upstream)
    relay(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return proxy
}
