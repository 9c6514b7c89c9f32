/** A token endpoint on loopback for the oauth tests: real HTTP, rotating refresh tokens, counting requests. */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TokenServer {
  url: string
  /** Every request's headers and form, in order. */
  requests: { authorization: string | undefined; form: URLSearchParams }[]
  /** Answers the next requests with this status and body instead. */
  failWith: { status: number; body: unknown } | undefined
  /** `expires_in` of the answers. */
  expiresIn: unknown
  /** The refresh token currently valid. */
  refreshToken: string
  close: () => Promise<void>
}

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    request.on('end', () => resolve(text))
    request.on('error', reject)
  })
}

export async function startTokenServer(): Promise<TokenServer> {
  let serial = 0
  const server = createServer(async (request, response) => {
    const form = new URLSearchParams(await read(request))
    state.requests.push({ authorization: request.headers.authorization, form })
    // a moment in flight, so that concurrent callers overlap with it
    await new Promise((resolve) => setTimeout(resolve, 5))
    const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body))
    if (state.failWith) return json(state.failWith.status, state.failWith.body)
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== state.refreshToken) {
      return json(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid', error_uri: null })
    }
    serial++
    state.refreshToken = `refresh-token-${serial}-${crypto.randomUUID()}`
    json(200, { access_token: `access-token-${serial}-${crypto.randomUUID()}`, token_type: 'Bearer', expires_in: state.expiresIn, refresh_token: state.refreshToken, scope: 'rooms.all:read users.profile.me:read' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const state: TokenServer = {
    url: `http://127.0.0.1:${port}/token`,
    requests: [],
    failWith: undefined,
    expiresIn: 900,
    refreshToken: 'refresh-token-0',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return state
}
