/** A room's invite link. */
import { ok, linkShape, roomId, room, linkInput, type RouteTable } from './shared.ts'

export const linkRoutes: RouteTable = [
  ['GET', '/rooms/:roomId/link', (context) => ok(linkShape(room(context)))],

  ['POST', '/rooms/:roomId/link', (context) => {
    context.state.createLink(context.actor, roomId(context), linkInput(context.form, 'code', 'need_acceptance'))
    return ok(linkShape(room(context)))
  }],

  ['PUT', '/rooms/:roomId/link', (context) => {
    context.state.updateLink(context.actor, roomId(context), linkInput(context.form, 'code', 'need_acceptance'))
    return ok(linkShape(room(context)))
  }],

  ['DELETE', '/rooms/:roomId/link', (context) => {
    context.state.deleteLink(context.actor, roomId(context))
    return ok({ public: false })
  }],
]
