import { z } from 'zod'
import { ChatworkToolError } from './tool-error.ts'
import { mentions } from '../markup/mentions.ts'
import { toPlainText } from '../markup/plain-text.ts'
import { toMarkdown } from '../render/markdown/index.ts'
import { checkComposed, composeMessage } from './compose.ts'
import { memberAccounts, type ToolContext } from './context.ts'
import { DEFAULT_READ_LIMIT, MAX_READ_LIMIT } from './options.ts'
import type { ToolDefinition } from './tool.ts'

const roomId = z.number().int().positive().describe('The room id, from list_rooms')
const messageId = z.string().regex(/^\d{1,19}$/).describe('A message id (a string of digits), from read_messages')
const markdown = z.string().describe('The message in Markdown. It is sent as text: nothing in it can mention anyone or become Chatwork markup.')
const composition = {
  mention: z.array(z.number().int().positive()).optional().describe('Account ids to mention ([To:]); each must be a member of the room (list_members)'),
  mention_all: z.boolean().optional().describe('Mention everyone in the room ([toall]); refused unless the server allows it'),
  reply_to: z.object({ message_id: messageId }).optional().describe('Reply to this message: its author is notified'),
  quote: z.object({ message_id: messageId }).optional().describe('Quote this message above yours'),
}

/** `read_messages`, `send_message`, `preview_message`, `edit_message`, `delete_message`. */
export function messageTools(context: ToolContext): ToolDefinition<any>[] {
  const ownMessage = async (room: number, id: string) => {
    context.checkRoom(room)
    const [found, me] = await Promise.all([context.client.messages.get(room, id), context.me()])
    if (found.account.account_id !== me.account_id) throw new ChatworkToolError(`message ${id} was written by ${found.account.name}, not you: you can change only your own messages`)
  }
  return [
    {
      name: 'read_messages',
      title: 'Read messages',
      description: `Reads the latest messages of a room (at most ${MAX_READ_LIMIT}, default ${DEFAULT_READ_LIMIT}), oldest first, as Markdown: quotes are blockquotes, code is fenced, mentions read "@Name". Each has its message_id, sender, time and the account ids it mentions. Pass since_message_id to get only newer messages.`,
      input: {
        room_id: roomId,
        since_message_id: messageId.optional().describe('Only messages after this one'),
        limit: z.number().int().min(1).max(MAX_READ_LIMIT).optional().describe(`How many of the latest messages (default ${DEFAULT_READ_LIMIT})`),
      },
      writes: false,
      async run({ room_id, since_message_id, limit }: { room_id: number; since_message_id?: string; limit?: number }) {
        const members = await context.members(room_id)
        const accounts = memberAccounts(members)
        let list = [...(await context.client.messages.list(room_id, { force: true }))]
        if (since_message_id !== undefined) list = list.filter((m) => BigInt(m.message_id) > BigInt(since_message_id))
        list = list.slice(-(limit ?? DEFAULT_READ_LIMIT))
        return {
          messages: list.map((m) => {
            const notified = mentions(m.tree)
            return {
              message_id: m.message_id,
              sender: { account_id: m.account.account_id, name: m.account.name },
              sent_at: new Date(m.send_time * 1000).toISOString(),
              markdown: toMarkdown(m.tree, { accounts, lineBreaks: 'soft' }),
              mentions: { account_ids: notified.accountIds, all: notified.toAll, replies_to: notified.replies.map((r) => r.messageId) },
            }
          }),
        }
      },
    },
    {
      name: 'send_message',
      title: 'Send a message',
      description: 'Posts a message to a room. Write it in Markdown (headings, lists, code, tables, links are converted to what reads well in Chatwork). Mention people only through mention (account ids from list_members), and reply or quote only through reply_to and quote. The message is checked before it is sent; a problem comes back as an error and nothing is posted. Returns the new message_id and the exact markup sent.',
      input: { room_id: roomId, markdown, ...composition },
      writes: true,
      async run(args: { room_id: number; markdown: string; mention?: number[]; mention_all?: boolean; reply_to?: { message_id: string }; quote?: { message_id: string } }) {
        const composed = await composeMessage(context, args)
        checkComposed(composed)
        const { message_id } = await context.client.messages.send(args.room_id, composed.body)
        return { message_id, body: composed.body }
      },
    },
    {
      name: 'preview_message',
      title: 'Preview a message',
      description: 'Shows what send_message would post, without sending: the Chatwork markup, its plain text, and any problems found. Give room_id when you use mention, reply_to or quote.',
      input: { room_id: roomId.optional(), markdown, ...composition },
      writes: false,
      async run(args: { room_id?: number; markdown: string; mention?: number[]; mention_all?: boolean; reply_to?: { message_id: string }; quote?: { message_id: string } }) {
        const composed = await composeMessage(context, args)
        return {
          body: composed.body,
          plain_text: toPlainText(composed.body),
          problems: composed.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message })),
        }
      },
    },
    {
      name: 'edit_message',
      title: 'Edit a message',
      description: 'Replaces the text of one of your own messages with new Markdown (converted and checked as in send_message). Others\' messages are refused.',
      input: { room_id: roomId, message_id: messageId, markdown },
      writes: true,
      async run({ room_id, message_id, markdown: text }: { room_id: number; message_id: string; markdown: string }) {
        await ownMessage(room_id, message_id)
        const composed = await composeMessage(context, { room_id, markdown: text })
        checkComposed(composed)
        await context.client.messages.update(room_id, message_id, composed.body)
        return { message_id, body: composed.body }
      },
    },
    {
      name: 'delete_message',
      title: 'Delete a message',
      description: 'Deletes one of your own messages. Others\' messages are refused. This cannot be undone.',
      input: { room_id: roomId, message_id: messageId },
      writes: true,
      async run({ room_id, message_id }: { room_id: number; message_id: string }) {
        await ownMessage(room_id, message_id)
        await context.client.messages.delete(room_id, message_id)
        return { message_id, deleted: true }
      },
    },
  ]
}
