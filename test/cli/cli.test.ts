/**
 * The `chatwork-kit` command end to end: the bin built by
 * test/helpers/cli-global-setup.ts, spawned with files, stdin and environments.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { version } from '../../package.json'
import { runProcess, type Run } from '../helpers/run-process.ts'

const bin = inject('cliBin')


/** Runs the bin with node; stdin gets `input` (or nothing), colors are off unless `env` says otherwise. */
function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; direct?: boolean } = {}): Promise<Run> {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, ...options.env }
  const [command, argv] = options.direct ? [bin, args] : [process.execPath, [bin, ...args]]
  return runProcess(command, argv, { env, cwd: options.cwd ?? dir, input: options.input })
}

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwork-kit-cli-'))
  await writeFile(join(dir, 'clean.txt'), '[To:1] Yamada\n[info][title]Weather[/title]Sunny[/info]')
  await writeFile(join(dir, 'broken.txt'), 'Hello [To: 123]\n[info]x')
  await writeFile(join(dir, 'warning.txt'), '[qt][To:1][/qt]')
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('chatwork-kit', () => {
  it('is an executable with a node shebang', async () => {
    expect((await readFile(bin, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node')
    expect((await stat(bin)).mode & 0o111).not.toBe(0)
    const run = await cli(['--version'], { direct: true })
    expect(run.code).toBe(0)
  })

  it('prints help listing the commands, and its version', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/\$ chatwork-kit <command> \[options\]/)
    expect(help.stdout).toMatch(/^\s+lint \[\.\.\.files\]/m)
    expect(help.stdout).toMatch(/^\s+parse \[file\]/m)
    const lintHelp = await cli(['lint', '--help'])
    expect(lintHelp.stdout).toContain('--max-warnings <n>')
    const run = await cli(['--version'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`chatwork-kit/${version}`)
  })

  it('answers an unknown command with one line and exit 2', async () => {
    const run = await cli(['lnit', 'a.txt'])
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: unknown command "lnit" (see chatwork-kit --help)\n' })
  })

  it('answers an unknown option with one line and exit 2', async () => {
    const run = await cli(['lint', '--frobnicate', 'clean.txt'])
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: Unknown option `--frobnicate`\n' })
  })

  it('shows help and exits 2 when no command is given', async () => {
    const run = await cli([])
    expect(run.code).toBe(2)
    expect(run.stdout).toContain('Commands:')
  })
})

describe('chatwork-kit lint', () => {
  it('is silent and exits 0 for clean files', async () => {
    expect(await cli(['lint', 'clean.txt'])).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('prints diagnostics like a compiler and exits 1 on errors, without colors when not on a terminal', async () => {
    const run = await cli(['lint', 'broken.txt', 'clean.txt'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'broken.txt:1:7  error  [To: 123] is not a tag: no space may follow the colon  malformed-tag',
        '  1 | Hello [To: 123]',
        '    |       ^^^^^^^^^',
        '',
        'broken.txt:2:1  error  [info] shows as text: it has no closer [/info]  unclosed-tag',
        '  2 | [info]x',
        '    | ^^^^^^',
        '',
        '2 problems (2 errors, 0 warnings)',
        '1 problem can be fixed safely with --fix',
        '',
      ].join('\n'),
    )
  })

  it('colors with FORCE_COLOR, and never with NO_COLOR', async () => {
    expect((await cli(['lint', 'broken.txt'], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001B[31merror\u001B[39m')
    expect((await cli(['lint', 'broken.txt'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001B')
    expect((await cli(['nope'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stderr).not.toContain('\u001B')
  })

  it('reads stdin when no file is given, or for -', async () => {
    const none = await cli(['lint'], { input: '[info]x' })
    expect(none.code).toBe(1)
    expect(none.stdout).toContain('<stdin>:1:1  error  [info] shows as text')
    const dash = await cli(['lint', 'clean.txt', '-'], { input: '[/qt]' })
    expect(dash.code).toBe(1)
    expect(dash.stdout).toContain('<stdin>:1:1  error  [/qt] shows as text')
    expect(await cli(['lint', '-'], { input: '[hr]' })).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('passes with warnings, unless they exceed --max-warnings', async () => {
    const warned = await cli(['lint', 'warning.txt'])
    expect(warned.code).toBe(0)
    expect(warned.stdout).toContain('warning.txt:1:5  warning  [To:1] is inside [qt], so it notifies nobody  mention-in-quote')
    expect(warned.stdout).toContain('1 problem (0 errors, 1 warning)')
    expect((await cli(['lint', '--max-warnings', '1', 'warning.txt'])).code).toBe(0)
    const strict = await cli(['lint', '--max-warnings', '0', 'warning.txt'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('too many warnings: 1, at most 0 allowed (--max-warnings)')
  })

  it('sets rules with --rule code=level', async () => {
    expect((await cli(['lint', '--rule', 'mention-in-quote=error', 'warning.txt'])).code).toBe(1)
    expect(await cli(['lint', '--rule', 'mention-in-quote=off', 'warning.txt'])).toEqual({ code: 0, stdout: '', stderr: '' })
    const toall = await cli(['lint', '--rule', 'toall=info'], { input: '[toall] hi' })
    expect(toall.code).toBe(0)
    expect(toall.stdout).toContain('info  [toall] notifies every member of the room  toall')
    expect(toall.stdout).toContain('1 problem (0 errors, 0 warnings, 1 info)')
  })

  it('prints machine-readable diagnostics with --format json', async () => {
    const run = await cli(['lint', '--format', 'json', 'broken.txt', 'clean.txt'])
    expect(run.code).toBe(1)
    const results = JSON.parse(run.stdout)
    expect(results).toEqual([
      {
        file: 'broken.txt',
        errorCount: 2,
        warningCount: 0,
        infoCount: 0,
        fixed: false,
        diagnostics: [
          {
            code: 'malformed-tag',
            severity: 'error',
            message: '[To: 123] is not a tag: no space may follow the colon',
            position: { start: { line: 1, column: 7, offset: 6 }, end: { line: 1, column: 16, offset: 15 } },
            fix: { range: [6, 15], text: '[To:123]' },
          },
          {
            code: 'unclosed-tag',
            severity: 'error',
            message: '[info] shows as text: it has no closer [/info]',
            position: { start: { line: 2, column: 1, offset: 16 }, end: { line: 2, column: 7, offset: 22 } },
          },
        ],
      },
      { file: 'clean.txt', errorCount: 0, warningCount: 0, infoCount: 0, fixed: false, diagnostics: [] },
    ])
  })

  it('writes safe fixes back with --fix and reports what is left', async () => {
    const file = join(dir, 'fixable.txt')
    await writeFile(file, '[INFO]x[/info] [To: 5] [titel]T[/titel]')
    const fixed = await cli(['lint', '--fix', file])
    // What it changed, per file.
    expect(fixed).toEqual({ code: 0, stdout: `${file}: fixed 4 problems (1 closer-case-mismatch, 1 malformed-tag, 2 unknown-tag)\n`, stderr: '' })
    expect(await readFile(file, 'utf8')).toBe('[INFO]x[/INFO] [To:5] [title]T[/title]')

    await writeFile(file, '[To: 5] [info]open')
    const partly = await cli(['lint', '--fix', '--format', 'json', file])
    expect(partly.code).toBe(1)
    expect(JSON.parse(partly.stdout)).toMatchObject([{ fixed: true, errorCount: 1, diagnostics: [{ code: 'unclosed-tag' }] }])
    expect(await readFile(file, 'utf8')).toBe('[To:5] [info]open')
  })

  it('leaves files without fixes untouched', async () => {
    const file = join(dir, 'untouched.txt')
    await writeFile(file, '[info]x')
    const before = (await stat(file)).mtimeMs
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await cli(['lint', '--fix', file])).code).toBe(1)
    expect((await stat(file)).mtimeMs).toBe(before)
  })

  it('prints the fixed body of stdin, with the report on stderr', async () => {
    const run = await cli(['lint', '--fix'], { input: '[QT][To: 1][/QT] [info]x' })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('[qt][To:1][/qt] [info]x')
    expect(run.stderr).toContain('<stdin>:1:17  error  [info] shows as text')
    const json = await cli(['lint', '--fix', '--format', 'json'], { input: '[hr ]' })
    expect(JSON.parse(json.stdout)).toEqual([{ file: '<stdin>', errorCount: 0, warningCount: 0, infoCount: 0, fixed: true, output: '[hr]', diagnostics: [] }])
  })

  it('reports every readable file even when others are missing, lists the missing ones last, and exits 2', async () => {
    const run = await cli(['lint', 'gone.txt', 'broken.txt', 'missing.txt', 'warning.txt'])
    expect(run.code).toBe(2)
    expect(run.stdout).toContain('broken.txt:1:7  error')
    expect(run.stdout).toContain('warning.txt:1:5  warning')
    expect(run.stdout).toContain('3 problems (2 errors, 1 warning)')
    expect(run.stderr).toBe('chatwork-kit: cannot read gone.txt: no such file\nchatwork-kit: cannot read missing.txt: no such file\n')
  })

  it('answers a directory with a clear line and exit 2, after linting the files', async () => {
    await mkdir(join(dir, 'messages'), { recursive: true })
    const run = await cli(['lint', 'messages', 'clean.txt'])
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: cannot lint messages: it is a directory (give the files in it, e.g. messages/*.txt)\n' })
  })

  it('skips a binary file with a warning, never echoing its bytes to the terminal', async () => {
    await writeFile(join(dir, 'image.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1b, 0x5d, 0x30, 0x3b, 0x70, 0x77, 0x6e, 0x07]))
    await writeFile(join(dir, 'latin1.txt'), new Uint8Array([0x5b, 0x69, 0x6e, 0x66, 0x6f, 0x5d, 0xe9, 0x1b, 0x5b, 0x32, 0x4a]))
    const run = await cli(['lint', 'image.png', 'latin1.txt', 'broken.txt'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'chatwork-kit: skipped image.png: a binary file (it holds a NUL byte), not a message body\n' +
        'chatwork-kit: skipped latin1.txt: a binary file (it is not UTF-8), not a message body\n',
    )
    expect(run.stdout).toContain('broken.txt:1:7')
    expect(run.stdout).not.toContain('\u001b')
    expect(run.stdout).not.toContain('image.png')
  })

  it('colors with --color when not on a terminal, and never with --no-color or FORCE_COLOR=0', async () => {
    expect((await cli(['lint', '--color', 'broken.txt'])).stdout).toContain('\u001b[')
    expect((await cli(['lint', '--no-color', 'broken.txt'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[')
    expect((await cli(['lint', 'broken.txt'], { env: { FORCE_COLOR: '0' } })).stdout).not.toContain('\u001b[')
    expect((await cli(['lint', 'broken.txt'], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[')
  })

  it('answers a missing file, a bad format or a bad rule with one line and exit 2', async () => {
    expect(await cli(['lint', 'clean.txt', 'missing.txt'])).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: cannot read missing.txt: no such file\n' })
    expect(await cli(['lint', '--format', 'xml', 'clean.txt'])).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: unknown format "xml" (use pretty or json)\n' })
    const rule = await cli(['lint', '--rule', 'nope=error', 'clean.txt'])
    expect(rule.code).toBe(2)
    expect(rule.stderr).toMatch(/^chatwork-kit: unknown rule "nope" \(rules: unclosed-tag, .*\)\n$/)
    expect((await cli(['lint', '--rule', 'toall=loud', 'clean.txt'])).stderr).toBe('chatwork-kit: --rule toall= takes error, warning, info, off, not "loud"\n')
    expect((await cli(['lint', '--max-warnings', 'many', 'clean.txt'])).code).toBe(2)
  })
})

describe('chatwork-kit parse', () => {
  it('prints the tree as JSON, without positions unless asked', async () => {
    const run = await cli(['parse', 'clean.txt'])
    expect(run.code).toBe(0)
    const tree = JSON.parse(run.stdout)
    expect(tree.type).toBe('root')
    expect(tree.children.map((node: { type: string }) => node.type)).toEqual(['to', 'text', 'info'])
    expect(run.stdout).not.toContain('"position"')
    const positioned = JSON.parse((await cli(['parse', '--positions', 'clean.txt'])).stdout)
    expect(positioned.children[0].position).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 7, offset: 6 } })
  })

  it('prints the plain text with --plain, and who is notified with --mentions', async () => {
    expect(await cli(['parse', '--plain'], { input: '[To:1] Hi [info][title]T[/title]x[/info]' })).toEqual({ code: 0, stdout: ' Hi \nT\nx\n', stderr: '' })
    const mentions = await cli(['parse', '--mentions', '-'], { input: '[To:1] [rp aid=2 to=3-4] [qt][To:5][/qt]' })
    expect(JSON.parse(mentions.stdout)).toEqual({ toAll: false, accountIds: [1], replies: [{ accountId: 2, roomId: 3, messageId: '4' }] })
  })

  it('answers a missing file with one line and exit 2', async () => {
    expect(await cli(['parse', 'missing.txt'])).toEqual({ code: 2, stdout: '', stderr: 'chatwork-kit: cannot read missing.txt: no such file\n' })
  })

  it.each([
    [['parse', 'clean.txt', 'clean.txt'], 'parse reads one file, got 2 (lint takes several)'],
    [['parse', '--plain', '--mentions', 'clean.txt'], '--plain and --mentions cannot be combined: choose one output'],
    [['parse', '--mentions', '--positions', 'clean.txt'], '--mentions and --positions cannot be combined: --positions applies to the JSON tree only'],
    [['parse', '--positions', '--plain', 'clean.txt'], '--plain and --positions cannot be combined: --positions applies to the JSON tree only'],
  ])('refuses %j with one line and exit 2, instead of ignoring a part', async (args, message) => {
    expect(await cli(args)).toEqual({ code: 2, stdout: '', stderr: `chatwork-kit: ${message}\n` })
  })
})
