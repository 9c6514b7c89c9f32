import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build, defineConfig, type Options } from 'tsup'
import type { Plugin } from 'esbuild'

/**
 * The package's subpaths and the source behind each: `index` is `chatwork-kit`,
 * any other key `chatwork-kit/<key>`. package.json's `exports`, tsconfig.json's
 * `paths` and the test aliases must agree with it (test/api-report.test.ts checks).
 */
export const SUBPATH_ENTRIES: Record<string, string> = {
  index: 'src/index.ts',
  markup: 'src/entries/markup.ts',
  client: 'src/client/index.ts',
  webhook: 'src/webhook/index.ts',
  testing: 'src/emulator/index.ts',
  vitest: 'src/vitest/index.ts',
  html: 'src/render/html/index.ts',
  slack: 'src/render/slack/index.ts',
  markdown: 'src/render/markdown/index.ts',
  redis: 'src/redis/index.ts',
  mcp: 'src/mcp/index.ts',
  oauth: 'src/oauth/index.ts',
}

/** What the code build and the declaration build share. */
const shared = {
  entry: { ...SUBPATH_ENTRIES, cli: 'src/cli/index.ts' },
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  // esbuild only bundles the emulator UI when running from source (src/emulator/ui/assets.ts)
  external: ['vitest', 'esbuild', 'ioredis', /^node:/],
  // Deno and Workers resolve Node built-ins only by their node: names.
  removeNodeProtocol: false,
  // import.meta.url in the CJS build (the emulator UI finds its files with it)
  shims: true,
  // Shared chunks in the CJS build too (tsup splits only ESM by default), so
  // that every subpath requires one copy of the error classes and `instanceof
  // ChatworkError` holds across subpaths.
  splitting: true,
} satisfies Options

/**
 * The subpaths that need Node itself, and so have no build for Workers and
 * browsers: the emulator is a Node server (node:http), the vitest matchers
 * need the vitest runner, and the Redis store works through ioredis, which
 * needs TCP sockets.
 */
export const NODE_ONLY_SUBPATHS = ['testing', 'vitest', 'redis']

/**
 * The entries that Workers and browsers get instead (the `workerd`, `worker`
 * and `browser` export conditions): the same code, with the one module that
 * needs a file system (uploads from a path) swapped for a stand-in, so that
 * it names no `node:` module, not even behind a dynamic import, which
 * Workers' bundler resolves too. Every subpath a Worker can use is built
 * here, so that they share one copy of the client and of the error classes
 * (`instanceof` holds across subpaths).
 */
const workerEntries = Object.fromEntries(
  Object.entries(SUBPATH_ENTRIES)
    .filter(([key]) => !NODE_ONLY_SUBPATHS.includes(key))
    .map(([key, file]) => [`${key}.worker`, file]),
)

const withoutFileSystem: Plugin = {
  name: 'without-file-system',
  setup(build) {
    build.onResolve({ filter: /^\.\/read-path\.ts$/ }, (args) => ({ path: join(args.resolveDir, 'read-path.worker.ts') }))
  },
}

export default defineConfig((overrides) => ({
  ...shared,
  clean: true,
  outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.cjs' }),
  // tsup 8.5 builds declarations in a worker that ignores outExtension, so in
  // a "type": "module" package the ESM ones come out as .d.ts. They are built
  // here, after the code (which cleaned the directory), and then renamed, so
  // that each format has its own declarations: .d.mts and .d.cts. Command-line
  // options (`--entry.cli`, `--out-dir`, `--no-dts`) apply to this step too;
  // a build of chosen entries (`--entry.cli`) leaves out the worker entries.
  onSuccess: async () => {
    const outDir = overrides.outDir ?? 'dist'
    const steps = { ...overrides, outDir, config: false, watch: false, onSuccess: undefined } satisfies Options
    // the emulator UI's browser app, beside the modules that serve it
    // (imported here, so that vitest.config.ts, which reads SUBPATH_ENTRIES, does not load them)
    const [esbuild, { bundleUiAssets, UI_ASSETS_DIR }] = await Promise.all([import('esbuild'), import('./src/emulator/ui/assets.ts')])
    await bundleUiAssets(esbuild, { outdir: join(outDir, UI_ASSETS_DIR), minify: true })
    if (overrides.entry === undefined) {
      await build({ ...shared, ...steps, entry: workerEntries, format: ['esm'], outExtension: () => ({ js: '.mjs' }), esbuildPlugins: [withoutFileSystem], dts: false })
    }
    if (overrides.dts === false) return
    await build({ ...shared, ...steps, dts: { only: true } })
    await renameEsmDeclarations(outDir)
  },
}))

/**
 * Renames every .d.ts in `dir` to .d.mts, and points the relative imports
 * between them (`./chunk.js`) at the renamed files (`./chunk.mjs`, which
 * TypeScript resolves to `./chunk.d.mts`).
 */
async function renameEsmDeclarations(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((file) => file.endsWith('.d.ts')).map((file) => file.slice(0, -'.d.ts'.length))
  const renamed = new Set(names)
  for (const name of names) {
    const file = join(dir, `${name}.d.ts`)
    const code = (await readFile(file, 'utf8')).replace(/(["'])\.\/([^"'/]+)\.js\1/g, (specifier, quote: string, target: string) =>
      renamed.has(target) ? `${quote}./${target}.mjs${quote}` : specifier,
    )
    await writeFile(join(dir, `${name}.d.mts`), code)
    await rm(file)
  }
}
