import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build, defineConfig, type Options } from 'tsup'

/** What the code build and the declaration build share. */
const shared = {
  entry: {
    index: 'src/index.ts',
    markup: 'src/entries/markup.ts',
    client: 'src/client/index.ts',
    webhook: 'src/webhook/index.ts',
    testing: 'src/emulator/index.ts',
    vitest: 'src/vitest/index.ts',
    cli: 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  external: ['vitest', /^node:/],
  // Deno and Workers resolve Node built-ins only by their node: names.
  removeNodeProtocol: false,
} satisfies Options

export default defineConfig((overrides) => ({
  ...shared,
  clean: true,
  outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.cjs' }),
  // tsup 8.5 builds declarations in a worker that ignores outExtension, so in
  // a "type": "module" package the ESM ones come out as .d.ts. They are built
  // here, after the code (which cleaned the directory), and then renamed, so
  // that each format has its own declarations: .d.mts and .d.cts. Command-line
  // options (`--entry.cli`, `--out-dir`, `--no-dts`) apply to this step too.
  onSuccess:
    overrides.dts === false
      ? undefined
      : async () => {
          const outDir = overrides.outDir ?? 'dist'
          await build({ ...shared, ...overrides, outDir, config: false, watch: false, onSuccess: undefined, dts: { only: true } })
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
