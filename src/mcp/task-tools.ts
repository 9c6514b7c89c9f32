import { z } from 'zod'
import { ChatworkToolError } from './tool-error.ts'
import { message } from '../markup/builder.ts'
import type { ToolContext } from './context.ts'
import type { ToolDefinition } from './tool.ts'

const roomId = z.number().int().positive().describe('The room id, from list_rooms')

const due = (time: number) => (time === 0 ? null : new Date(time * 1000).toISOString())

/** `create_task`, `list_tasks`, `complete_task`, `my_tasks`. */
export function taskTools(context: ToolContext): ToolDefinition<any>[] {
  return [
    {
      name: 'create_task',
      title: 'Create a task',
      description: 'Creates a task in a room for one or more members (account ids from list_members), with an optional due date. The body is plain text.',
      input: {
        room_id: roomId,
        body: z.string().min(1).describe('What is to be done, as plain text'),
        assignees: z.array(z.number().int().positive()).min(1).describe('Account ids of the members who are to do it'),
        due: z.string().datetime({ offset: true }).optional().describe('Due time, ISO 8601 (e.g. 2025-01-31T18:00:00+09:00)'),
      },
      writes: true,
      async run({ room_id, body, assignees, due: dueAt }: { room_id: number; body: string; assignees: number[]; due?: string }) {
        const members = new Set((await context.members(room_id)).map((member) => member.account_id))
        const strangers = assignees.filter((id) => !members.has(id))
        if (strangers.length > 0) throw new ChatworkToolError(`accounts ${strangers.join(', ')} are not members of room ${room_id}; list_members gives the members`)
        const { task_ids } = await context.client.tasks.create(room_id, { body: message().text(body), toIds: assignees, ...(dueAt === undefined ? {} : { limit: new Date(dueAt), limitType: 'time' as const }) })
        return { task_ids }
      },
    },
    {
      name: 'list_tasks',
      title: 'List tasks',
      description: 'Lists the tasks of a room, open ones by default: each with its task_id, body, assignee, who assigned it, due date and status.',
      input: { room_id: roomId, status: z.enum(['open', 'done']).optional().describe('open (default) or done') },
      writes: false,
      async run({ room_id, status }: { room_id: number; status?: 'open' | 'done' }) {
        context.checkRoom(room_id)
        const tasks = await context.client.tasks.list(room_id, { status: status ?? 'open' })
        return {
          tasks: tasks.map((task) => ({
            task_id: task.task_id, body: task.body, status: task.status, due: due(task.limit_time),
            assignee: { account_id: task.account.account_id, name: task.account.name },
            assigned_by: { account_id: task.assigned_by_account.account_id, name: task.assigned_by_account.name },
          })),
        }
      },
    },
    {
      name: 'complete_task',
      title: 'Complete a task',
      description: 'Marks a task of a room as done (task ids come from list_tasks or my_tasks); the assigner sees it completed.',
      input: { room_id: roomId, task_id: z.number().int().positive().describe('The task id, from list_tasks') },
      writes: true,
      async run({ room_id, task_id }: { room_id: number; task_id: number }) {
        context.checkRoom(room_id)
        await context.client.tasks.setStatus(room_id, task_id, 'done')
        return { task_id, status: 'done' }
      },
    },
    {
      name: 'my_tasks',
      title: 'My tasks',
      description: 'Lists the open tasks assigned to you, in every room you can see, with the room, body, due date and who assigned them.',
      input: {},
      writes: false,
      async run() {
        const tasks = (await context.client.myTasks()).filter((task) => context.visible(task.room.room_id))
        return {
          tasks: tasks.map((task) => ({
            task_id: task.task_id, body: task.body, status: task.status, due: due(task.limit_time),
            room: { room_id: task.room.room_id, name: task.room.name },
            assigned_by: { account_id: task.assigned_by_account.account_id, name: task.assigned_by_account.name },
          })),
        }
      },
    },
  ]
}
