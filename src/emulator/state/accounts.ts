/** The state's records and counters, accounts, their tokens and contacts, contact requests, and the rooms they live in. */
import { badRequest, forbidden, notFound, iconPath, DEFAULT_BEHAVIOR, FIRST_MESSAGE_ID, MESSAGE_ID_STEP, type EmulatorAccount, type EmulatorBehavior, type EmulatorContactRequest, type EmulatorRoom, type RoomType, type StateEvents } from './model.ts'

/** What every part of the state builds on: the records, the clock, accounts and contacts, and room lookup. */
export class AccountState {
  readonly accounts = new Map<number, EmulatorAccount>()
  /** API token → account id. */
  readonly tokens = new Map<string, number>()
  readonly rooms = new Map<number, EmulatorRoom>()
  /** Account id → its contacts' ids (symmetric). */
  readonly contacts = new Map<number, Set<number>>()
  readonly requests = new Map<number, EmulatorContactRequest>()
  /** `token \0 roomId` → the newest message id that token has received from that room. */
  readonly cursors = new Map<string, bigint>()
  readonly behavior: EmulatorBehavior
  readonly events: StateEvents = {}
  protected readonly clock: () => number
  protected lastMessageId = FIRST_MESSAGE_ID - MESSAGE_ID_STEP
  protected nextAccountId = 1001
  protected nextRoomId = 5001
  protected nextTaskId = 3001
  protected nextFileId = 7001
  protected nextRequestId = 81

  constructor(clock: () => number, behavior: Partial<EmulatorBehavior> = {}) {
    this.clock = clock
    this.behavior = { ...DEFAULT_BEHAVIOR, ...behavior }
  }

  /** The current time in Unix seconds. */
  now(): number {
    return Math.floor(this.clock() / 1000)
  }

  // Accounts and contacts

  /** Creates an account with its "My chat"; fields left out get plausible values. */
  addAccount(profile: Partial<EmulatorAccount> = {}): EmulatorAccount {
    const accountId = profile.account_id ?? this.nextAccountId
    if (!Number.isSafeInteger(accountId) || accountId <= 0) throw badRequest(`Invalid account id ${accountId}`)
    if (this.accounts.has(accountId)) throw badRequest(`Account ${accountId} already exists`)
    this.nextAccountId = Math.max(this.nextAccountId, accountId + 1)
    const name = profile.name ?? `User ${accountId}`
    const chatworkId = profile.chatwork_id ?? `user_${accountId}`
    const myChat = this.createRoomRecord('my', 'My Chat', '', iconPath('group'))
    myChat.members.set(accountId, 'admin')
    const account: EmulatorAccount = {
      account_id: accountId,
      room_id: myChat.room_id,
      name,
      chatwork_id: chatworkId,
      organization_id: 0,
      organization_name: '',
      department: '',
      title: '',
      url: '',
      introduction: '',
      mail: `${chatworkId}@example.org`,
      tel_organization: '',
      tel_extension: '',
      tel_mobile: '',
      skype: '',
      facebook: '',
      twitter: '',
      avatar_image_url: `https://appdata.chatwork.com/avatar/${accountId}.png`,
      login_mail: `${chatworkId}@example.org`,
      ...profile,
    }
    account.account_id = accountId
    account.room_id = myChat.room_id
    this.accounts.set(accountId, account)
    this.contacts.set(accountId, new Set())
    return account
  }

  /** Gives `accountId` an API token (an account may have several). */
  addToken(token: string, accountId: number): void {
    if (token === '' || /\s/.test(token)) throw badRequest('An API token must be non-empty and have no whitespace')
    if (this.tokens.has(token)) throw badRequest('This API token is already in use')
    this.account(accountId)
    this.tokens.set(token, accountId)
  }

  account(accountId: number): EmulatorAccount {
    const account = this.accounts.get(accountId)
    if (account === undefined) throw notFound(`Account ${accountId}`)
    return account
  }

  /** Makes two accounts contacts, with a direct chat between them; returns that chat. */
  addContact(a: number, b: number): EmulatorRoom {
    this.account(a)
    this.account(b)
    if (a === b) throw badRequest('An account cannot be its own contact')
    this.contacts.get(a)!.add(b)
    this.contacts.get(b)!.add(a)
    const existing = this.directRoom(a, b)
    if (existing !== undefined) return existing
    const room = this.createRoomRecord('direct', '', '', '')
    room.members.set(a, 'member')
    room.members.set(b, 'member')
    return room
  }

  /** The direct chat between two accounts, if any. */
  directRoom(a: number, b: number): EmulatorRoom | undefined {
    for (const room of this.rooms.values()) {
      if (room.type === 'direct' && room.members.has(a) && room.members.has(b)) return room
    }
    return undefined
  }

  /** Whether `actor` may add `accountId` to a room: themself, a contact, or someone of their organisation. */
  protected canInvite(actor: number, accountId: number): boolean {
    if (actor === accountId || this.contacts.get(actor)?.has(accountId)) return true
    const organizationId = this.accounts.get(actor)?.organization_id
    return organizationId !== undefined && organizationId !== 0 && this.accounts.get(accountId)?.organization_id === organizationId
  }

  /** Files a contact request from `from` to `to`. */
  addContactRequest(from: number, to: number, message = ''): EmulatorContactRequest {
    this.account(from)
    this.account(to)
    if (from === to) throw badRequest('An account cannot ask itself')
    const request: EmulatorContactRequest = { request_id: this.nextRequestId++, account_id: from, to_account_id: to, message }
    this.requests.set(request.request_id, request)
    return request
  }

  /** A request addressed to `actor`. */
  protected requestFor(actor: number, requestId: number): EmulatorContactRequest {
    const request = this.requests.get(requestId)
    if (request === undefined || request.to_account_id !== actor) throw notFound('Contact request')
    return request
  }

  /** Accepts a request: the two become contacts with a direct chat. */
  acceptRequest(actor: number, requestId: number): { request: EmulatorContactRequest; room: EmulatorRoom } {
    const request = this.requestFor(actor, requestId)
    this.requests.delete(requestId)
    return { request, room: this.addContact(actor, request.account_id) }
  }

  declineRequest(actor: number, requestId: number): void {
    this.requestFor(actor, requestId)
    this.requests.delete(requestId)
  }

  // Rooms

  protected createRoomRecord(type: RoomType, name: string, description: string, icon: string): EmulatorRoom {
    const room: EmulatorRoom = {
      room_id: this.nextRoomId++,
      type,
      name,
      description,
      icon_path: icon,
      last_update_time: this.now(),
      members: new Map(),
      messages: [],
      tasks: [],
      files: [],
      unread: new Map(),
      sticky: new Set(),
    }
    this.rooms.set(room.room_id, room)
    return room
  }

  /** A room `actor` belongs to; 404 otherwise, as Chatwork does not reveal rooms you are not in. */
  room(roomId: number, actor?: number): EmulatorRoom {
    const room = this.rooms.get(roomId)
    if (room === undefined || (actor !== undefined && !room.members.has(actor))) throw notFound(`Room ${roomId}`)
    return room
  }

  /** A group chat `actor` administers. */
  protected adminGroup(roomId: number, actor: number): EmulatorRoom {
    const room = this.room(roomId, actor)
    if (room.type !== 'group') throw badRequest('Only group chats can be changed')
    if (room.members.get(actor) !== 'admin') throw forbidden('You do not have permission to change this room')
    return room
  }

}
