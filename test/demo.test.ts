/**
 * The `npm start` demo (examples/demo.ts), run as the start script runs it:
 * on the embedded emulator by default, and against "Chatwork" (an emulator
 * standing in for it) with a token and `--room`.
 */
import { readFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'chatwork-kit'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { BIN, ROOT } from './helpers/built-package.ts'
import { runProcess, type Run } from './helpers/run-process.ts'


const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
const readme = await readFile(join(ROOT, 'README.md'), 'utf8')

/** The start script (without its prestart grammar build, which `npm test` has done), with extra arguments and environment. */
function start(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const [command, ...scriptArgs] = scripts.start.split(' ')
  return runProcess(command, [...scriptArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, CHATWORK_API_TOKEN: undefined, PATH: `${BIN}${delimiter}${process.env.PATH}`, ...env },
  })
}

/** The demo's numbered sections, by title. */
function sections(stdout: string): Record<string, string> {
  const parts = stdout.split(/^== \d\. (.+) ==$/m)
  const found: Record<string, string> = {}
  for (let i = 1; i < parts.length; i += 2) found[parts[i]] = parts[i + 1].trim()
  return found
}

const EXPECTED_PLAIN_TEXT = [
  'Taro Yamada',
  'v1.2 is live (cracker)',
  'Release v1.2',
  'Deployed by ops-bot [toall]',
  'Checks: 128 passed',
  'npm i chatwork-kit@1.2.0',
  '[/code] stays inside the block',
  'Ship it when the checks are green.',
].join('\n')

/** What both runs print after sending, whichever way the message came back. */
function expectReceivedMessage(output: Record<string, string>): void {
  expect(output['Linted']).toBe('no problems')
  expect(JSON.parse(output['Mentions'])).toEqual({ toAll: false, accountIds: [1002], replies: [] })
  expect(output['Plain text']).toBe(EXPECTED_PLAIN_TEXT)
  const tree = output['Parsed into a tree'].split('\n')
  expect(tree[0]).toBe('root')
  expect(tree).toContain('├─ to accountId=1002')
  expect(tree).toContain('│  └─ text value="Deployed by ops-bot [\\u200btoall]\\nChecks: 128 passed"')
  expect(tree).toContain('└─ quote accountId=1002 time=1767603600')
  expect(tree.filter((line) => /^[├└]─ /.test(line)).map((line) => line.slice(3).split(' ')[0])).toEqual(['to', 'text', 'emoticon', 'text', 'info', 'code', 'quote'])
}

describe('npm start', () => {
  it('runs the whole library on the embedded emulator and exits 0', { timeout: 60_000 }, async () => {
    const run = await start()
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Emulator at http:\/\/127\.0\.0\.1:\d+\/v2, posting to room \d+ as Hanako Sato; webhooks go to http:\/\/127\.0\.0\.1:\d+\/chatwork$/m)
    const output = sections(run.stdout)
    expect(Object.keys(output)).toEqual(['Composed with the builder', 'Linted', 'Sent with the client, received back', 'Parsed into a tree', 'Mentions', 'Plain text'])
    const [, id, webhookId] = /^message (\d{19}), received through a signed message_created webhook for (\d{19})$/.exec(output['Sent with the client, received back'])!
    expect(webhookId).toBe(id)
    // The printed markup parses to the tree that came back.
    const composed = parse(output['Composed with the builder'], { positions: false })
    expect(composed.children.map((node) => node.type)).toEqual(['to', 'text', 'emoticon', 'text', 'info', 'code', 'quote'])
    expectReceivedMessage(output)
    // The README's Quick start quotes this output.
    const quickStart = readme.slice(readme.indexOf('## Quick start'))
    const quoted = /```text\n([\s\S]*?)```/.exec(quickStart)![1]
    expect(run.stdout).toContain(quoted)
  })

  describe('with CHATWORK_API_TOKEN and --room', () => {
    let chatwork: Emulator
    let roomId: number

    beforeAll(async () => {
      chatwork = await startEmulator()
      roomId = chatwork.rooms().find((room) => room.name === 'Random')!.room_id
    })
    afterAll(() => chatwork.close())

    it('posts to that room of the service instead, and reads the message back', { timeout: 60_000 }, async () => {
      const run = await start(['--room', String(roomId), '--base-url', chatwork.baseURL], { CHATWORK_API_TOKEN: chatwork.token })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).not.toContain('Emulator at')
      const output = sections(run.stdout)
      const [, id] = /^message (\d{19}), received through GET \/rooms\/\d+\/messages\/(\d{19})$/.exec(output['Sent with the client, received back'])!
      expect(chatwork.messages(roomId).at(-1)).toMatchObject({ message_id: id, account_id: chatwork.account.account_id })
      expect(chatwork.messages(roomId).at(-1)!.body).toBe(output['Composed with the builder'])
      expectReceivedMessage(output)
    })

    it('refuses --room without a token: one line on stderr, exit 1, nothing sent', { timeout: 60_000 }, async () => {
      const before = chatwork.requests.length
      const run = await start(['--room', String(roomId), '--base-url', chatwork.baseURL])
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'demo: --room posts to Chatwork: set CHATWORK_API_TOKEN too\n' })
      expect(chatwork.requests.length).toBe(before)
    })
  })
})
