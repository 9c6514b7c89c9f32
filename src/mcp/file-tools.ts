import { z } from 'zod'
import type { ToolContext } from './context.ts'
import type { ToolDefinition } from './tool.ts'

const roomId = z.number().int().positive().describe('The room id, from list_rooms')

/** `list_files`, `get_file`, `my_status`. */
export function fileTools(context: ToolContext): ToolDefinition<any>[] {
  return [
    {
      name: 'list_files',
      title: 'List files',
      description: 'Lists the files uploaded to a room: each with its file_id, name, size in bytes, uploader and upload time.',
      input: { room_id: roomId },
      writes: false,
      async run({ room_id }: { room_id: number }) {
        context.checkRoom(room_id)
        const files = await context.client.files.list(room_id)
        return { files: files.map((file) => ({ file_id: file.file_id, name: file.filename, size: file.filesize, uploaded_by: { account_id: file.account.account_id, name: file.account.name }, uploaded_at: new Date(file.upload_time * 1000).toISOString() })) }
      },
    },
    {
      name: 'get_file',
      title: 'Get a file',
      description: 'Gives one file of a room with a download URL, which works for a short time only.',
      input: { room_id: roomId, file_id: z.number().int().positive().describe('The file id, from list_files') },
      writes: false,
      async run({ room_id, file_id }: { room_id: number; file_id: number }) {
        context.checkRoom(room_id)
        const file = await context.client.files.get(room_id, file_id, { downloadUrl: true })
        return { file_id: file.file_id, name: file.filename, size: file.filesize, message_id: file.message_id, download_url: file.download_url ?? null }
      },
    },
    {
      name: 'my_status',
      title: 'My status',
      description: 'Gives your unread counts across Chatwork: rooms with unread messages, with mentions of you and with your tasks, and the totals.',
      input: {},
      writes: false,
      async run() {
        const status = await context.client.myStatus()
        return { ...status }
      },
    },
  ]
}
