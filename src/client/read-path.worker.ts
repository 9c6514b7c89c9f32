/**
 * The stand-in for read-path.ts on runtimes without a file system (Workers,
 * browsers): the client built for them names no `node:` module.
 */
import { ChatworkArgumentError } from '../errors.ts'

/**
 * Refuses a path: there is no file system to read it from.
 *
 * @example
 * await readPath('./report.pdf') // throws ChatworkArgumentError (argument: 'file')
 */
export function readPath(path: string): Promise<Uint8Array> {
  return Promise.reject(
    new ChatworkArgumentError('file', `Cannot upload ${JSON.stringify(path)}: uploads from a path need a file system, which this runtime does not have; pass a Blob or a Uint8Array`),
  )
}
