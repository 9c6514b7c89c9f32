/**
 * A GFM table as column-aligned plain text, for a `[code]` block: Chatwork
 * has no tables, and a monospace block is where columns line up.
 */

/** Where a column's cells sit, as the table's delimiter row says. */
export type ColumnAlign = 'left' | 'right' | 'center' | null | undefined

/**
 * Columns of wide characters (CJK, full-width forms, emoji) take two cells in
 * a monospace font; combining marks and zero-width characters take none.
 */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u
const ZERO_WIDTH = /[\p{M}\u200B-\u200F\u2060\uFEFF]/u

/** How many monospace cells `text` takes. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1
  return width
}

function pad(text: string, width: number, align: ColumnAlign): string {
  const room = width - displayWidth(text)
  if (align === 'right') return ' '.repeat(room) + text
  if (align === 'center') return ' '.repeat(room >> 1) + text + ' '.repeat(room - (room >> 1))
  return text + ' '.repeat(room)
}

/**
 * The rows (the header first) as lines of cells padded to their column's
 * width and joined by ` | `, with a line of dashes under the header.
 *
 * @example
 * alignTable([['Name', 'Age'], ['Taro', '30']], [null, 'right'])
 * // 'Name | Age\n-----|----\nTaro |  30'
 */
export function alignTable(rows: readonly (readonly string[])[], align: readonly ColumnAlign[]): string {
  const columns = rows.reduce((most, row) => Math.max(most, row.length), 0)
  const widths = Array.from({ length: columns }, (_, column) => rows.reduce((most, row) => Math.max(most, displayWidth(row[column] ?? '')), 1))
  const line = (row: readonly string[]): string => widths.map((width, column) => pad(row[column] ?? '', width, align[column])).join(' | ').trimEnd()
  const [header, ...body] = rows
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-')
  return [line(header ?? []), rule, ...body.map(line)].join('\n')
}
