import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyFixes, escapeText, fixMarkup, lint, LINT_RULES, parse, visit, type LintCode } from 'chatwork-kit/markup'
import { blockish, lookalikes, markupish } from '../helpers/arbitraries.ts'

const bodies = fc.oneof(markupish, lookalikes, fc.string(), fc.string({ unit: 'grapheme' }))
/** Bodies of every kind of markup, and bodies where fixes rename or create block tags. */
const fixable = fc.oneof(markupish, blockish)

const errors = (text: string) => lint(text).filter((d) => d.severity === 'error').length

/** The tags and blocks of a body, each as `[type, start, end]`. */
function tags(body: string): [string, number, number][] {
  const found: [string, number, number][] = []
  visit(parse(body), (node) => {
    if (!['root', 'text', 'link', 'emoticon'].includes(node.type)) found.push([node.type, node.position!.start.offset, node.position!.end.offset])
  })
  return found
}

/** Whether `after` has at least as many tags and blocks of each type as `before`. */
function loses(before: string, after: string): boolean {
  const count = new Map<string, number>()
  for (const [type] of tags(after)) count.set(type, (count.get(type) ?? 0) + 1)
  for (const [type] of tags(before)) count.set(type, (count.get(type) ?? 0) - 1)
  return [...count.values()].some((n) => n < 0)
}

/** Every rule on, so that each law covers every rule. */
const ALL_ON = { rules: { toall: 'info' as const } }

/** Rules about text that looks like a tag but is not one. */
const TAG_LIKE_TEXT: LintCode[] = ['unclosed-tag', 'stray-closer', 'closer-case-mismatch', 'malformed-tag', 'unknown-tag', 'invalid-id', 'not-chatwork', 'mention-in-code']

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
      fc.property(fixable, (body) => {
        const fixed = fixMarkup(body)
        expect(lint(fixed).filter((d) => d.fix)).toEqual([])
        expect(fixMarkup(fixed)).toBe(fixed)
      }),
      { numRuns: 500 },
    )
  })

  it('fixes never add an error', () => {
    fc.assert(
      fc.property(fixable, (body) => {
        expect(errors(fixMarkup(body))).toBeLessThanOrEqual(errors(body))
      }),
      { numRuns: 1000 },
    )
  })

  it('each fix, applied alone, adds no error and keeps every tag and block where it was', () => {
    fc.assert(
      fc.property(fixable, (body) => {
        for (const diagnostic of lint(body)) {
          const { fix } = diagnostic
          if (!fix) continue
          const fixed = applyFixes(body, [diagnostic])
          expect(errors(fixed)).toBeLessThanOrEqual(errors(body))
          expect(loses(body, fixed)).toBe(false)
          // tags around the fix keep their place; those inside it (a fix of a pair spans its content) are only counted
          const [start, end] = fix.range
          const moved = (offset: number) => (offset >= end ? offset + fix.text.length - (end - start) : offset)
          const held = tags(fixed).map(String)
          for (const [type, from, to] of tags(body)) {
            if (start <= from && to <= end && to - from < end - start) continue
            expect(held).toContain(String([type, moved(from), moved(to)]))
          }
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('a round of fixes applied together adds no error and loses no tag or block', () => {
    fc.assert(
      fc.property(fixable, (body) => {
        const fixed = applyFixes(body, lint(body))
        expect(errors(fixed)).toBeLessThanOrEqual(errors(body))
        expect(loses(body, fixed)).toBe(false)
      }),
      { numRuns: 1000 },
    )
  })
})
