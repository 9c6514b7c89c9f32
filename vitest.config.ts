import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

import { SUBPATH_ENTRIES } from './tsup.config.ts'

/** The package name of a subpath entry: `index` is the package itself. */
const specifier = (key: string) => (key === 'index' ? 'chatwork-kit' : `chatwork-kit/${key}`)

export default defineConfig({
  resolve: {
    // README examples and tests import the package by name, as users do.
    alias: Object.entries(SUBPATH_ENTRIES).map(([key, file]) => ({
      find: new RegExp(`^${specifier(key)}$`),
      replacement: fileURLToPath(new URL(`./${file}`, import.meta.url)),
    })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    // A scratch directory per run (test/helpers/built-package.ts builds the package there once, on demand),
    // and the chatwork-kit bin, built once for the CLI tests.
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/cli-global-setup.ts'],
    testTimeout: 20_000,
  },
})
