/** `client.files`: a room's files, and uploads. */
import { ChatworkArgumentError } from '../errors.ts'
import { Endpoints, idParam, type Id } from './call.ts'
import { encodeMultipart, type MultipartPart } from './multipart.ts'
import { readPath } from './read-path.ts'
import type { RequestOptions } from './request.ts'
import type { ChatworkFile } from './types.ts'

/**
 * A file to upload: a Blob or File, bytes, or (on Node, Bun and Deno) a path.
 * On Workers and in browsers, a path is refused with a {@link ChatworkArgumentError}.
 *
 * @example
 * await client.files.upload(roomId, './report.pdf')
 * await client.files.upload(roomId, new Blob(['a,b']), { filename: 'data.csv' })
 */
export type UploadFile = Blob | Uint8Array | string

/**
 * `client.files`.
 *
 * @example
 * await client.files.upload(roomId, new Blob(['hello']), { filename: 'hello.txt', message: 'notes' })
 */
export class Files extends Endpoints {
  /**
   * The files of a room, at most 100 (`GET /rooms/{room_id}/files`).
   *
   * @example
   * const files = await client.files.list(roomId, { accountId: 1001 })
   */
  async list(roomId: Id, options: { accountId?: Id } & RequestOptions = {}): Promise<ChatworkFile[]> {
    const params = { account_id: idParam(options.accountId, 'accountId') }
    return this.request('GET /rooms/{room_id}/files', [roomId], { params, list: true, options })
  }

  /**
   * One file (`GET /rooms/{room_id}/files/{file_id}`); with `downloadUrl: true`, a `download_url` valid for 30 seconds.
   *
   * @example
   * const { download_url } = await client.files.get(roomId, fileId, { downloadUrl: true })
   */
  async get(roomId: Id, fileId: Id, options: { downloadUrl?: boolean } & RequestOptions = {}): Promise<ChatworkFile> {
    const params = { create_download_url: options.downloadUrl }
    return this.request('GET /rooms/{room_id}/files/{file_id}', [roomId, fileId], { params, options })
  }

  /**
   * Uploads a file (`POST /rooms/{room_id}/files`, multipart), optionally with
   * a message. `filename` defaults to the File's or the path's name,
   * `contentType` to the Blob's type or `application/octet-stream`.
   *
   * @example
   * await client.files.upload(roomId, new TextEncoder().encode('a,b\n1,2\n'), { filename: 'data.csv', contentType: 'text/csv' })
   */
  async upload(
    roomId: Id,
    file: UploadFile,
    options: { message?: string; filename?: string; contentType?: string } & RequestOptions = {},
  ): Promise<{ file_id: number }> {
    const { message, filename, contentType } = options
    const data = await toBytes(file)
    const name = (typeof file === 'string' ? file.split(/[\\/]/).pop() : (file as Partial<File>).name) || 'file'
    const type = contentType ?? ((file instanceof Blob && file.type) || 'application/octet-stream')
    const parts: MultipartPart[] = [{ name: 'file', filename: filename ?? name, contentType: type, data }]
    if (message !== undefined) parts.push({ name: 'message', value: message })
    return this.request('POST /rooms/{room_id}/files', [roomId], { multipart: encodeMultipart(parts), room: 'upload', options })
  }
}

async function toBytes(file: UploadFile): Promise<Uint8Array> {
  if (file instanceof Blob) return new Uint8Array(await file.arrayBuffer())
  if (typeof file === 'string') return readPath(file)
  if (file instanceof Uint8Array) return file
  throw new ChatworkArgumentError('file', 'file must be a Blob, a Uint8Array or a path')
}
