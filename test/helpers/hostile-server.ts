/**
 * A hostile or broken API server on loopback: each test decides what it
 * answers, from what it received, so that the client can be tried against
 * answers the emulator never gives (echoed tokens, odd shapes, bare numbers).
 */
import { createServer, type IncomingMessage } from 'node:http'

/** What the server answers to one request. */
export interface HostileAnswer {
  status: number
  headers?: Record<string, string>
  body?: string
}

/** What the server received. */
export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface HostileServer {
  /** A base URL like the API's: `http://127.0.0.1:<port>/v2`. */
  baseURL: string
  origin: string
  received: ReceivedRequest[]
  close(): Promise<void>
}

/** Starts a server on 127.0.0.1 answering every request with `answer(request)`. */
export async function startHostileServer(answer: (request: ReceivedRequest) => HostileAnswer): Promise<HostileServer> {
  const received: ReceivedRequest[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const seen = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(seen)
      const { status, headers = { 'content-type': 'application/json; charset=utf-8' }, body = '' } = answer(seen)
      response.writeHead(status, headers).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const origin = `http://127.0.0.1:${port}`
  return {
    baseURL: `${origin}/v2`,
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
