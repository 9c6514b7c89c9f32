/**
 * What a failed tool call tells the model: one clear sentence, never a stack
 * or a token. Errors the model can act on (a wait, a missing permission, an
 * unknown room, a lint error) say what to do.
 */
import { ChatworkApiError, ChatworkArgumentError, ChatworkError, ChatworkMissingTokenError, ChatworkNetworkError, ChatworkRateLimitError, ChatworkTimeoutError } from '../errors.ts'

/**
 * A tool call that the MCP server refuses by its own rules: a room outside
 * \`allowRooms\`, \`mention_all\` without \`allowMentionAll\`, a mention of someone
 * not in the room, a message that lints with errors, another's message to
 * edit. The message is written for the model that made the call. (Kept here,
 * not in src/errors.ts, so that the client's bundle does not carry it.)
 *
 * @example
 * throw new ChatworkToolError('room 5 is not available')
 */
export class ChatworkToolError extends ChatworkError {
  constructor(message: string) {
    super('ERR_CHATWORK_TOOL_REFUSED', message)
  }
}

/** The sentence a model reads for `error`, with every secret in `secrets` replaced. */
export function toolErrorMessage(error: unknown, secrets: readonly string[]): string {
  return redact(describe(error), secrets)
}

function describe(error: unknown): string {
  if (error instanceof ChatworkToolError || error instanceof ChatworkArgumentError) return error.message
  if (error instanceof ChatworkRateLimitError) {
    const seconds = Math.max(1, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000))
    return `Chatwork's rate limit (${error.scope === 'room' ? 'posts to this room' : 'requests'}) is reached; try again in ${seconds} s`
  }
  if (error instanceof ChatworkApiError) {
    if (error.status === 401) return 'Chatwork refused the API token (401): it is missing, wrong or revoked'
    if (error.status === 403) return `you lack the permission for this in Chatwork (403)${apiDetail(error)}`
    if (error.status === 404) return `Chatwork knows no such room, message, task or file (404)${apiDetail(error)}`
    return `Chatwork answered ${error.status}${apiDetail(error)}`
  }
  if (error instanceof ChatworkMissingTokenError) return 'no Chatwork API token is configured (set CHATWORK_API_TOKEN)'
  if (error instanceof ChatworkNetworkError || error instanceof ChatworkTimeoutError) return 'Chatwork could not be reached; try again later'
  if (error instanceof ChatworkError) return error.message
  return 'the tool failed unexpectedly'
}

function apiDetail(error: ChatworkApiError): string {
  return error.errors.length > 0 ? `: ${error.errors.join('; ')}` : ''
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]')
  return out
}
