import type { Point } from './nodes.ts'

/**
 * Returns a function that turns offsets into `source` into unist points
 * (1-based line and column, in UTF-16 code units). Line starts are found once,
 * on first use; each lookup is a binary search.
 *
 * @example
 * const pointAt = locator('ab\ncd')
 * pointAt(4) // { line: 2, column: 2, offset: 4 }
 */
export function locator(source: string): (offset: number) => Point {
  let starts: number[] | undefined
  return (offset) => {
    starts ??= lineStarts(source)
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - starts[low] + 1, offset }
  }
}

function lineStarts(source: string): number[] {
  const starts = [0]
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}
