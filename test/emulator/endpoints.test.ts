import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from 'chatwork-kit/testing'
import { call, projectRoom } from '../helpers/emulator-fetch.ts'

let emu: Emulator
let room: number

beforeEach(async () => {
  emu = await startEmulator()
  room = projectRoom(emu)
})
afterEach(() => emu.close())

describe('startEmulator', () => {
  it('listens on 127.0.0.1 on a free port, under /v2', () => {
    expect(emu.baseURL).toBe(`http://127.0.0.1:${emu.port}/v2`)
    expect(emu.port).toBeGreaterThan(0)
    expect(emu.token).toMatch(/^[0-9a-f]{32}$/)
  })

  it('gives two emulators different ports and tokens', async () => {
    const other = await startEmulator()
    try {
      expect(other.port).not.toBe(emu.port)
      expect(other.token).not.toBe(emu.token)
    } finally {
      await other.close()
    }
  })

  it('is seeded with contacts, rooms, messages, tasks, files and a request', () => {
    expect(emu.contacts().length).toBeGreaterThanOrEqual(2)
    expect(emu.rooms().map((r) => r.type)).toEqual(expect.arrayContaining(['my', 'direct', 'group']))
    expect(emu.messages(room).length).toBeGreaterThan(3)
    expect(emu.tasks(room).length).toBeGreaterThan(0)
    expect(emu.files(room).length).toBeGreaterThan(0)
    expect(emu.contactRequests()).toHaveLength(1)
  })

  it('starts with nothing but one account with seed: false', async () => {
    const bare = await startEmulator({ seed: false })
    try {
      expect(bare.rooms().map((r) => r.type)).toEqual(['my'])
      expect((await call(bare, 'GET', '/contacts')).status).toBe(204)
    } finally {
      await bare.close()
    }
  })

  it('gives each token its own account', async () => {
    const multi = await startEmulator({ tokens: ['tok-a', 'tok-b', 'tok-extra'] })
    try {
      const ids = []
      for (const token of ['tok-a', 'tok-b', 'tok-extra']) ids.push((await call(multi, 'GET', '/me', { token })).json.account_id)
      expect(new Set(ids).size).toBe(3)
      expect(multi.token).toBe('tok-a')
    } finally {
      await multi.close()
    }
  })

  it('refuses a seed that does not hold together, naming the problem', async () => {
    await expect(startEmulator({ seed: { accounts: [] } })).rejects.toThrow(/accounts/)
    await expect(
      startEmulator({ seed: { accounts: [{ account_id: 1, name: 'A' }], rooms: [{ name: 'R', members: { admin: [1], member: [99] } }] } }),
    ).rejects.toThrow(/Account 99/)
  })

  it('close() is idempotent and the port stops answering', async () => {
    const url = `${emu.baseURL}/me`
    await emu.close()
    await emu.close()
    await expect(fetch(url)).rejects.toThrow()
  })
})

describe('helpers', () => {
  it('shape the world freely: rooms with any accounts, posts, tasks and uploads as anyone', async () => {
    const bob = emu.addAccount({ name: 'Bob' })
    expect(emu.contacts()).not.toContain(bob.account_id)
    const id = emu.addRoom({ name: 'With Bob', members: { admin: [bob.account_id], member: [1001] } })
    const messageId = emu.post(id, 'hi from Bob', { as: bob.account_id })
    const [taskId] = emu.addTask(id, { body: 'Reply to Bob', to: [1001], as: bob.account_id })
    const fileId = emu.upload(id, { filename: 'b.txt', content: 'bytes', as: bob.account_id })
    expect((await call(emu, 'GET', `/rooms/${id}/messages/${messageId}`)).json.account.name).toBe('Bob')
    expect((await call(emu, 'GET', `/rooms/${id}/tasks/${taskId}`)).json.assigned_by_account.account_id).toBe(bob.account_id)
    expect((await call(emu, 'GET', `/rooms/${id}/files/${fileId}`)).json.filesize).toBe(5)
    emu.setTaskStatus(id, taskId!, 'done')
    expect((await call(emu, 'GET', `/rooms/${id}/tasks`, { query: { status: 'done' } })).json.map((t: any) => t.task_id)).toEqual([taskId])
    emu.deleteMessage(id, messageId)
    expect((await call(emu, 'GET', `/rooms/${id}/messages/${messageId}`)).status).toBe(404)
  })

  it('refuse what cannot happen, with a ChatworkEmulatorError', async () => {
    const { ChatworkEmulatorError } = await import('chatwork-kit/testing')
    expect(() => emu.post(99999, 'x')).toThrow(ChatworkEmulatorError)
    expect(() => emu.post(room, 'x', { as: 1010 })).toThrow(/Room .* not found/)
    expect(() => emu.post(room, '')).toThrow(/body/)
    expect(() => emu.addAccount({ token: emu.token })).toThrow(/in use/)
    expect(() => emu.addTask(room, { body: 'x', to: [1010] })).toThrow(/not a member/)
  })
})

describe('authentication', () => {
  it('accepts x-chatworktoken and Authorization: Bearer', async () => {
    expect((await call(emu, 'GET', '/me')).status).toBe(200)
    expect((await call(emu, 'GET', '/me', { token: null, headers: { authorization: `Bearer ${emu.token}` } })).status).toBe(200)
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-chatworktoken': 'nope' }],
    ['Basic auth', { authorization: 'Basic abc' }],
  ])('answers 401 Invalid API token for %s', async (_, headers) => {
    const result = await call(emu, 'GET', '/me', { token: null, headers })
    expect(result.status).toBe(401)
    expect(result.text).toBe('{"errors":["Invalid API token"]}')
    expect(result.headers.get('x-ratelimit-limit')).toBe('300')
  })

  it('ignores a token in the query string', async () => {
    expect((await call(emu, 'GET', '/me', { token: null, query: { token: emu.token } })).status).toBe(401)
  })
})

describe('account and contacts', () => {
  it('GET /me returns the profile with every field', async () => {
    const { status, json, headers } = await call(emu, 'GET', '/me')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(Object.keys(json).sort()).toEqual(
      ['account_id', 'room_id', 'name', 'chatwork_id', 'organization_id', 'organization_name', 'department', 'title', 'url', 'introduction', 'mail', 'tel_organization', 'tel_extension', 'tel_mobile', 'skype', 'facebook', 'twitter', 'avatar_image_url', 'login_mail'].sort(),
    )
    expect(json.account_id).toBe(emu.account.account_id)
    expect(emu.rooms().find((r) => r.room_id === json.room_id)?.type).toBe('my')
  })

  it('GET /my/status counts unread, mentions and open tasks', async () => {
    const before = (await call(emu, 'GET', '/my/status')).json
    emu.post(room, `[To:${emu.account.account_id}] ping`, { as: 1002 })
    emu.addTask(room, { body: 'x', to: [emu.account.account_id], as: 1002 })
    const after = (await call(emu, 'GET', '/my/status')).json
    // The task announcement is a message too.
    expect(after.unread_num).toBe(before.unread_num + 2)
    expect(after.mention_num).toBe(before.mention_num + 1)
    expect(after.mytask_num).toBe(before.mytask_num + 1)
  })

  it('GET /my/tasks filters by status and requester, 204 when none', async () => {
    const open = (await call(emu, 'GET', '/my/tasks')).json
    expect(open.every((t: any) => t.status === 'open' && t.room && !('account' in t))).toBe(true)
    const byTaro = await call(emu, 'GET', '/my/tasks', { query: { assigned_by_account_id: '1002' } })
    expect(byTaro.json.every((t: any) => t.assigned_by_account.account_id === 1002)).toBe(true)
    expect((await call(emu, 'GET', '/my/tasks', { query: { assigned_by_account_id: '1003' } })).status).toBe(204)
    expect((await call(emu, 'GET', '/my/tasks', { query: { status: 'closed' } })).status).toBe(400)
  })

  it('GET /contacts lists contacts with their direct chat', async () => {
    const { json } = await call(emu, 'GET', '/contacts')
    expect(json.map((c: any) => c.account_id).sort()).toEqual(emu.contacts().sort())
    for (const contact of json) {
      const direct = emu.rooms().find((r) => r.room_id === contact.room_id)
      expect(direct?.type).toBe('direct')
      expect(direct?.members.map((m) => m.account_id)).toContain(contact.account_id)
    }
  })

  it('accepting a request adds a contact; declining removes it; both 404 afterwards', async () => {
    const [request] = (await call(emu, 'GET', '/incoming_requests')).json
    expect(request).toMatchObject({ account_id: 1010, message: 'Nice to meet you', name: 'Ken Kato' })
    const accepted = await call(emu, 'PUT', `/incoming_requests/${request.request_id}`)
    expect(accepted.status).toBe(200)
    expect(accepted.json).toMatchObject({ account_id: 1010, name: 'Ken Kato' })
    expect(emu.contacts()).toContain(1010)
    expect((await call(emu, 'GET', '/contacts')).json.map((c: any) => c.account_id)).toContain(1010)
    expect((await call(emu, 'GET', '/rooms')).json.map((r: any) => r.room_id)).toContain(accepted.json.room_id)
    expect((await call(emu, 'GET', '/incoming_requests')).status).toBe(204)
    expect((await call(emu, 'PUT', `/incoming_requests/${request.request_id}`)).status).toBe(404)

    const bob = emu.addAccount({ name: 'Bob' })
    const id = emu.addContactRequest({ from: bob.account_id })
    const declined = await call(emu, 'DELETE', `/incoming_requests/${id}`)
    expect(declined.status).toBe(204)
    expect(declined.text).toBe('')
    expect(emu.contacts()).not.toContain(bob.account_id)
    expect((await call(emu, 'DELETE', `/incoming_requests/${id}`)).status).toBe(404)
  })

  it('does not serve the /accept and /reject paths', async () => {
    const [request] = (await call(emu, 'GET', '/incoming_requests')).json
    expect((await call(emu, 'PUT', `/incoming_requests/${request.request_id}/accept`)).status).toBe(404)
  })
})

describe('rooms', () => {
  it('GET /rooms items have no description; GET /rooms/{id} has it', async () => {
    const list = (await call(emu, 'GET', '/rooms')).json
    const item = list.find((r: any) => r.room_id === room)
    expect(item).not.toHaveProperty('description')
    expect(Object.keys(item).sort()).toEqual(
      ['room_id', 'name', 'type', 'role', 'sticky', 'unread_num', 'mention_num', 'mytask_num', 'message_num', 'file_num', 'task_num', 'icon_path', 'last_update_time'].sort(),
    )
    const detail = (await call(emu, 'GET', `/rooms/${room}`)).json
    expect(detail).toEqual({ ...item, description: 'Weekly sync' })
  })

  it('POST /rooms creates a group with members and optional link', async () => {
    const created = await call(emu, 'POST', '/rooms', {
      form: { name: 'New', members_admin_ids: '1001', members_member_ids: '1002,1003', members_readonly_ids: '1004', description: 'd', icon_preset: 'beer', link: '1', link_code: 'new-room_1', link_need_acceptance: '0' },
    })
    expect(created.status).toBe(200)
    expect(Object.keys(created.json)).toEqual(['room_id'])
    const id = created.json.room_id
    const members = (await call(emu, 'GET', `/rooms/${id}/members`)).json
    expect(members.map((m: any) => [m.account_id, m.role])).toEqual([[1001, 'admin'], [1002, 'member'], [1003, 'member'], [1004, 'readonly']])
    expect((await call(emu, 'GET', `/rooms/${id}`)).json).toMatchObject({ name: 'New', type: 'group', role: 'admin', description: 'd', icon_path: expect.stringContaining('beer') })
    expect((await call(emu, 'GET', `/rooms/${id}/link`)).json).toEqual({ public: true, url: 'https://www.chatwork.com/g/new-room_1', need_acceptance: false, description: '' })
    expect(emu.rooms(1002).map((r) => r.room_id)).toContain(id)
  })

  it.each([
    [{ members_admin_ids: '1001' }, "Parameter 'name' is required"],
    [{ name: 'x' }, "Parameter 'members_admin_ids' is required"],
    [{ name: 'x'.repeat(256), members_admin_ids: '1001' }, "Parameter 'name' must be"],
    [{ name: 'x', members_admin_ids: '1001,abc' }, "Parameter 'members_admin_ids' must be"],
    [{ name: 'x', members_admin_ids: '1001', icon_preset: 'cat' }, "Parameter 'icon_preset' must be"],
    [{ name: 'x', members_admin_ids: '1001', link: 'true' }, "Parameter 'link' must be 0 or 1"],
    [{ name: 'x', members_admin_ids: '1001', link: '1', link_code: 'bad code' }, "Parameter 'link_code' must be"],
    [{ name: 'x', members_admin_ids: '1010' }, 'Account 1010 is neither your contact'],
  ])('POST /rooms %j → 400', async (form, message) => {
    const result = await call(emu, 'POST', '/rooms', { form })
    expect(result.status).toBe(400)
    expect(result.json.errors[0]).toContain(message)
  })

  it('PUT /rooms/{id} changes name, description and icon', async () => {
    const result = await call(emu, 'PUT', `/rooms/${room}`, { form: { name: 'Renamed', description: 'new', icon_preset: 'star' } })
    expect(result.json).toEqual({ room_id: room })
    expect((await call(emu, 'GET', `/rooms/${room}`)).json).toMatchObject({ name: 'Renamed', description: 'new', icon_path: expect.stringContaining('star') })
  })

  it('only admins change a group; members get 403', async () => {
    const other = await startEmulator({ tokens: ['admin', 'member'], seed: { accounts: [{ account_id: 1, name: 'A' }, { account_id: 2, name: 'B' }], contacts: [[1, 2]], rooms: [{ name: 'R', members: { admin: [1], member: [2] } }] } })
    try {
      const groupId = other.rooms().find((r) => r.type === 'group')!.room_id
      expect((await call(other, 'PUT', `/rooms/${groupId}`, { token: 'member', form: { name: 'x' } })).status).toBe(403)
      expect((await call(other, 'PUT', `/rooms/${groupId}`, { token: 'admin', form: { name: 'x' } })).status).toBe(200)
    } finally {
      await other.close()
    }
  })

  it('DELETE /rooms/{id} leave: 204, empty body, gone from GET /rooms, own tasks and files gone', async () => {
    emu.addTask(room, { body: 'mine', to: [1001], as: 1002 })
    emu.upload(room, { filename: 'mine.txt', content: 'x' })
    const result = await call(emu, 'DELETE', `/rooms/${room}`, { form: { action_type: 'leave' } })
    expect(result.status).toBe(204)
    expect(result.text).toBe('')
    expect(result.headers.get('content-type')).toBeNull()
    expect((await call(emu, 'GET', '/rooms')).json.map((r: any) => r.room_id)).not.toContain(room)
    expect((await call(emu, 'GET', `/rooms/${room}`)).status).toBe(404)
    expect(emu.tasks(room).some((t) => t.account_id === 1001)).toBe(false)
    expect(emu.files(room).some((f) => f.account_id === 1001)).toBe(false)
    expect(emu.rooms(1002).map((r) => r.room_id)).toContain(room)
  })

  it('DELETE /rooms/{id} delete removes the room for everyone; action_type from the query works too', async () => {
    const result = await call(emu, 'DELETE', `/rooms/${room}`, { query: { action_type: 'delete' } })
    expect(result.status).toBe(204)
    expect(emu.rooms(1002).map((r) => r.room_id)).not.toContain(room)
  })

  it('DELETE /rooms/{id} needs a valid action_type, and refuses the query when configured', async () => {
    expect((await call(emu, 'DELETE', `/rooms/${room}`)).json).toEqual({ errors: ["Parameter 'action_type' is required"] })
    expect((await call(emu, 'DELETE', `/rooms/${room}`, { form: { action_type: 'archive' } })).status).toBe(400)
    const strict = await startEmulator({ deleteActionTypeFromQuery: false })
    try {
      expect((await call(strict, 'DELETE', `/rooms/${projectRoom(strict)}`, { query: { action_type: 'leave' } })).status).toBe(400)
    } finally {
      await strict.close()
    }
  })

  it('PUT /rooms/{id}/members replaces the membership and removes the rest', async () => {
    const result = await call(emu, 'PUT', `/rooms/${room}/members`, { form: { members_admin_ids: '1001,1002', members_readonly_ids: '1003' } })
    expect(result.json).toEqual({ admin: [1001, 1002], member: [], readonly: [1003] })
    expect((await call(emu, 'GET', `/rooms/${room}/members`)).json.map((m: any) => m.account_id)).toEqual([1001, 1002, 1003])
    expect(emu.rooms(1004).map((r) => r.room_id)).not.toContain(room)
    expect((await call(emu, 'PUT', `/rooms/${room}/members`, { form: { members_member_ids: '1002' } })).status).toBe(400)
  })

  it('answers 404 for unknown rooms, and for rooms you are not in', async () => {
    expect((await call(emu, 'GET', '/rooms/99999')).status).toBe(404)
    expect((await call(emu, 'GET', '/rooms/abc/messages')).status).toBe(404)
    const alone = emu.addRoom({ name: 'Not mine', members: { admin: [1002] } })
    expect((await call(emu, 'GET', `/rooms/${alone}`)).status).toBe(404)
    expect((await call(emu, 'GET', `/rooms/${alone}/messages`)).status).toBe(404)
  })
})

describe('messages', () => {
  it('POST then GET ?force=1 lists the message with its sender', async () => {
    const posted = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'hello [To:1002]' } })
    expect(posted.status).toBe(200)
    const id = posted.json.message_id
    const listed = (await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })).json
    expect(listed.at(-1)).toEqual({
      message_id: id,
      account: { account_id: 1001, name: 'Hanako Sato', avatar_image_url: expect.any(String) },
      body: 'hello [To:1002]',
      send_time: expect.any(Number),
      update_time: 0,
    })
  })

  it('message ids are 19-digit strings above 2^53, exact in the raw JSON text', async () => {
    const posted = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x' } })
    expect(posted.text).toMatch(/^\{"message_id":"\d{19}"\}$/)
    const id: string = posted.json.message_id
    expect(BigInt(id) > 2n ** 53n).toBe(true)
    expect(String(Number(id))).not.toBe(id)
    const single = await call(emu, 'GET', `/rooms/${room}/messages/${id}`)
    expect(single.text).toContain(`"message_id":"${id}"`)
    // A neighbouring id that a double would round to is not the same message.
    expect((await call(emu, 'GET', `/rooms/${room}/messages/${BigInt(Number(id))}`)).status).toBe(404)
  })

  it('without force returns only unseen messages per token, then 204; force=1 returns the latest 100', async () => {
    const first = await call(emu, 'GET', `/rooms/${room}/messages`)
    expect(first.json.length).toBe(emu.messages(room).length)
    const again = await call(emu, 'GET', `/rooms/${room}/messages`)
    expect(again.status).toBe(204)
    expect(again.text).toBe('')
    const a = emu.post(room, 'a', { as: 1002 })
    const b = emu.post(room, 'b', { as: 1003 })
    expect((await call(emu, 'GET', `/rooms/${room}/messages`)).json.map((m: any) => m.message_id)).toEqual([a, b])
    // Another token of the same account has its own cursor.
    const second = emu.addAccount({ token: 'second-token' })
    expect(second.token).toBe('second-token')
    for (let i = 0; i < 120; i++) emu.post(room, `m${i}`, { as: 1002 })
    const forced = (await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: '1' } })).json
    expect(forced).toHaveLength(100)
    expect(forced.at(-1).body).toBe('m119')
    // force=1 does not move the cursor by default: the unseen ones are still there (capped at 100).
    const unseen = (await call(emu, 'GET', `/rooms/${room}/messages`)).json
    expect(unseen).toHaveLength(100)
    expect(unseen[0].body).toBe('m20')
    expect((await call(emu, 'GET', `/rooms/${room}/messages`, { query: { force: 'true' } })).status).toBe(400)
  })

  it('keeps one cursor per token', async () => {
    const multi = await startEmulator({ tokens: ['t1', 't2'] })
    try {
      const shared = projectRoom(multi)
      expect((await call(multi, 'GET', `/rooms/${shared}/messages`, { token: 't1' })).status).toBe(200)
      expect((await call(multi, 'GET', `/rooms/${shared}/messages`, { token: 't1' })).status).toBe(204)
      expect((await call(multi, 'GET', `/rooms/${shared}/messages`, { token: 't2' })).status).toBe(200)
    } finally {
      await multi.close()
    }
  })

  it('force=1 advances the cursor when configured', async () => {
    const advancing = await startEmulator({ forceAdvancesCursor: true })
    try {
      const id = projectRoom(advancing)
      await call(advancing, 'GET', `/rooms/${id}/messages`, { query: { force: '1' } })
      expect((await call(advancing, 'GET', `/rooms/${id}/messages`)).status).toBe(204)
    } finally {
      await advancing.close()
    }
  })

  it('empty lists answer 200 [] when configured, per endpoint', async () => {
    const configured = await startEmulator({ emptyListStatus: { '/rooms/:roomId/messages': 200 } })
    try {
      const id = projectRoom(configured)
      await call(configured, 'GET', `/rooms/${id}/messages`)
      const empty = await call(configured, 'GET', `/rooms/${id}/messages`)
      expect([empty.status, empty.text]).toEqual([200, '[]'])
      expect((await call(configured, 'GET', '/my/tasks', { query: { status: 'done' } })).status).toBe(204)
    } finally {
      await configured.close()
    }
  })

  it('reads POST parameters from the form body only', async () => {
    const query = await call(emu, 'POST', `/rooms/${room}/messages`, { query: { body: 'hi' } })
    expect(query.status).toBe(400)
    expect(query.text).toBe(`{"errors":["Parameter 'body' is required"]}`)
    const json = await call(emu, 'POST', `/rooms/${room}/messages`, { body: JSON.stringify({ body: 'hi' }), headers: { 'content-type': 'application/json' } })
    expect(json.json).toEqual({ errors: ["Parameter 'body' is required"] })
    const override = await call(emu, 'POST', `/rooms/${room}/messages`, { query: { method: 'PUT' }, form: { body: 'kept' } })
    expect(override.status).toBe(200)
    expect(emu.messages(room).at(-1)?.body).toBe('kept')
  })

  it('keeps bodies exactly: markup, line breaks, +, &, = and non-ASCII', async () => {
    const body = '[info][title]a+b=c & d[/title]日本語 😀\r\nline[/info]'
    const { json } = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body } })
    expect(emu.messages(room).find((m) => m.message_id === json.message_id)?.body).toBe(body)
  })

  it('checks body length: 1 to 65,535 characters', async () => {
    expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: '' } })).status).toBe(400)
    expect((await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x'.repeat(65_535) } })).status).toBe(200)
    const long = await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'x'.repeat(65_536) } })
    expect(long.status).toBe(400)
    expect(long.json.errors[0]).toContain('65535')
  })

  it('self_unread=1 leaves your own message unread', async () => {
    await call(emu, 'PUT', `/rooms/${room}/messages/read`)
    await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'a' } })
    expect((await call(emu, 'GET', `/rooms/${room}`)).json.unread_num).toBe(0)
    await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'b', self_unread: '1' } })
    expect((await call(emu, 'GET', `/rooms/${room}`)).json.unread_num).toBe(1)
  })

  it('read-only members cannot post (403)', async () => {
    const other = await startEmulator({ tokens: ['a', 'ro'], seed: { accounts: [{ account_id: 1, name: 'A' }, { account_id: 2, name: 'R' }], contacts: [[1, 2]], rooms: [{ name: 'R', members: { admin: [1], readonly: [2] } }] } })
    try {
      const id = other.rooms().find((r) => r.type === 'group')!.room_id
      expect((await call(other, 'POST', `/rooms/${id}/messages`, { token: 'ro', form: { body: 'x' } })).status).toBe(403)
    } finally {
      await other.close()
    }
  })

  it('PUT …/messages/read and /unread move the counters; reading a read message is 400', async () => {
    const a = emu.post(room, `[To:1001] a`, { as: 1002 })
    const b = emu.post(room, 'b', { as: 1002 })
    const c = emu.post(room, 'c', { as: 1002 })
    const all = (await call(emu, 'PUT', `/rooms/${room}/messages/read`)).json
    expect(all).toEqual({ unread_num: 0, mention_num: 0 })
    const unread = await call(emu, 'PUT', `/rooms/${room}/messages/unread`, { form: { message_id: a } })
    expect(unread.json).toEqual({ unread_num: 3, mention_num: 1 })
    const read = await call(emu, 'PUT', `/rooms/${room}/messages/read`, { form: { message_id: b } })
    expect(read.json).toEqual({ unread_num: 1, mention_num: 0 })
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/read`, { form: { message_id: a } })).status).toBe(400)
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/read`, { form: { message_id: c } })).json).toEqual({ unread_num: 0, mention_num: 0 })
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/unread`)).json).toEqual({ errors: ["Parameter 'message_id' is required"] })
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/unread`, { form: { message_id: '1' } })).status).toBe(404)
  })

  it('GET, PUT and DELETE one message; DELETE answers 200 with the id', async () => {
    const id = (await call(emu, 'POST', `/rooms/${room}/messages`, { form: { body: 'v1' } })).json.message_id
    expect((await call(emu, 'GET', `/rooms/${room}/messages/${id}`)).json).toMatchObject({ message_id: id, body: 'v1', update_time: 0 })
    const edited = await call(emu, 'PUT', `/rooms/${room}/messages/${id}`, { form: { body: 'v2' } })
    expect(edited.json).toEqual({ message_id: id })
    const after = (await call(emu, 'GET', `/rooms/${room}/messages/${id}`)).json
    expect(after.body).toBe('v2')
    expect(after.update_time).toBeGreaterThan(0)
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/${id}`, { form: {} })).status).toBe(400)
    const deleted = await call(emu, 'DELETE', `/rooms/${room}/messages/${id}`)
    expect([deleted.status, deleted.text]).toEqual([200, `{"message_id":"${id}"}`])
    expect((await call(emu, 'GET', `/rooms/${room}/messages/${id}`)).status).toBe(404)
    expect((await call(emu, 'DELETE', `/rooms/${room}/messages/${id}`)).status).toBe(404)
  })

  it("refuses to edit or delete someone else's message unless configured", async () => {
    const theirs = emu.post(room, 'theirs', { as: 1002 })
    expect((await call(emu, 'PUT', `/rooms/${room}/messages/${theirs}`, { form: { body: 'x' } })).status).toBe(403)
    expect((await call(emu, 'DELETE', `/rooms/${room}/messages/${theirs}`)).status).toBe(403)
    const lax = await startEmulator({ behavior: { editableBy: 'anyone' } })
    try {
      const id = projectRoom(lax)
      const other = lax.post(id, 'theirs', { as: 1002 })
      expect((await call(lax, 'PUT', `/rooms/${id}/messages/${other}`, { form: { body: 'x' } })).status).toBe(200)
    } finally {
      await lax.close()
    }
  })
})

describe('tasks', () => {
  it('POST creates one task per assignee, listed by status and filters', async () => {
    const created = await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 'Ship it', to_ids: '1002,1003', limit: '1900000000', limit_type: 'date' } })
    expect(created.status).toBe(200)
    const ids = created.json.task_ids
    expect(ids).toHaveLength(2)
    const task = (await call(emu, 'GET', `/rooms/${room}/tasks/${ids[0]}`)).json
    expect(task).toEqual({
      task_id: ids[0],
      account: { account_id: 1002, name: 'Taro Yamada', avatar_image_url: expect.any(String) },
      assigned_by_account: { account_id: 1001, name: 'Hanako Sato', avatar_image_url: expect.any(String) },
      message_id: expect.stringMatching(/^\d{19}$/),
      body: 'Ship it',
      limit_time: 1_900_000_000,
      status: 'open',
      limit_type: 'date',
    })
    expect(emu.messages(room).some((m) => m.message_id === task.message_id && m.body.includes('[task aid=1002'))).toBe(true)
    const byJiro = (await call(emu, 'GET', `/rooms/${room}/tasks`, { query: { account_id: '1003' } })).json
    expect(byJiro.every((t: any) => t.account.account_id === 1003)).toBe(true)
    expect(byJiro.map((t: any) => t.task_id)).toContain(ids[1])
  })

  it('a task marked done is filtered by status, and reopens', async () => {
    const [id] = (await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 't', to_ids: '1002' } })).json.task_ids
    expect((await call(emu, 'PUT', `/rooms/${room}/tasks/${id}/status`, { form: { body: 'done' } })).json).toEqual({ task_id: id })
    const open = (await call(emu, 'GET', `/rooms/${room}/tasks`)).json.map((t: any) => t.task_id)
    const done = (await call(emu, 'GET', `/rooms/${room}/tasks`, { query: { status: 'done' } })).json.map((t: any) => t.task_id)
    expect(open).not.toContain(id)
    expect(done).toContain(id)
    await call(emu, 'PUT', `/rooms/${room}/tasks/${id}/status`, { form: { body: 'open' } })
    expect((await call(emu, 'GET', `/rooms/${room}/tasks`)).json.map((t: any) => t.task_id)).toContain(id)
  })

  it('the status parameter is named body; status= is missing', async () => {
    const [id] = emu.addTask(room, { body: 't', to: [1002] })
    expect((await call(emu, 'PUT', `/rooms/${room}/tasks/${id}/status`, { form: { status: 'done' } })).json).toEqual({ errors: ["Parameter 'body' is required"] })
    expect((await call(emu, 'PUT', `/rooms/${room}/tasks/${id}/status`, { form: { body: 'finished' } })).status).toBe(400)
  })

  it('defaults limit_type to time with a limit and none without; configurable', async () => {
    const [withLimit] = (await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 'a', to_ids: '1002', limit: '1900000000' } })).json.task_ids
    const [without] = (await call(emu, 'POST', `/rooms/${room}/tasks`, { form: { body: 'b', to_ids: '1002' } })).json.task_ids
    expect((await call(emu, 'GET', `/rooms/${room}/tasks/${withLimit}`)).json).toMatchObject({ limit_type: 'time', limit_time: 1_900_000_000 })
    expect((await call(emu, 'GET', `/rooms/${room}/tasks/${without}`)).json).toMatchObject({ limit_type: 'none', limit_time: 0 })
    const dated = await startEmulator({ behavior: { defaultLimitType: 'date' } })
    try {
      const id = projectRoom(dated)
      const [task] = (await call(dated, 'POST', `/rooms/${id}/tasks`, { form: { body: 'a', to_ids: '1002', limit: '1900000000' } })).json.task_ids
      expect((await call(dated, 'GET', `/rooms/${id}/tasks/${task}`)).json.limit_type).toBe('date')
    } finally {
      await dated.close()
    }
  })

  it.each([
    [{ to_ids: '1002' }, "Parameter 'body' is required"],
    [{ body: 'x' }, "Parameter 'to_ids' is required"],
    [{ body: 'x', to_ids: '[1002]' }, "Parameter 'to_ids' must be"],
    [{ body: 'x', to_ids: '1010' }, 'not a member'],
    [{ body: 'x', to_ids: '1002', limit_type: 'week' }, "Parameter 'limit_type' must be"],
    [{ body: 'x', to_ids: '1002', limit: 'tomorrow' }, "Parameter 'limit' must be"],
  ])('POST …/tasks %j → 400', async (form, message) => {
    const result = await call(emu, 'POST', `/rooms/${room}/tasks`, { form })
    expect(result.status).toBe(400)
    expect(result.json.errors[0]).toContain(message)
  })

  it('unknown tasks are 404; a room without open tasks answers 204', async () => {
    expect((await call(emu, 'GET', `/rooms/${room}/tasks/1`)).status).toBe(404)
    expect((await call(emu, 'PUT', `/rooms/${room}/tasks/1/status`, { form: { body: 'done' } })).status).toBe(404)
    const empty = emu.addRoom({ name: 'Empty' })
    const result = await call(emu, 'GET', `/rooms/${empty}/tasks`)
    expect([result.status, result.text]).toEqual([204, ''])
  })
})

describe('files', () => {
  function form(content: BlobPart, filename = 'notes.txt', message?: string): FormData {
    const data = new FormData()
    data.append('file', new Blob([content], { type: 'text/plain' }), filename)
    if (message !== undefined) data.append('message', message)
    return data
  }

  it('uploads multipart with a message, lists it, and serves a 30-second download URL', async () => {
    const uploaded = await call(emu, 'POST', `/rooms/${room}/files`, { body: form('hello file', 'notes.txt', 'see attached') })
    expect(uploaded.status).toBe(200)
    const id = uploaded.json.file_id
    const listed = (await call(emu, 'GET', `/rooms/${room}/files`)).json
    const file = listed.find((f: any) => f.file_id === id)
    expect(file).toEqual({ file_id: id, account: expect.objectContaining({ account_id: 1001 }), message_id: expect.stringMatching(/^\d{19}$/), filename: 'notes.txt', filesize: 10, upload_time: expect.any(Number) })
    expect(emu.messages(room).find((m) => m.message_id === file.message_id)?.body).toMatch(/^see attached\n\[info\]\[title\]\[dtext:file_uploaded\]/)
    const plain = (await call(emu, 'GET', `/rooms/${room}/files/${id}`)).json
    expect(plain).not.toHaveProperty('download_url')
    const withUrl = (await call(emu, 'GET', `/rooms/${room}/files/${id}`, { query: { create_download_url: '1' } })).json
    expect(withUrl.download_url.startsWith(`http://127.0.0.1:${emu.port}/`)).toBe(true)
    const download = await fetch(withUrl.download_url)
    expect(await download.text()).toBe('hello file')
  })

  it('download URLs expire after 30 seconds', async () => {
    let now = Date.now()
    const timed = await startEmulator({ clock: () => now })
    try {
      const id = projectRoom(timed)
      const fileId = timed.files(id)[0]!.file_id
      const { download_url } = (await call(timed, 'GET', `/rooms/${id}/files/${fileId}`, { query: { create_download_url: '1' } })).json
      now += 30_001
      expect((await fetch(download_url)).status).toBe(404)
    } finally {
      await timed.close()
    }
  })

  it('filters by uploader; 204 when none', async () => {
    expect((await call(emu, 'GET', `/rooms/${room}/files`, { query: { account_id: '1003' } })).json.every((f: any) => f.account.account_id === 1003)).toBe(true)
    expect((await call(emu, 'GET', `/rooms/${room}/files`, { query: { account_id: '1002' } })).status).toBe(204)
  })

  it('refuses files over 5 MB, a missing file, a form-urlencoded body and a trailing blank line', async () => {
    const big = await call(emu, 'POST', `/rooms/${room}/files`, { body: form(new Uint8Array(5 * 1024 * 1024 + 1)) })
    expect(big.status).toBe(400)
    expect(big.json.errors[0]).toContain('5 MB')
    expect((await call(emu, 'POST', `/rooms/${room}/files`, { body: form(new Uint8Array(5 * 1024 * 1024)) })).status).toBe(200)
    const noFile = new FormData()
    noFile.append('message', 'x')
    expect((await call(emu, 'POST', `/rooms/${room}/files`, { body: noFile })).json).toEqual({ errors: ["Parameter 'file' is required"] })
    expect((await call(emu, 'POST', `/rooms/${room}/files`, { form: { file: 'x' } })).status).toBe(400)
    const boundary = 'XyZ'
    const raw = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--${boundary}--\r\n`
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` }
    expect((await call(emu, 'POST', `/rooms/${room}/files`, { body: raw, headers })).status).toBe(200)
    const trailing = await call(emu, 'POST', `/rooms/${room}/files`, { body: `${raw}\r\n`, headers })
    expect(trailing.status).toBe(400)
    expect(trailing.json.errors[0]).toContain('closing boundary')
  })

  it('unknown files are 404', async () => {
    expect((await call(emu, 'GET', `/rooms/${room}/files/1`)).status).toBe(404)
  })
})

describe('invite links', () => {
  it('GET without a link is {"public":false}; POST, PUT (not a patch) and DELETE (200 with body)', async () => {
    expect((await call(emu, 'GET', `/rooms/${room}/link`)).text).toBe('{"public":false}')
    const created = await call(emu, 'POST', `/rooms/${room}/link`, { form: { code: 'projx', need_acceptance: '0', description: 'Join us' } })
    expect(created.json).toEqual({ public: true, url: 'https://www.chatwork.com/g/projx', need_acceptance: false, description: 'Join us' })
    expect((await call(emu, 'POST', `/rooms/${room}/link`)).status).toBe(400)
    const updated = await call(emu, 'PUT', `/rooms/${room}/link`, { form: {} })
    expect(updated.json.url).not.toBe('https://www.chatwork.com/g/projx')
    expect(updated.json.need_acceptance).toBe(true)
    expect(updated.json.description).toBe('Join us')
    expect((await call(emu, 'GET', `/rooms/${room}/link`)).json).toEqual(updated.json)
    const deleted = await call(emu, 'DELETE', `/rooms/${room}/link`)
    expect([deleted.status, deleted.text]).toEqual([200, '{"public":false}'])
    expect((await call(emu, 'GET', `/rooms/${room}/link`)).json).toEqual({ public: false })
  })

  it('validates the code and clears an omitted description when configured', async () => {
    expect((await call(emu, 'POST', `/rooms/${room}/link`, { form: { code: 'x'.repeat(51) } })).status).toBe(400)
    expect((await call(emu, 'POST', `/rooms/${room}/link`, { form: { code: 'ok', need_acceptance: 'yes' } })).status).toBe(400)
    const clearing = await startEmulator({ behavior: { linkPutKeepsDescription: false } })
    try {
      const id = projectRoom(clearing)
      await call(clearing, 'POST', `/rooms/${id}/link`, { form: { description: 'd' } })
      expect((await call(clearing, 'PUT', `/rooms/${id}/link`)).json.description).toBe('')
    } finally {
      await clearing.close()
    }
  })
})

describe('routing', () => {
  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    expect((await call(emu, 'GET', '/nope')).status).toBe(404)
    const wrong = await call(emu, 'POST', `/rooms/${room}/members`, { form: { members_admin_ids: '1001' } })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, PUT')
    const outside = await fetch(`http://127.0.0.1:${emu.port}/v1/me`, { headers: { 'x-chatworktoken': emu.token } })
    expect(outside.status).toBe(404)
  })

  it('escapes non-ASCII as \\uXXXX when configured', async () => {
    const escaped = await startEmulator({ escapeNonAscii: true, seed: { accounts: [{ account_id: 1, name: '佐藤' }] } })
    try {
      const me = await call(escaped, 'GET', '/me')
      expect(me.text).toContain('"name":"\\u4f50\\u85e4"')
      expect(me.json.name).toBe('佐藤')
    } finally {
      await escaped.close()
    }
  })
})
