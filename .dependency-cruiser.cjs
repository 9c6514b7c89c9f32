/**
 * The dependency rule between the parts (see ARCHITECTURE.md), checked by
 * `npm run check:deps` as part of `npm test`. Each part may import itself and
 * the parts listed for it; nothing may form an import cycle.
 */
const PARTS = {
  errors: [],
  markup: [],
  lint: ['markup'],
  client: ['markup', 'errors'],
  webhook: ['markup', 'errors'],
  emulator: ['markup', 'webhook', 'errors', 'lint', 'render/html', 'oauth'],
  vitest: ['markup', 'lint'],
  'render/common': ['markup'],
  'render/html': ['markup', 'render/common'],
  'render/markdown': ['markup', 'render/common'],
  'render/slack': ['markup', 'render/common'],
  redis: ['client', 'errors'],
  oauth: ['client', 'errors'],
  mcp: ['markup', 'lint', 'render/common', 'render/markdown', 'client', 'errors'],
}

/** The path pattern of a part: its folder, or src/errors.ts. */
const pathOf = (part) => (part === 'errors' ? '^src/errors\\.ts$' : `^src/${part}/`)

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and parts impossible to read alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'markup-has-no-dependencies',
      severity: 'error',
      comment: 'The markup part runs anywhere with nothing installed: no packages, no runtime built-ins.',
      from: { path: '^src/(markup|lint)/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'core'] },
    },
    ...Object.entries(PARTS).map(([part, allowed]) => ({
      name: `${part.replace('/', '-')}-imports-only-its-own`,
      severity: 'error',
      comment: `${part} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (ARCHITECTURE.md)`,
      from: { path: pathOf(part) },
      to: { path: '^src/', pathNot: [pathOf(part), ...allowed.map(pathOf)] },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a cycle of types is still a cycle of meaning
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
