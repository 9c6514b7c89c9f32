/**
 * The laws of encodeParams, the one encoder of query strings and form bodies
 * (spec §1.3): undefined dropped, booleans 0/1, arrays CSV, Dates Unix
 * seconds, strings untouched through URL encoding.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatworkArgumentError } from 'chatwork-kit/client'
import { encodeParams, type ParamValue } from '../../src/client/form-body.ts'

const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__')
const value: fc.Arbitrary<ParamValue> = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: 'grapheme' }),
  fc.boolean(),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.date({ noInvalidDate: true }),
  fc.array(fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,19}$/)), { maxLength: 5 }),
)

function expected(item: Exclude<ParamValue, undefined>): string {
  if (typeof item === 'boolean') return item ? '1' : '0'
  if (item instanceof Date) return String(Math.floor(item.getTime() / 1000))
  if (Array.isArray(item)) return item.join(',')
  return String(item)
}

describe('encodeParams', () => {
  it('drops undefined keys and encodes each kind of value as Chatwork reads it (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value), (params) => {
        const encoded = encodeParams(params)
        const kept = Object.entries(params).filter(([, item]) => item !== undefined)
        expect(Object.keys(encoded).sort()).toEqual(kept.map(([k]) => k).sort())
        for (const [k, item] of kept) expect(encoded[k]).toBe(expected(item!))
      }),
    )
  })

  it('survives a form body round trip unchanged (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value), (params) => {
        const encoded = encodeParams(params)
        const decoded = Object.fromEntries(new URLSearchParams(new URLSearchParams(encoded).toString()))
        expect(decoded).toEqual(encoded)
      }),
    )
  })

  it('gives id lists back element by element when split on commas (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1 }), (ids) => {
        expect(encodeParams({ to_ids: ids }).to_ids.split(',').map(Number)).toEqual(ids)
      }),
    )
  })

  it('floors Dates to Unix seconds, never rounding up (property)', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date(0) }), (date) => {
        const seconds = Number(encodeParams({ limit: date }).limit)
        expect(seconds * 1000).toBeLessThanOrEqual(date.getTime())
        expect(date.getTime() - seconds * 1000).toBeLessThan(1000)
      }),
    )
  })

  it('refuses non-finite numbers and invalid Dates, naming the key', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date('x'), [1, Number.NaN]]) {
      const error = (() => {
        try {
          encodeParams({ limit: bad as ParamValue })
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(ChatworkArgumentError)
      expect(error).toMatchObject({ argument: 'limit' })
    }
  })
})
