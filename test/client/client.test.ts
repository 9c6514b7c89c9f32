/**
 * ChatworkClient against the emulator over loopback: every endpoint, how each
 * argument goes on the wire (read back from the emulator's request log), what
 * comes back, 204s, bodies from strings, builders and trees, and uploads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkArgumentError, ChatworkApiError, ChatworkClient, ChatworkMissingTokenError, MAX_BODY_LENGTH } from 'chatwork-kit/client'
import { parse, stringify, type Root } from 'chatwork-kit/markup'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { message } from '../../src/markup/builder.ts'

let emu: Emulator
let client: ChatworkClient
let room: number

beforeEach(async () => {
  emu = await startEmulator()
  client = new ChatworkClient({ token: emu.token, baseURL: emu.baseURL })
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
})
afterEach(() => emu.close())

/** The last request the emulator received. */
function last() {
  return emu.requests.at(-1)!
}

/** The form body of the last request, as an object. */
function lastForm(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(last().body))
}

describe('account endpoints', () => {
  it('me() reads the profile with the API token header', async () => {
    const me = await client.me()
    expect(me).toMatchObject({ account_id: 1001, name: 'Hanako Sato', room_id: emu.account.room_id })
    expect(last()).toMatchObject({ method: 'GET', path: '/me' })
    expect(last().headers['x-chatworktoken']).toBeDefined()
  })

  it('myStatus() reads the counters', async () => {
    const status = await client.myStatus()
    expect(Object.keys(status).sort()).toEqual(['mention_num', 'mention_room_num', 'mytask_num', 'mytask_room_num', 'unread_num', 'unread_room_num'])
    expect(last().path).toBe('/my/status')
  })

  it('myTasks() sends its filters as query parameters', async () => {
    const open = await client.myTasks()
    expect(open.map((task) => task.body)).toEqual(['Book the meeting room'])
    expect(last().query).toEqual({})
    const done = await client.myTasks({ status: 'done', assignedByAccountId: 1002 })
    expect(done).toEqual([])
    expect(last().query).toEqual({ status: 'done', assigned_by_account_id: '1002' })
  })

  it('contacts() lists the contacts, and [] on a 204', async () => {
    expect((await client.contacts()).map((c) => c.account_id).sort()).toEqual(emu.contacts().sort())
    const lonely = await startEmulator({ seed: false })
    try {
      const other = new ChatworkClient({ token: lonely.token, baseURL: lonely.baseURL })
      expect(await other.contacts()).toEqual([])
      expect(lonely.requests.at(-1)!.status).toBe(204)
    } finally {
      await lonely.close()
    }
  })
})

describe('rooms', () => {
  it('list() and get(): items without description, detail with it', async () => {
    const rooms = await client.rooms.list()
    expect(rooms.map((r) => r.room_id).sort()).toEqual(emu.rooms().map((r) => r.room_id).sort())
    expect(rooms[0]).not.toHaveProperty('description')
    const detail = await client.rooms.get(String(room))
    expect(detail).toMatchObject({ room_id: room, name: 'Project X', description: 'Weekly sync' })
    expect(last().path).toBe(`/rooms/${room}`)
  })

  it('create() sends every field in the form body, ids as CSV, booleans as 0/1', async () => {
    const { room_id } = await client.rooms.create({
      name: 'Launch',
      adminIds: [1001],
      memberIds: [1002, '1003'],
      readonlyIds: [1004],
      description: 'Go live',
      iconPreset: 'star',
      link: true,
      linkCode: 'launch-2025',
      linkNeedAcceptance: false,
    })
    expect(last()).toMatchObject({ method: 'POST', path: '/rooms', query: {} })
    expect(lastForm()).toEqual({
      name: 'Launch',
      members_admin_ids: '1001',
      members_member_ids: '1002,1003',
      members_readonly_ids: '1004',
      description: 'Go live',
      icon_preset: 'star',
      link: '1',
      link_code: 'launch-2025',
      link_need_acceptance: '0',
    })
    const created = emu.rooms().find((r) => r.room_id === room_id)!
    expect(created.members).toEqual(
      expect.arrayContaining([{ account_id: 1002, role: 'member' }, { account_id: 1004, role: 'readonly' }]),
    )
    expect(await client.links.get(room_id)).toMatchObject({ public: true, need_acceptance: false })
  })

  it('create() leaves out what is not given', async () => {
    await client.rooms.create({ name: 'Bare', adminIds: [1001] })
    expect(lastForm()).toEqual({ name: 'Bare', members_admin_ids: '1001' })
  })

  it('update() changes only the given fields', async () => {
    expect(await client.rooms.update(room, { description: 'Daily sync' })).toEqual({ room_id: room })
    expect(lastForm()).toEqual({ description: 'Daily sync' })
    expect(emu.rooms().find((r) => r.room_id === room)).toMatchObject({ name: 'Project X', description: 'Daily sync' })
  })

  it('leave() and delete() send action_type in the body and resolve undefined on the 204', async () => {
    const a = emu.addRoom({ name: 'A', members: { admin: [1002], member: [1001] } })
    expect(await client.rooms.leave(a)).toBeUndefined()
    expect(last()).toMatchObject({ method: 'DELETE', path: `/rooms/${a}`, query: {}, status: 204 })
    expect(lastForm()).toEqual({ action_type: 'leave' })
    expect(emu.rooms().some((r) => r.room_id === a)).toBe(false)

    const b = emu.addRoom({ name: 'B' })
    expect(await client.rooms.delete(b)).toBeUndefined()
    expect(lastForm()).toEqual({ action_type: 'delete' })
    expect(emu.rooms(1002).some((r) => r.room_id === b)).toBe(false)
  })

  it('members() and setMembers() (a PUT replacing the membership)', async () => {
    expect((await client.rooms.members(room)).map((m) => m.account_id).sort()).toEqual([1001, 1002, 1003, 1004])
    const result = await client.rooms.setMembers(room, { adminIds: [1001], memberIds: [1002] })
    expect(last()).toMatchObject({ method: 'PUT', path: `/rooms/${room}/members` })
    expect(lastForm()).toEqual({ members_admin_ids: '1001', members_member_ids: '1002' })
    expect(result).toEqual({ admin: [1001], member: [1002], readonly: [] })
  })

  it('refuses an empty adminIds before any request', async () => {
    const before = emu.requests.length
    await expect(client.rooms.setMembers(room, { adminIds: [] })).rejects.toThrow(ChatworkArgumentError)
    expect(emu.requests.length).toBe(before)
  })
})

describe('messages', () => {
  it('list() without force drains the cursor; with force reads the latest again', async () => {
    const first = await client.messages.list(room)
    expect(first.map((m) => m.message_id)).toEqual(emu.messages(room).map((m) => m.message_id))
    expect(last().query).toEqual({})
    expect(await client.messages.list(room)).toEqual([])
    expect(last().status).toBe(204)
    const again = await client.messages.list(room, { force: true })
    expect(last().query).toEqual({ force: '1' })
    expect(again.map((m) => m.body)).toEqual(emu.messages(room).map((m) => m.body))
  })

  it('maps an empty 200 [] to [] as well', async () => {
    const emu200 = await startEmulator({ emptyListStatus: 200 })
    try {
      const other = new ChatworkClient({ token: emu200.token, baseURL: emu200.baseURL })
      const id = emu200.rooms().find((r) => r.name === 'Project X')!.room_id
      await other.messages.list(id)
      expect(await other.messages.list(id)).toEqual([])
      expect(emu200.requests.at(-1)!.status).toBe(200)
    } finally {
      await emu200.close()
    }
  })

  it('gives each message a lazy tree equal to parse(body), left out of JSON', async () => {
    const [m] = await client.messages.list(room, { force: true })
    expect(m.tree).toEqual(parse(m.body))
    expect(m.tree).toBe(m.tree)
    expect(JSON.parse(JSON.stringify(m))).toEqual({ ...m })
    expect(JSON.stringify(m)).not.toContain('"tree"')
    m.body = '[toall]'
    expect(m.tree.children[0].type).toBe('toall')
  })

  it('send() posts the body and self_unread in the form, and returns the id as a string', async () => {
    const sent = await client.messages.send(room, 'hello', { selfUnread: true })
    expect(typeof sent.message_id).toBe('string')
    expect(last()).toMatchObject({ method: 'POST', path: `/rooms/${room}/messages`, query: {} })
    expect(lastForm()).toEqual({ body: 'hello', self_unread: '1' })
    expect(emu.messages(room).at(-1)).toMatchObject({ message_id: sent.message_id, body: 'hello' })
  })

  it('send() takes a builder and a tree', async () => {
    const built = message().toAll().text(' [deploy] done :)')
    await client.messages.send(room, built)
    expect(emu.messages(room).at(-1)!.body).toBe(built.toString())
    const tree: Root = { type: 'root', children: [{ type: 'to', accountId: 1002 }, { type: 'text', value: 'hi' }] }
    await client.messages.send(room, tree)
    expect(emu.messages(room).at(-1)!.body).toBe('[To:1002]hi')
    await client.messages.send(room, [{ type: 'hr' }])
    expect(emu.messages(room).at(-1)!.body).toBe('[hr]')
  })

  it('send() refuses an empty or over-long body before any request', async () => {
    const before = emu.requests.length
    await expect(client.messages.send(room, '')).rejects.toMatchObject({ code: 'ERR_CHATWORK_ARGUMENT', argument: 'body' })
    await expect(client.messages.send(room, 'x'.repeat(MAX_BODY_LENGTH + 1))).rejects.toThrow(ChatworkArgumentError)
    await expect(client.messages.send(room, { nope: true } as never)).rejects.toThrow(ChatworkArgumentError)
    expect(emu.requests.length).toBe(before)
  })

  it('counts the length in code points, as Chatwork does', async () => {
    const emoji = '😀'.repeat(MAX_BODY_LENGTH)
    await client.messages.send(room, emoji)
    expect(emu.messages(room).at(-1)!.body).toBe(emoji)
    await expect(client.messages.send(room, `${emoji}x`)).rejects.toThrow(ChatworkArgumentError)
  })

  it('get(), update(), delete() address the message by its exact id', async () => {
    const { message_id } = await client.messages.send(room, 'draft')
    expect((await client.messages.get(room, message_id)).body).toBe('draft')
    expect(last().path).toBe(`/rooms/${room}/messages/${message_id}`)
    expect(await client.messages.update(room, message_id, message().text('final'))).toEqual({ message_id })
    expect(lastForm()).toEqual({ body: 'final' })
    expect(emu.messages(room).at(-1)!.body).toBe('final')
    expect(await client.messages.delete(room, BigInt(message_id))).toEqual({ message_id })
    expect(emu.messages(room).some((m) => m.message_id === message_id)).toBe(false)
    const error = await client.messages.get(room, message_id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkApiError)
    expect(error).toMatchObject({ status: 404, method: 'GET', path: '/rooms/{room_id}/messages/{message_id}' })
  })

  it('refuses a message id that is not a decimal string', async () => {
    await expect(client.messages.get(room, 1718000000000000001 as never)).rejects.toMatchObject({ argument: 'messageId' })
    await expect(client.messages.get(room, '17e3')).rejects.toMatchObject({ argument: 'messageId' })
    await expect(client.rooms.get(1.5)).rejects.toMatchObject({ argument: 'roomId' })
    await expect(client.rooms.get('../me')).rejects.toMatchObject({ argument: 'roomId' })
  })

  it('markRead() with and without an id, markUnread() with one', async () => {
    const [first] = emu.messages(room)
    const unread = await client.messages.markUnread(room, first.message_id)
    expect(last()).toMatchObject({ method: 'PUT', path: `/rooms/${room}/messages/unread` })
    expect(lastForm()).toEqual({ message_id: first.message_id })
    expect(unread.unread_num).toBe(emu.messages(room).length)
    expect(await client.messages.markRead(room, first.message_id)).toMatchObject({ unread_num: emu.messages(room).length - 1 })
    expect(lastForm()).toEqual({ message_id: first.message_id })
    expect(await client.messages.markRead(room)).toEqual({ unread_num: 0, mention_num: 0 })
    expect(last().body).toBe('')
  })

  it('keeps 19-digit ids above 2^53 exact through list and get (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 5 }), async (ids) => {
        const sorted = ids.sort((a, b) => (a < b ? -1 : 1)).map(String)
        const seeded = await startEmulator({
          seed: {
            accounts: [{ account_id: 1001, name: 'Hanako' }],
            rooms: [{ name: 'Ids', members: { admin: [1001] }, messages: sorted.map((id) => ({ from: 1001, body: id, message_id: id })) }],
          },
        })
        try {
          const other = new ChatworkClient({ token: seeded.token, baseURL: seeded.baseURL })
          const id = seeded.rooms().find((r) => r.type === 'group')!.room_id
          const listed = await other.messages.list(id, { force: true })
          expect(listed.map((m) => m.message_id)).toEqual(sorted)
          for (const messageId of sorted) expect((await other.messages.get(id, messageId)).message_id).toBe(messageId)
        } finally {
          await seeded.close()
        }
      }),
      { numRuns: 15 },
    )
  })

  it('sends any body exactly as given, and hand-made trees as stringify prints them (property)', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
    const node = fc.oneof(
      text.map((value) => ({ type: 'text' as const, value })),
      fc.integer({ min: 1, max: 99_999 }).map((accountId) => ({ type: 'to' as const, accountId })),
      fc.constant({ type: 'toall' as const }),
      fc.constant({ type: 'hr' as const }),
    )
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.array(node, { minLength: 1, maxLength: 6 })), async (body) => {
        const expected = typeof body === 'string' ? body : stringify(body)
        const { message_id } = await client.messages.send(room, body, { selfUnread: false })
        const got = await client.messages.get(room, message_id)
        expect(got.body).toBe(expected)
        expect(got.tree).toEqual(parse(expected))
      }),
      // The room's posting window paces this: 25 posts take a few windows of 10 s otherwise.
      { numRuns: 10 },
    )
  })

  it('surfaces the free-plan limitation on list and on a restricted get', async () => {
    const now = Math.floor(Date.now() / 1000)
    const limited = await startEmulator({
      messageLimitation: { days: 40, summary: 'Older messages are hidden' },
      seed: {
        accounts: [{ account_id: 1001, name: 'Hanako' }],
        rooms: [
          {
            name: 'Old',
            members: { admin: [1001] },
            messages: [
              { from: 1001, body: 'ancient', send_time: now - 50 * 86_400 },
              { from: 1001, body: 'recent', send_time: now - 60 },
            ],
          },
        ],
      },
    })
    try {
      const other = new ChatworkClient({ token: limited.token, baseURL: limited.baseURL })
      const id = limited.rooms().find((r) => r.type === 'group')!.room_id
      const listed = await other.messages.list(id, { force: true })
      expect(listed.map((m) => m.body)).toEqual(['recent'])
      expect(listed.limitation).toEqual({ summary: 'Older messages are hidden' })
      const [ancient] = limited.messages(id)
      const error = await other.messages.get(id, ancient.message_id).catch((e: unknown) => e)
      expect(error).toMatchObject({ status: 404, limitation: { summary: 'Older messages are hidden' } })
    } finally {
      await limited.close()
    }
  })

  it('leaves limitation unset without the header', async () => {
    const listed = await client.messages.list(room, { force: true })
    expect(listed.limitation).toBeUndefined()
  })
})

describe('tasks', () => {
  it('list() sends its filters as query parameters', async () => {
    const open = await client.tasks.list(room)
    expect(open.map((t) => t.body).sort()).toEqual(['Book the meeting room', 'Review spec'])
    const filtered = await client.tasks.list(room, { accountId: 1003, assignedByAccountId: 1001, status: 'done' })
    expect(last().query).toEqual({ account_id: '1003', assigned_by_account_id: '1001', status: 'done' })
    expect(filtered.map((t) => t.body)).toEqual(['Write release notes'])
  })

  it('create() sends to_ids as CSV, a Date limit as Unix seconds, and limit_type only when given', async () => {
    const due = new Date('2030-04-01T12:34:56.789Z')
    const { task_ids } = await client.tasks.create(room, { body: message().text('Ship it'), toIds: [1002, 1003], limit: due, limitType: 'time' })
    expect(lastForm()).toEqual({ body: 'Ship it', to_ids: '1002,1003', limit: String(Math.floor(due.getTime() / 1000)), limit_type: 'time' })
    expect(task_ids).toHaveLength(2)
    const task = await client.tasks.get(room, task_ids[0])
    expect(task).toMatchObject({ body: 'Ship it', limit_time: Math.floor(due.getTime() / 1000), limit_type: 'time', status: 'open' })

    await client.tasks.create(room, { body: 'Soon', toIds: [1002], limit: 1_900_000_000 })
    expect(lastForm()).toEqual({ body: 'Soon', to_ids: '1002', limit: '1900000000' })
  })

  it('refuses an invalid Date before any request', async () => {
    const before = emu.requests.length
    await expect(client.tasks.create(room, { body: 'x', toIds: [1002], limit: new Date('nope') })).rejects.toMatchObject({ argument: 'limit' })
    expect(emu.requests.length).toBe(before)
  })

  it('setStatus() sends the status in the field named body', async () => {
    const [task] = await client.tasks.list(room)
    expect(await client.tasks.setStatus(room, task.task_id, 'done')).toEqual({ task_id: task.task_id })
    expect(last()).toMatchObject({ method: 'PUT', path: `/rooms/${room}/tasks/${task.task_id}/status` })
    expect(lastForm()).toEqual({ body: 'done' })
    expect(emu.tasks(room).find((t) => t.task_id === task.task_id)!.status).toBe('done')
  })
})

describe('files', () => {
  it('list() and get() with and without a download URL', async () => {
    const files = await client.files.list(room, { accountId: 1003 })
    expect(last().query).toEqual({ account_id: '1003' })
    expect(files.map((f) => f.filename)).toEqual(['spec.md'])
    const plain = await client.files.get(room, files[0].file_id)
    expect(plain).not.toHaveProperty('download_url')
    const withUrl = await client.files.get(room, files[0].file_id, { downloadUrl: true })
    expect(last().query).toEqual({ create_download_url: '1' })
    const download = await fetch(withUrl.download_url!)
    expect(await download.text()).toBe('# Project X\n\nThe spec.\n')
  })

  it('uploads a Blob, bytes and a path, with their names, types and messages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-upload-'))
    try {
      const path = join(dir, 'notes.txt')
      await writeFile(path, 'from disk')
      const blob = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })
      const a = await client.files.upload(room, blob, { message: 'our logo' })
      const b = await client.files.upload(room, new Uint8Array([0, 255, 7]), { filename: 'raw.bin', contentType: 'application/x-test' })
      const c = await client.files.upload(room, path)
      // Written by the client itself, byte for byte, whatever the runtime's FormData would do (spec §5.24).
      const boundary = /^multipart\/form-data; boundary=(chatwork-kit-[0-9a-f]{32})$/.exec(last().headers['content-type']!)![1]
      expect(last().body).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: application/octet-stream\r\n\r\nfrom disk\r\n--${boundary}--\r\n`)
      const stored = new Map(emu.files(room).map((f) => [f.file_id, f]))
      expect(stored.get(a.file_id)).toMatchObject({ filename: 'logo.svg', content_type: 'image/svg+xml' })
      expect(new TextDecoder().decode(stored.get(a.file_id)!.content)).toBe('<svg/>')
      expect(emu.messages(room).some((m) => m.body.includes('our logo'))).toBe(true)
      expect(stored.get(b.file_id)).toMatchObject({ filename: 'raw.bin', content_type: 'application/x-test' })
      expect([...stored.get(b.file_id)!.content]).toEqual([0, 255, 7])
      expect(stored.get(c.file_id)).toMatchObject({ filename: 'notes.txt' })
      expect(new TextDecoder().decode(stored.get(c.file_id)!.content)).toBe('from disk')
    } finally {
      await rm(dir, { recursive: true })
    }
  })

  it('refuses a file of another kind', async () => {
    await expect(client.files.upload(room, 42 as never)).rejects.toMatchObject({ argument: 'file' })
  })
})

describe('invite links', () => {
  it('create, get, update (need_acceptance as 0/1), delete', async () => {
    const created = await client.links.create(room, { code: 'px', needAcceptance: false, description: 'Join' })
    expect(lastForm()).toEqual({ code: 'px', need_acceptance: '0', description: 'Join' })
    expect(created).toMatchObject({ public: true, need_acceptance: false, description: 'Join' })
    expect(created.url).toContain('px')
    expect(await client.links.get(room)).toEqual(created)
    const updated = await client.links.update(room, { code: 'px2', needAcceptance: true })
    expect(last().method).toBe('PUT')
    expect(lastForm()).toEqual({ code: 'px2', need_acceptance: '1' })
    expect(updated).toMatchObject({ public: true, need_acceptance: true })
    expect(await client.links.delete(room)).toEqual({ public: false })
    expect(await client.links.get(room)).toEqual({ public: false })
  })
})

describe('incoming requests', () => {
  it('list, accept (the new contact), decline (204 → undefined)', async () => {
    const [request] = await client.incomingRequests.list()
    expect(request).toMatchObject({ account_id: 1010, message: 'Nice to meet you' })
    const contact = await client.incomingRequests.accept(request.request_id)
    expect(last()).toMatchObject({ method: 'PUT', path: `/incoming_requests/${request.request_id}` })
    expect(contact).toMatchObject({ account_id: 1010 })
    expect(emu.contacts()).toContain(1010)
    expect(await client.incomingRequests.list()).toEqual([])

    const bob = emu.addAccount({ name: 'Bob' })
    const id = emu.addContactRequest({ from: bob.account_id })
    expect(await client.incomingRequests.decline(id)).toBeUndefined()
    expect(last()).toMatchObject({ method: 'DELETE', path: `/incoming_requests/${id}`, status: 204 })
    expect(emu.contactRequests()).toEqual([])
  })
})

describe('credentials', () => {
  it('sends an OAuth access token, from an async function, as a Bearer header', async () => {
    let calls = 0
    const oauth = new ChatworkClient({ baseURL: emu.baseURL, accessToken: async () => (calls++, emu.token) })
    expect((await oauth.me()).account_id).toBe(1001)
    expect(await oauth.myStatus()).toBeDefined()
    expect(calls).toBe(2)
    expect(last().headers.authorization).toMatch(/^Bearer /)
    expect(last().headers['x-chatworktoken']).toBeUndefined()
  })

  it('falls back to CHATWORK_API_TOKEN, and throws a clear error without any token', async () => {
    const saved = process.env.CHATWORK_API_TOKEN
    try {
      process.env.CHATWORK_API_TOKEN = emu.token
      expect((await new ChatworkClient({ baseURL: emu.baseURL }).me()).account_id).toBe(1001)
      delete process.env.CHATWORK_API_TOKEN
      expect(() => new ChatworkClient({ baseURL: emu.baseURL })).toThrow(ChatworkMissingTokenError)
      const empty = new ChatworkClient({ baseURL: emu.baseURL, token: () => '' })
      await expect(empty.me()).rejects.toMatchObject({ code: 'ERR_CHATWORK_MISSING_TOKEN' })
      expect(() => new ChatworkClient({ token: 'a', accessToken: 'b' })).toThrow(ChatworkArgumentError)
    } finally {
      if (saved === undefined) delete process.env.CHATWORK_API_TOKEN
      else process.env.CHATWORK_API_TOKEN = saved
    }
  })

  it('turns a 401 into a ChatworkApiError with the body errors', async () => {
    const wrong = new ChatworkClient({ token: 'not-a-token', baseURL: emu.baseURL })
    await expect(wrong.me()).rejects.toMatchObject({ status: 401, errors: ['Invalid API token'], path: '/me', code: 'ERR_CHATWORK_API' })
  })

  it('records the last rate-limit headers', async () => {
    expect(client.rateLimit).toBeUndefined()
    await client.me()
    await client.me()
    expect(client.rateLimit).toMatchObject({ limit: 300, remaining: 298 })
    expect(client.rateLimit!.resetAt.getTime()).toBeGreaterThan(Date.now())
  })
})
