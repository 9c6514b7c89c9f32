import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, stringify, visit } from 'chatwork-kit/markup'
import { markupish } from '../helpers/arbitraries.ts'

const runs = { numRuns: 2000 }

describe('parse: laws', () => {
  it('never throws, for any string', () => {
    fc.assert(fc.property(fc.oneof(markupish, fc.string(), fc.string({ unit: 'binary' })), (body) => {
      parse(body)
    }), runs)
  })

  it('round-trips exactly: stringify(parse(s)) === s', () => {
    fc.assert(fc.property(fc.oneof(markupish, fc.string({ unit: 'binary' })), (body) => {
      expect(stringify(parse(body))).toBe(body)
      expect(stringify(parse(body, { positions: false }))).toBe(body)
    }), runs)
  })

  it('prints every node as the source slice at its position', () => {
    fc.assert(fc.property(markupish, (body) => {
      visit(parse(body), (node) => {
        const { start, end } = node.position!
        expect(stringify(node)).toBe(body.slice(start.offset, end.offset))
      })
    }), runs)
  })

  it('gives each point the line and column of its offset', () => {
    fc.assert(fc.property(markupish, (body) => {
      visit(parse(body), (node) => {
        for (const point of [node.position!.start, node.position!.end]) {
          const before = body.slice(0, point.offset)
          expect(point.line).toBe(before.split('\n').length)
          expect(point.column).toBe(point.offset - (before.lastIndexOf('\n') + 1) + 1)
        }
      })
    }), runs)
  })

  it('never leaves two text nodes side by side', () => {
    fc.assert(fc.property(markupish, (body) => {
      visit(parse(body), (node) => {
        if (!('children' in node)) return
        node.children.forEach((child, i) => {
          if (i > 0) expect(child.type === 'text' && node.children[i - 1].type === 'text').toBe(false)
        })
      })
    }), runs)
  })
})
