import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeText, fixMarkup, lint, LINT_RULES, parse, type LintCode } from 'chatwork-kit/markup'
import { markupish } from './arbitraries.ts'

const bodies = fc.oneof(markupish, fc.string(), fc.string({ unit: 'grapheme' }))

/** Every rule on, so that each law covers every rule. */
const ALL_ON = { rules: { toall: 'info' as const } }

/** Rules about text that looks like a tag but is not one. */
const TAG_LIKE_TEXT: LintCode[] = ['unclosed-tag', 'stray-closer', 'closer-case-mismatch', 'malformed-tag', 'unknown-tag', 'invalid-id']

describe('lint laws', () => {
  it('is total: never throws, and every diagnostic is a known rule at its configured severity', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        for (const d of lint(body, ALL_ON)) {
          expect(d.code in LINT_RULES).toBe(true)
          expect(d.severity).toBe(d.code === 'toall' ? 'info' : LINT_RULES[d.code])
        }
      }),
      { numRuns: 500 },
    )
  })

  it('gives positions inside the body, in order, whose line and column match the offset', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        let previous = 0
        for (const { position, fix } of lint(body, ALL_ON)) {
          const { start, end } = position
          expect(0 <= start.offset && start.offset <= end.offset && end.offset <= body.length).toBe(true)
          expect(start.offset).toBeGreaterThanOrEqual(previous)
          previous = start.offset
          for (const point of [start, end]) {
            const before = body.slice(0, point.offset).split('\n')
            expect([point.line, point.column]).toEqual([before.length, before[before.length - 1].length + 1])
          }
          if (fix) expect(0 <= fix.range[0] && fix.range[0] <= fix.range[1] && fix.range[1] <= body.length).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('lints a parsed tree exactly as its body', () => {
    fc.assert(
      fc.property(markupish, (body) => {
        expect(lint(parse(body), ALL_ON)).toEqual(lint(body, ALL_ON))
      }),
      { numRuns: 300 },
    )
  })

  it('finds no tag-like text in escaped text', () => {
    // escapeText marks every [ before a letter of any script or /, localized editor forms included
    fc.assert(
      fc.property(bodies, (text) => {
        const codes = lint(escapeText(text)).map((d) => d.code)
        expect(codes.filter((code) => TAG_LIKE_TEXT.includes(code))).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('fixes reach a fixed point: after fixMarkup nothing is left to fix, and fixing again changes nothing', () => {
    fc.assert(
      fc.property(markupish, (body) => {
        const fixed = fixMarkup(body)
        expect(lint(fixed).filter((d) => d.fix)).toEqual([])
        expect(fixMarkup(fixed)).toBe(fixed)
      }),
      { numRuns: 500 },
    )
  })

  it('fixes never add an error', () => {
    fc.assert(
      fc.property(markupish, (body) => {
        const errors = (text: string) => lint(text).filter((d) => d.severity === 'error').length
        expect(errors(fixMarkup(body))).toBeLessThanOrEqual(errors(body))
      }),
      { numRuns: 500 },
    )
  })
})
