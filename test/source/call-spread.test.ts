/**
 * No spread of an unbounded array into a call, anywhere in src: past about
 * 125,000 elements `f(...list)` throws a RangeError (`Math.max(...lines)`
 * once made `lint` exit 1 on a 12 MB file). A spread is allowed only where
 * the type checker proves a tuple, whose length is fixed.
 */
import { readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every spread argument of a call or `new` in these files whose type is not a tuple, as `file:line: code`. */
function unboundedSpreads(files: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
  const program = ts.createProgram(files, { ...config.options, noEmit: true })
  const checker = program.getTypeChecker()
  const found: string[] = []
  for (const file of files) {
    const source = program.getSourceFile(file)!
    const pending: ts.Node[] = [source]
    while (pending.length > 0) {
      const node = pending.pop()!
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
        for (const argument of node.arguments) {
          if (ts.isSpreadElement(argument) && !checker.isTupleType(checker.getTypeAtLocation(argument.expression))) {
            const { line } = source.getLineAndCharacterOfPosition(argument.getStart())
            found.push(`${relative(ROOT, file)}:${line + 1}: ${node.getText().split('\n')[0]}`)
          }
        }
      }
      node.forEachChild((child) => void pending.push(child))
    }
  }
  return found
}

describe('spreads into calls', () => {
  it('finds an unbounded spread, and lets a tuple through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-spread-'))
    try {
      const file = join(dir, 'sample.ts')
      await writeFile(file, 'const lines: number[] = [1, 2]\nconst pair: [number, number] = [1, 2]\nMath.max(1, ...lines)\nMath.max(...pair)\nnew Set(...[lines])\n')
      expect(unboundedSpreads([file]).map((found) => found.split(': ')[1])).toEqual(['Math.max(1, ...lines)'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('src spreads only tuples into calls', () => {
    expect(unboundedSpreads(sources(join(ROOT, 'src')))).toEqual([])
  }, 60_000)
})
