/**
 * The public surface, as a reviewed diff: each subpath's runtime exports (with
 * their kind) and exported type names, compared with the committed report in
 * test/__snapshots__/api-report.txt. A change to the surface fails here until
 * the report is updated (`npx vitest run test/api-report.test.ts -u`) and the
 * diff reviewed.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { NODE_ONLY_SUBPATHS, SUBPATH_ENTRIES } from '../tsup.config.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const specifier = (key: string) => (key === 'index' ? 'chatwork-kit' : `chatwork-kit/${key}`)
const readJson = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as Record<string, any>

/** What a runtime export is: a class, a function, or the type of its value. */
function kind(value: unknown): string {
  if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function'
  if (Array.isArray(value)) return 'array'
  return value === null ? 'null' : typeof value
}

/** Every name each entry exports, values and types, as the type checker sees them. */
function declaredExports(): Map<string, string[]> {
  const files = Object.values(SUBPATH_ENTRIES).map((file) => `${ROOT}${file}`)
  const { config } = ts.readConfigFile(`${ROOT}tsconfig.json`, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT)
  const program = ts.createProgram(files, options)
  const checker = program.getTypeChecker()
  const result = new Map<string, string[]>()
  for (const [key, file] of Object.entries(SUBPATH_ENTRIES)) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(`${ROOT}${file}`)!)!
    result.set(key, checker.getExportsOfModule(module).map((symbol) => symbol.name))
  }
  return result
}

describe('the public API', () => {
  it('matches the committed report, subpath by subpath', async () => {
    const declared = declaredExports()
    let report = ''
    for (const key of Object.keys(SUBPATH_ENTRIES)) {
      const module = (await import(/* @vite-ignore */ specifier(key))) as Record<string, unknown>
      report += `## ${specifier(key)}\n\nruntime:\n`
      for (const name of Object.keys(module).sort()) report += `  ${name}: ${kind(module[name])}\n`
      // what is declared but not there at run time is a type
      report += 'types:\n'
      for (const name of declared.get(key)!.filter((name) => !(name in module)).sort()) report += `  ${name}\n`
      report += '\n'
    }
    await expect(report).toMatchFileSnapshot('./__snapshots__/api-report.txt')
  }, 60_000)

  it('declares every subpath alike in package.json, tsconfig.json and the build', () => {
    const pkg = readJson('package.json')
    const tsconfig = readJson('tsconfig.json')
    const keys = Object.keys(SUBPATH_ENTRIES)
    const exported = Object.keys(pkg.exports).filter((name) => name !== './package.json')
    expect(exported).toEqual(keys.map((key) => (key === 'index' ? '.' : `./${key}`)))
    for (const key of keys) {
      const subpath = key === 'index' ? '.' : `./${key}`
      expect(pkg.exports[subpath].import.default, subpath).toBe(`./dist/${key}.mjs`)
      expect(pkg.exports[subpath].require.default, subpath).toBe(`./dist/${key}.cjs`)
      expect(tsconfig.compilerOptions.paths[specifier(key)], subpath).toEqual([`./${SUBPATH_ENTRIES[key]}`])
      if (key !== 'index') expect(pkg.typesVersions['*'][key], subpath).toEqual([`./dist/${key}.d.cts`])
      // Workers and browsers get the build without a file system, for every subpath that can run there
      const worker = NODE_ONLY_SUBPATHS.includes(key) ? undefined : { types: `./dist/${key}.d.mts`, default: `./dist/${key}.worker.mjs` }
      for (const condition of ['workerd', 'worker', 'browser']) expect(pkg.exports[subpath][condition], `${subpath} ${condition}`).toEqual(worker)
    }
  })
})
