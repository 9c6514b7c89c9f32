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
