import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locator, SharedPoints } from '../../src/markup/location.ts'

/** Line and column counted from the start, one character at a time. */
function naivePoint(source: string, offset: number) {
  const before = source.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1].length + 1, offset }
}

describe('locator', () => {
  it('gives 1-based lines and columns', () => {
    const pointAt = locator('ab\ncd\n\nef')
    expect(pointAt(0)).toEqual({ line: 1, column: 1, offset: 0 })
    expect(pointAt(2)).toEqual({ line: 1, column: 3, offset: 2 })
    expect(pointAt(3)).toEqual({ line: 2, column: 1, offset: 3 })
    expect(pointAt(6)).toEqual({ line: 3, column: 1, offset: 6 })
    expect(pointAt(9)).toEqual({ line: 4, column: 3, offset: 9 })
    expect(pointAt(1)).toEqual({ line: 1, column: 2, offset: 1 })
  })

  it('agrees with counting from the start, for offsets asked in any order or in increasing order', () => {
    const source = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '語'), maxLength: 60 })
    fc.assert(
      fc.property(
        source.chain((s) => fc.tuple(fc.constant(s), fc.array(fc.nat({ max: s.length }), { maxLength: 30 }))),
        ([s, offsets]) => {
          for (const order of [offsets, [...offsets].sort((a, b) => a - b)]) {
            const pointAt = locator(s)
            for (const offset of order) expect(pointAt(offset)).toEqual(naivePoint(s, offset))
          }
        },
      ),
    )
  })
})

describe('SharedPoints', () => {
  it('agrees with counting from the start, and gives one object for an offset asked twice in a row', () => {
    const source = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '語'), maxLength: 60 })
    fc.assert(
      fc.property(
        source.chain((s) => fc.tuple(fc.constant(s), fc.array(fc.nat({ max: s.length }), { maxLength: 30 }))),
        ([s, offsets]) => {
          for (const order of [offsets, [...offsets].sort((a, b) => a - b)]) {
            const points = new SharedPoints(s)
            for (const offset of order) {
              const point = points.at(offset)
              expect(point).toEqual(naivePoint(s, offset))
              expect(points.at(offset)).toBe(point)
            }
          }
        },
      ),
    )
  })

  it('makes spans that share their point where they meet', () => {
    const points = new SharedPoints('ab\ncd')
    const first = points.span(0, 3)
    const second = points.span(3, 5)
    expect(second.start).toBe(first.end)
    expect(second).toEqual({ start: { line: 2, column: 1, offset: 3 }, end: { line: 2, column: 3, offset: 5 } })
  })
})
