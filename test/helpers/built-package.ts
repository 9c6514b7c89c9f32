/**
 * The package as users get it: built with tsup, packed with `npm pack` and
 * installed from the tarball into a fresh project outside the repository (so
 * nothing resolves from the repository's node_modules by accident).
 *
 * Building takes a while, so it happens at most once per vitest run: the first
 * test file that asks claims the run's scratch directory (an atomic mkdir is
 * the lock) and builds; the others wait for its result file. Test files that
 * never ask pay nothing.
 */
import { execFile } from 'node:child_process'
import { cp, mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { inject } from 'vitest'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Where the repository's command-line tools live. */
export const BIN = join(ROOT, 'node_modules', '.bin')

/** How long a test file waits for another one's build before giving up. */
export const BUILD_TIMEOUT_MS = 240_000

const POLL_INTERVAL_MS = 200

// Top-level entries of the repository that a clean clone does not have.
const NOT_IN_A_CLONE = new Set(['node_modules', '.git', 'dist'])

/**
 * Runs a command; rejects with its stderr in the message when it fails.
 *
 * @example
 * const { stdout } = await run(join(BIN, 'tsc'), ['--version'])
 */
export const run = promisify(execFile)

/** The build, the tarball and the project it was installed into. */
export interface BuiltPackage {
  /** A copy of the repository, as a clean clone has it, with dist built into it: what `npm pack` packed. */
  packageDir: string
  /** The tarball `npm pack` made. */
  tarball: string
  /** Every path in the tarball, relative to the package root. */
  files: string[]
  /** A project (`"type": "module"`) that installed the tarball, with vitest and @types/node linked in. */
  consumerDir: string
  /** The installed `chatwork-kit` command. */
  bin: string
}

let built: Promise<BuiltPackage> | undefined

/**
 * Builds, packs and installs the package, once per vitest run.
 *
 * @example
 * const { consumerDir, bin } = await builtPackage()
 */
export function builtPackage(): Promise<BuiltPackage> {
  built ??= buildOrWait(join(inject('scratchDir'), 'package'))
  return built
}

/**
 * The environment for child npm processes: without what an outer `npm test`
 * exported about this repository, so that npm works on the temporary project.
 *
 * @example
 * await run('npm', ['pack'], { cwd: packageDir, env: childEnv() })
 */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config_local_prefix|package_|lifecycle_)/i.test(key)))
}

async function buildOrWait(workDir: string): Promise<BuiltPackage> {
  try {
    await mkdir(workDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return waitForBuild(workDir)
  }
  try {
    const result = await build(workDir)
    // Written then renamed, so a waiting file never reads half a result.
    await writeFile(join(workDir, 'result.json.tmp'), JSON.stringify(result))
    await rename(join(workDir, 'result.json.tmp'), join(workDir, 'result.json'))
    return result
  } catch (error) {
    await writeFile(join(workDir, 'failed.txt'), error instanceof Error ? error.message : String(error))
    throw error
  }
}

async function waitForBuild(workDir: string): Promise<BuiltPackage> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS
  while (Date.now() < deadline) {
    const result = await readFile(join(workDir, 'result.json'), 'utf8').catch(() => undefined)
    if (result !== undefined) return JSON.parse(result) as BuiltPackage
    const failure = await readFile(join(workDir, 'failed.txt'), 'utf8').catch(() => undefined)
    if (failure !== undefined) throw new Error(`the package build failed (in another test file): ${failure}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  }
  throw new Error(`the package build did not finish within ${BUILD_TIMEOUT_MS} ms`)
}

async function build(workDir: string): Promise<BuiltPackage> {
  const packageDir = join(workDir, 'repository')
  await cp(ROOT, packageDir, {
    recursive: true,
    filter: (source) => !NOT_IN_A_CLONE.has(relative(ROOT, source)) && !source.endsWith('.tgz'),
  })
  await run(join(BIN, 'tsup'), ['--out-dir', join(packageDir, 'dist')], { cwd: ROOT, maxBuffer: 16 << 20 })

  const env = childEnv()
  // dist is built above; npm's prepare script would build again, without the repository's node_modules
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], { cwd: packageDir, env })
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }]
  const tarball = join(workDir, packed.filename)

  const consumerDir = join(workDir, 'consumer')
  await mkdir(consumerDir)
  await writeFile(join(consumerDir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // The runtime dependencies are in npm's cache after `npm ci`; the network is only a fallback.
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: consumerDir, env })
  // What a user's project has beside the package: vitest (the peer of chatwork-kit/vitest) and Node's types.
  await mkdir(join(consumerDir, 'node_modules', '@types'), { recursive: true })
  await symlink(join(ROOT, 'node_modules', 'vitest'), join(consumerDir, 'node_modules', 'vitest'), 'dir')
  await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(consumerDir, 'node_modules', '@types', 'node'), 'dir')

  return {
    packageDir,
    tarball,
    files: packed.files.map((file) => file.path),
    consumerDir,
    bin: join(consumerDir, 'node_modules', '.bin', 'chatwork-kit'),
  }
}
