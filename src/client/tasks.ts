/** `client.tasks`: a room's tasks. */
import { Endpoints, idParam, type Id } from './call.ts'
import type { RequestOptions } from './request.ts'
import { sendableBody } from './body.ts'
import type { MessageBody } from '../markup/body.ts'
import type { RoomTask, TaskLimitType, TaskStatus } from './types.ts'
import { ChatworkArgumentError } from '../errors.ts'
import { oneOf, TASK_LIMIT_TYPES, TASK_STATUSES } from './arguments.ts'

/**
 * `tasks.create`: one task per assignee.
 *
 * @example
 * await client.tasks.create(roomId, { body: 'Review', toIds: [1002], limit: new Date('2030-01-31'), limitType: 'date' })
 */
export interface CreateTaskInput {
  body: MessageBody
  /** Assignees. */
  toIds: readonly Id[]
  /** Due time: a Date, or Unix seconds. */
  limit?: Date | number
  /** Sent only when given: Chatwork's default is undocumented (spec §5.20), so say what you mean. */
  limitType?: TaskLimitType
}

/**
 * `client.tasks`.
 *
 * @example
 * await client.tasks.create(roomId, { body: 'Review', toIds: [1002], limit: new Date('2030-01-01'), limitType: 'date' })
 */
export class Tasks extends Endpoints {
  /**
   * The tasks of a room, at most 100 (`GET /rooms/{room_id}/tasks`); Chatwork's default status is `open`.
   *
   * @example
   * const mine = await client.tasks.list(roomId, { accountId: me.account_id, status: 'open' })
   */
  async list(roomId: Id, options: { accountId?: Id; assignedByAccountId?: Id; status?: TaskStatus } & RequestOptions = {}): Promise<RoomTask[]> {
    const params = {
      account_id: idParam(options.accountId, 'accountId'),
      assigned_by_account_id: idParam(options.assignedByAccountId, 'assignedByAccountId'),
      status: oneOf(options.status, 'status', TASK_STATUSES),
    }
    return this.request('GET /rooms/{room_id}/tasks', [roomId], { params, list: true, options })
  }

  /**
   * Creates one task per assignee (`POST /rooms/{room_id}/tasks`). Shares the
   * room's posting window with messages.
   *
   * @example
   * const { task_ids } = await client.tasks.create(roomId, { body: 'Book the room', toIds: [1003] })
   */
  async create(roomId: Id, input: CreateTaskInput, options?: RequestOptions): Promise<{ task_ids: number[] }> {
    const params = {
      body: sendableBody(input.body, 0),
      to_ids: idParam(nonEmpty(input.toIds), 'toIds'),
      limit: input.limit,
      limit_type: oneOf(input.limitType, 'limitType', TASK_LIMIT_TYPES),
    }
    return this.request('POST /rooms/{room_id}/tasks', [roomId], { params, room: 'post', options })
  }

  /**
   * One task (`GET /rooms/{room_id}/tasks/{task_id}`).
   *
   * @example
   * const { status } = await client.tasks.get(roomId, taskId)
   */
  async get(roomId: Id, taskId: Id, options?: RequestOptions): Promise<RoomTask> {
    return this.request('GET /rooms/{room_id}/tasks/{task_id}', [roomId, taskId], { options })
  }

  /**
   * Completes (`'done'`) or reopens (`'open'`) a task (`PUT …/tasks/{task_id}/status`; the field is named `body`).
   *
   * @example
   * await client.tasks.setStatus(roomId, taskId, 'done')
   */
  async setStatus(roomId: Id, taskId: Id, status: TaskStatus, options?: RequestOptions): Promise<{ task_id: number }> {
    return this.request('PUT /rooms/{room_id}/tasks/{task_id}/status', [roomId, taskId], { params: { body: oneOf(status, 'status', TASK_STATUSES) }, options })
  }
}

/** A task needs an assignee: an empty list of ids is refused, not sent. */
function nonEmpty(ids: readonly Id[]): readonly Id[] {
  if (Array.isArray(ids) && ids.length === 0) throw new ChatworkArgumentError('toIds', 'toIds must be a non-empty list of account ids (one task per assignee)')
  return ids
}
