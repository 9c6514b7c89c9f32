/**
 * Webhook receiving cost per event, beside a node:crypto HMAC check (the
 * check every receiver must do) measured in the same run.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { Bench } from 'tinybench'
import { createWebhookHandler, parseWebhookEvent, verifySignature } from '../src/webhook/index.ts'
import { corpusBodies, meanMs } from './corpus.ts'

const TOKEN = randomBytes(32).toString('base64')
const KEY = Buffer.from(TOKEN, 'base64')

/** Each corpus body (up to 500) as a signed `mention_to_me` delivery. */
const deliveries = corpusBodies.slice(0, 500).map((body, i) => {
  const payload = JSON.stringify({
    webhook_setting_id: '12345',
    webhook_event_type: 'mention_to_me',
    webhook_event_time: 1735600200,
    webhook_event: { from_account_id: 1002, to_account_id: 1001, room_id: 5002, message_id: String(1718000000000000000n + BigInt(i)), body, send_time: 1735600199, update_time: 0 },
  })
  return { payload, signature: createHmac('sha256', KEY).update(payload).digest('base64') }
})

function nodeCheck(payload: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', KEY).update(payload).digest('base64'))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export async function run(): Promise<void> {
  let received = 0
  const handler = createWebhookHandler({ token: TOKEN, on: { mentionToMe: () => void received++ } })
  const bench = new Bench({ time: 1500, warmupTime: 300 })
  bench
    .add('baseline: node:crypto HMAC check', () => {
      for (const { payload, signature } of deliveries) if (!nodeCheck(payload, signature)) throw new Error('bad signature')
    })
    .add('verifySignature (Web Crypto, key kept between calls)', async () => {
      for (const { payload, signature } of deliveries) if (!(await verifySignature(payload, signature, TOKEN))) throw new Error('bad signature')
    })
    .add('parseWebhookEvent (JSON + markup parse)', () => {
      for (const { payload } of deliveries) parseWebhookEvent(payload)
    })
    .add('createWebhookHandler: Request in, Response out', async () => {
      for (const { payload, signature } of deliveries) {
        const request = new Request('http://127.0.0.1/hook', { method: 'POST', body: payload, headers: { 'x-chatworkwebhooksignature': signature } })
        if ((await handler(request)).status !== 200) throw new Error('refused')
      }
    })
  await bench.run()
  if (received === 0) throw new Error('the handler never called back')
  const perSecond = (name: string) => deliveries.length / (meanMs(bench.getTask(name)) / 1000)
  const baseline = perSecond('baseline: node:crypto HMAC check')
  console.log(`\nWebhook: ${deliveries.length} signed mention_to_me deliveries of corpus bodies`)
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      'events/s': Math.round(perSecond(task.name)),
      'vs baseline': `${(perSecond(task.name) / baseline).toFixed(2)}x`,
    })),
  )
}
