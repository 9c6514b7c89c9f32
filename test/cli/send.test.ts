/**
 * `chatwork-kit send` end to end: the bin built by test/helpers/cli-global-setup.ts,
 * spawned against the emulator on loopback.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { runProcess, type Run } from '../helpers/run-process.ts'

const bin = inject('cliBin')


let emu: Emulator
let room: number
let dir: string

/** Runs `chatwork-kit send` with the emulator's token and URL unless `env` or `args` say otherwise. */
function send(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; baseURL?: string | null } = {}): Promise<Run> {
  const env = { ...process.env, NO_COLOR: '1', CHATWORK_API_TOKEN: emu.token, ...options.env }
  const baseURL = options.baseURL === undefined ? ['--base-url', emu.baseURL] : options.baseURL === null ? [] : ['--base-url', options.baseURL]
  return runProcess(process.execPath, [bin, 'send', ...baseURL, ...args], { env, cwd: dir, input: options.input })
}

const posts = () => emu.requests.filter((request) => request.method === 'POST')
const lastBody = () => emu.messages(room).at(-1)?.body

beforeAll(async () => {
  emu = await startEmulator()
  room = emu.rooms().find((r) => r.name === 'Project X')!.room_id
  dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-send-'))
  await writeFile(join(dir, 'report.csv'), 'day,sales\nmon,3\n')
})

afterAll(async () => {
  await emu.close()
  await rm(dir, { recursive: true, force: true })
})

beforeEach(() => {
  emu.requests.length = 0
})

describe('chatwork-kit send', () => {
  it('posts the message argument and prints the new message id, nothing else', async () => {
    const run = await send(['--room', String(room), '[To:1002] Taro\nDeployed v1.2 (cracker)'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const id = run.stdout.trim()
    expect(id).toMatch(/^\d{19}$/)
    expect(run.stdout).toBe(`${id}\n`)
    expect(emu.messages(room).at(-1)).toMatchObject({ message_id: id, account_id: emu.account.account_id, body: '[To:1002] Taro\nDeployed v1.2 (cracker)' })
  })

  it('reads the message from stdin with - or without a message argument', async () => {
    const dash = await send(['--room', String(room), '-'], { input: 'from a pipe\n' })
    expect(dash.code).toBe(0)
    // One trailing newline (what echo adds) is removed; the rest stays.
    expect(lastBody()).toBe('from a pipe')
    const none = await send(['--room', String(room)], { input: 'no argument' })
    expect(none.code).toBe(0)
    expect(lastBody()).toBe('no argument')
  })

  it('sends self_unread=1 with --self-unread (before or after the message), and not without', async () => {
    expect((await send(['--room', String(room), '--self-unread', 'unread for me'])).code).toBe(0)
    expect((await send(['unread too', '--self-unread', '--room', String(room)])).code).toBe(0)
    expect((await send(['--room', String(room), 'read for me'])).code).toBe(0)
    // Number-like messages stay as written, even right after the flag.
    expect((await send(['--room', String(room), '--self-unread', '007'])).code).toBe(0)
    expect((await send(['--room', String(room), '1e3'])).code).toBe(0)
    const sent = posts().map((request) => Object.fromEntries(new URLSearchParams(request.body)))
    expect(sent).toMatchObject([
      { body: 'unread for me', self_unread: '1' },
      { body: 'unread too', self_unread: '1' },
      { body: 'read for me' },
      { body: '007', self_unread: '1' },
      { body: '1e3' },
    ])
    expect(sent[2].self_unread ?? '0').toBe('0')
  })

  it('uploads a file with the message as its comment and prints the message the upload made', async () => {
    const run = await send(['--room', String(room), '--file', 'report.csv', 'Weekly numbers'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const file = emu.files(room).at(-1)!
    expect(file).toMatchObject({ filename: 'report.csv', message_id: run.stdout.trim() })
    expect(new TextDecoder().decode(file.content)).toBe('day,sales\nmon,3\n')
    expect(emu.messages(room).find((m) => m.message_id === file.message_id)?.body).toContain('Weekly numbers')
  })

  it('uploads a file without a comment, without waiting for stdin', async () => {
    const run = await send(['--room', String(room), '--file', 'report.csv'])
    expect(run.code).toBe(0)
    expect(emu.files(room).at(-1)!.message_id).toBe(run.stdout.trim())
  })

  it('says so when the upload went through but its message id could not be read, exit 1', async () => {
    emu.fault({ method: 'GET', path: '/rooms/:roomId/files/:fileId', status: 503, times: 10 })
    const run = await send(['--room', String(room), '--file', 'report.csv', 'numbers'])
    emu.clearFaults()
    const file = emu.files(room).at(-1)!
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(new RegExp(`^chatwork-kit: uploaded report.csv as file ${file.file_id}, but could not read its message id: .*503.*\n$`))
    expect(posts()).toHaveLength(1)
  })

  it('stops on lint errors before any request: diagnostics, then one line, exit 1', async () => {
    const before = emu.messages(room).length
    const run = await send(['--room', String(room), 'Hello [To: 123]\n[info]unclosed'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('<message>:1:7')
    expect(run.stderr).toContain('malformed-tag')
    expect(run.stderr).toContain('unclosed-tag')
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('chatwork-kit: not sent: 2 lint errors (--no-lint sends anyway)')
    expect(emu.requests).toEqual([])
    expect(emu.messages(room)).toHaveLength(before)
  })

  it('sends despite lint errors with --no-lint, and despite warnings always', async () => {
    const forced = await send(['--room', String(room), '--no-lint', '[info]unclosed'])
    expect(forced.code).toBe(0)
    expect(forced.stderr).toContain('unclosed-tag')
    expect(lastBody()).toBe('[info]unclosed')
    const warned = await send(['--room', String(room), '[qt][To:1002][/qt]'])
    expect(warned.code).toBe(0)
    expect(warned.stderr).toContain('mention-in-quote')
    expect(lastBody()).toBe('[qt][To:1002][/qt]')
  })

  it.each([
    { name: 'no --room', args: ['hi'], message: '--room <id> is required (the room to post to)' },
    { name: 'a room id that is not a number', args: ['--room', 'general', 'hi'], message: '--room takes a room id (a positive whole number, like 5009), not "general"' },
    { name: 'a missing file', args: ['--room', '1', '--file', 'nope.pdf'], message: 'cannot read nope.pdf: no such file' },
    { name: '--self-unread with a file', args: ['--room', '1', '--self-unread', '--file', 'report.csv'], message: '--self-unread applies to messages, not to file uploads' },
    { name: 'an empty message', args: ['--room', '1', ''], message: 'the message is empty' },
    { name: 'a message of whitespace only', args: ['--room', '1', ' \n\t\u3000'], message: 'the message is only whitespace' },
    { name: 'a room given twice', args: ['--room', '1', '--room', '2', 'hi'], message: '--room is given 2 times; send posts to one room' },
    { name: 'an unquoted message', args: ['--room', '1', 'hello', 'world'], message: 'send takes one message, got 2 arguments (quote the message)' },
    { name: 'a message swallowed by --self-unread and another', args: ['--room', '1', '--self-unread', 'a', 'b'], message: 'send takes one message, got 2 arguments (quote the message)' },
  ])('refuses $name with one line and exit 2, before any request', async ({ args, message }) => {
    const run = await send(args)
    expect(run).toEqual({ code: 2, stdout: '', stderr: `chatwork-kit: ${message}\n` })
    expect(emu.requests).toEqual([])
  })

  it.each(['not a url', 'ftp://127.0.0.1/v2', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://127.0.0.1:8787/v2'])(
    'refuses --base-url %s with one line and exit 2: only http and https',
    async (baseURL) => {
      const run = await send(['--room', '1', 'hi'], { baseURL })
      expect(run).toEqual({ code: 2, stdout: '', stderr: `chatwork-kit: --base-url takes an http or https URL like http://127.0.0.1:8787/v2, not ${JSON.stringify(baseURL)}\n` })
    },
  )

  it.each(['0', '', '-3', '0x1391', '5.009e3', '0b1001110010001', '05009', '+5009', '5009.0', ' 5009', '١٢'])(
    'refuses --room %j with one line and exit 2, before any request: only a plain positive decimal integer',
    async (value) => {
      for (const args of [['--room', value, 'hi'], [`--room=${value}`, 'hi']]) {
        const run = await send(args)
        expect(run).toEqual({ code: 2, stdout: '', stderr: `chatwork-kit: --room takes a room id (a positive whole number, like 5009), not ${JSON.stringify(value)}\n` })
      }
      expect(emu.requests).toEqual([])
    },
  )

  it('refuses a message over 65,535 characters with one error and one exit code, with or without --no-lint', async () => {
    const long = 'x'.repeat(65_536)
    const checked = await send(['--room', String(room), '-'], { input: long })
    const unchecked = await send(['--room', String(room), '--no-lint', '-'], { input: long })
    const expected = { code: 2, stdout: '', stderr: 'chatwork-kit: the message has 65,536 characters; Chatwork takes at most 65,535\n' }
    expect(checked).toEqual(expected)
    expect(unchecked).toEqual(expected)
    expect(emu.requests).toEqual([])
    // Counted in characters (code points), as Chatwork counts: 65,535 emoji are 131,070 UTF-16 units and go through.
    expect((await send(['--room', String(room), '--no-lint', '-'], { input: '😀'.repeat(65_535) })).code).toBe(0)
  })

  it('removes one trailing newline from stdin, not more, and not from the argument', async () => {
    expect((await send(['--room', String(room), '-'], { input: 'two\n\n' })).code).toBe(0)
    expect(lastBody()).toBe('two\n')
    expect((await send(['--room', String(room), '-'], { input: 'crlf\r\n' })).code).toBe(0)
    expect(lastBody()).toBe('crlf')
    expect((await send(['--room', String(room), 'argument\n'])).code).toBe(0)
    expect(lastBody()).toBe('argument\n')
    const empty = await send(['--room', String(room), '-'], { input: '\n' })
    expect(empty).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: the message is empty\n' })
  })

  it('documents --no-lint without a misleading "(default: true)"', async () => {
    const help = await runProcess(process.execPath, [bin, 'send', '--help'], { env: { ...process.env, NO_COLOR: '1' } })
    const line = help.stdout.split('\n').find((text) => text.includes('--no-lint'))
    expect(line).toBeDefined()
    expect(line).not.toContain('default')
  })

  it('says on stderr what a rate-limit wait over a second waits for, and how long', async () => {
    const limited = await startEmulator({ rateLimit: { limit: 1, windowMs: 2_000 } })
    try {
      const roomId = limited.rooms().find((r) => r.name === 'Project X')!.room_id
      const env = { CHATWORK_API_TOKEN: limited.token }
      expect((await send(['--room', String(roomId), 'first'], { env, baseURL: limited.baseURL })).code).toBe(0)
      const second = await send(['--room', String(roomId), 'second'], { env, baseURL: limited.baseURL })
      expect(second.code).toBe(0)
      expect(second.stderr).toMatch(/^chatwork-kit: waiting for the API's rate limit \(per token\): [1-3] s\n$/)
      expect(limited.messages(roomId).at(-1)!.body).toBe('second')
    } finally {
      await limited.close()
    }
  })

  it('needs CHATWORK_API_TOKEN: one line, exit 2', async () => {
    const run = await send(['--room', String(room), 'hi'], { env: { CHATWORK_API_TOKEN: undefined } })
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: no token: set CHATWORK_API_TOKEN to your API token\n' })
    expect(emu.requests).toEqual([])
  })

  it('reports API errors on one line with exit 1, and never prints the token', async () => {
    const token = 'secret-token-that-must-not-leak'
    const refused = await send(['--room', String(room), 'hi'], { env: { CHATWORK_API_TOKEN: token } })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^chatwork-kit: .*401.*\n$/)
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(token)

    const missing = await send(['--room', '999999', 'hi'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^chatwork-kit: .*404.*\n$/)
    expect(`${missing.stdout}${missing.stderr}`).not.toContain(emu.token)
  })

  it('reports an unreachable server on one line with exit 1', async () => {
    const closed = await startEmulator()
    const baseURL = closed.baseURL
    await closed.close()
    const run = await send(['--room', String(room), 'hi'], { baseURL })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')).toHaveLength(2)
    expect(run.stderr).toBe(`chatwork-kit: POST /rooms/{room_id}/messages failed: no response from ${baseURL} (is the server running, and is --base-url right?)\n`)
  })
})
