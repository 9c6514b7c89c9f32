/** Your account: `/me`, `/my/status`, `/my/tasks`. */
import { LIST_CAP } from '../state/index.ts'
import { integer, oneOf } from '../params.ts'
import { ok, list, taskFields, STATUSES, type RouteTable } from './shared.ts'

export const meRoutes: RouteTable = [
  ['GET', '/me', ({ state, actor }) => ok(state.account(actor))],

  ['GET', '/my/status', ({ state, actor }) => {
    const status = { unread_room_num: 0, mention_room_num: 0, mytask_room_num: 0, unread_num: 0, mention_num: 0, mytask_num: 0 }
    for (const candidate of state.rooms.values()) {
      if (!candidate.members.has(actor)) continue
      const { unread_num, mention_num } = state.counters(candidate, actor)
      const mytasks = candidate.tasks.filter((task) => task.account_id === actor && task.status === 'open').length
      status.unread_num += unread_num
      status.mention_num += mention_num
      status.mytask_num += mytasks
      if (unread_num > 0) status.unread_room_num++
      if (mention_num > 0) status.mention_room_num++
      if (mytasks > 0) status.mytask_room_num++
    }
    return ok(status)
  }],

  ['GET', '/my/tasks', (context) => {
    const { state, actor, query } = context
    const by = integer(query, 'assigned_by_account_id')
    const status = oneOf(query, 'status', STATUSES) ?? 'open'
    const tasks = []
    for (const candidate of state.rooms.values()) {
      if (!candidate.members.has(actor)) continue
      for (const task of candidate.tasks) {
        if (task.account_id !== actor || task.status !== status || (by !== undefined && task.assigned_by_account_id !== by)) continue
        const { task_id, account: _, ...fields } = taskFields(state, task)
        tasks.push({ task_id, room: { room_id: candidate.room_id, name: candidate.name, icon_path: candidate.icon_path }, ...fields })
      }
    }
    return list(context, '/my/tasks', tasks.slice(-LIST_CAP))
  }],
]
