import { checkLookup, lookUp, type Lookup } from './lookup.ts'

/** What a renderer shows of an account: its display name and, optionally, its avatar. */
export interface AccountInfo {
  name: string
  /** An `http:` or `https:` URL of the avatar image; other schemes are ignored. */
  avatarUrl?: string
}

/** Accounts known to the caller: a map by account id, or a function of the id (returning undefined when unknown). */
export type Accounts = Lookup<AccountInfo>

/**
 * The account `accountId` in `accounts`, or undefined when it is unknown.
 * A value that is not `{ name: string }` is the caller's bug, so it throws a
 * TypeError naming the id rather than rendering something wrong.
 *
 * @example
 * resolveAccount(new Map([[1, { name: 'Taro' }]]), 1) // { name: 'Taro' }
 * resolveAccount(undefined, 1) // undefined
 */
export function resolveAccount(accounts: Accounts | undefined, accountId: number): AccountInfo | undefined {
  const found = lookUp(accounts, accountId)
  if (found === undefined) return undefined
  if (typeof found !== 'object' || typeof found.name !== 'string') throw new TypeError(`accounts: account ${accountId} must be { name: string, avatarUrl?: string }`)
  if (found.avatarUrl !== undefined && typeof found.avatarUrl !== 'string') throw new TypeError(`accounts: the avatarUrl of account ${accountId} must be a string`)
  return found
}

/**
 * Checks the `accounts` option itself, so a wrong value fails at once with a
 * clear message instead of on the first mention.
 *
 * @example
 * checkAccounts(new Map()) // fine
 * checkAccounts([]) // TypeError
 */
export function checkAccounts(accounts: unknown): asserts accounts is Accounts | undefined {
  checkLookup(accounts, 'accounts must be a Map of account id to { name, avatarUrl? } or a function of the account id')
}
