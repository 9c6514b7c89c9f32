/**
 * A real `redis-server` for tests: started on a free loopback port with no
 * persistence, stopped (and restarted on the same port) on demand.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

/**
 * Whether `redis-server` is on the PATH. CI installs it (.ci/run); a machine without it skips the Redis tests.
 *
 * @example
 * describe.runIf(HAS_REDIS)('redisStore', () => {})
 */
export const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0

/** A running redis-server. */
export interface RedisServer {
  port: number
  /** Stops the server (SIGKILL: no goodbye to the clients), resolving once it has exited. */
  stop(): Promise<void>
  /** Starts it again on the same port, empty; does nothing while it runs. */
  start(): Promise<void>
}

/** A port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts redis-server on a free loopback port, without persistence.
 *
 * @example
 * const redis = await startRedis()
 * await redis.stop()
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child = proc
      let output = ''
      for (const stream of [proc.stdout!, proc.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()))
      proc.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
      const poll = async () => {
        for (let i = 0; i < 200; i++) {
          if (await answersPing(port)) return resolve()
          await new Promise((r) => setTimeout(r, 25))
        }
        reject(new Error(`redis-server did not start on port ${port}: ${output}`))
      }
      void poll()
    })
  await start()
  return {
    port,
    start: () => (child && child.exitCode === null && child.signalCode === null ? Promise.resolve() : start()),
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}

/** Whether something on the port answers PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.setTimeout(200)
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

/**
 * Starts one redis-server for the test file (before its first test) and stops
 * it after the last; the returned function gives the running server.
 *
 * @example
 * const redis = useRedis()
 * it('…', () => connectTo(redis().port))
 */
export function useRedis(): () => RedisServer {
  let server: RedisServer | undefined
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })
  return () => {
    if (server === undefined) throw new Error('useRedis(): the server starts in beforeAll, so use it inside a test or hook')
    return server
  }
}
