/**
 * Starts the multi-process tests' workers (test/redis/burst-worker.ts) as
 * Node child processes and drives their bursts, and checks what they posted.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Emulator } from 'chatwork-kit/testing'
import type { BurstConfig, BurstResult } from '../redis/burst-worker.ts'

/** How many workers a burst test starts, and how many messages each posts per burst. */
export const WORKERS = 4
export const POSTS = 15
/** The room's posting window in the burst tests: short, so that a burst spans a few windows. */
export const WINDOW = { limit: 10, windowMs: 1000 }

/**
 * The configs of `WORKERS` workers posting `POSTS` messages each to `room`,
 * sharing the Redis on `redisPort`.
 *
 * @example
 * const workers = await startWorkers(burstConfigs(emu, room, redis.port))
 */
export function burstConfigs(emu: Emulator, room: number, redisPort: number, extra: Partial<BurstConfig> = {}): BurstConfig[] {
  return Array.from({ length: WORKERS }, (_, w) => ({ name: `w${w}`, baseURL: emu.baseURL, token: emu.token, room, redisPort, posts: POSTS, gets: 0, postingLimit: WINDOW, ...extra }))
}

/**
 * Checks that `room` holds every message of burst number `burst`, each exactly once.
 *
 * @example
 * expectEachOnce(emu, room, 0)
 */
export function expectEachOnce(emu: Emulator, room: number, burst: number): void {
  const bodies = emu.messages(room).map((m) => m.body).filter((body) => body.includes(`/${burst}/`))
  const expected = Array.from({ length: WORKERS }, (_, w) => Array.from({ length: POSTS }, (_, i) => `w${w}/${burst}/${i}`)).flat()
  expect(bodies.sort()).toEqual(expected.sort())
}

const WORKER = fileURLToPath(new URL('../redis/burst-worker.ts', import.meta.url))

/** Running workers. */
export interface BurstWorkers {
  /** Starts a burst in every worker at once; resolves with their results. */
  go(): Promise<BurstResult[]>
  /** What the workers wrote to stderr. */
  stderr(): string
  /** Ends every worker. */
  close(): Promise<void>
}

/**
 * Spawns one worker per config and waits until each is ready.
 *
 * @example
 * const workers = await startWorkers([config])
 * const [result] = await workers.go()
 */
export async function startWorkers(configs: BurstConfig[]): Promise<BurstWorkers> {
  const children: { child: ChildProcess; lines: AsyncIterator<string>; stderr: () => string }[] = configs.map((config) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { env: { ...process.env, CW_BURST: JSON.stringify(config) }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](), stderr: () => stderr }
  })
  const next = async ({ lines, stderr }: (typeof children)[number]) => {
    const line = await lines.next()
    if (line.done) throw new Error(`a burst worker ended early: ${stderr()}`)
    return line.value
  }
  for (const worker of children) {
    const line = await next(worker)
    if (line !== 'ready') throw new Error(`a burst worker said ${JSON.stringify(line)} instead of ready`)
  }
  return {
    async go() {
      for (const { child } of children) child.stdin!.write('go\n')
      return Promise.all(children.map(async (worker) => JSON.parse(await next(worker)) as BurstResult))
    },
    stderr: () => children.map((worker) => worker.stderr()).join(''),
    async close() {
      await Promise.all(
        children.map(({ child }) => new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.stdin!.end('exit\n')
          setTimeout(() => child.kill(), 5_000).unref()
        })),
      )
    },
  }
}
