import { z } from 'zod'
import type { ToolContext } from './context.ts'
import type { ToolDefinition } from './tool.ts'

const roomId = z.number().int().positive().describe('The room id, from list_rooms')

/** `list_rooms`, `get_room`, `list_members`. */
export function roomTools(context: ToolContext): ToolDefinition<any>[] {
  return [
    {
      name: 'list_rooms',
      title: 'List rooms',
      description: 'Lists the Chatwork rooms (chats) you can use: each with its room_id, name, type (my, direct or group), and how many unread messages and unread mentions of you it has. Start here to find the room_id other tools need.',
      input: {},
      writes: false,
      async run() {
        const rooms = (await context.client.rooms.list()).filter((room) => context.visible(room.room_id))
        return { rooms: rooms.map((room) => ({ room_id: room.room_id, name: room.name, type: room.type, unread: room.unread_num, mentions: room.mention_num, tasks: room.mytask_num })) }
      },
    },
    {
      name: 'get_room',
      title: 'Get a room',
      description: 'Gives one room: its name, type, your role in it, its description, and its counts of messages, files, tasks, unread messages and mentions.',
      input: { room_id: roomId },
      writes: false,
      async run({ room_id }: { room_id: number }) {
        context.checkRoom(room_id)
        const room = await context.client.rooms.get(room_id)
        return {
          room_id: room.room_id, name: room.name, type: room.type, role: room.role, description: room.description,
          unread: room.unread_num, mentions: room.mention_num, messages: room.message_num, files: room.file_num, tasks: room.task_num,
        }
      },
    },
    {
      name: 'list_members',
      title: 'List members',
      description: 'Lists the members of a room with their account_id, name and role. Use an account_id from here in send_message\'s mention or create_task\'s assignees.',
      input: { room_id: roomId },
      writes: false,
      async run({ room_id }: { room_id: number }) {
        const members = await context.members(room_id)
        return { members: members.map((member) => ({ account_id: member.account_id, name: member.name, role: member.role })) }
      },
    },
  ]
}
