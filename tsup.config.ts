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
  outExtension: ({ format }) => (format === 'esm' ? { js: '.mjs', dts: '.d.mts' } : { js: '.cjs', dts: '.d.cts' }),
  external: ['vitest', /^node:/],
})
