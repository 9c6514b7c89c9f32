/** The shapes the UI's API answers (see ../emulator-routes.ts). */
export interface AccountView {
  account_id: number
  name: string
  organization_name: string
}

export interface RoomItem {
  room_id: number
  name: string
  type: 'my' | 'direct' | 'group'
  role?: string
  unread_num?: number
  mention_num?: number
  last_update_time?: number
}

export interface MessageView {
  message_id: string
  account_id: number
  body: string
  send_time: number
  update_time: number
}

export interface RoomDetail {
  room: RoomItem
  members: { account_id: number; role: string }[]
  messages: MessageView[]
  files: { file_id: number; filename: string; filesize: number }[]
  accounts: AccountView[]
}

export interface DeliveryView {
  id: number
  settingId: string
  eventType: string
  url: string
  body: string
  signature: string
  status: number
  responseSize: number
  ok: boolean
  error?: string
  time: number
  durationMs?: number
}

export interface RequestView {
  id: number
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: string
  status: number
  time: number
  responseHeaders?: Record<string, string>
}

export interface Activity {
  settings: { id: string; url: string; events: string[]; accountId: number; roomId?: number; enabled: boolean }[]
  deliveries: DeliveryView[]
  requests: RequestView[]
}
