/**
 * The base of every error chatwork-kit throws. Each kind of failure has its
 * own subclass and a stable `code`, so callers can branch on either
 * `instanceof` or `error.code`.
 *
 * @example
 * try {
 *   await client.messages.send(roomId, body)
 * } catch (error) {
 *   if (error instanceof ChatworkError) console.error(error.code, error.message)
 * }
 */
export class ChatworkError extends Error {
  /** A stable, machine-readable identifier of the kind of failure. */
  readonly code: string

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** Why a webhook input was refused; see {@link ChatworkWebhookError}. */
export type WebhookErrorReason =
  /** The body is not UTF-8 JSON text. */
  | 'invalid_json'
  /** The body is JSON but not a webhook payload: not an object, or a required field is missing or of the wrong type. */
  | 'invalid_payload'
  /** A webhook token is not base64 text of a non-empty key. */
  | 'invalid_token'

/**
 * A webhook body or webhook token that cannot be used. `reason` says which
 * check failed; `message` names the offending field.
 *
 * @example
 * try {
 *   parseWebhookEvent('not json')
 * } catch (error) {
 *   if (error instanceof ChatworkWebhookError) console.error(error.reason) // 'invalid_json'
 * }
 */
export class ChatworkWebhookError extends ChatworkError {
  /** Which check failed. */
  readonly reason: WebhookErrorReason

  constructor(reason: WebhookErrorReason, message: string, options?: ErrorOptions) {
    super('ERR_CHATWORK_WEBHOOK', message, options)
    this.reason = reason
  }
}

/**
 * A request the local emulator (`chatwork-kit/testing`) refuses: a helper
 * called with an unknown room, a seed that does not hold together, a webhook
 * token that is not base64. `status` is the HTTP status the same refusal
 * gets when it comes over the wire.
 *
 * @example
 * try {
 *   emu.post(999, 'hi')
 * } catch (error) {
 *   if (error instanceof ChatworkEmulatorError) console.error(error.status, error.message) // 404 Room 999 not found
 * }
 */
export class ChatworkEmulatorError extends ChatworkError {
  /** The HTTP status of the same refusal over the wire (400, 403, 404, …). */
  readonly status: number

  constructor(status: number, message: string, options?: ErrorOptions) {
    super('ERR_CHATWORK_EMULATOR', message, options)
    this.status = status
  }
}
