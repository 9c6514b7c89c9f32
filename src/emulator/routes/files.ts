/** A room's files and uploads. */
import { ChatworkEmulatorError } from '../../errors.ts'
import { LIST_CAP } from '../state/index.ts'
import { flag, integer, missing, pathId } from '../params.ts'
import { MAX_FILE_BYTES, ok, list, fileShape, roomId, room, withinRoomBudget, type RouteTable } from './shared.ts'

export const fileRoutes: RouteTable = [
  ['GET', '/rooms/:roomId/files', (context) => {
    const uploader = integer(context.query, 'account_id')
    const files = room(context).files.filter((file) => uploader === undefined || file.account_id === uploader)
    return list(context, '/rooms/:roomId/files', files.slice(-LIST_CAP).map((file) => fileShape(context.state, file)))
  }],

  ['POST', '/rooms/:roomId/files', async (context) => {
    const target = room(context)
    const data = context.multipart()
    const file = data.get('file')
    if (file === null || typeof file === 'string') throw missing('file')
    if (file.size > MAX_FILE_BYTES) throw new ChatworkEmulatorError(400, 'The file must be at most 5 MB')
    const message = data.get('message')
    if (typeof message === 'string') context.state.checkBody(message, false)
    const content = new Uint8Array(await file.arrayBuffer())
    const upload = () => context.state.uploadFile(context.actor, target.room_id, {
      filename: file.name,
      content,
      contentType: file.type || undefined,
      message: typeof message === 'string' ? message : undefined,
    })
    const stored = context.limiter.options.uploadsCountTowardsRoomLimit ? withinRoomBudget(context, target.room_id, upload) : upload()
    return ok({ file_id: stored.file_id })
  }],

  ['GET', '/rooms/:roomId/files/:fileId', (context) => {
    const file = context.state.file(roomId(context), pathId(context.params.fileId!, 'File'), context.actor)
    const shape = fileShape(context.state, file)
    return ok(flag(context.query, 'create_download_url') ? { ...shape, download_url: context.downloadUrl(file) } : shape)
  }],
]
