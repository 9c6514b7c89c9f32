/**
 * The emulator's web app (and, in playground mode, the compose pane alone).
 * Views by URL hash: `#/room/<id>` (timeline and compose), `#/activity`,
 * `#/playground`. Live updates come from the server's event stream.
 */
import type { HtmlOptions } from '../../../render/html/index.ts'
import { createActivity } from './activity.ts'
import { getJson, postJson, subscribe } from './api.ts'
import { createCompose } from './compose.ts'
import { h, replaceChildren } from './dom.ts'
import { messageItem } from './timeline.ts'
import type { AccountView, Activity, DeliveryView, MessageView, RequestView, RoomDetail, RoomItem } from './types.ts'

const root = document.getElementById('app')!
const mode = root.dataset.mode === 'playground' ? 'playground' : 'emulator'

const accounts = new Map<number, AccountView>()
const avatarUrl = (accountId: number) => `${location.origin}/ui/avatar/${accountId}.svg`

function renderOptions(files: RoomDetail['files'] = []): HtmlOptions {
  const byId = new Map(files.map((file) => [file.file_id, { name: file.filename }]))
  return {
    accounts: (accountId) => {
      const account = accounts.get(accountId)
      return account === undefined ? undefined : { name: account.name, avatarUrl: mode === 'emulator' ? avatarUrl(accountId) : undefined }
    },
    files: (fileId) => byId.get(fileId),
    messageUrl: (roomId, messageId) => `${location.origin}/#/room/${roomId}/${messageId}`,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  }
}

function startPlayground(): void {
  const compose = createCompose({ renderOptions: () => renderOptions() })
  root.replaceChildren(
    h('header', { class: 'topbar' }, h('h1', {}, 'Chatwork markup playground')),
    h('main', { id: 'main', class: 'playground' }, h('p', { class: 'hint' }, 'Type markup: the preview, the lint diagnostics, the tree and the mentions follow as you type. Nothing is sent anywhere.'), compose.element),
  )
}

async function startEmulatorApp(): Promise<void> {
  const { mainAccountId, accounts: list } = await getJson<{ mainAccountId: number; accounts: AccountView[] }>('/ui/api/accounts')
  const setAccounts = (views: AccountView[]) => {
    accounts.clear()
    for (const account of views) accounts.set(account.account_id, account)
  }
  setAccounts(list)
  let viewingAs = mainAccountId
  let rooms: RoomItem[] = []
  let room: RoomDetail | undefined
  let activity: Activity = { settings: [], deliveries: [], requests: [] }
  let view: 'room' | 'activity' | 'playground' = 'room'

  const viewing = h('select', { id: 'viewing-as' })
  const roomList = h('ul', { class: 'room-list' })
  const main = h('main', { id: 'main', tabindex: -1 })
  const timelineTitle = h('h2', { id: 'timeline-title' })
  const timeline = h('ol', { class: 'timeline', 'aria-labelledby': 'timeline-title' })
  const markRead = h('button', { type: 'button', class: 'secondary', onclick: () => void read() }, 'Mark all read')
  const activityView = createActivity()
  const playground = createCompose({ renderOptions: () => renderOptions() })
  const nameOf = (accountId: number) => accounts.get(accountId)?.name ?? `#${accountId}`

  const compose = createCompose({
    renderOptions: () => renderOptions(room?.files),
    hooks: {
      senders: () => {
        const members = (room?.members ?? []).filter((member) => member.role !== 'readonly').map((member) => ({ account_id: member.account_id, name: nameOf(member.account_id) }))
        return { accounts: members, selected: members.some((member) => member.account_id === viewingAs) ? viewingAs : (members[0]?.account_id ?? viewingAs) }
      },
      send: async (as, body) => {
        if (room === undefined) return 'No room is open.'
        const answer = await postJson<{ errors?: string[] }>(`/ui/api/rooms/${room.room.room_id}/messages`, { as, body })
        return answer.status === 200 ? undefined : `Not sent: HTTP ${answer.status}${answer.json.errors ? `: ${answer.json.errors.join('; ')}` : ''}`
      },
    },
  })

  async function read(): Promise<void> {
    if (room === undefined) return
    await postJson(`/ui/api/rooms/${room.room.room_id}/read`, { as: viewingAs })
    await loadRooms()
  }

  function renderViewing(): void {
    replaceChildren(viewing, [...accounts.values()].map((account) => h('option', { value: account.account_id, selected: account.account_id === viewingAs }, `${account.name} (${account.account_id})`)))
  }

  function renderRooms(): void {
    const current = room?.room.room_id
    replaceChildren(
      roomList,
      rooms.map((item) => {
        const unread = item.unread_num ?? 0
        const mention = item.mention_num ?? 0
        return h(
          'li',
          {},
          h(
            'a',
            { href: `#/room/${item.room_id}`, class: 'room-link', 'aria-current': item.room_id === current && view === 'room' ? 'page' : undefined, 'data-room-id': item.room_id },
            h('span', { class: 'room-name' }, item.name),
            unread > 0 ? h('span', { class: 'badge unread', title: `${unread} unread`, 'aria-label': `${unread} unread` }, String(unread)) : null,
            mention > 0 ? h('span', { class: 'badge mention', title: `${mention} mentions`, 'aria-label': `${mention} mentions` }, `@${mention}`) : null,
          ),
        )
      }),
    )
  }

  function renderTimeline(): void {
    if (room === undefined) return
    const roomId = room.room.room_id
    timelineTitle.textContent = room.room.name
    const options = renderOptions(room.files)
    replaceChildren(
      timeline,
      room.messages.map((message) =>
        messageItem(message, {
          roomId,
          render: options,
          name: nameOf,
          avatar: avatarUrl,
          onReply: (replied: MessageView) => compose.insertMarkup(`[rp aid=${replied.account_id} to=${roomId}-${replied.message_id}]${nameOf(replied.account_id)}\n`),
        }),
      ),
    )
    timeline.lastElementChild?.scrollIntoView({ block: 'end' })
  }

  function renderMain(): void {
    if (view === 'activity') {
      replaceChildren(main, activityView.element)
      activityView.render(activity)
    } else if (view === 'playground') {
      replaceChildren(main, h('section', { class: 'playground', 'aria-label': 'Playground' }, h('h2', {}, 'Playground'), playground.element))
    } else if (room === undefined) {
      replaceChildren(main, h('p', {}, 'Choose a room.'))
    } else {
      replaceChildren(main, h('section', { class: 'room' }, h('div', { class: 'room-head' }, timelineTitle, markRead), timeline), h('section', { class: 'compose-pane', 'aria-label': 'Compose' }, compose.element))
      renderTimeline()
    }
    renderRooms()
  }

  async function loadRooms(): Promise<void> {
    rooms = await getJson<RoomItem[]>(`/ui/api/rooms?as=${viewingAs}`)
    renderRooms()
  }

  async function loadRoom(roomId: number): Promise<void> {
    const changed = room?.room.room_id !== roomId
    room = await getJson<RoomDetail>(`/ui/api/rooms/${roomId}?as=${viewingAs}`)
    setAccounts(room.accounts)
    if (changed) compose.refresh()
    if (view === 'room') renderTimeline()
  }

  async function route(): Promise<void> {
    const [, name, id] = location.hash.split('/')
    if (name === 'activity') {
      view = 'activity'
      activity = await getJson<Activity>('/ui/api/activity')
    } else if (name === 'playground') {
      view = 'playground'
    } else {
      view = 'room'
      const roomId = Number(id) || rooms.find((item) => item.type === 'group')?.room_id || rooms[0]?.room_id
      if (roomId !== undefined) await loadRoom(roomId)
    }
    renderMain()
  }

  function upsert<T extends { id: number }>(items: T[], item: T): void {
    const index = items.findIndex((candidate) => candidate.id === item.id)
    if (index === -1) items.push(item)
    else items[index] = item
  }

  let activityFrame = 0
  function activityChanged(): void {
    if (view !== 'activity' || activityFrame !== 0) return
    activityFrame = requestAnimationFrame(() => {
      activityFrame = 0
      activityView.render(activity)
    })
  }

  viewing.addEventListener('change', () => {
    viewingAs = Number(viewing.value)
    compose.refresh()
    void loadRooms()
  })

  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#main', onclick: (event: Event) => (event.preventDefault(), main.focus()) }, 'Skip to content'),
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, 'Chatwork emulator'),
      h('nav', { 'aria-label': 'Views' }, h('a', { href: '#/room' }, 'Rooms'), h('a', { href: '#/activity' }, 'Activity'), h('a', { href: '#/playground' }, 'Playground')),
      h('label', { for: viewing.id }, 'Viewing as ', viewing),
    ),
    h('div', { class: 'layout' }, h('nav', { class: 'rooms', 'aria-label': 'Rooms' }, h('h2', {}, 'Rooms'), roomList), main),
  )
  renderViewing()
  await loadRooms()
  window.addEventListener('hashchange', () => void route())
  await route()

  subscribe({
    message: (data) => {
      const { roomId } = data as { roomId: number }
      if (room?.room.room_id === roomId) void loadRoom(roomId)
      void loadRooms()
    },
    delivery: (data) => {
      upsert(activity.deliveries, data as DeliveryView)
      activityChanged()
    },
    request: (data) => {
      const request = data as RequestView
      upsert(activity.requests, request)
      activityChanged()
      // rooms made, left or renamed through the API
      if (request.method !== 'GET' && request.status < 300) void loadRooms()
    },
  })
  root.dataset.ready = 'true'
}

if (mode === 'playground') {
  startPlayground()
  root.dataset.ready = 'true'
} else {
  void startEmulatorApp()
}
