/**
 * When the CLI colors its output: NO_COLOR and FORCE_COLOR=0 turn color off,
 * another FORCE_COLOR on, TERM=dumb off, and otherwise a terminal on stdout.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { useColor } from '../../src/cli/io.ts'

const wasTTY = process.stdout.isTTY

afterEach(() => {
  process.stdout.isTTY = wasTTY
})

describe('useColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ TERM: 'dumb' }, true, false],
    [{ TERM: 'dumb', FORCE_COLOR: '1' }, true, true],
    [{ TERM: 'xterm-256color' }, true, true],
  ] as const)('%j on a terminal: %s → %s', (env, tty, expected) => {
    process.stdout.isTTY = tty
    expect(useColor(env)).toBe(expected)
  })
})
