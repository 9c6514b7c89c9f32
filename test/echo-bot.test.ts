import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatworkClient, mentions, parse, toPlainText } from 'chatwork-kit'
import { signWebhookBody, startEmulator, type Emulator } from 'chatwork-kit/testing'
import { toNodeListener, type WebhookHandler } from 'chatwork-kit/webhook'
import { createEchoBot } from '../examples/echo-bot.ts'
import { runProcess } from './helpers/run-process.ts'

const WEBHOOK_TOKEN = randomBytes(32).toString('base64')

let emu: Emulator
let bot: WebhookHandler
let server: Server
let roomId: number

beforeAll(async () => {
  emu = await startEmulator()
  bot = createEchoBot({ client: new ChatworkClient({ baseURL: emu.baseURL, token: emu.token }), webhookToken: WEBHOOK_TOKEN })
  server = createServer(toNodeListener(bot))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  // the bot is the emulator's main account, 1001; it wants its mentions
  emu.webhooks.add({ url, token: WEBHOOK_TOKEN, events: ['mention_to_me'] })
  roomId = emu.rooms().find((room) => room.name === 'Project X')!.room_id
})

afterAll(async () => {
  await emu.close()
  await new Promise((resolve) => server.close(resolve))
})

/** Posts as someone else, waits for the webhooks, and returns what the bot posted since. */
async function say(body: string, as: number): Promise<{ messageId: string; replies: string[] }> {
  const before = emu.messages(roomId).length
  const messageId = emu.post(roomId, body, { as })
  await emu.webhooks.settled()
  const replies = emu.messages(roomId).slice(before).filter((m) => m.account_id === emu.account.account_id)
  return { messageId, replies: replies.map((m) => m.body) }
}

describe('examples/echo-bot.ts against the emulator', () => {
  it('answers a mention with a reply to its author that quotes its plain text', async () => {
    const body = '[To:1001]Hanako Sato\nlunch at noon? (coffee)'
    const { messageId, replies } = await say(body, 1002)
    expect(emu.webhooks.deliveries.at(-1)).toMatchObject({ eventType: 'mention_to_me', status: 200, ok: true })
    expect(replies).toHaveLength(1)
    const [reply, quote, ...rest] = parse(replies[0], { positions: false }).children
    expect(reply).toMatchObject({ type: 'reply', accountId: 1002, roomId, messageId })
    expect(quote).toMatchObject({ type: 'quote', accountId: 1002 })
    expect(rest).toEqual([])
    expect(toPlainText(quote)).toBe('Hanako Sato\nlunch at noon? (coffee)')
  })

  it('echoes tag-like text as text: it cannot end the quote early or notify anyone', async () => {
    // code is verbatim in plain text, so the echo would be `[/qt][toall]` if the builder did not escape it
    const body = '[To:1001] try [code][/qt][toall][/code]'
    const { replies } = await say(body, 1003)
    expect(replies).toHaveLength(1)
    const tree = parse(replies[0], { positions: false })
    expect(tree.children.map((node) => node.type)).toEqual(['reply', 'quote'])
    expect(toPlainText(tree.children[1])).toBe(toPlainText(body).trim())
    expect(toPlainText(tree.children[1])).toContain('[/qt][toall]')
    expect(mentions(tree)).toMatchObject({ toAll: false, accountIds: [], replies: [{ accountId: 1003 }] })
  })

  it('does not answer a message that does not mention it', async () => {
    const { replies } = await say('[To:1003] not for the bot', 1002)
    expect(replies).toEqual([])
  })

  it('does not answer a mention of itself by itself, which would never end', async () => {
    const before = emu.messages(roomId).length
    const body = JSON.stringify({
      webhook_setting_id: '1',
      webhook_event_type: 'mention_to_me',
      webhook_event_time: 1735600200,
      webhook_event: { from_account_id: 1001, to_account_id: 1001, room_id: roomId, message_id: '1', body: '[To:1001] me', send_time: 1, update_time: 0 },
    })
    const signature = await signWebhookBody(body, WEBHOOK_TOKEN)
    const response = await bot(new Request('http://127.0.0.1/', { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': signature } }))
    expect(response.status).toBe(200)
    expect(emu.messages(roomId)).toHaveLength(before)
  })
})

describe('examples/echo-bot.ts run as a program', () => {
  const script = fileURLToPath(new URL('../examples/echo-bot.ts', import.meta.url))
  const withoutTokens = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^CHATWORK_/.test(name)))

  it('explains a missing token in one line, exit 2', async () => {
    const run = await runProcess(process.execPath, ['--import', 'tsx', script], { env: { ...withoutTokens, CHATWORK_WEBHOOK_TOKEN: WEBHOOK_TOKEN } })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^echo-bot: set CHATWORK_API_TOKEN: the bot account's API token and its webhook setting's token \(against chatwork-kit emulator: .*\)\n$/)
  })

  it('answers mentions through the base URL it is given, such as the emulator', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...withoutTokens, CHATWORK_BASE_URL: emu.baseURL, CHATWORK_API_TOKEN: emu.token, CHATWORK_WEBHOOK_TOKEN: WEBHOOK_TOKEN, PORT: '0' },
    })
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /listening on port (\d+)/.exec(out)
          if (match) resolve(match[1]!)
        })
        child.once('exit', (code) => reject(new Error(`the bot exited with ${code}`)))
      })
      const setting = emu.webhooks.add({ url: `http://127.0.0.1:${port}/`, token: WEBHOOK_TOKEN, events: ['mention_to_me'] })
      try {
        const { replies } = await say('[To:1001] from the program', 1002)
        // One reply from the in-process bot of this file, one from the program.
        expect(replies).toHaveLength(2)
        for (const reply of replies) expect(toPlainText(reply)).toContain('from the program')
      } finally {
        emu.webhooks.remove(setting.id)
      }
    } finally {
      child.kill()
    }
  })
})
