/**
 * The body of a message an agent writes: its Markdown through `fromMarkdown`,
 * so nothing in it becomes a tag, and mentions, a reply and a quote only from
 * the structured arguments, each checked against the room.
 */
import { ChatworkToolError } from './tool-error.ts'
import { lint, type Diagnostic } from '../lint/index.ts'
import { message } from '../markup/builder.ts'
import { parse } from '../markup/parse.ts'
import { stringify } from '../markup/stringify.ts'
import { fromMarkdown } from '../render/markdown/index.ts'
import type { ToolContext } from './context.ts'

/** The structured parts of a message, as `send_message` and `preview_message` take them. */
export interface MessageArguments {
  room_id?: number
  markdown: string
  mention?: number[]
  mention_all?: boolean
  reply_to?: { message_id: string }
  quote?: { message_id: string }
}

/** A composed message: the markup to send, and what lint says of it. */
export interface ComposedMessage {
  body: string
  diagnostics: Diagnostic[]
}

/**
 * Builds the markup of a message: the mentions (`[To:id]` and the name, as
 * the web client writes them), `[toall]`, the reply, the quote, then the
 * Markdown. Throws a ChatworkToolError for what the policy or the room refuses.
 *
 * @example
 * await composeMessage(context, { room_id: 5001, markdown: 'Done', mention: [1002] })
 */
export async function composeMessage(context: ToolContext, args: MessageArguments): Promise<ComposedMessage> {
  const roomId = args.room_id
  const needsRoom = (args.mention?.length ?? 0) > 0 || args.reply_to !== undefined || args.quote !== undefined
  if (needsRoom && roomId === undefined) throw new ChatworkToolError('room_id is needed for mention, reply_to and quote')
  if (args.mention_all === true && !context.allowMentionAll) throw new ChatworkToolError('mention_all is not allowed on this server: mention people by account id with mention instead')
  let built = message()
  if (roomId !== undefined) {
    context.checkRoom(roomId)
    if ((args.mention?.length ?? 0) > 0) {
      const members = new Map((await context.members(roomId)).map((member) => [member.account_id, member.name]))
      for (const accountId of new Set(args.mention)) {
        const name = members.get(accountId)
        if (name === undefined) throw new ChatworkToolError(`account ${accountId} is not a member of room ${roomId}; list_members gives the members`)
        built = built.to(accountId, name)
      }
    }
  }
  if (args.mention_all === true) built = built.toAll()
  if (args.reply_to !== undefined) {
    const replied = await context.client.messages.get(roomId!, args.reply_to.message_id)
    built = built.reply({ accountId: replied.account.account_id, roomId: roomId!, messageId: replied.message_id }, replied.account.name)
  }
  if (args.quote !== undefined) {
    const quoted = await context.client.messages.get(roomId!, args.quote.message_id)
    built = built.quote({ accountId: quoted.account.account_id, time: quoted.send_time }, parse(quoted.body, { positions: false }))
  }
  const body = stringify(message().append(built).append(fromMarkdown(args.markdown)).toTree())
  return { body, diagnostics: lint(body) }
}

/** Throws the lint errors of a composed message, for the model to fix, so that it is never posted. */
export function checkComposed(composed: ComposedMessage): void {
  const errors = composed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
  if (errors.length > 0) throw new ChatworkToolError(`the message was not sent: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}`)
}
