/** A room's tasks. */
import { LIST_CAP } from '../state/index.ts'
import { idList, integer, missing, oneOf, pathId } from '../params.ts'
import { ok, list, taskFields, STATUSES, LIMIT_TYPES, roomId, room, withinRoomBudget, type RouteTable } from './shared.ts'

export const taskRoutes: RouteTable = [
  ['GET', '/rooms/:roomId/tasks', (context) => {
    const { state, query } = context
    const assignee = integer(query, 'account_id')
    const by = integer(query, 'assigned_by_account_id')
    const status = oneOf(query, 'status', STATUSES) ?? 'open'
    const tasks = room(context).tasks.filter(
      (task) => task.status === status && (assignee === undefined || task.account_id === assignee) && (by === undefined || task.assigned_by_account_id === by),
    )
    return list(context, '/rooms/:roomId/tasks', tasks.slice(-LIST_CAP).map((task) => taskFields(state, task)))
  }],

  ['POST', '/rooms/:roomId/tasks', (context) => {
    const { state, form } = context
    const body = form.get('body')
    if (body === null) throw missing('body')
    const to = idList(form, 'to_ids')
    if (to === undefined) throw missing('to_ids')
    const limit = integer(form, 'limit')
    const limitType = oneOf(form, 'limit_type', LIMIT_TYPES)
    const target = room(context)
    state.checkBody(body, false)
    const tasks = withinRoomBudget(context, target.room_id, () => state.createTasks(context.actor, target.room_id, { body, to, limit, limitType }))
    return ok({ task_ids: tasks.map((task) => task.task_id) })
  }],

  ['GET', '/rooms/:roomId/tasks/:taskId', (context) => {
    const task = context.state.task(roomId(context), pathId(context.params.taskId!, 'Task'), context.actor)
    return ok(taskFields(context.state, task))
  }],

  ['PUT', '/rooms/:roomId/tasks/:taskId/status', (context) => {
    const status = oneOf(context.form, 'body', STATUSES)
    if (status === undefined) throw missing('body')
    const task = context.state.setTaskStatus(context.actor, roomId(context), pathId(context.params.taskId!, 'Task'), status)
    return ok({ task_id: task.task_id })
  }],
]
