/** Tasks: one per assignee, announced by a system message. */
import { MessageState } from './messages.ts'
import { badRequest, notFound, type EmulatorTask, type LimitType, type TaskStatus } from './model.ts'

/** The state with tasks. */
export class TaskState extends MessageState {
  /** The `limit_type` of a new task, from the caller's choice or the configured default. */
  protected limitType(given: LimitType | undefined, hasLimit: boolean): LimitType {
    if (given !== undefined) return given
    if (this.behavior.defaultLimitType !== 'auto') return this.behavior.defaultLimitType
    return hasLimit ? 'time' : 'none'
  }

  /** Creates one task per assignee, announced by one system message. */
  createTasks(actor: number, roomId: number, input: { body: string; to: number[]; limit?: number; limitType?: LimitType }): EmulatorTask[] {
    const room = this.writableRoom(roomId, actor)
    this.checkBody(input.body, false)
    if (input.to.length === 0) throw badRequest("Parameter 'to_ids' is required")
    for (const id of input.to) if (!room.members.has(id)) throw badRequest(`Account ${id} is not a member of the room`)
    const limitType = this.limitType(input.limitType, input.limit !== undefined)
    const limitTime = limitType === 'none' ? 0 : (input.limit ?? 0)
    const ltype = limitType === 'none' ? '' : ` ltype=${limitType}`
    const panels = input.to.map((id) => `[task aid=${id} st=open lt=${limitTime}${ltype}]${input.body}[/task]`).join('')
    const message = this.insertMessage(room, actor, `[info][title][dtext:task_added][/title]${panels}[/info]`)
    const tasks = input.to.map((id): EmulatorTask => ({
      task_id: this.nextTaskId++,
      room_id: roomId,
      account_id: id,
      assigned_by_account_id: actor,
      message_id: message.message_id,
      body: input.body,
      limit_time: limitTime,
      status: 'open',
      limit_type: limitType,
    }))
    // one by one: a spread of an unbounded list into a call overflows the stack (one task per assignee)
    for (const task of tasks) room.tasks.push(task)
    return tasks
  }

  task(roomId: number, taskId: number, actor?: number): EmulatorTask {
    const task = this.room(roomId, actor).tasks.find((candidate) => candidate.task_id === taskId)
    if (task === undefined) throw notFound('Task')
    return task
  }

  setTaskStatus(actor: number, roomId: number, taskId: number, status: TaskStatus): EmulatorTask {
    const task = this.task(roomId, taskId, actor)
    task.status = status
    return task
  }

}
