/** Rooms and their members. */
import { ICON_PRESETS, MAX_ROOM_NAME_LENGTH } from '../state/index.ts'
import { flag, missing, oneOf, optionalString, requiredString, text } from '../params.ts'
import { ok, NO_CONTENT, person, roomItem, roomId, room, memberLists, linkInput, type RouteTable } from './shared.ts'

export const roomRoutes: RouteTable = [
  ['GET', '/rooms', ({ state, actor }) => {
    const rooms = [...state.rooms.values()].filter((candidate) => candidate.members.has(actor))
    return ok(rooms.map((candidate) => roomItem(state, candidate, actor)))
  }],

  ['POST', '/rooms', ({ state, actor, form }) => {
    const name = requiredString(form, 'name')
    text(form, 'name', { max: MAX_ROOM_NAME_LENGTH })
    const members = memberLists(form)
    const wantsLink = flag(form, 'link') ?? false
    const link = linkInput(form, 'link_code', 'link_need_acceptance')
    const created = state.createRoom(actor, {
      name,
      description: optionalString(form, 'description'),
      iconPreset: oneOf(form, 'icon_preset', ICON_PRESETS),
      members,
      link: wantsLink ? { code: link.code, need_acceptance: link.need_acceptance } : undefined,
    })
    return ok({ room_id: created.room_id })
  }],

  ['GET', '/rooms/:roomId', (context) => {
    const target = room(context)
    return ok({ ...roomItem(context.state, target, context.actor), description: target.description })
  }],

  ['PUT', '/rooms/:roomId', (context) => {
    const { form } = context
    const updated = context.state.updateRoom(context.actor, roomId(context), {
      name: text(form, 'name', { min: 1, max: MAX_ROOM_NAME_LENGTH }),
      description: optionalString(form, 'description'),
      iconPreset: oneOf(form, 'icon_preset', ICON_PRESETS),
    })
    return ok({ room_id: updated.room_id })
  }],

  ['DELETE', '/rooms/:roomId', (context) => {
    const { form, query, settings } = context
    const source = form.has('action_type') || !settings.deleteActionTypeFromQuery ? form : query
    const action = oneOf(source, 'action_type', ['leave', 'delete'] as const)
    if (action === undefined) throw missing('action_type')
    if (action === 'leave') context.state.leaveRoom(context.actor, roomId(context))
    else context.state.deleteRoom(context.actor, roomId(context))
    return NO_CONTENT
  }],

  ['GET', '/rooms/:roomId/members', (context) => {
    const target = room(context)
    return ok([...target.members].map(([id, role]) => ({ account_id: id, role, ...person(context.state.account(id)) })))
  }],

  ['PUT', '/rooms/:roomId/members', (context) => {
    const updated = context.state.setMembers(context.actor, roomId(context), memberLists(context.form))
    const result = { admin: [] as number[], member: [] as number[], readonly: [] as number[] }
    for (const [id, role] of updated.members) result[role].push(id)
    return ok(result)
  }],
]
