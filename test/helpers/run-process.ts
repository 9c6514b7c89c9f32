import { spawn } from 'node:child_process'

/** How a spawned process ended, and what it printed. */
export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a command to its end, collecting its output; stdin gets `input`, or
 * is closed at once.
 *
 * @example
 * const { code, stdout } = await runProcess(process.execPath, ['-e', 'console.log(1)'])
 */
export function runProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<Run> {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(options.input ?? '')
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
