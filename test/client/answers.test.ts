/**
 * Answers a client must not take at face value, from the emulator and from a
 * hostile server on loopback: a 2xx is processed whatever its body, shapes
 * are checked (a typed error, never a TypeError or a wrong value), and
 * message ids arriving as bare numbers above 2^53 stay exact.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ChatworkClient, ChatworkResponseError, mayHaveBeenProcessed } from 'chatwork-kit/client'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { parseJsonExactIds } from '../../src/client/exact-ids.ts'
import { type HostileServer, startHostileServer } from '../helpers/hostile-server.ts'

const open: (Emulator | HostileServer)[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

/** A server answering 200 with `answer.body` (the current value) to every request, and a client on it. */
async function answering() {
  const answer = { body: '', status: 200 }
  const server = await startHostileServer(() => ({ status: answer.status, body: answer.body }))
  open.push(server)
  return { answer, server, client: new ChatworkClient({ token: 'a-realistic-test-token', baseURL: server.baseURL, retry: false, postingLimit: false }) }
}

const ACCOUNT = { account_id: 1002, name: 'Taro', avatar_image_url: 'https://example.org/t.png' }
const BIG = '1928374655918273645'

describe('a 2xx was processed, whatever its body', () => {
  it('a posted message whose answer is not JSON: mayHaveBeenProcessed, posted once', async () => {
    const emu = await startEmulator()
    open.push(emu)
    const room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
    const client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
    const before = emu.messages(room).length
    emu.fault({ method: 'POST', path: '/rooms/:roomId/messages', malformed: true })
    const error = await client.messages.send(room, 'deploy done').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkResponseError)
    expect(mayHaveBeenProcessed(error)).toBe(true)
    expect(emu.messages(room)).toHaveLength(before + 1)
    expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('an empty or non-JSON 2xx where data is due', async () => {
    const { answer, client } = await answering()
    for (const [status, body, problem] of [
      [200, '', 'the body is empty'],
      [201, 'OK', 'the body is not valid JSON'],
      [200, '{"message_id":', 'the body is not valid JSON'],
    ] as const) {
      Object.assign(answer, { status, body })
      const error = await client.messages.send(5009, 'hi').catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'ChatworkResponseError', status, problem })
      expect(mayHaveBeenProcessed(error)).toBe(true)
    }
  })
})

describe('shapes', () => {
  it('refuses what is not the shape due, saying where, instead of a TypeError or a wrong value', async () => {
    const { answer, client } = await answering()
    const message = { message_id: BIG, account: ACCOUNT, body: 'hi', send_time: 1735600000, update_time: 0 }
    const cases: [body: unknown, run: () => Promise<unknown>, problem: string][] = [
      [{ rooms: [] }, () => client.rooms.list(), 'data: expected a list, got an object'],
      ['hello', () => client.rooms.list(), 'data: expected a list, got a string'],
      [[{ room_id: 1 }, 7], () => client.rooms.list(), 'data[1]: expected an object, got a number'],
      [[], () => client.me(), 'data: expected an object, got a list'],
      [null, () => client.me(), 'data: expected an object, got null'],
      [[{ ...message, body: null }], () => client.messages.list(5009, { force: true }), 'data[0].body: expected a string, got null'],
      [{ ...message, body: 42 }, () => client.messages.get(5009, BIG), 'data.body: expected a string, got a number'],
      [[message, { ...message, account: null }], () => client.messages.list(5009, { force: true }), 'data[1].account: expected an object, got null'],
      [[{ ...message, send_time: '1735600000' }], () => client.messages.list(5009, { force: true }), 'data[0].send_time: expected a number, got a string'],
      [{ message_id: 'abc' }, () => client.messages.send(5009, 'hi'), 'data.message_id: expected a decimal string, got a string'],
      [{ message_id: 1.5 }, () => client.messages.update(5009, BIG, 'hi'), 'data.message_id: expected a decimal string, got a number'],
      [{ message_id: -3 }, () => client.messages.delete(5009, BIG), 'data.message_id: expected a decimal string, got a number'],
      [{}, () => client.messages.send(5009, 'hi'), 'data.message_id: expected a decimal string, got undefined'],
    ]
    for (const [body, run, problem] of cases) {
      answer.body = JSON.stringify(body)
      const error = await run().catch((e: unknown) => e)
      expect(error, problem).toBeInstanceOf(ChatworkResponseError)
      expect((error as ChatworkResponseError).problem).toBe(problem)
    }
  })

  it('resolves with the shape due or rejects with ChatworkResponseError, for any JSON (property)', async () => {
    const { answer, client } = await answering()
    const calls = [
      () => client.rooms.list(),
      () => client.me(),
      async () => (await client.messages.list(5009, { force: true })).map((m) => m.tree),
      async () => (await client.messages.get(5009, BIG)).tree,
      () => client.messages.send(5009, 'hi'),
      () => client.tasks.list(5009),
    ]
    const messageLike = fc.record({ message_id: fc.oneof(fc.constant(BIG), fc.jsonValue()), account: fc.oneof(fc.constant(ACCOUNT), fc.jsonValue()), body: fc.oneof(fc.string(), fc.jsonValue()), send_time: fc.oneof(fc.nat(), fc.jsonValue()) })
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), messageLike, fc.array(messageLike, { maxLength: 3 })), fc.constantFrom(...calls), async (body, run) => {
        answer.body = JSON.stringify(body)
        const outcome = await run().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
        if ('error' in outcome) expect(outcome.error).toBeInstanceOf(ChatworkResponseError)
      }),
      { numRuns: 200 },
    )
  })
})

describe('exact message ids', () => {
  it('reads a bare message_id above 2^53 as its exact decimal string, wherever it is', async () => {
    const { answer, client } = await answering()
    const raw = `{"message_id":${BIG},"account":${JSON.stringify(ACCOUNT)},"body":"[To:1] \\"message_id\\":${BIG}1","send_time":1735600000,"update_time":0}`
    answer.body = `[${raw}]`
    const [listed] = await client.messages.list(5009, { force: true })
    expect(listed!.message_id).toBe(BIG)
    expect(listed!.body).toBe(`[To:1] "message_id":${BIG}1`)
    answer.body = raw
    expect((await client.messages.get(5009, BIG)).message_id).toBe(BIG)
    answer.body = `{ "message_id" : ${BIG} }`
    expect(await client.messages.send(5009, 'hi')).toEqual({ message_id: BIG })
    answer.body = `[{"task_id":1,"message_id":18446744073709551615,"body":"x"}]`
    expect((await client.tasks.list(5009))[0]!.message_id).toBe('18446744073709551615')
  })

  it('keeps every 64-bit id exact, and changes nothing else JSON.parse reads (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.jsonValue(), fc.constantFrom('', ' ', '\n\t'), (id, other, space) => {
        const text = `{"message_id"${space}:${space}${id},"other":${JSON.stringify(other)},"items":[{"message_id":${id}}]}`
        expect(parseJsonExactIds(text)).toEqual({ message_id: String(id), other: JSON.parse(JSON.stringify(other)), items: [{ message_id: String(id) }] })
      }),
    )
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseJsonExactIds(text)).toEqual(JSON.parse(text))
      }),
    )
  })

  it('throws the SyntaxError of JSON.parse for text that is not JSON', () => {
    for (const text of ['{"message_id":1', '{"message_id":12x}', '"\\"\\"\\"']) expect(() => parseJsonExactIds(text)).toThrow(SyntaxError)
  })
})
