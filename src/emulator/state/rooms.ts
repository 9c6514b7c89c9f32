/** Group chats: creating, changing, leaving and deleting them, and their membership. */
import { LinkState } from './links.ts'
import { badRequest, iconPath, type EmulatorLink, type EmulatorRoom, type IconPreset, type MemberLists, type Role } from './model.ts'

/** The state with group chats and their members. */
export class RoomState extends LinkState {
  /**
   * Checks member lists and returns them as one id → role map. Over the API,
   * members must be the caller's contacts or colleagues (or already members);
   * `trusted` (seeds and helpers, which shape the world) skips that check.
   */
  protected memberMap(actor: number, lists: MemberLists, current?: EmulatorRoom, trusted = false): Map<number, Role> {
    const map = new Map<number, Role>()
    const roles: [Role, number[] | undefined][] = [['admin', lists.admin], ['member', lists.member], ['readonly', lists.readonly]]
    for (const [role, ids] of roles) {
      for (const id of ids ?? []) {
        if (!this.accounts.has(id)) throw badRequest(`Account ${id} does not exist`)
        if (!trusted && !current?.members.has(id) && !this.canInvite(actor, id)) {
          throw badRequest(`Account ${id} is neither your contact nor in your organization`)
        }
        if (map.has(id)) throw badRequest(`Account ${id} is listed twice`)
        map.set(id, role)
      }
    }
    if (![...map.values()].includes('admin')) throw badRequest("Parameter 'members_admin_ids' is required")
    return map
  }

  /** Creates a group chat; `trusted` skips the contact check (see `memberMap`). */
  createRoom(
    actor: number,
    input: { name: string; description?: string; iconPreset?: IconPreset; members: MemberLists; link?: Partial<EmulatorLink> },
    trusted = false,
  ): EmulatorRoom {
    this.account(actor)
    const members = this.memberMap(actor, input.members, undefined, trusted)
    if (this.behavior.addCreatorToRoom && !members.has(actor)) members.set(actor, 'admin')
    if (input.link !== undefined) this.checkLinkCode(input.link.code)
    const room = this.createRoomRecord('group', input.name, input.description ?? '', iconPath(input.iconPreset ?? 'group'))
    room.members = members
    if (input.link !== undefined) room.link = this.newLink(input.link)
    return room
  }

  updateRoom(actor: number, roomId: number, input: { name?: string; description?: string; iconPreset?: IconPreset }): EmulatorRoom {
    const room = this.adminGroup(roomId, actor)
    if (input.name !== undefined) room.name = input.name
    if (input.description !== undefined) room.description = input.description
    if (input.iconPreset !== undefined) room.icon_path = iconPath(input.iconPreset)
    room.last_update_time = this.now()
    return room
  }

  /** Leaves a group chat: the leaver's tasks there and the files they uploaded go too (spec §5.9). */
  leaveRoom(actor: number, roomId: number): void {
    const room = this.room(roomId, actor)
    if (room.type !== 'group') throw badRequest('Only group chats can be left')
    room.members.delete(actor)
    room.unread.delete(actor)
    room.sticky.delete(actor)
    room.tasks = room.tasks.filter((task) => task.account_id !== actor)
    room.files = room.files.filter((file) => file.account_id !== actor)
    if (room.members.size === 0) this.dropRoom(room)
  }

  /** Deletes a group chat with everything in it, for everyone. */
  deleteRoom(actor: number, roomId: number): void {
    this.dropRoom(this.adminGroup(roomId, actor))
  }

  protected dropRoom(room: EmulatorRoom): void {
    this.rooms.delete(room.room_id)
    const suffix = `\0${room.room_id}`
    for (const key of this.cursors.keys()) if (key.endsWith(suffix)) this.cursors.delete(key)
  }

  /** Replaces the membership; members left out of every list are removed (spec §5.11). */
  setMembers(actor: number, roomId: number, lists: MemberLists): EmulatorRoom {
    const room = this.adminGroup(roomId, actor)
    const members = this.memberMap(actor, lists, room)
    for (const id of room.members.keys()) {
      if (!members.has(id)) {
        room.unread.delete(id)
        room.sticky.delete(id)
      }
    }
    room.members = members
    room.last_update_time = this.now()
    return room
  }

}
