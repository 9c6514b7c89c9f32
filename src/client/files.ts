/** `client.files`: a room's files, and uploads. */
import { ChatworkArgumentError } from '../errors.ts'
import { Endpoints, idParam, type Id } from './call.ts'
import type { RequestOptions } from './request.ts'
import type { ChatworkFile } from './types.ts'

/**
 * A file to upload: a Blob or File, bytes, or (on Node, Bun and Deno) a path.
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
    const blob = await toBlob(file)
    const name = (typeof file === 'string' ? file.split(/[\\/]/).pop() : (blob as File).name) || 'file'
    const form = new FormData()
    form.append('file', contentType ? new Blob([blob], { type: contentType }) : blob, filename ?? name)
    if (message !== undefined) form.append('message', message)
    return this.request('POST /rooms/{room_id}/files', [roomId], { form, room: 'upload', options })
  }
}

async function toBlob(file: UploadFile): Promise<Blob> {
  if (file instanceof Blob) return file
  if (typeof file === 'string') {
    // Loaded only for paths, so the client still runs where there is no file system.
    const { readFile } = await import('node:fs/promises')
    file = await readFile(file)
  }
  if (file instanceof Uint8Array) return new Blob([file as Uint8Array<ArrayBuffer>])
  throw new ChatworkArgumentError('file', 'file must be a Blob, a Uint8Array or a path')
}
