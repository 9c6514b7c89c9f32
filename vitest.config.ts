import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url))

/** Each package subpath and the source file behind it, as tsup.config.ts builds them. */
const SUBPATHS: Record<string, string> = {
  'chatwork-kit': 'index.ts',
  'chatwork-kit/markup': 'entries/markup.ts',
  'chatwork-kit/client': 'client/index.ts',
  'chatwork-kit/webhook': 'webhook/index.ts',
  'chatwork-kit/testing': 'emulator/index.ts',
  'chatwork-kit/vitest': 'vitest/index.ts',
  'chatwork-kit/html': 'render/html/index.ts',
}

export default defineConfig({
  resolve: {
    // README examples and tests import the package by name, as users do.
    alias: Object.entries(SUBPATHS).map(([name, file]) => ({ find: new RegExp(`^${name}$`), replacement: src(file) })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    // A scratch directory per run (test/helpers/built-package.ts builds the package there once, on demand),
    // and the chatwork-kit bin, built once for the CLI tests.
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/cli-global-setup.ts'],
    testTimeout: 20_000,
  },
})
