/** A room's messages. */
import { flag, optionalString, requiredString } from '../params.ts'
import { ok, list, messageShape, roomId, room, messageIdParam, withinRoomBudget, limitation, type RouteTable } from './shared.ts'

export const messageRoutes: RouteTable = [
  ['GET', '/rooms/:roomId/messages', (context) => {
    const { state, settings } = context
    const force = flag(context.query, 'force') ?? false
    const target = room(context)
    const messages = state.readMessages(context.token, context.actor, target.room_id, { force, advanceOnForce: settings.forceAdvancesCursor })
    const limited = limitation(context, target)
    const visible = limited === undefined ? messages : messages.filter(limited.visible)
    const headers = limited !== undefined && visible.length < messages.length ? limited.headers : undefined
    return list(context, '/rooms/:roomId/messages', visible.map((message) => messageShape(state, message)), headers)
  }],

  ['POST', '/rooms/:roomId/messages', (context) => {
    const { state, form } = context
    const body = requiredString(form, 'body')
    const selfUnread = flag(form, 'self_unread') ?? false
    const target = room(context)
    state.checkBody(body, true)
    const message = withinRoomBudget(context, target.room_id, () => state.postMessage(context.actor, target.room_id, body, { selfUnread }))
    return ok({ message_id: message.message_id })
  }],

  ['PUT', '/rooms/:roomId/messages/read', (context) => {
    const given = optionalString(context.form, 'message_id')
    const messageId = given === undefined ? undefined : messageIdParam(given)
    const target = context.state.markRead(context.actor, roomId(context), messageId)
    return ok(context.state.counters(target, context.actor))
  }],

  ['PUT', '/rooms/:roomId/messages/unread', (context) => {
    const messageId = messageIdParam(requiredString(context.form, 'message_id'))
    const target = context.state.markUnread(context.actor, roomId(context), messageId)
    return ok(context.state.counters(target, context.actor))
  }],

  ['GET', '/rooms/:roomId/messages/:messageId', (context) => {
    const target = room(context)
    const message = context.state.message(target.room_id, messageIdParam(context.params.messageId))
    const limited = limitation(context, target)
    if (limited !== undefined && !limited.visible(message)) return { status: 404, body: { errors: ['Message not found'] }, headers: limited.headers }
    return ok(messageShape(context.state, message))
  }],

  ['PUT', '/rooms/:roomId/messages/:messageId', (context) => {
    const body = requiredString(context.form, 'body')
    const message = context.state.editMessage(context.actor, roomId(context), messageIdParam(context.params.messageId), body)
    return ok({ message_id: message.message_id })
  }],

  ['DELETE', '/rooms/:roomId/messages/:messageId', (context) => {
    const messageId = messageIdParam(context.params.messageId)
    context.state.deleteMessage(context.actor, roomId(context), messageId)
    return ok({ message_id: messageId })
  }],
]
