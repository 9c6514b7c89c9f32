/**
 * Runs once per vitest run, in the main process: makes a scratch directory
 * shared by every test file of this run (see `test/helpers/built-package.ts`, which
 * builds and installs the package there at most once) and removes it at the
 * end.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty directory for this run, outside the repository. */
    scratchDir: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratchDir = await mkdtemp(join(tmpdir(), 'chatwork-kit-test-'))
  project.provide('scratchDir', scratchDir)
  return () => rm(scratchDir, { recursive: true, force: true })
}
