/** `client.rooms`: group chats and their members. */
import { ChatworkArgumentError } from '../errors.ts'
import { Endpoints, idParam, type Id } from './call.ts'
import type { RequestOptions } from './request.ts'
import type { IconPreset, Member, Room, RoomDetail, RoomMembers } from './types.ts'
import { ICON_PRESETS, linkCode, oneOf, roomName, text } from './arguments.ts'

/**
 * Room membership by role, as account ids; `adminIds` needs at least one.
 *
 * @example
 * await client.rooms.setMembers(roomId, { adminIds: [1001], memberIds: [1002, 1003], readonlyIds: [] })
 */
export interface MemberIds {
  adminIds: readonly Id[]
  memberIds?: readonly Id[]
  readonlyIds?: readonly Id[]
}

/**
 * `rooms.create`: a group chat.
 *
 * @example
 * await client.rooms.create({ name: 'Launch', adminIds: [1001], iconPreset: 'star', link: true, linkNeedAcceptance: false })
 */
export interface CreateRoomInput extends MemberIds {
  /** 1 to 255 characters. */
  name: string
  description?: string
  iconPreset?: IconPreset
  /** Create an invite link too. */
  link?: boolean
  /** The link's code (1 to 50 of `A-Za-z0-9_-`); random if omitted. */
  linkCode?: string
  /** Whether joining by the link needs an admin's approval (Chatwork's default: yes). */
  linkNeedAcceptance?: boolean
}

/**
 * `rooms.update`: what to change.
 *
 * @example
 * await client.rooms.update(roomId, { name: 'Launch (done)' })
 */
export interface UpdateRoomInput {
  name?: string
  description?: string
  iconPreset?: IconPreset
}

/**
 * `client.rooms`.
 *
 * @example
 * const { room_id } = await client.rooms.create({ name: 'Launch', adminIds: [me.account_id] })
 */
export class Rooms extends Endpoints {
  /**
   * Every chat you are in (`GET /rooms`); list items have no `description`.
   *
   * @example
   * const groups = (await client.rooms.list()).filter((room) => room.type === 'group')
   */
  async list(options?: RequestOptions): Promise<Room[]> {
    return this.request('GET /rooms', [], { list: true, options })
  }

  /**
   * Creates a group chat (`POST /rooms`).
   *
   * @example
   * const { room_id } = await client.rooms.create({ name: 'Launch', adminIds: [1], memberIds: [2, 3], link: true })
   */
  async create(input: CreateRoomInput, options?: RequestOptions): Promise<{ room_id: number }> {
    const params = {
      name: roomName(input.name ?? ''),
      ...memberParams(input),
      description: text(input.description, 'description'),
      icon_preset: oneOf(input.iconPreset, 'iconPreset', ICON_PRESETS),
      link: input.link,
      link_code: linkCode(input.linkCode, 'linkCode'),
      link_need_acceptance: input.linkNeedAcceptance,
    }
    return this.request('POST /rooms', [], { params, options })
  }

  /**
   * One room, with its description (`GET /rooms/{room_id}`).
   *
   * @example
   * const { description } = await client.rooms.get(roomId)
   */
  async get(roomId: Id, options?: RequestOptions): Promise<RoomDetail> {
    return this.request('GET /rooms/{room_id}', [roomId], { options })
  }

  /**
   * Changes a group chat's name, description or icon (`PUT /rooms/{room_id}`).
   *
   * @example
   * await client.rooms.update(roomId, { description: 'Weekly sync' })
   */
  async update(roomId: Id, input: UpdateRoomInput, options?: RequestOptions): Promise<{ room_id: number }> {
    const params = { name: roomName(input.name), description: text(input.description, 'description'), icon_preset: oneOf(input.iconPreset, 'iconPreset', ICON_PRESETS) }
    return this.request('PUT /rooms/{room_id}', [roomId], { params, options })
  }

  /**
   * Leaves a group chat; your tasks and files there are deleted (`DELETE /rooms/{room_id}`, `action_type=leave`).
   *
   * @example
   * await client.rooms.leave(roomId)
   */
  async leave(roomId: Id, options?: RequestOptions): Promise<void> {
    return this.#remove(roomId, 'leave', options)
  }

  /**
   * Deletes a group chat for everyone, with all its messages, tasks and files (`action_type=delete`).
   *
   * @example
   * await client.rooms.delete(roomId)
   */
  async delete(roomId: Id, options?: RequestOptions): Promise<void> {
    return this.#remove(roomId, 'delete', options)
  }

  #remove(roomId: Id, action: 'leave' | 'delete', options: RequestOptions | undefined): Promise<void> {
    // In the form body, as Chatwork's own example sends it (spec §1.3).
    const params = { action_type: action }
    return this.request('DELETE /rooms/{room_id}', [roomId], { params, repeatable: false, empty: true, options })
  }

  /**
   * The members of a room (`GET /rooms/{room_id}/members`).
   *
   * @example
   * const admins = (await client.rooms.members(roomId)).filter((member) => member.role === 'admin')
   */
  async members(roomId: Id, options?: RequestOptions): Promise<Member[]> {
    return this.request('GET /rooms/{room_id}/members', [roomId], { list: true, options })
  }

  /**
   * Replaces the whole membership (`PUT /rooms/{room_id}/members`): anyone left out is removed.
   *
   * @example
   * const { admin, member } = await client.rooms.setMembers(roomId, { adminIds: [1], memberIds: [2] })
   */
  async setMembers(roomId: Id, input: MemberIds, options?: RequestOptions): Promise<RoomMembers> {
    return this.request('PUT /rooms/{room_id}/members', [roomId], { params: memberParams(input), options })
  }
}

function memberParams(input: MemberIds) {
  if (input.adminIds.length === 0) throw new ChatworkArgumentError('adminIds', 'adminIds needs at least one account id')
  return {
    members_admin_ids: idParam(input.adminIds, 'adminIds'),
    members_member_ids: idParam(input.memberIds, 'memberIds'),
    members_readonly_ids: idParam(input.readonlyIds, 'readonlyIds'),
  }
}
