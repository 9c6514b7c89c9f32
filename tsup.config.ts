import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    markup: 'src/markup.ts',
    client: 'src/client.ts',
    webhook: 'src/webhook.ts',
    testing: 'src/testing.ts',
    vitest: 'src/vitest.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // tsup 8.5 builds declarations in a worker that ignores outExtension: they
  // come out as .d.ts (ESM, since the package is "type": "module") and .d.cts,
  // which is what package.json `exports` points to.
  outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.cjs' }),
  external: ['vitest', /^node:/],
  // Deno and Workers resolve Node built-ins only by their node: names.
  removeNodeProtocol: false,
})
