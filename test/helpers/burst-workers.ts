/**
 * Starts the multi-process tests' workers (test/redis/burst-worker.ts) as
 * Node child processes and drives their bursts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { BurstConfig, BurstResult } from '../redis/burst-worker.ts'

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
