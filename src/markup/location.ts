import type { Point, Position } from './nodes.ts'

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

/**
 * The parser's positions: like {@link locator}, but a point asked for twice in
 * a row is one object, so that where one node ends and the next begins (same
 * offset, same line and column) the two positions share their point. That
 * saves a third of a position's heap; the cost is that mutating one node's
 * point moves its neighbour's too (nodes.ts says so).
 *
 * @example
 * const points = new SharedPoints('ab')
 * points.at(1) === points.at(1) // true
 */
export class SharedPoints {
  private readonly point: (offset: number) => Point
  private last: Point = { line: 1, column: 1, offset: -1 }

  constructor(source: string) {
    this.point = locator(source)
  }

  /** The point at `offset`; the previous lookup's object when it was the same offset. */
  at(offset: number): Point {
    return offset === this.last.offset ? this.last : (this.last = this.point(offset))
  }

  /** The span from `start` to `end`, sharing `start`'s point with the previous lookup's when they meet. */
  span(start: number, end: number): Position {
    return { start: this.at(start), end: this.at(end) }
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
