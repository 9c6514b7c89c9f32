/**
 * Builds the `chatwork-kit` command once per vitest run, for the end-to-end
 * tests of test/cli.test.ts, which spawn it as users run it. The build goes
 * to a scratch directory under node_modules/.cache (inside the repository, so
 * that the bin resolves its dependencies; dist/ stays untouched) and is
 * removed at the end of the run.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built `chatwork-kit` bin (an ES module with a `#!/usr/bin/env node` line). */
    cliBin: string
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cache = join(ROOT, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  const outDir = await mkdtemp(join(cache, 'chatwork-kit-cli-'))
  // the cli entry of tsup.config.ts, as `npm run build` makes it, minus the other entries and types
  await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsup'), ['--entry.cli', 'src/cli/index.ts', '--format', 'esm', '--no-dts', '--out-dir', outDir], {
    cwd: ROOT,
  })
  project.provide('cliBin', join(outDir, 'cli.mjs'))
  return () => rm(outDir, { recursive: true, force: true })
}
