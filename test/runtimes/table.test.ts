/**
 * The README's runtime table is the one `npm run test:runtimes` generated from
 * its last results (test/runtimes/results.json), and those results passed on
 * every runtime.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { renderTable, tableOf, type RuntimeSummary } from './table.ts'

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const summary = JSON.parse(await readFile(new URL('./results.json', import.meta.url), 'utf8')) as RuntimeSummary

describe('the runtime matrix in the README', () => {
  it('is the table of the last run', () => {
    expect(readme).toContain(tableOf(summary))
    expect(renderTable(readme, summary)).toBe(readme)
  })

  it('covers Node (ESM and CommonJS), Bun, Deno and workerd, and every check passed', () => {
    expect(summary.results.map((result) => result.id)).toEqual(['node-esm', 'node-cjs', 'bun', 'deno', 'workerd'])
    const failed = summary.results.flatMap((result) => result.checks.filter((check) => !check.ok).map((check) => `${result.label}: ${check.name}`))
    expect(failed).toEqual([])
    for (const result of summary.results) expect(result.checks.length).toBeGreaterThanOrEqual(10)
  })

  it('marks checks that did not run on a runtime apart from failures', () => {
    const table = tableOf({
      date: '2026-01-01',
      versions: {},
      results: [
        { id: 'a', label: 'A', checks: [{ name: 'x', ok: true }, { name: 'y', ok: false, error: 'boom' }] },
        { id: 'b', label: 'B', checks: [{ name: 'x', ok: false }] },
      ],
    })
    expect(table.split('\n').slice(2)).toEqual(['| Check | A | B |', '|---|:-:|:-:|', '| x | ✓ | ✗ |', '| y | ✗ | – |'])
  })
})
