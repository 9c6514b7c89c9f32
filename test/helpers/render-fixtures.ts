import type { AccountInfo, FileInfo } from '../../src/render/common/index.ts'
import { corpus, type CorpusEntry } from './corpus.ts'

/**
 * The corpus bodies whose rendering is kept as golden files, one per kind of
 * message: HTML in text, system messages (task set, file upload with and
 * without a preview, group created, member added), emoticons, several To
 * mentions, code inside info, a reply in the to=R:M form before a quote,
 * mentions inside nested quotes, an editor-localized quote around a task,
 * and text on the line of a closing info.
 */
export const GOLDEN_INDEXES = [1, 6, 8, 22, 31, 55, 83, 91, 93, 107, 109, 113]

/** The golden bodies, each with its corpus index. */
export const goldenEntries: (CorpusEntry & { index: number })[] = GOLDEN_INDEXES.map((index) => ({ ...corpus[index], index }))

/** Accounts of the golden bodies, as an application would know them. */
export const goldenAccounts = new Map<number, AccountInfo>([
  [34, { name: 'Nguyen Anh Tien' }],
  [345, { name: 'Tran Duc Thang' }],
  [367, { name: '山田太郎' }],
  [400, { name: 'Alice' }],
  [500, { name: 'Bob' }],
  [600, { name: 'Carol' }],
  [800, { name: 'Dave' }],
  [1607346, { name: 'Sato Hanako', avatarUrl: 'https://example.com/avatars/1607346.png' }],
  [2271723, { name: 'Mikazuki Fuyuno' }],
  [3691320, { name: '佐藤花子' }],
])

/** Files of the golden bodies. */
export const goldenFiles = new Map<number, FileInfo>([
  [67090163, { url: 'https://files.example.com/67090163' }],
  [456, { url: 'https://files.example.com/456', name: '証拠写真.jpg' }],
])

/** A message link in Chatwork's web client. */
export const chatworkMessageUrl = (roomId: number, messageId: string): string => `https://www.chatwork.com/#!rid${roomId}-${messageId}`
