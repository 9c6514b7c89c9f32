/**
 * The client's one retry after its own 401 `invalid_token`, against the
 * emulator: the token function is told which token was refused, and the call
 * is sent once more with the token it answers instead, whatever its method
 * (a refused request was not processed); never twice, never with a static
 * token, never for an API token's 401.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkApiError, ChatworkClient, type RetryEvent, type TokenSourceRequest } from 'chatwork-kit/client'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'

let emu: Emulator
let room: number
beforeAll(async () => {
  // budgets wide enough for every call of the property: the limits are not what is tested here
  emu = await startEmulator({ rateLimit: { limit: 10_000, roomPostLimit: 10_000 } })
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
})
afterAll(() => emu.close())
beforeEach(() => {
  emu.requests.length = 0
})

/** A token function that starts with a token the emulator does not know, and answers `emu.token` once told it was refused. */
function staleThenFresh() {
  const asked: (TokenSourceRequest | undefined)[] = []
  let current = `stale-${crypto.randomUUID()}`
  const source = async (request?: TokenSourceRequest) => {
    asked.push(request)
    if (request?.rejected === current) current = emu.token
    return current
  }
  return { source, asked, stale: current }
}

const calls = {
  'GET /me': (client: ChatworkClient) => client.me(),
  'POST /rooms/{room_id}/messages': (client: ChatworkClient) => client.messages.send(room, `after a refresh ${crypto.randomUUID()}`),
  'PUT /rooms/{room_id}': (client: ChatworkClient) => client.rooms.update(room, { description: `refreshed ${crypto.randomUUID()}` }),
  'DELETE /rooms/{room_id}/messages/{message_id}': async (client: ChatworkClient) => client.messages.delete(room, emu.post(room, 'to delete')),
  'POST /rooms/{room_id}/tasks': (client: ChatworkClient) => client.tasks.create(room, { body: 'after a refresh', toIds: [1001], limitType: 'none' }),
} as const

describe('after a 401 invalid_token', () => {
  it.each(Object.keys(calls) as (keyof typeof calls)[])('%s is sent once more with the new token, and done once', async (name) => {
    const { source, asked, stale } = staleThenFresh()
    const retries: RetryEvent[] = []
    const client = new ChatworkClient({ baseURL: emu.baseURL, accessToken: source, retry: false, onRetry: (event) => retries.push(event) })
    const messagesBefore = emu.messages(room).length
    await calls[name](client)
    expect(emu.requests.map((request) => request.status)).toEqual([401, 200])
    expect(asked).toContainEqual({ rejected: stale })
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 0 })
    expect(retries[0]!.error).toBeInstanceOf(ChatworkApiError)
    expect((retries[0]!.error as ChatworkApiError).status).toBe(401)
    if (name === 'POST /rooms/{room_id}/messages') expect(emu.messages(room).length).toBe(messagesBefore + 1)
  })

  it('is retried at most once per call, even when the new token is refused too', async () => {
    let serial = 0
    const client = new ChatworkClient({ baseURL: emu.baseURL, accessToken: async () => `unknown-${serial++}-${crypto.randomUUID()}` })
    const error = await client.messages.send(room, 'never').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 401, errors: ['The access token is invalid'] })
    expect(emu.requests.map((request) => request.status)).toEqual([401, 401])
  })

  it('is not retried when the function answers the refused token again', async () => {
    const token = `unknown-${crypto.randomUUID()}`
    let asked = 0
    const client = new ChatworkClient({ baseURL: emu.baseURL, accessToken: () => (asked++, token) })
    await expect(client.me()).rejects.toMatchObject({ status: 401 })
    expect(emu.requests).toHaveLength(1)
    expect(asked).toBe(2)
  })

  it('surfaces as before with a static access token', async () => {
    const client = new ChatworkClient({ baseURL: emu.baseURL, accessToken: `unknown-${crypto.randomUUID()}` })
    await expect(client.me()).rejects.toMatchObject({ status: 401 })
    expect(emu.requests).toHaveLength(1)
  })

  it('an API token refused (no invalid_token challenge) is not retried, from a function either', async () => {
    let asked = 0
    const client = new ChatworkClient({ baseURL: emu.baseURL, token: () => (asked++, `unknown-${crypto.randomUUID()}`) })
    await expect(client.me()).rejects.toMatchObject({ status: 401, errors: ['Invalid API token'] })
    expect(emu.requests).toHaveLength(1)
    expect(asked).toBe(1)
  })

  it('for any mix of calls, each is answered once, with one 401 before it at most (property)', async () => {
    const names = Object.keys(calls) as (keyof typeof calls)[]
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 6 }), async (picked) => {
        emu.requests.length = 0
        const { source } = staleThenFresh()
        const client = new ChatworkClient({ baseURL: emu.baseURL, accessToken: source })
        for (const name of picked) await calls[name](client)
        // the first call meets the stale token, the rest the fresh one
        expect(emu.requests.map((request) => request.status)).toEqual([401, ...picked.map(() => 200)])
      }),
      { numRuns: 15 },
    )
  })
})
