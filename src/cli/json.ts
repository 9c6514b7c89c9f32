/**
 * JSON output of the CLI: iterative, so that a tree 100,000 blocks deep
 * prints instead of overflowing the stack as `JSON.stringify` does, and safe
 * for a terminal (the characters JSON leaves raw that a terminal acts on are
 * escaped, which JSON readers read back unchanged).
 */

/**
 * Nesting levels printed indented; deeper values are printed on one line, as
 * `JSON.stringify` without indentation does, so that the output of a deep
 * tree stays proportional to its size (indenting 100,000 levels would not).
 *
 * @example
 * toJson(parse(body)) // indented to depth MAX_INDENTED_DEPTH, compact below
 */
export const MAX_INDENTED_DEPTH = 64

/** DEL, the C1 controls and the bidirectional overrides and isolates: valid raw in JSON strings, but acted on by terminals. */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** A piece of output already written, on the stack beside the values still to write. */
class Text {
  constructor(readonly text: string) {}
}

/**
 * `JSON.stringify(value, null, 2)` for data (objects, arrays, strings,
 * numbers, booleans, null; `toJSON` honoured, `undefined` members left out),
 * written without recursion; nesting past {@link MAX_INDENTED_DEPTH} is
 * printed compact, and terminal control characters are escaped.
 *
 * @example
 * toJson({ type: 'root', children: [] }) // '{\n  "type": "root",\n  "children": []\n}'
 */
export function toJson(value: unknown): string {
  const out: string[] = []
  const pending: (Text | { value: unknown; depth: number })[] = [{ value, depth: 0 }]
  while (pending.length > 0) {
    const item = pending.pop()!
    if (item instanceof Text) {
      out.push(item.text)
      continue
    }
    let { value: current } = item
    const { depth } = item
    if (typeof (current as { toJSON?: unknown } | null)?.toJSON === 'function') current = (current as { toJSON: () => unknown }).toJSON()
    if (typeof current !== 'object' || current === null) {
      out.push(JSON.stringify(current) ?? 'null')
      continue
    }
    const list = Array.isArray(current)
    const entries: [string | undefined, unknown][] = list
      ? (current as unknown[]).map((member) => [undefined, member === undefined || typeof member === 'function' || typeof member === 'symbol' ? null : member])
      : Object.entries(current).filter(([, member]) => member !== undefined && typeof member !== 'function' && typeof member !== 'symbol')
    const [open, close] = list ? ['[', ']'] : ['{', '}']
    if (entries.length === 0) {
      out.push(`${open}${close}`)
      continue
    }
    const indented = depth < MAX_INDENTED_DEPTH
    const inner = indented ? `\n${'  '.repeat(depth + 1)}` : ''
    out.push(open)
    pending.push(new Text(indented ? `\n${'  '.repeat(depth)}${close}` : close))
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, member] = entries[i]!
      pending.push({ value: member, depth: depth + 1 })
      const name = key === undefined ? '' : `${JSON.stringify(key)}:${indented ? ' ' : ''}`
      pending.push(new Text(`${i > 0 ? ',' : ''}${inner}${name}`))
    }
  }
  return out.join('').replace(TERMINAL_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
