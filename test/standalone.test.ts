/**
 * The repository stands on its own: a clone in an empty temporary directory,
 * with nothing beside it, installs with `npm ci` (which builds the package, so
 * the `chatwork-kit` bin works at once) and passes the corpus round trip from
 * its own fixture.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './helpers/built-package.ts'
import { runProcess, type Run } from './helpers/run-process.ts'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

describe('a clone with nothing beside it', () => {
  let scratch: string
  let clone: string
  let install: Run

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'chatwork-kit-clone-'))
    clone = join(scratch, 'chatwork-kit')
    const cloned = await runProcess('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone])
    expect(cloned.code, cloned.stderr).toBe(0)
    // the packages come from npm's cache, filled by this checkout's own install
    install = await runProcess(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone })
  }, 600_000)

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true })
  })

  it('installs with npm ci, and then `npx chatwork-kit --help` works', async () => {
    expect(install.code, install.stderr).toBe(0)
    const help = await runProcess(npm, ['exec', '--no', '--', 'chatwork-kit', '--help'], { cwd: clone })
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/Usage:\s+\$ chatwork-kit <command>/)
  }, 180_000)

  it('passes the corpus round trip from its own fixture', async () => {
    const run = await runProcess(join(clone, 'node_modules', '.bin', 'vitest'), ['run', 'test/markup/parse.test.ts', '-t', 'corpus'], {
      cwd: clone,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const passed = Number(/Tests\s+(\d+) passed/.exec(run.stdout)?.[1])
    expect(passed).toBeGreaterThan(100)
  }, 300_000)
})
