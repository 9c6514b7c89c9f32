import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface Run {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

/** Runs `chatwork-kit …` from source, as `node --import tsx src/cli/index.ts …`. */
function runCli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout: () => stdout, stderr: () => stderr, exit }
}

/** Waits until stdout shows the base URL. */
async function baseUrlOf(run: Run): Promise<string> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const found = /base URL\s+(\S+)/.exec(run.stdout())
    if (found) return found[1]!
    if (run.child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no base URL printed; stderr: ${run.stderr()}`)
}

const running: Run[] = []
let scratch: string | undefined
afterEach(async () => {
  for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL')
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true })
  scratch = undefined
})

it('starts, prints the base URL and token, serves the API, and stops cleanly on SIGINT', async () => {
  const run = runCli(['emulator', '--port', '0', '--token', 'cli-token'])
  running.push(run)
  const baseURL = await baseUrlOf(run)
  expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/)
  expect(run.stdout()).toContain('cli-token')
  const me = await fetch(`${baseURL}/me`, { headers: { 'x-chatworktoken': 'cli-token' } })
  expect((await me.json()).name).toBe('Hanako Sato')
  run.child.kill('SIGINT')
  expect(await run.exit).toBe(0)
  expect(run.stdout()).toContain('Emulator stopped.')
  await expect(fetch(`${baseURL}/me`)).rejects.toThrow()
})

it('loads a seed file', async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cw-emu-cli-'))
  const seedFile = join(scratch, 'seed.json')
  await writeFile(seedFile, JSON.stringify({ accounts: [{ account_id: 42, name: 'Seeded Bot' }] }))
  const run = runCli(['emulator', '--port', '0', '--seed', seedFile])
  running.push(run)
  const baseURL = await baseUrlOf(run)
  const token = /token\s+(\S+)/.exec(run.stdout())![1]!
  const me = await (await fetch(`${baseURL}/me`, { headers: { 'x-chatworktoken': token } })).json()
  expect(me).toMatchObject({ account_id: 42, name: 'Seeded Bot' })
  run.child.kill('SIGTERM')
  expect(await run.exit).toBe(0)
})

it.each([
  [['--port', '70000'], /--port takes a port number/],
  [['--seed', 'does-not-exist.json'], /cannot read does-not-exist\.json/],
])('refuses %j with a usage error (exit 2)', async (args, message) => {
  const run = runCli(['emulator', ...args])
  running.push(run)
  expect(await run.exit).toBe(2)
  expect(run.stderr()).toMatch(message)
})

it('refuses a seed that is not JSON or does not hold together', async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cw-emu-cli-'))
  const notJson = join(scratch, 'a.json')
  const invalid = join(scratch, 'b.json')
  await writeFile(notJson, '{ nope')
  await writeFile(invalid, '{"accounts":[]}')
  for (const [file, message] of [[notJson, /is not JSON/], [invalid, /is not a valid seed: accounts: expected a non-empty array/]] as const) {
    const run = runCli(['emulator', '--port', '0', '--seed', file])
    running.push(run)
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toMatch(message)
  }
})

it.each([
  ['null', null, 'the seed: expected an object { accounts: [...] }, got null'],
  ['false', false, 'the seed: expected an object { accounts: [...] }, got false'],
  ['members: [1]', { accounts: [{ account_id: 1, name: 'A' }], rooms: [{ name: 'R', members: [1] }] }, 'rooms[0].members: expected { admin: [...] }, got [1]'],
  ['members: {}', { accounts: [{ account_id: 1, name: 'A' }], rooms: [{ name: 'R', members: {} }] }, 'rooms[0].members.admin: expected a non-empty array [...], got nothing'],
  [
    'a message without body',
    { accounts: [{ account_id: 1, name: 'A' }], rooms: [{ name: 'R', members: { admin: [1] }, messages: [{ from: 1, body: 'ok' }, { from: 1 }] }] },
    'rooms[0].messages[1].body: expected a string, got nothing',
  ],
  ['an account id as a string', { accounts: [{ account_id: '1', name: 'A' }] }, 'accounts[0].account_id: expected a positive integer id, got "1"'],
])('refuses a seed holding %s with one line naming the field, exit 2', async (_, seed, problem) => {
  scratch = await mkdtemp(join(tmpdir(), 'cw-emu-cli-'))
  const file = join(scratch, 'seed.json')
  await writeFile(file, JSON.stringify(seed))
  const run = runCli(['emulator', '--port', '0', '--seed', file])
  running.push(run)
  expect(await run.exit).toBe(2)
  expect(run.stderr()).toBe(`chatwork-kit: ${file} is not a valid seed: ${problem}\n`)
  expect(run.stdout()).toBe('')
})

it('serves the web UI beside the API and prints its URL; --no-ui serves the API alone', async () => {
  const run = runCli(['emulator', '--port', '0'])
  running.push(run)
  const baseURL = await baseUrlOf(run)
  const ui = /web UI\s+(\S+)/.exec(run.stdout())?.[1]
  expect(ui).toBe(baseURL.replace(/v2$/, ''))
  const page = await fetch(ui!)
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  expect(await page.text()).toContain('data-mode="emulator"')
  run.child.kill('SIGINT')
  expect(await run.exit).toBe(0)

  const apiOnly = runCli(['emulator', '--port', '0', '--no-ui'])
  running.push(apiOnly)
  const apiBase = await baseUrlOf(apiOnly)
  expect(apiOnly.stdout()).not.toContain('web UI')
  expect((await fetch(apiBase.replace(/v2$/, ''))).status).toBe(401)
  apiOnly.child.kill('SIGINT')
  expect(await apiOnly.exit).toBe(0)
})

it('playground serves the compose pane alone and stops on SIGINT', async () => {
  const run = runCli(['playground', '--port', '0'])
  running.push(run)
  let url: string | undefined
  for (let waited = 0; waited < 15_000 && url === undefined; waited += 50) {
    url = /URL\s+(\S+)/.exec(run.stdout())?.[1]
    if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  expect(await (await fetch(url!)).text()).toContain('data-mode="playground"')
  expect((await fetch(`${url}ui/assets/app.js`)).status).toBe(200)
  run.child.kill('SIGINT')
  expect(await run.exit).toBe(0)
  expect(run.stdout()).toContain('Playground stopped.')
})
