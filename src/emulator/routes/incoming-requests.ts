/** The contact requests sent to you. */
import { LIST_CAP } from '../state/index.ts'
import { pathId } from '../params.ts'
import { ok, NO_CONTENT, list, person, contactShape, type RouteTable } from './shared.ts'

export const incomingRequestRoutes: RouteTable = [
  ['GET', '/incoming_requests', (context) => {
    const { state, actor } = context
    const requests = [...state.requests.values()]
      .filter((request) => request.to_account_id === actor)
      .slice(0, LIST_CAP)
      .map((request) => ({ request_id: request.request_id, account_id: request.account_id, message: request.message, ...person(state.account(request.account_id)) }))
    return list(context, '/incoming_requests', requests)
  }],

  ['PUT', '/incoming_requests/:requestId', (context) => {
    const { request, room: direct } = context.state.acceptRequest(context.actor, pathId(context.params.requestId!, 'Contact request'))
    return ok(contactShape(context.state, request.account_id, direct.room_id))
  }],

  ['DELETE', '/incoming_requests/:requestId', (context) => {
    context.state.declineRequest(context.actor, pathId(context.params.requestId!, 'Contact request'))
    return NO_CONTENT
  }],
]
