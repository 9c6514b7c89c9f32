import type { Point } from './nodes.ts'

/**
 * Returns a function that turns offsets into `source` into unist points
 * (1-based line and column, in UTF-16 code units). Line starts are found once,
 * on first use. Parsers ask for offsets in nearly increasing order, so the
 * line of the previous lookup is tried first, then the next one; anything
 * else is a binary search.
 *
 * @example
 * const pointAt = locator('ab\ncd')
 * pointAt(4) // { line: 2, column: 2, offset: 4 }
 */
export function locator(source: string): (offset: number) => Point {
  let starts: number[] | undefined
  let line = 0
  return (offset) => {
    starts ??= lineStarts(source)
    const next = starts[line + 1] ?? Infinity
    if (offset < starts[line] || offset >= next) {
      if (offset >= next && offset < (starts[line + 2] ?? Infinity)) line++
      else line = lineOf(starts, offset)
    }
    return { line: line + 1, column: offset - starts[line] + 1, offset }
  }
}

/** Index of the last line start at or before `offset`. */
function lineOf(starts: number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (starts[mid] <= offset) low = mid
    else high = mid - 1
  }
  return low
}

function lineStarts(source: string): number[] {
  const starts = [0]
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}
