/** Uploaded files, announced by a system message. */
import { TaskState } from './tasks.ts'
import { badRequest, notFound, type EmulatorFile } from './model.ts'

/** The state with files. */
export class FileState extends TaskState {
  /** Stores an upload and posts its notice (with `message` above it, when given). */
  uploadFile(actor: number, roomId: number, input: { filename: string; content: Uint8Array; contentType?: string; message?: string }): EmulatorFile {
    const room = this.writableRoom(roomId, actor)
    if (input.filename === '') throw badRequest("Parameter 'file' is required")
    const fileId = this.nextFileId++
    const text = input.message === undefined || input.message === '' ? '' : `${input.message}\n`
    const body = `${text}[info][title][dtext:file_uploaded][/title][download:${fileId}]${input.filename} (${formatSize(input.content.byteLength)})[/download][/info]`
    const message = this.insertMessage(room, actor, body)
    const file: EmulatorFile = {
      file_id: fileId,
      room_id: roomId,
      account_id: actor,
      message_id: message.message_id,
      filename: input.filename,
      filesize: input.content.byteLength,
      upload_time: message.send_time,
      content_type: input.contentType ?? 'application/octet-stream',
      content: input.content,
    }
    room.files.push(file)
    return file
  }

  file(roomId: number, fileId: number, actor?: number): EmulatorFile {
    const file = this.room(roomId, actor).files.find((candidate) => candidate.file_id === fileId)
    if (file === undefined) throw notFound('File')
    return file
  }

}

/** A file size the way Chatwork's upload notice prints it (`0 B`, `1.2 KB`, `3.4 MB`). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}
