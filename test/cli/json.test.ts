/**
 * The CLI's JSON writer: `JSON.stringify(value, null, 2)` to the byte for
 * data of ordinary depth, any depth without recursion, and terminal-safe.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'chatwork-kit/markup'
import { MAX_INDENTED_DEPTH, toJson } from '../../src/cli/json.ts'
import { corpusBodies } from '../helpers/corpus.ts'

/** A value nested `depth` arrays deep around `core`. */
function nested(depth: number, core: unknown): unknown {
  let value = core
  for (let i = 0; i < depth; i++) value = { children: [value] }
  return value
}

describe('toJson', () => {
  it('prints what JSON.stringify(value, null, 2) prints, for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(toJson(value)).toBe(JSON.stringify(value, null, 2))
      }),
    )
  })

  it('prints every corpus tree as JSON.stringify does, with and without positions', () => {
    for (const body of corpusBodies) {
      for (const positions of [true, false]) {
        const tree = parse(body, { positions })
        expect(toJson(tree)).toBe(JSON.stringify(tree, null, 2))
      }
    }
  })

  it('leaves out undefined members, writes null for them in lists, and honours toJSON', () => {
    const value = { a: undefined, b: [undefined, () => 1], c: new Date(0), d: { toJSON: () => 'x' } }
    expect(toJson(value)).toBe(JSON.stringify(value, null, 2))
  })

  it('prints deeper levels compact, so that 100,000 levels print in proportion to their size', () => {
    const depth = 100_000
    const out = toJson(nested(depth, 'core'))
    expect(out.length).toBeLessThan(depth * 20)
    expect(out).toContain('{"children":["core"]}')
    const shallow = nested(MAX_INDENTED_DEPTH / 2 - 1, 1)
    expect(toJson(shallow)).toBe(JSON.stringify(shallow, null, 2))
    // what it prints reads back as the value; deep enough to be compact, shallow enough for toEqual's recursive comparison
    const deep = nested(MAX_INDENTED_DEPTH * 4, { text: 'x' })
    expect(JSON.parse(toJson(deep))).toEqual(deep)
  })

  it('escapes DEL, the C1 controls and the bidi controls, which read back unchanged', () => {
    const value = { text: 'a\u007fb\u009b31m\u202ec\u2066' }
    const out = toJson(value)
    expect(out).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(out).toContain('\\u009b31m')
    expect(JSON.parse(out)).toEqual(value)
  })
})
