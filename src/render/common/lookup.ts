/** A table the caller gives a renderer: a map by id, or a function of the id (returning undefined when unknown). */
export type Lookup<T> = ReadonlyMap<number, T> | ((id: number) => T | undefined)

/**
 * The entry of `id` in `table`, or undefined when the table or the entry is
 * missing (a function's `null` counts as missing).
 *
 * @example
 * lookUp(new Map([[1, 'a']]), 1) // 'a'
 * lookUp((id) => (id === 1 ? 'a' : undefined), 2) // undefined
 */
export function lookUp<T>(table: Lookup<T> | undefined, id: number): T | undefined {
  if (table === undefined) return undefined
  return (typeof table === 'function' ? table(id) : table.get(id)) ?? undefined
}

/**
 * Checks a table option itself, so that a wrong value fails at once with
 * `message` (a TypeError) instead of on the first node that looks it up.
 *
 * @example
 * checkLookup(new Map(), 'accounts must be a Map or a function') // fine
 * checkLookup([], 'accounts must be a Map or a function') // TypeError
 */
export function checkLookup(value: unknown, message: string): void {
  if (value !== undefined && typeof value !== 'function' && !(value instanceof Map)) throw new TypeError(message)
}
