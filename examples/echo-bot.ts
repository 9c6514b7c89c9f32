/**
 * An echo bot: it answers every mention with a reply to its author that
 * quotes what they wrote, as plain text.
 *
 * Run it with the tokens of the bot's account:
 *
 *   CHATWORK_API_TOKEN=… CHATWORK_WEBHOOK_TOKEN=… PORT=8080 npx tsx examples/echo-bot.ts
 *
 * and give its public https URL to an account-event webhook setting ("mention
 * to me") in Chatwork. Against the local emulator instead, give its base URL
 * and the token it prints (`npx chatwork-kit emulator --token dev-token`):
 *
 *   CHATWORK_BASE_URL=http://127.0.0.1:8787/v2 CHATWORK_API_TOKEN=dev-token CHATWORK_WEBHOOK_TOKEN=… npx tsx examples/echo-bot.ts
 *
 * `test/echo-bot.test.ts` runs it against the emulator.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { ChatworkClient, message, toPlainText, type MessageBuilder } from 'chatwork-kit'
import { createWebhookHandler, toNodeListener, type MentionToMeEvent, type WebhookHandler } from 'chatwork-kit/webhook'

/** What the bot needs: a client acting as the bot's account, and the webhook token(s). */
export interface EchoBotOptions {
  client: ChatworkClient
  webhookToken: string | readonly string[]
}

/**
 * The answer to a mention: `[rp …]` to its author, then the mention's plain
 * text in a quote. The builder escapes that text, so whatever tags the author
 * wrote (`[toall]`, `[/qt]`) come back as text and cannot mention anyone.
 *
 * @example
 * echoOf(event).toString() // '[rp aid=1002 to=5002-1718000000000000005][qt][qtmeta aid=1002 time=1735600199]lunch?[/qt]'
 */
export function echoOf(event: MentionToMeEvent): MessageBuilder {
  return message()
    .reply({ accountId: event.fromAccountId, roomId: event.roomId, messageId: event.messageId })
    .quote({ accountId: event.fromAccountId, time: event.sendTime }, toPlainText(event.tree).trim())
}

/**
 * The bot as a Fetch API handler, to mount anywhere (see `toNodeListener` below).
 *
 * @example
 * const handler = createEchoBot({ client: new ChatworkClient(), webhookToken: process.env.CHATWORK_WEBHOOK_TOKEN! })
 */
export function createEchoBot({ client, webhookToken }: EchoBotOptions): WebhookHandler {
  return createWebhookHandler({
    token: webhookToken,
    on: {
      // Awaited, so that a failed send reaches onError (the delivery is still answered 200, as Chatwork requires).
      mentionToMe: async (event) => {
        // a reply notifies its addressee: answering our own mention would answer itself forever
        if (event.fromAccountId === event.toAccountId) return
        await client.messages.send(event.roomId, echoOf(event))
      },
    },
  })
}

/**
 * The bot's settings from the environment: `CHATWORK_API_TOKEN`,
 * `CHATWORK_WEBHOOK_TOKEN`, and optionally `CHATWORK_BASE_URL` (the
 * emulator's, say) and `PORT` (default 8080). Throws an Error whose message is
 * one line saying what is missing.
 *
 * @example
 * const { client, webhookToken, port } = echoBotFromEnv(process.env)
 */
export function echoBotFromEnv(env: Record<string, string | undefined>): EchoBotOptions & { port: number } {
  const missing = ['CHATWORK_API_TOKEN', 'CHATWORK_WEBHOOK_TOKEN'].filter((name) => !env[name])
  if (missing.length > 0) {
    throw new Error(`set ${missing.join(' and ')}: the bot account's API token and its webhook setting's token (against chatwork-kit emulator: the token it prints, and any base64 key)`)
  }
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`)
  const client = new ChatworkClient({ token: env.CHATWORK_API_TOKEN, baseURL: env.CHATWORK_BASE_URL || undefined })
  return { client, webhookToken: env.CHATWORK_WEBHOOK_TOKEN!, port }
}

// Run directly (not imported by the test): serve on PORT.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options: ReturnType<typeof echoBotFromEnv> | undefined
  try {
    options = echoBotFromEnv(process.env)
  } catch (error) {
    console.error(`echo-bot: ${(error as Error).message}`)
    process.exitCode = 2
  }
  if (options !== undefined) {
    const server = createServer(toNodeListener(createEchoBot(options)))
    server.listen(options.port, () => console.log(`echo bot listening on port ${(server.address() as AddressInfo).port}`))
  }
}
