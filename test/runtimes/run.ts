/**
 * `npm run test:runtimes`: builds and packs the package, installs the tarball
 * into a fresh project, and runs one suite of checks (suite.mjs) under Node
 * (ESM and CommonJS), Bun, Deno and workerd (through miniflare, with no
 * compatibility flags), each against one emulator started here under Node
 * and reached over loopback. On workerd, the suite, the webhook handler and
 * the client run inside the Worker. The runtimes are installed from the npm
 * registry at the versions below into a cache directory on first use, not as
 * devDependencies. Writes results.json and the README's table of what was
 * verified where; exits 1 if any check failed.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { RUNTIME_VERSIONS, renderTable, type RuntimeResult } from './table.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const HERE = fileURLToPath(new URL('.', import.meta.url))
const RESULTS_FILE = join(HERE, 'results.json')
const README = join(ROOT, 'README.md')

/** Where the runtimes are installed: `CHATWORK_KIT_RUNTIMES_DIR`, or the user's cache directory. */
const CACHE_DIR = process.env.CHATWORK_KIT_RUNTIMES_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'chatwork-kit', 'runtimes')

/** What this script uses of miniflare, which is installed in the cache, not in node_modules. */
type MiniflareClass = new (options: { modules: boolean; script: string; compatibilityDate: string }) => {
  dispatchFetch(url: string, init: { method: string; body: string }): Promise<Response>
  dispose(): Promise<void>
}

/** Per runtime process, generous for a busy 2-core machine. */
const RUNTIME_TIMEOUT_MS = 120_000

const run = promisify(execFile)

function say(line: string): void {
  console.log(`[test:runtimes] ${line}`)
}

/** The environment for child npm processes, without what an outer `npm run` exported about this repository. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config_local_prefix|package_|lifecycle_)/i.test(key)))
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Installs bun, deno and miniflare at their pinned versions into the cache, once; resolves with the runtime's directory. */
async function ensureRuntimes(): Promise<string> {
  const dir = join(CACHE_DIR, Object.entries(RUNTIME_VERSIONS).map(([name, version]) => `${name}-${version}`).join('_'))
  const marker = join(dir, 'installed.json')
  if (await exists(marker)) {
    say(`runtimes from the cache: ${dir}`)
    return dir
  }
  const specs = Object.entries(RUNTIME_VERSIONS).map(([name, version]) => `${name}@${version}`)
  say(`first use: installing ${specs.join(', ')} from the npm registry into ${dir} (about 130 MB to download, 370 MB on disk)`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'chatwork-kit-runtimes', private: true }))
  await run('npm', ['install', ...specs, '--no-audit', '--no-fund', '--no-package-lock', '--save-exact'], { cwd: dir, env: childEnv(), maxBuffer: 16 << 20 })
  await writeFile(marker, JSON.stringify(RUNTIME_VERSIONS))
  return dir
}

/** The first of a runtime's binaries that runs (the package's own, moved there by its install script, or the platform package's). */
async function binary(runtimes: string, candidates: string[]): Promise<string> {
  for (const candidate of candidates) {
    const path = join(runtimes, 'node_modules', candidate)
    if (await run(path, ['--version']).then(() => true, () => false)) return path
  }
  throw new Error(`none of ${candidates.join(', ')} runs in ${runtimes}`)
}

/** Builds and packs the package, and installs the tarball into a fresh project; resolves with that project's directory. */
async function installPackage(work: string): Promise<string> {
  say('building (npm run build) and packing the package')
  await run('npm', ['run', 'build'], { cwd: ROOT, env: childEnv(), maxBuffer: 16 << 20 })
  // Built just above: no second build through the prepare script, whose output would mix with the JSON.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: childEnv() })
  const tarball = join(work, (JSON.parse(stdout) as [{ filename: string }])[0].filename)
  const consumer = join(work, 'consumer')
  await mkdir(consumer)
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: consumer, env: childEnv() })
  for (const file of ['suite.mjs', 'entry.mjs', 'entry.cjs']) await cp(join(HERE, file), join(consumer, file))
  return consumer
}

/**
 * The subpaths of the installed package's exports that the suite imports (all
 * but vitest's, which needs the vitest runner), and those of them with a build
 * for Workers (a `workerd` condition), which the Worker imports.
 */
async function subpathsOf(consumer: string): Promise<{ server: string[]; worker: string[] }> {
  const manifest = JSON.parse(await readFile(join(consumer, 'node_modules', 'chatwork-kit', 'package.json'), 'utf8')) as { exports: Record<string, object> }
  const entries = Object.entries(manifest.exports).filter(([key]) => key !== './package.json' && key !== './vitest')
  const specifier = ([key]: [string, object]) => `chatwork-kit${key.slice(1)}`
  return { server: entries.map(specifier), worker: entries.filter(([, conditions]) => 'workerd' in conditions).map(specifier) }
}

/**
 * The suite's entry on workerd: a Worker that imports every subpath Workers
 * support (and the MCP SDK modules the suite uses), runs the suite inside the Worker (handler and client included) on
 * the settings POSTed to it, and answers the results as JSON.
 */
function workerSource(specifiers: string[]): string {
  const imports = specifiers.map((specifier, i) => `import * as module${i} from '${specifier}'`)
  const table = specifiers.map((specifier, i) => `  '${specifier}': module${i},`)
  return [
    ...imports,
    "import { runSuite } from './suite.mjs'",
    '',
    'const modules = {',
    ...table,
    '}',
    '',
    'export default {',
    '  async fetch(request) {',
    '    return Response.json(await runSuite(async (specifier) => modules[specifier], await request.json()))',
    '  },',
    '}',
    '',
  ].join('\n')
}

/** A server that counts the requests it gets: where redirects point, so that a followed one shows. */
async function startTrap(): Promise<{ server: Server; origin: string; hits: () => number }> {
  let hits = 0
  const server = createServer((_, response) => {
    hits++
    response.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { server, origin: `http://127.0.0.1:${port}`, hits: () => hits }
}

/** Parses the results a runtime printed after its marker. */
function resultsOf(stdout: string): RuntimeResult['checks'] {
  const line = stdout.split('\n').find((text) => text.startsWith('RUNTIME-RESULTS '))
  if (line === undefined) throw new Error(`no results in its output:\n${stdout.slice(-2000)}`)
  return JSON.parse(line.slice('RUNTIME-RESULTS '.length)) as RuntimeResult['checks']
}

async function main(): Promise<void> {
  const started = Date.now()
  const work = await mkdtemp(join(tmpdir(), 'chatwork-kit-runtimes-'))
  let emulator: { close(): Promise<void> } | undefined
  let trap: Awaited<ReturnType<typeof startTrap>> | undefined
  try {
    const [consumer, runtimes] = await Promise.all([installPackage(work), ensureRuntimes()])
    const bun = await binary(runtimes, ['bun/bin/bun.exe', '@oven/bun-linux-x64/bin/bun', '@oven/bun-linux-x64-baseline/bin/bun'])
    const deno = await binary(runtimes, ['deno/deno', '@deno/linux-x64-glibc/deno'])
    const requireInConsumer = createRequire(join(consumer, 'package.json'))
    const testing = (await import(pathToFileURL(requireInConsumer.resolve('chatwork-kit/testing')).href)) as typeof import('chatwork-kit/testing')
    const emu = await testing.startEmulator()
    emulator = emu
    trap = await startTrap()
    const corpus = (await readFile(join(ROOT, 'test', 'fixtures', 'corpus.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { body: string }).body)
    const uploadFile = join(work, 'notes.txt')
    await writeFile(uploadFile, 'uploaded from a path\n')
    const { MCP_SDK_MODULES } = (await import(pathToFileURL(join(consumer, 'suite.mjs')).href)) as { MCP_SDK_MODULES: string[] }
    const { server: serverSubpaths, worker: workerSubpaths } = await subpathsOf(consumer)
    await writeFile(join(consumer, 'worker.mjs'), workerSource([...workerSubpaths, ...MCP_SDK_MODULES]))

    let redirectRoom = 990_000
    /** The settings of one runtime's run: a room of its own, and redirects queued for it. */
    function configFor(name: string, server: boolean) {
      const getRoomId = ++redirectRoom
      const postRoomId = ++redirectRoom
      emu.fault({ method: 'GET', path: `/rooms/${getRoomId}`, status: 302, location: `${trap!.origin}/v2/rooms/${getRoomId}` })
      emu.fault({ method: 'POST', path: `/rooms/${postRoomId}/messages`, status: 307, location: `${trap!.origin}/v2/rooms/${postRoomId}/messages` })
      return {
        baseURL: emu.baseURL,
        token: emu.token,
        roomId: emu.addRoom({ name: `runtime: ${name}` }),
        corpus,
        subpaths: server ? serverSubpaths : workerSubpaths,
        uploadPath: server ? { path: uploadFile, content: 'uploaded from a path\n' } : undefined,
        redirects: { getRoomId, postRoomId, origin: trap!.origin },
      }
    }

    async function inProcess(name: string, command: string, args: string[], server = true): Promise<RuntimeResult['checks']> {
      const configFile = join(work, `${name.replace(/\W+/g, '-')}.json`)
      await writeFile(configFile, JSON.stringify(configFor(name, server)))
      const { stdout } = await run(command, [...args, configFile], { cwd: consumer, timeout: RUNTIME_TIMEOUT_MS, maxBuffer: 16 << 20 })
      return resultsOf(stdout)
    }

    async function inWorker(): Promise<RuntimeResult['checks']> {
      // As Workers' bundler (wrangler) resolves the package: the worker conditions, ES modules, no Node built-ins.
      const bundle = await build({
        entryPoints: [join(consumer, 'worker.mjs')],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['module', 'main'],
        write: false,
        logLevel: 'silent',
      })
      const script = bundle.outputFiles[0]!.text
      const named = [...new Set([...script.matchAll(/["'`](node:[\w/]+)["'`]/g)].map((match) => match[1]))]
      const bundleCheck = { name: 'the Worker bundle names no node: module', ok: named.length === 0, error: named.length ? `it names ${named.join(', ')}` : undefined }
      const { Miniflare } = (await import(pathToFileURL(createRequire(join(runtimes, 'package.json')).resolve('miniflare')).href)) as { Miniflare: MiniflareClass }
      const miniflare = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' })
      try {
        const response = await miniflare.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(configFor('workerd', false)) })
        const text = await response.text()
        if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 2000)}`)
        return [bundleCheck, ...(JSON.parse(text) as RuntimeResult['checks'])]
      } finally {
        await miniflare.dispose()
      }
    }

    const runs: [string, string, () => Promise<RuntimeResult['checks']>][] = [
      ['node-esm', `Node ${process.versions.node} (ESM)`, () => inProcess('node-esm', process.execPath, ['entry.mjs'])],
      ['node-cjs', `Node ${process.versions.node} (CommonJS)`, () => inProcess('node-cjs', process.execPath, ['entry.cjs'])],
      ['bun', `Bun ${RUNTIME_VERSIONS.bun}`, () => inProcess('bun', bun, ['entry.mjs'])],
      ['deno', `Deno ${RUNTIME_VERSIONS.deno}`, () => inProcess('deno', deno, ['run', '--allow-all', 'entry.mjs'])],
      ['workerd', `workerd (miniflare ${RUNTIME_VERSIONS.miniflare})`, inWorker],
    ]
    const results: RuntimeResult[] = []
    for (const [id, label, start] of runs) {
      const before = trap.hits()
      const began = Date.now()
      let checks: RuntimeResult['checks']
      try {
        checks = await start()
      } catch (error) {
        checks = [{ name: 'runs the suite', ok: false, error: error instanceof Error ? error.message : String(error) }]
      }
      const followed = trap.hits() - before
      checks.push({ name: 'no request followed a redirect', ok: followed === 0, error: followed ? `${followed} requests reached the redirect target` : undefined })
      const failed = checks.filter((check) => !check.ok)
      say(`${label}: ${checks.length - failed.length} passed, ${failed.length} failed (${((Date.now() - began) / 1000).toFixed(1)} s)`)
      for (const check of failed) say(`  ✗ ${check.name}\n${check.error ?? ''}`)
      results.push({ id, label, checks })
    }

    const summary = { date: new Date().toISOString().slice(0, 10), versions: { node: process.versions.node, ...RUNTIME_VERSIONS }, results }
    await writeFile(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`)
    const readme = await readFile(README, 'utf8')
    await writeFile(README, renderTable(readme, summary))
    const all = results.flatMap((result) => result.checks)
    const failed = all.filter((check) => !check.ok).length
    say(`results in ${RESULTS_FILE} and the README's table; ${((Date.now() - started) / 1000).toFixed(0)} s in all`)
    // The closing line CI reads.
    console.log(`${all.length - failed} passed, ${failed} failed`)
    process.exitCode = failed === 0 ? 0 : 1
  } finally {
    await emulator?.close()
    trap?.server.close()
    await rm(work, { recursive: true, force: true })
  }
}

await main()
