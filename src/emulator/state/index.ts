/**
 * The emulator's in-memory Chatwork: accounts, contacts, rooms with their
 * messages, tasks, files and invite links, read state and message cursors.
 * Every operation keeps the whole consistent (a posted message is listed,
 * leaving a room drops it from the room list, accepting a request makes a
 * contact), and refuses bad input with a {@link ChatworkEmulatorError} whose
 * `status` is what the HTTP layer answers.
 */
import { OAuthState } from './oauth.ts'

export * from './model.ts'
export { notifies } from './messages.ts'
export * from './oauth.ts'

/**
 * The in-memory Chatwork behind one emulator. Each resource's operations are
 * in a file of their own, each class adding one resource to the one before
 * (accounts and rooms, links, group chats, messages, tasks, files, OAuth).
 *
 * @example
 * const state = new EmulatorState(Date.now)
 * const { account_id, room_id } = state.addAccount({ name: 'Bot' })
 * state.postMessage(account_id, room_id, 'hello')
 */
export class EmulatorState extends OAuthState {}
