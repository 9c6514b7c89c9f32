/** Your contacts. */
import { list, contactShape, type RouteTable } from './shared.ts'

export const contactRoutes: RouteTable = [
  ['GET', '/contacts', (context) => {
    const { state, actor } = context
    const contacts = [...(state.contacts.get(actor) ?? [])].map((id) => contactShape(state, id, state.directRoom(actor, id)?.room_id ?? 0))
    return list(context, '/contacts', contacts)
  }],
]
