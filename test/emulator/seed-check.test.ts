/**
 * A seed of the wrong shape is refused with a ChatworkEmulatorError naming
 * the bad field by its path, never a raw JavaScript error, whatever field of
 * whatever seed is broken.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SEED, startEmulator, type EmulatorSeed } from 'chatwork-kit/testing'
import { ChatworkEmulatorError } from '../../src/errors.ts'
import { seedShapeProblem } from '../../src/emulator/seed-check.ts'

/** Every path into a JSON value, as [keys, value] pairs. */
function paths(value: unknown, keys: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [keys]
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value)
  return [keys, ...entries.flatMap(([key, item]) => paths(item, [...keys, key]))]
}

function replaced(value: unknown, keys: (string | number)[], replacement: unknown): unknown {
  if (keys.length === 0) return replacement
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>
  copy[keys[0]!] = replaced(copy[keys[0]!], keys.slice(1), replacement)
  return copy
}

function pathText(keys: (string | number)[]): string {
  return keys.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('')
}

describe('seed shape', () => {
  it('accepts the default seed', () => {
    expect(seedShapeProblem(DEFAULT_SEED)).toBeUndefined()
  })

  it('names the path of a field replaced by a value of another kind (property)', () => {
    const all = paths(DEFAULT_SEED).filter((keys) => keys.length > 0)
    const wrong = fc.oneof(fc.constant(null), fc.constant(true), fc.constant([]), fc.constant({}), fc.constant(-1), fc.constant(1.5), fc.constant('x'), fc.constant([1]))
    fc.assert(
      fc.property(fc.constantFrom(...all), wrong, (keys, value) => {
        const problem = seedShapeProblem(replaced(DEFAULT_SEED, keys, value))
        if (problem === undefined) return
        // The problem is at the replaced field or inside it (an object replaced by {} lacks its required fields).
        expect(problem.startsWith(pathText(keys))).toBe(true)
        expect(problem).toMatch(/: expected .+, got .+$/)
        expect(problem).not.toContain('\n')
      }),
    )
  })

  it('makes startEmulator refuse any broken seed with a ChatworkEmulatorError, never a raw error (property)', async () => {
    const all = paths(DEFAULT_SEED).filter((keys) => keys.length > 0)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.jsonValue(), async (keys, value) => {
        const seed = replaced(DEFAULT_SEED, keys, value) as EmulatorSeed
        const emu = await startEmulator({ seed }).catch((error: unknown) => error)
        if (emu instanceof Error) {
          expect(emu).toBeInstanceOf(ChatworkEmulatorError)
          expect(emu.message).toMatch(/^Invalid seed: /)
        } else {
          await (emu as { close(): Promise<void> }).close()
        }
      }),
      { numRuns: 60 },
    )
  })
})
