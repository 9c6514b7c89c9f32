/** `startPlayground`: the compose/preview/tree/lint pane alone, with no emulator state, for trying markup. */
import { createServer } from 'node:http'
import { DEFAULT_EMULATOR_HOST, listen } from '../listen.ts'
import { appRoutes } from './app-page.ts'
import { UiRouter } from './router.ts'
import { createUiSecret } from './security.ts'

/** A running playground. */
export interface Playground {
  /** The page's URL, `http://127.0.0.1:<port>/`. */
  url: string
  port: number
  close: () => Promise<void>
}

/**
 * Serves the markup playground on loopback (by default a free port).
 *
 * @example
 * const playground = await startPlayground({ port: 8788 })
 * console.log(playground.url)
 * await playground.close()
 */
export async function startPlayground(options: { port?: number; host?: string } = {}): Promise<Playground> {
  const host = options.host ?? DEFAULT_EMULATOR_HOST
  const router = new UiRouter({ secret: createUiSecret(), host }).add(appRoutes('/', 'playground'))
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://playground.invalid')
    if (!router.matches(url.pathname)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    router.handle(request, response, url).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })
  const listening = await listen(server, { port: options.port, host })
  return { url: `${listening.origin}/`, port: listening.port, close: listening.close }
}
