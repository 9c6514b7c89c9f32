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
    testTimeout: 20_000,
  },
})
