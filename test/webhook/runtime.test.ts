import { createHmac, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../../src/webhook/index.ts', import.meta.url))

/** `chatwork-kit/webhook` bundled for a runtime that has no node: modules. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    // neutral: a node: import would fail to resolve instead of being left external
    platform: 'neutral',
    format: 'iife',
    globalName: 'webhook',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

describe('chatwork-kit/webhook outside Node', () => {
  it('bundles with no node: module and works with Web globals only, as on Workers', async () => {
    const code = await bundle()
    // a realm with the Web platform and nothing of Node: no process, Buffer or require
    const { Request, Response, Headers, URL, ReadableStream, TextEncoder, TextDecoder, crypto, atob, btoa } = globalThis
    const realm = { Request, Response, Headers, URL, ReadableStream, TextEncoder, TextDecoder, crypto, atob, btoa, console }
    const api = runInNewContext(`${code}; webhook`, realm) as typeof import('../../src/webhook/index.ts')
    expect(runInNewContext('typeof process + typeof Buffer + typeof require', realm)).toBe('undefinedundefinedundefined')

    const token = randomBytes(32).toString('base64')
    const body =
      '{"webhook_setting_id":"1","webhook_event_type":"mention_to_me","webhook_event_time":1,"webhook_event":{"from_account_id":2,"to_account_id":1,"room_id":3,"message_id":"4","body":"[To:1] hi","send_time":1,"update_time":0}}'
    const sign = (text: string) => createHmac('sha256', Buffer.from(token, 'base64')).update(text).digest('base64')
    expect(await api.verifySignature(body, sign(body), token)).toBe(true)

    const seen: string[] = []
    const errors: unknown[] = []
    const handler = api.createWebhookHandler({
      token,
      on: { mentionToMe: (event) => void seen.push(event.tree.children[0].type) },
      onError: (error) => void errors.push(error),
    })
    const signed = new Request('https://bot.example/hook', { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': sign(body) } })
    expect((await handler(signed)).status).toBe(200)
    expect(seen).toEqual(['to'])
    // a signed body that is no payload is answered 200 too, and reported
    const notJson = new Request('https://bot.example/hook', { method: 'POST', body: 'not json', headers: { 'x-chatworkwebhooksignature': sign('not json') } })
    expect((await handler(notJson)).status).toBe(200)
    expect(errors).toEqual([expect.any(api.ChatworkWebhookError)])
    // toNodeListener exists there too: it needs node:http only when called
    expect(typeof api.toNodeListener(handler)).toBe('function')
  })
})
