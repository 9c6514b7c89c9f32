/**
 * Seeds: the people, rooms, messages, tasks and files an emulator starts
 * with. The default seed makes a fresh emulator useful at once; a seed of
 * your own is plain JSON (the CLI reads one from a file).
 */
import { ChatworkEmulatorError } from '../errors.ts'
import { seedShapeProblem } from './seed-check.ts'
import type { EmulatorAccount, EmulatorState, IconPreset, LimitType, MemberLists, TaskStatus } from './state/index.ts'

/** An account of a seed: `account_id` and `name` at least; the first account is the main one. */
export type SeedAccount = Partial<EmulatorAccount> & { account_id: number; name: string }

/** A message of a seeded room. */
export interface SeedMessage {
  /** The sender (a member of the room). */
  from: number
  body: string
  /** Unix seconds; default: spread over the last hour, oldest first. */
  send_time?: number
  /** A 19-digit id of your choosing, newer than the room's previous message. */
  message_id?: string
}

/** A task of a seeded room. */
export interface SeedTask {
  /** The requester. */
  from: number
  /** The assignees. */
  to: number[]
  body: string
  limit?: number
  limit_type?: LimitType
  status?: TaskStatus
}

/** A file of a seeded room. */
export interface SeedFile {
  /** The uploader. */
  from: number
  filename: string
  /** The file's content as text (UTF-8). */
  content: string
  content_type?: string
  message?: string
}

/** A group chat of a seed, created by its first admin. */
export interface SeedRoom {
  name: string
  description?: string
  icon_preset?: IconPreset
  members: MemberLists
  messages?: SeedMessage[]
  tasks?: SeedTask[]
  files?: SeedFile[]
  link?: { code?: string; need_acceptance?: boolean; description?: string }
}

/**
 * What an emulator starts with. Every id a seed mentions must be one of its accounts.
 *
 * @example
 * const seed: EmulatorSeed = {
 *   accounts: [{ account_id: 1, name: 'Bot' }, { account_id: 2, name: 'Alice' }],
 *   rooms: [{ name: 'Ops', members: { admin: [1], member: [2] }, messages: [{ from: 2, body: '[To:1] status?' }] }],
 * }
 */
export interface EmulatorSeed {
  accounts: SeedAccount[]
  /** Pairs of accounts that are contacts (each pair gets a direct chat). */
  contacts?: [number, number][]
  rooms?: SeedRoom[]
  /** Contact requests waiting for an answer. */
  requests?: { from: number; to: number; message?: string }[]
}

/**
 * The default seed: Hanako (the main account) in a small organization, two
 * colleagues and a partner as contacts, two group chats with messages in
 * real-looking markup, tasks and a file, and a pending contact request.
 *
 * @example
 * // The demo data plus one room of your own.
 * await startEmulator({ seed: { ...DEFAULT_SEED, rooms: [...DEFAULT_SEED.rooms!, { name: 'Bots', members: { admin: [1001] } }] } })
 */
export const DEFAULT_SEED: EmulatorSeed = {
  accounts: [
    { account_id: 1001, name: 'Hanako Sato', chatwork_id: 'hanako_s', organization_id: 77, organization_name: 'Example KK', department: 'Sales', title: 'Lead' },
    { account_id: 1002, name: 'Taro Yamada', chatwork_id: 'taro_y', organization_id: 77, organization_name: 'Example KK', department: 'Dev' },
    { account_id: 1003, name: 'Jiro Suzuki', chatwork_id: 'jiro_s', organization_id: 77, organization_name: 'Example KK', department: 'Dev' },
    { account_id: 1004, name: 'Mika Ito', chatwork_id: 'mika_i', organization_id: 91, organization_name: 'Partner LLC', department: 'Design' },
    { account_id: 1010, name: 'Ken Kato', chatwork_id: 'ken_k', organization_id: 90, organization_name: 'Other Inc', department: 'Dev' },
  ],
  contacts: [[1001, 1002], [1001, 1003], [1001, 1004]],
  rooms: [
    {
      name: 'Project X',
      description: 'Weekly sync',
      icon_preset: 'project',
      members: { admin: [1001], member: [1002, 1003], readonly: [1004] },
      messages: [
        { from: 1002, body: '[To:1001]Hanako Sato\nCould you review the spec by Friday? (bow)' },
        { from: 1001, body: 'Sure :) I will send comments tomorrow.' },
        { from: 1003, body: '[info][title]Release v1.2[/title]Deployed to staging.\nhttps://example.org/releases/1.2[/info]' },
        { from: 1002, body: 'To deploy:\n[code]npm run deploy -- --env=staging[/code]' },
        { from: 1001, body: '[toall]Stand-up in 5 minutes (coffee)' },
      ],
      tasks: [
        { from: 1001, to: [1002], body: 'Review spec', limit: 1_893_455_999, limit_type: 'date' },
        { from: 1002, to: [1001], body: 'Book the meeting room' },
        { from: 1001, to: [1003], body: 'Write release notes', status: 'done' },
      ],
      files: [{ from: 1003, filename: 'spec.md', content: '# Project X\n\nThe spec.\n', content_type: 'text/markdown' }],
    },
    {
      name: 'Random',
      icon_preset: 'magcup',
      members: { admin: [1001, 1002], member: [1003] },
      messages: [
        { from: 1003, body: 'Lunch at noon? [To:1001][To:1002]' },
        { from: 1002, body: 'Sounds good (y)' },
      ],
    },
  ],
  requests: [{ from: 1010, to: 1001, message: 'Nice to meet you' }],
}

/**
 * The seed of `seed: false`: one account and nothing else.
 *
 * @example
 * const emu = await startEmulator({ seed: EMPTY_SEED })
 */
export const EMPTY_SEED: EmulatorSeed = { accounts: [{ account_id: 1001, name: 'Hanako Sato', chatwork_id: 'hanako_s' }] }

function seedError(message: string, cause?: unknown): ChatworkEmulatorError {
  return new ChatworkEmulatorError(400, `Invalid seed: ${message}`, cause === undefined ? undefined : { cause })
}

/** Throws, naming the first bad field by its path, unless `value` has the shape of a seed (the state checks the rest). */
function checkShape(seed: unknown): asserts seed is EmulatorSeed {
  const problem = seedShapeProblem(seed)
  if (problem !== undefined) throw seedError(problem)
}

/**
 * Fills an empty state from a seed, then gives `tokens[i]` to the i-th
 * account (creating accounts, contacts of the main one, when there are more
 * tokens than accounts). Returns the main account's id.
 */
export function applySeed(state: EmulatorState, seed: unknown, tokens: readonly string[]): number {
  checkShape(seed)
  try {
    const accounts = seed.accounts.map((account) => state.addAccount(account))
    const main = accounts[0]!.account_id
    tokens.forEach((token, index) => {
      const accountId = accounts[index]?.account_id ?? state.addAccount().account_id
      if (index >= accounts.length) state.addContact(main, accountId)
      state.addToken(token, accountId)
    })
    for (const [a, b] of seed.contacts ?? []) state.addContact(a, b)
    const start = state.now() - 3600
    for (const room of seed.rooms ?? []) {
      const creator = room.members.admin[0]!
      const created = state.createRoom(creator, {
        name: room.name,
        description: room.description,
        iconPreset: room.icon_preset,
        members: room.members,
        link: room.link,
      }, true)
      const messages = room.messages ?? []
      messages.forEach((message, index) => {
        state.postMessage(message.from, created.room_id, message.body, {
          sendTime: message.send_time ?? start + Math.floor((3600 * index) / messages.length),
          messageId: message.message_id,
        })
      })
      for (const task of room.tasks ?? []) {
        const tasks = state.createTasks(task.from, created.room_id, { body: task.body, to: task.to, limit: task.limit, limitType: task.limit_type })
        if (task.status !== undefined) for (const createdTask of tasks) createdTask.status = task.status
      }
      for (const file of room.files ?? []) {
        state.uploadFile(file.from, created.room_id, {
          filename: file.filename,
          content: new TextEncoder().encode(file.content),
          contentType: file.content_type,
          message: file.message,
        })
      }
    }
    for (const request of seed.requests ?? []) state.addContactRequest(request.from, request.to, request.message)
    return main
  } catch (error) {
    if (error instanceof ChatworkEmulatorError) throw seedError(error.message, error)
    throw error
  }
}
