import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'chatwork-kit'
import { DEFAULT_WEBHOOK_DISABLE_AFTER, startEmulator, type Emulator } from 'chatwork-kit/testing'
import { createWebhookHandler, toNodeListener, type WebhookEvent } from 'chatwork-kit/webhook'

const ROOM_TOKEN = randomBytes(32).toString('base64')
const MENTION_TOKEN = randomBytes(32).toString('base64')

let emu: Emulator
let server: Server
let url: string
const received: WebhookEvent[] = []
const typed: string[] = []

beforeAll(async () => {
  emu = await startEmulator()
  const handler = createWebhookHandler({
    // two webhook settings, each with its own token, served by one endpoint
    token: [ROOM_TOKEN, MENTION_TOKEN],
    onEvent: (event) => void received.push(event),
    on: {
      messageCreated: (event) => void typed.push(`created ${event.messageId}`),
      messageUpdated: (event) => void typed.push(`updated ${event.messageId}`),
      mentionToMe: (event) => void typed.push(`mention ${event.messageId}`),
    },
  })
  server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatwork`
})

afterAll(async () => {
  await emu.close()
  await new Promise((resolve) => server.close(resolve))
})

describe('webhooks delivered by the emulator', () => {
  it('reach the handler as typed events with trees, each answered 200 with an empty body', async () => {
    const room = emu.rooms().find((r) => r.name === 'Project X')!
    const roomSetting = emu.webhooks.add({ url, token: ROOM_TOKEN, events: ['message_created', 'message_updated'], roomId: room.room_id })
    const mentionSetting = emu.webhooks.add({ url, token: MENTION_TOKEN, events: ['mention_to_me'] })

    const messageId = emu.post(room.room_id, '[To:1001]Hanako Sato\nlunch? (coffee)', { as: 1002 })
    emu.editMessage(room.room_id, messageId, '[To:1001]Hanako Sato\nlunch at 12? :)')
    await emu.webhooks.settled()

    expect(emu.webhooks.deliveries.map((d) => [d.eventType, d.status, d.responseSize, d.ok])).toEqual(
      expect.arrayContaining([
        ['message_created', 200, 0, true],
        ['mention_to_me', 200, 0, true],
        ['message_updated', 200, 0, true],
      ]),
    )
    expect(emu.webhooks.deliveries).toHaveLength(3)
    expect(typed.sort()).toEqual([`created ${messageId}`, `mention ${messageId}`, `updated ${messageId}`])

    const stored = emu.messages(room.room_id).find((m) => m.message_id === messageId)!
    const byType = Object.fromEntries(received.map((event) => [event.type, event]))
    expect(byType.message_created).toMatchObject({
      webhookSettingId: roomSetting.id,
      messageId,
      roomId: room.room_id,
      accountId: 1002,
      body: '[To:1001]Hanako Sato\nlunch? (coffee)',
      tree: parse('[To:1001]Hanako Sato\nlunch? (coffee)'),
      updateTime: 0,
    })
    expect(byType.mention_to_me).toMatchObject({
      webhookSettingId: mentionSetting.id,
      fromAccountId: 1002,
      toAccountId: 1001,
      roomId: room.room_id,
      messageId,
      tree: parse('[To:1001]Hanako Sato\nlunch? (coffee)'),
    })
    expect(byType.message_updated).toMatchObject({
      webhookSettingId: roomSetting.id,
      messageId,
      accountId: 1002,
      body: stored.body,
      tree: parse('[To:1001]Hanako Sato\nlunch at 12? :)'),
      sendTime: stored.send_time,
      updateTime: stored.update_time,
    })
    const updated = byType.message_updated
    expect(updated.type === 'message_updated' && updated.tree.children.map((node) => node.type)).toEqual(['to', 'text', 'emoticon'])
  })

  it('are refused 401, and reach no callback, when the setting has a token the handler does not know', async () => {
    const room = emu.rooms().find((r) => r.name === 'Random')!
    const before = { received: received.length, deliveries: emu.webhooks.deliveries.length }
    emu.webhooks.add({ url, token: randomBytes(32).toString('base64'), events: ['message_created'], roomId: room.room_id })
    emu.post(room.room_id, 'hello', { as: 1003 })
    await emu.webhooks.settled()
    const fresh = emu.webhooks.deliveries.slice(before.deliveries)
    expect(fresh.map((d) => [d.eventType, d.status, d.ok])).toEqual([['message_created', 401, false]])
    expect(received).toHaveLength(before.received)
  })

  it('are answered 200 when a callback throws, so the emulator, like Chatwork, does not disable the setting', async () => {
    const token = randomBytes(32).toString('base64')
    const failures: unknown[] = []
    const failing = createServer(
      toNodeListener(
        createWebhookHandler({
          token,
          onEvent: () => {
            throw new Error('bot bug')
          },
          onError: (error) => void failures.push(error),
        }),
      ),
    )
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
    try {
      const room = emu.rooms().find((r) => r.name === 'Project X')!
      const setting = emu.webhooks.add({
        url: `http://127.0.0.1:${(failing.address() as AddressInfo).port}/chatwork`,
        token,
        events: ['message_created'],
        roomId: room.room_id,
      })
      for (let i = 0; i <= DEFAULT_WEBHOOK_DISABLE_AFTER; i++) emu.post(room.room_id, `failing ${i}`, { as: 1002 })
      await emu.webhooks.settled()
      const mine = emu.webhooks.deliveries.filter((d) => d.settingId === setting.id)
      expect(mine.map((d) => [d.status, d.ok])).toEqual(Array.from({ length: DEFAULT_WEBHOOK_DISABLE_AFTER + 1 }, () => [200, true]))
      expect(emu.webhooks.list().find((s) => s.id === setting.id)!.enabled).toBe(true)
      expect(failures).toHaveLength(DEFAULT_WEBHOOK_DISABLE_AFTER + 1)
      emu.webhooks.remove(setting.id)
    } finally {
      await new Promise((resolve) => failing.close(resolve))
    }
  })
})
