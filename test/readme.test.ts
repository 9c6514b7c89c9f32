/**
 * Every ```ts block of README.md (not ```ts no-run) is a complete module:
 * each runs here, importing the package by name (vitest.config.ts maps the
 * names to src) and perhaps Node's built-ins, and all of them typecheck, so the README cannot drift from
 * the code.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, run } from './helpers/built-package.ts'

interface Block {
  /** The `## ` section it is in. */
  section: string
  /** Its line in README.md, for messages. */
  line: number
  code: string
}

/** Sections that document a part of the library, each of which must show it in runnable code. */
const PARTS = [
  'Compose messages (builder)',
  'Parse message bodies',
  'Lint your messages',
  'Send and read messages (client)',
  'Receive webhooks',
  'OAuth',
  'Scaling out',
  'Test your bot without a network',
  'Render and convert',
]

/** Generous: some blocks start an emulator and wait for webhooks, on a possibly busy machine. */
const BLOCK_TIMEOUT_MS = 30_000
const TYPECHECK_TIMEOUT_MS = 120_000

const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
const blocks = extractBlocks(readme)

/** The runnable TypeScript blocks, with the section each belongs to; fences may be indented (in lists). */
function extractBlocks(markdown: string): Block[] {
  const found: Block[] = []
  let section = ''
  let open: (Block & { runs: boolean; fence: string; indent: number }) | undefined
  markdown.split('\n').forEach((text, index) => {
    if (open === undefined) {
      const heading = /^## (.+)$/.exec(text)
      if (heading) section = heading[1].trim()
      const start = /^( *)(`{3,}|~{3,})(.*)$/.exec(text)
      // Only a block whose info string is exactly `ts` runs; ```ts no-run and other languages do not.
      if (start) open = { section, line: index + 1, code: '', runs: start[3].trim() === 'ts', fence: start[2], indent: start[1].length }
    } else if (text.trim().startsWith(open.fence) && text.trim().slice(open.fence.length).trim() === '') {
      if (open.runs) found.push({ section: open.section, line: open.line, code: open.code })
      open = undefined
    } else {
      open.code += `${text.slice(Math.min(open.indent, text.length - text.trimStart().length))}\n`
    }
  })
  if (open !== undefined) throw new Error(`README.md: the code block opened at line ${open.line} is never closed`)
  return found
}

let dir: string
const files = new Map<Block, string>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-readme-'))
  for (const [i, block] of blocks.entries()) {
    const file = join(dir, `readme-${String(i + 1).padStart(2, '0')}-line-${block.line}.ts`)
    await writeFile(file, block.code)
    files.set(block, file)
  }
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('README.md', () => {
  it('yields its blocks as a reader sees them: ```ts only, indented ones included', () => {
    const sample = ['## A', '```ts', 'const a = 1', '```', '```ts no-run', 'skipped()', '```', '- a step:', '', '  ```ts', '  const b = 2', '  ```', '````sh', '```ts', '````'].join('\n')
    expect(extractBlocks(sample)).toEqual([
      { section: 'A', line: 2, code: 'const a = 1\n' },
      { section: 'A', line: 10, code: 'const b = 2\n' },
    ])
  })

  it('shows every part of the library in runnable code', () => {
    const sections = new Set(blocks.map((block) => block.section))
    expect(PARTS.filter((part) => !sections.has(part))).toEqual([])
  })

  it('has examples that are complete modules importing only the package', () => {
    for (const block of blocks) {
      const imports = [...block.code.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1])
      expect(imports.length, `README.md:${block.line}`).toBeGreaterThan(0)
      // the package, and Node's built-ins (the OAuth example's node:http callback)
      expect(imports.filter((name) => !/^(?:chatwork-kit(\/[a-z]+)?|node:[a-z_/]+)$/.test(name)), `README.md:${block.line}`).toEqual([])
    }
  })

  describe.each(blocks.map((block) => [`${block.section}, line ${block.line}`, block] as const))('```ts block in %s', (_, block) => {
    it('runs to completion', { timeout: BLOCK_TIMEOUT_MS }, async () => {
      await import(/* @vite-ignore */ files.get(block)!)
    })
  })

  it('typechecks every ```ts block', { timeout: TYPECHECK_TIMEOUT_MS }, async () => {
    const tsconfig = {
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: { typeRoots: [join(ROOT, 'node_modules', '@types')], noEmit: true },
      include: [...files.values()],
    }
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
    const result = await run(join(BIN, 'tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: ROOT }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    )
    // Each error names the block's file, whose name holds its README line.
    expect(result).toBe('')
  })
})
