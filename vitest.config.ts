import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url))

export default defineConfig({
  resolve: {
    // README examples and tests import the package by name, as users do.
    alias: [
      { find: /^chatwork-kit$/, replacement: src('index.ts') },
      { find: /^chatwork-kit\/(markup|client|webhook|testing|vitest)$/, replacement: src('$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // A scratch directory per run (test/built-package.ts builds the package there once, on demand),
    // and the chatwork-kit bin, built once for the CLI tests.
    globalSetup: ['test/global-setup.ts', 'test/cli-global-setup.ts'],
    testTimeout: 20_000,
  },
})
