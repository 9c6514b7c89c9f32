/**
 * The `npm start` demo: the whole library, end to end, with no token and no
 * network. It starts the local emulator, composes a rich message with the
 * builder, lints it, sends it with the client, receives the webhook the
 * emulator delivers for it, parses the event into a tree, and prints the tree,
 * the mentions and the plain text.
 *
 *   npm start
 *
 * With a token and a room, the same message goes to the real Chatwork instead
 * (there is no webhook to receive there, so the demo reads the message back):
 *
 *   CHATWORK_API_TOKEN=… npm start -- --room 123456
 *
 * `--base-url` points that at another API, such as an emulator started with
 * `npx chatwork-kit emulator`.
 */
import { randomBytes } from 'node:crypto'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { ChatworkClient, ESCAPE_MARK, formatDiagnostics, lint, mentions, message, toPlainText, type Node, type Root } from 'chatwork-kit'
import { startEmulator, startReceiver } from 'chatwork-kit/testing'
import { createWebhookHandler, type MessageCreatedEvent } from 'chatwork-kit/webhook'

/** How long to wait for the emulator's webhook before giving up. */
const WEBHOOK_TIMEOUT_MS = 10_000

/** The account the demo mentions: Taro Yamada in the emulator's demo data. */
const TARO = { accountId: 1002, name: 'Taro Yamada' }

/**
 * The demo message. `deployedBy` stands for text from outside (a user name, a
 * commit message): the builder escapes it, so its `[toall]` stays text and
 * notifies nobody.
 */
function compose(deployedBy: string) {
  return message()
    .to(TARO.accountId, TARO.name)
    .line('v1.2 is live (cracker)')
    .info('Release v1.2', (m) => m.line(`Deployed by ${deployedBy}`).text('Checks: 128 passed'))
    .code('npm i chatwork-kit@1.2.0\n[/code] stays inside the block')
    .quote({ accountId: TARO.accountId, time: new Date('2026-01-05T09:00:00Z') }, 'Ship it when the checks are green.')
}

/** Where the demo posts: the emulator, or Chatwork itself with a token and `--room`. */
interface Target {
  /** Sends and returns the tree of the message as it came back. */
  deliver(body: string): Promise<{ messageId: string; tree: Root; via: string }>
  close(): Promise<void>
}

async function emulatorTarget(): Promise<Target> {
  const emu = await startEmulator()
  const webhookToken = randomBytes(32).toString('base64')
  const roomId = emu.rooms().find((room) => room.name === 'Project X')!.room_id
  let received!: (event: MessageCreatedEvent) => void
  const event = new Promise<MessageCreatedEvent>((resolve) => (received = resolve))
  const receiver = await startReceiver(createWebhookHandler({ token: webhookToken, on: { messageCreated: received } }))
  emu.webhooks.add({ url: `${receiver.url}chatwork`, token: webhookToken, events: ['message_created'], roomId })
  const client = new ChatworkClient({ baseURL: emu.baseURL, token: emu.token })
  console.log(`Emulator at ${emu.baseURL}, posting to room ${roomId} as ${emu.account.name}; webhooks go to ${receiver.url}chatwork`)
  return {
    async deliver(body) {
      const { message_id } = await client.messages.send(roomId, body)
      const created = await withTimeout(event, WEBHOOK_TIMEOUT_MS, 'the webhook did not arrive')
      return { messageId: message_id, tree: created.tree, via: `a signed message_created webhook for ${created.messageId}` }
    },
    async close() {
      await receiver.close()
      await emu.close()
    },
  }
}

function chatworkTarget(roomId: number, baseURL: string | undefined): Target {
  // The token comes from CHATWORK_API_TOKEN.
  const client = new ChatworkClient({ baseURL })
  console.log(`Posting to room ${roomId} with CHATWORK_API_TOKEN`)
  return {
    async deliver(body) {
      const { message_id } = await client.messages.send(roomId, body)
      const { tree } = await client.messages.get(roomId, message_id)
      return { messageId: message_id, tree, via: `GET /rooms/${roomId}/messages/${message_id}` }
    },
    close: async () => {},
  }
}

async function main(): Promise<void> {
  // --base-url, as for `chatwork-kit send`: another API than Chatwork's, such as a separately started emulator.
  const { values } = parseArgs({ options: { room: { type: 'string' }, 'base-url': { type: 'string' } } })
  const token = process.env.CHATWORK_API_TOKEN
  if (values.room !== undefined && !token) throw new Error('--room posts to Chatwork: set CHATWORK_API_TOKEN too')
  if (values.room !== undefined && !/^\d+$/.test(values.room)) throw new Error(`--room takes a room id, not "${values.room}"`)
  const target = values.room !== undefined ? chatworkTarget(Number(values.room), values['base-url']) : await emulatorTarget()
  try {
    const body = compose('ops-bot [toall]').toString()
    heading('1. Composed with the builder')
    console.log(body)

    heading('2. Linted')
    const diagnostics = lint(body)
    console.log(diagnostics.length === 0 ? 'no problems' : formatDiagnostics(diagnostics, body))
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error('the demo message has lint errors')

    heading('3. Sent with the client, received back')
    const { messageId, tree, via } = await target.deliver(body)
    console.log(`message ${messageId}, received through ${via}`)

    heading('4. Parsed into a tree')
    console.log(drawTree(tree))

    heading('5. Mentions')
    console.log(JSON.stringify(mentions(tree)))

    heading('6. Plain text')
    console.log(toPlainText(tree))
  } finally {
    await target.close()
  }
}

function heading(title: string): void {
  console.log(`\n== ${title} ==`)
}

// Fields that keep the source's spelling for lossless printing; they add nothing here.
const SPELLINGS = new Set(['position', 'source', 'open', 'close', 'meta'])

/**
 * One line per node, indented like `tree(1)`, with the node's fields; the
 * escape mark (U+200B) shows as \u200b.
 */
function drawTree(node: Node, prefix = '', last = true, top = true): string {
  const { type, children, ...fields } = node as Node & { children?: Node[] }
  const details = Object.entries(fields)
    .filter(([key]) => !SPELLINGS.has(key))
    .map(([key, value]) => `${key}=${JSON.stringify(value).replaceAll(ESCAPE_MARK, '\\u200b')}`)
  const line = `${top ? '' : `${prefix}${last ? '└─ ' : '├─ '}`}${[type, ...details].join(' ')}`
  const childPrefix = top ? '' : `${prefix}${last ? '   ' : '│  '}`
  const lines = (children ?? []).map((child, i, all) => drawTree(child, childPrefix, i === all.length - 1, false))
  return [line, ...lines].join('\n')
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
