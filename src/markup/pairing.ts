/**
 * What {@link pair} reads of a token: openers and closers, by their spelling;
 * anything else is passed over.
 *
 * @example
 * const closer: PairedToken = { kind: 'close', spelling: 'INFO' }
 */
export interface PairedToken {
  kind: string
  spelling?: string
}

/**
 * Pairs each opener with its closer: the index of the closer token, or -1.
 * The printer's check that openers and closers left in text stay text
 * (`pairsAsPrinted` in stringify.ts) pairs by the same rule, on its own
 * token list.
 *
 * @example
 * pair([{ kind: 'open', spelling: 'info' }, { kind: 'close', spelling: 'info' }]) // Int32Array [1, -1]
 */
export function pair(tokens: readonly (PairedToken | null)[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1)
  // Same-spelling depth counting: a closer closes the innermost open opener of
  // its exact spelling. Code does not nest: its first closer closes it.
  const open = new Map<string, number[]>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === null) continue
    if (token.kind === 'open') {
      const stack = open.get(token.spelling!)
      if (stack) stack.push(i)
      else open.set(token.spelling!, [i])
    } else if (token.kind === 'close') {
      const stack = open.get(token.spelling!)
      if (!stack || stack.length === 0) continue
      if (token.spelling!.toLowerCase() === 'code') {
        for (const opener of stack) match[opener] = i
        stack.length = 0
      } else {
        match[stack.pop()!] = i
      }
    }
  }
  return match
}
