/**
 * The `chatwork-kit` command on hostile input: terminal escapes in a file,
 * a megabyte of blocks, 100,000 nested blocks, and a reader that closes the
 * pipe early. None hangs, crashes or reaches the terminal raw.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runProcess, type Run } from '../helpers/run-process.ts'

const bin = inject('cliBin')
let dir: string

function cli(args: string[]): Promise<Run> {
  return runProcess(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined }, cwd: dir })
}

/** Runs the bin and closes its stdout after the first chunk, as `| head -1` does. */
function closedEarly(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdout.once('data', () => child.stdout.destroy())
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: '', stderr }))
  })
}

/** Characters a terminal acts on: ESC, BEL, the C1 controls, the bidi overrides. */
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-hostile-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('terminal escapes', () => {
  const HOSTILE = 'title \u001b]0;pwned\u0007 here [To: 1]\u009b31m red \u202egnp.exe [info]\u001b[2Jx'

  it('lint shows control characters in excerpts and messages visibly, never raw', async () => {
    await writeFile(join(dir, 'escapes.txt'), HOSTILE)
    const run = await cli(['lint', 'escapes.txt'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('malformed-tag')
    expect(run.stdout).not.toMatch(RAW_CONTROLS)
    expect(run.stdout).toContain('title ␛]0;pwned␇ here')
    expect(run.stdout).toContain('\ufffd31m red \ufffdgnp.exe')
  })

  it('lint --format json escapes them, and reads back as the file', async () => {
    await writeFile(join(dir, 'escapes.txt'), HOSTILE)
    const run = await cli(['lint', '--format', 'json', 'escapes.txt'])
    expect(run.stdout).not.toMatch(RAW_CONTROLS)
    expect(JSON.parse(run.stdout)[0].errorCount).toBeGreaterThan(0)
    const parsed = await cli(['parse', 'escapes.txt'])
    expect(parsed.code).toBe(0)
    expect(parsed.stdout).not.toMatch(RAW_CONTROLS)
    expect(JSON.stringify(JSON.parse(parsed.stdout))).toContain('\u009b31m')
  })
})

describe('size and depth', () => {
  it('parse --plain prints a megabyte of blocks', async () => {
    await writeFile(join(dir, 'rules.txt'), 'a[hr]'.repeat(200_000))
    const run = await cli(['parse', '--plain', 'rules.txt'])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n').filter((line) => line === 'a')).toHaveLength(200_000)
  }, 30_000)

  it('parse prints 100,000 nested blocks as JSON instead of overflowing the stack', async () => {
    const depth = 100_000
    await writeFile(join(dir, 'nested.txt'), `${'[info]'.repeat(depth)}core${'[/info]'.repeat(depth)}`)
    const run = await cli(['parse', 'nested.txt'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    let node = JSON.parse(run.stdout) as { type: string; children?: unknown[] }
    let levels = 0
    while (node.children?.length === 1 && node.type !== 'text') {
      node = node.children[0] as typeof node
      levels++
    }
    expect(node).toEqual({ type: 'text', value: 'core' })
    expect(levels).toBe(depth + 1)
  }, 60_000)
})

describe('a closed stdout', () => {
  it('ends lint and parse quietly, as Unix tools end (exit 141, nothing on stderr)', async () => {
    await writeFile(join(dir, 'many.txt'), '[To: 1] x\n'.repeat(20_000))
    await writeFile(join(dir, 'nested.txt'), `${'[info]'.repeat(5_000)}x${'[/info]'.repeat(5_000)}`)
    for (const args of [['lint', 'many.txt'], ['parse', 'nested.txt']]) {
      const run = await closedEarly(args)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(141)
    }
  }, 60_000)
})
