/**
 * `chatwork-kit send --room ID [message | -]`: lints a message, posts it with
 * `CHATWORK_API_TOKEN` (or uploads a file with it), and prints the new
 * message's id, so scripts can do `id=$(chatwork-kit send …)`.
 */
import { access, constants } from 'node:fs/promises'
import process from 'node:process'
import type { CAC } from 'cac'
import { CliUsageError, EXIT_OK, keepStdinArgs, readInputs, STDIN, useColor, type RegisterCommand } from './io.ts'
import { rateLimitProgress } from './rate-limit-progress.ts'
import { ChatworkClient } from '../client/client.ts'
import { DEFAULT_BASE_URL, type ChatworkClientOptions } from '../client/request.ts'
import { ChatworkArgumentError, ChatworkError, ChatworkMissingTokenError, ChatworkNetworkError, ChatworkTimeoutError } from '../errors.ts'
import { formatDiagnostics } from '../lint/format-diagnostics.ts'
import { lint } from '../lint/lint.ts'
import { characterCount, MAX_BODY_LENGTH } from '../markup/body.ts'

interface SendFlags {
  // cac refuses these three without a value; numbers come as numbers.
  room?: number | string
  selfUnread?: boolean | number | string
  file?: number | string
  /** `false` with `--no-lint`; undefined otherwise (no default, so that the help does not read "(default: true)"). */
  lint?: boolean
  baseUrl?: string
}

/** The name diagnostics give the message in their `file:line:col` prefix. */
const MESSAGE_NAME = '<message>'

// What a `-` argument reaches the action as (cac would drop a bare `-`).
const [STDIN_ARG] = keepStdinArgs([STDIN])

/**
 * Registers `send`.
 *
 * @example
 * // $ CHATWORK_API_TOKEN=… chatwork-kit send --room 123 'Deployed [To:1001]'
 * // $ git log -1 --format=%B | chatwork-kit send --room 123 -
 * // $ chatwork-kit send --room 123 --file report.pdf 'This week'
 */
export const registerSend: RegisterCommand = (cli) => {
  const command = cli
    .command('send [message]', 'Lint and post a message (- or none: stdin) with CHATWORK_API_TOKEN; prints its id')
    .option('--room <id>', 'Room to post to (required)')
    .option('--self-unread', 'Leave the message unread for yourself')
    .option('--file <path>', 'Upload this file, with the message (if any) as its comment')
    .option('--no-lint', 'Send even when the linter finds errors')
    .option('--base-url <url>', 'API base URL, http(s), e.g. the emulator\'s (default: Chatwork\'s)')
    .example('chatwork-kit send --room 123 "[toall] Deployed v1.2"')
    .example('CHATWORK_API_TOKEN=<emulator token> chatwork-kit send --base-url http://127.0.0.1:8787/v2 --room 5001 hello')
  // cac gives a --no-… option the default true, and prints it in the help.
  command.options.find((option) => option.name === 'lint')!.config.default = undefined
  command.action(async (_message: string | undefined, flags: SendFlags) => {
    const { message, selfUnread } = messageAndSelfUnread(cli, flags)
    const { room, file, baseURL } = checkFlags(cli, flags, selfUnread)
    if (file !== undefined) await checkReadable(file)
    const progress = rateLimitProgress(process.stderr)
    const client = createClient(baseURL, progress.onRateLimit)
    // A file may go without a comment; a message needs text, from the argument or stdin.
    const body = message === undefined && file !== undefined ? undefined : await readMessage(message)
    if (body !== undefined) {
      checkSendable(body)
      lintOrStop(body, flags.lint !== false)
    }

    try {
      const messageId = file === undefined
        ? (await client.messages.send(room, body ?? '', { selfUnread })).message_id
        : await upload(client, room, file, body)
      process.stdout.write(`${messageId}\n`)
      return EXIT_OK
    } catch (error) {
      if (error instanceof ChatworkNetworkError || error instanceof ChatworkTimeoutError) {
        throw new SendError('CLI_UNREACHABLE', `${error.message} from ${baseURL ?? DEFAULT_BASE_URL} (is the server running, and is --base-url right?)`, { cause: error })
      }
      if (!(error instanceof ChatworkArgumentError)) throw error
      throw new CliUsageError(error.message, { cause: error })
    } finally {
      progress.stop()
    }
  })
}

/**
 * Sending stopped after the request was understood: the linter found errors,
 * or an uploaded file's message id could not be read. The CLI prints it on one
 * line and exits with status 1.
 */
class SendError extends ChatworkError {}

/**
 * The one message argument, as written. cac declares `--self-unread` boolean
 * to its parser under the camel-cased name, which the parser does not match,
 * so it takes the next argument as the flag's value (and turns `007` into 7):
 * that argument is the message, taken back from the raw arguments.
 */
function messageAndSelfUnread(cli: CAC, flags: SendFlags): { message: string | undefined; selfUnread: boolean } {
  const swallowedAt = typeof flags.selfUnread === 'boolean' || flags.selfUnread === undefined ? -1 : cli.rawArgs.indexOf('--self-unread') + 1
  const messages = [...(swallowedAt > 0 ? [cli.rawArgs[swallowedAt]] : []), ...cli.args.map(String)]
  if (messages.length > 1) throw new CliUsageError(`send takes one message, got ${messages.length} arguments (quote the message)`)
  return { message: messages[0], selfUnread: flags.selfUnread !== undefined && flags.selfUnread !== false }
}

/** A room id as Chatwork gives them: a plain positive decimal integer, no sign, prefix, exponent or leading zero. */
const ROOM_ID = /^[1-9]\d*$/

function checkFlags(cli: CAC, flags: SendFlags, selfUnread: boolean): { room: string; file: string | undefined; baseURL: string | undefined } {
  // As typed: cac turns 0x1391, 5.009e3 and 05009 into numbers.
  const rooms = rawValues(cli.rawArgs, '--room')
  if (rooms.length === 0) throw new CliUsageError('--room <id> is required (the room to post to)')
  if (rooms.length > 1) throw new CliUsageError(`--room is given ${rooms.length} times; send posts to one room`)
  const room = rooms[0]!
  if (!ROOM_ID.test(room) || !Number.isSafeInteger(Number(room))) {
    throw new CliUsageError(`--room takes a room id (a positive whole number, like 5009), not ${JSON.stringify(room)}`)
  }
  if (flags.file !== undefined && selfUnread) throw new CliUsageError('--self-unread applies to messages, not to file uploads')
  if (flags.baseUrl !== undefined) checkBaseUrl(String(flags.baseUrl))
  return { room, file: flags.file === undefined ? undefined : String(flags.file), baseURL: flags.baseUrl }
}

function checkBaseUrl(baseUrl: string): void {
  const protocol = URL.canParse(baseUrl) ? new URL(baseUrl).protocol : undefined
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new CliUsageError(`--base-url takes an http or https URL like http://127.0.0.1:8787/v2, not ${JSON.stringify(baseUrl)}`)
  }
}

/**
 * The values of an option as typed (`--room 5`, `--room=5`), up to `--`. A
 * value starting with `-` reaches here only as `--room=-3`: see
 * {@link keepOptionValues}.
 */
function rawValues(rawArgs: readonly string[], flag: string): string[] {
  const values: string[] = []
  for (let i = 0; i < rawArgs.length && rawArgs[i] !== '--'; i++) {
    const arg = rawArgs[i]!
    if (arg === flag) values.push(rawArgs[++i] ?? '')
    else if (arg.startsWith(`${flag}=`)) values.push(arg.slice(flag.length + 1))
  }
  return values
}

/**
 * The arguments with `--room -3` joined into `--room=-3`, so that the option
 * parser takes `-3` as the (bad) room id, which send then refuses by name,
 * rather than as an unknown option `-3`.
 *
 * @example
 * keepOptionValues(['send', '--room', '-3', 'hi']) // ['send', '--room=-3', 'hi']
 */
export function keepOptionValues(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = argv[i + 1]
    if (arg === '--') return [...out, ...argv.slice(i)]
    if (arg === '--room' && next !== undefined && /^-./.test(next)) {
      out.push(`--room=${next}`)
      i++
    } else {
      out.push(arg)
    }
  }
  return out
}

async function checkReadable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new CliUsageError(`cannot read ${file}: ${reason}`, { cause: error })
  }
}

/** The message from its argument, or from stdin less one trailing newline (what `echo` and editors add). */
async function readMessage(message: string | undefined): Promise<string> {
  if (message !== undefined && message !== STDIN_ARG) return String(message)
  const [input] = await readInputs([])
  return input.text.replace(/\r?\n$/, '')
}

/** Refuses, whatever `--no-lint` says, what Chatwork would refuse: nothing but whitespace, or too many characters. */
function checkSendable(body: string): void {
  if (body.trim() === '') throw new CliUsageError(body === '' ? 'the message is empty' : 'the message is only whitespace')
  const count = body.length > MAX_BODY_LENGTH ? characterCount(body) : body.length
  if (count > MAX_BODY_LENGTH) {
    throw new CliUsageError(`the message has ${count.toLocaleString('en')} characters; Chatwork takes at most ${MAX_BODY_LENGTH.toLocaleString('en')}`)
  }
}

/** Prints the diagnostics on stderr; throws when errors stop the message. */
function lintOrStop(body: string, enabled: boolean): void {
  const diagnostics = lint(body)
  if (diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(diagnostics, body, { filename: MESSAGE_NAME, color: useColor() })}\n\n`)
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  if (errors > 0 && enabled) throw new SendError('CLI_LINT_ERRORS', `not sent: ${errors} lint error${errors === 1 ? '' : 's'} (--no-lint sends anyway)`)
}

function createClient(baseURL: string | undefined, onRateLimit: ChatworkClientOptions['onRateLimit']): ChatworkClient {
  try {
    return new ChatworkClient({ baseURL, onRateLimit })
  } catch (error) {
    if (error instanceof ChatworkMissingTokenError) throw new CliUsageError('no token: set CHATWORK_API_TOKEN to your API token', { cause: error })
    throw error
  }
}

/** Uploads the file, then reads its message id, which the upload's answer lacks. */
async function upload(client: ChatworkClient, room: string, file: string, message: string | undefined): Promise<string> {
  const { file_id } = await client.files.upload(room, file, { message })
  try {
    return (await client.files.get(room, file_id)).message_id
  } catch (error) {
    // Said plainly, so that nobody uploads it a second time.
    throw new SendError('CLI_UPLOAD_LOOKUP', `uploaded ${file} as file ${file_id}, but could not read its message id: ${(error as Error).message}`, { cause: error })
  }
}
