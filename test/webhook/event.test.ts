import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'chatwork-kit'
import { ChatworkWebhookError, parseWebhookEvent } from 'chatwork-kit/webhook'

// the three examples of the API spec, §6.3
const CREATED = `{"webhook_setting_id":"12345","webhook_event_type":"message_created","webhook_event_time":1735600300,
 "webhook_event":{"message_id":"1718000000000000006","room_id":5002,"account_id":1002,
  "body":"deploy done","send_time":1735600300,"update_time":0}}`
const UPDATED = `{"webhook_setting_id":"12345","webhook_event_type":"message_updated","webhook_event_time":1735600400,
 "webhook_event":{"message_id":"1718000000000000006","room_id":5002,"account_id":1002,
  "body":"deploy done (v2)","send_time":1735600300,"update_time":1735600399}}`
const MENTION = `{"webhook_setting_id":"12346","webhook_event_type":"mention_to_me","webhook_event_time":1735600200,
 "webhook_event":{"from_account_id":1002,"to_account_id":1001,"room_id":5002,"message_id":"1718000000000000005",
  "body":"[To:1001] lunch?","send_time":1735600199,"update_time":0}}`

function refusal(body: string | Uint8Array): ChatworkWebhookError {
  try {
    parseWebhookEvent(body)
  } catch (error) {
    if (error instanceof ChatworkWebhookError) return error
    throw error
  }
  throw new Error('parseWebhookEvent accepted the body')
}

describe('parseWebhookEvent', () => {
  it('parses message_created with camel-cased fields and the body as a tree', () => {
    expect(parseWebhookEvent(CREATED)).toEqual({
      type: 'message_created',
      webhookSettingId: '12345',
      eventTime: 1735600300,
      messageId: '1718000000000000006',
      roomId: 5002,
      accountId: 1002,
      body: 'deploy done',
      tree: parse('deploy done'),
      sendTime: 1735600300,
      updateTime: 0,
      raw: JSON.parse(CREATED),
    })
  })

  it('parses message_updated', () => {
    const event = parseWebhookEvent(UPDATED)
    expect(event.type).toBe('message_updated')
    if (event.type !== 'message_updated') return
    expect([event.accountId, event.body, event.updateTime]).toEqual([1002, 'deploy done (v2)', 1735600399])
  })

  it('parses mention_to_me, whose tree holds the mention', () => {
    const event = parseWebhookEvent(new TextEncoder().encode(MENTION))
    expect(event.type).toBe('mention_to_me')
    if (event.type !== 'mention_to_me') return
    expect([event.fromAccountId, event.toAccountId, event.roomId, event.messageId]).toEqual([1002, 1001, 5002, '1718000000000000005'])
    expect(event.tree.children[0]).toMatchObject({ type: 'to', accountId: 1001 })
  })

  it('keeps a 19-digit message id exactly', () => {
    const body = CREATED.replace('1718000000000000006', '9223372036854775807')
    const event = parseWebhookEvent(body)
    expect(event.type === 'message_created' && event.messageId).toBe('9223372036854775807')
  })

  it('passes parse options through', () => {
    const body = CREATED.replace('deploy done', 'see https://example.org')
    const event = parseWebhookEvent(body, { positions: false })
    expect(event.type === 'message_created' && event.tree).toEqual(parse('see https://example.org', { positions: false }))
  })

  it('returns an unknown event type as data, not an exception', () => {
    const body = '{"webhook_setting_id":"1","webhook_event_type":"task_created","webhook_event":{"task_id":3}}'
    expect(parseWebhookEvent(body)).toEqual({ type: 'unknown', eventType: 'task_created', raw: JSON.parse(body) })
  })

  it('refuses a body that is not UTF-8 JSON with reason invalid_json', () => {
    for (const body of ['', 'not json', '{"a":', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      expect(refusal(body).reason).toBe('invalid_json')
    }
  })

  it('refuses JSON that is not a payload with reason invalid_payload, naming the field', () => {
    const cases: [string, RegExp][] = [
      ['[]', /object/],
      ['null', /object/],
      ['{}', /webhook_event_type/],
      [CREATED.replace('"webhook_setting_id":"12345",', ''), /webhook_setting_id/],
      [CREATED.replace('"webhook_event_time":1735600300', '"webhook_event_time":"1735600300"'), /webhook_event_time/],
      [CREATED.replace(/"webhook_event":\{[^}]*\}/, '"webhook_event":"x"'), /webhook_event /],
      [CREATED.replace('"message_id":"1718000000000000006"', '"message_id":1718000000000000006'), /webhook_event\.message_id/],
      [CREATED.replace('"room_id":5002', '"room_id":5002.5'), /webhook_event\.room_id/],
      [CREATED.replace('"account_id":1002,', ''), /webhook_event\.account_id/],
      [CREATED.replace('"body":"deploy done"', '"body":null'), /webhook_event\.body/],
      [MENTION.replace('"to_account_id":1001,', ''), /webhook_event\.to_account_id/],
      [MENTION.replace('"update_time":0', '"update_time":true'), /webhook_event\.update_time/],
    ]
    for (const [body, field] of cases) {
      const error = refusal(body)
      expect(error.reason).toBe('invalid_payload')
      expect(error.message).toMatch(field)
    }
  })

  it('property: every well-formed mention_to_me round-trips its fields, with tree = parse(body)', () => {
    const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
    const payload = fc.record({
      webhook_setting_id: fc.string(),
      webhook_event_type: fc.constant('mention_to_me'),
      webhook_event_time: fc.nat(),
      webhook_event: fc.record({
        from_account_id: id,
        to_account_id: id,
        room_id: id,
        message_id: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String),
        body: fc.string({ unit: 'binary' }),
        send_time: fc.nat(),
        update_time: fc.nat(),
      }),
    })
    fc.assert(
      fc.property(payload, (p) => {
        const event = parseWebhookEvent(JSON.stringify(p))
        const e = p.webhook_event
        expect(event).toEqual({
          type: 'mention_to_me',
          webhookSettingId: p.webhook_setting_id,
          eventTime: p.webhook_event_time,
          fromAccountId: e.from_account_id,
          toAccountId: e.to_account_id,
          roomId: e.room_id,
          messageId: e.message_id,
          body: e.body,
          tree: parse(e.body),
          sendTime: e.send_time,
          updateTime: e.update_time,
          raw: p,
        })
      }),
    )
  })

  it('property: any string is parsed or refused with a ChatworkWebhookError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseWebhookEvent(text)
        } catch (error) {
          expect(error).toBeInstanceOf(ChatworkWebhookError)
        }
      }),
    )
  })
})
