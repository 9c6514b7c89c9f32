/** Invite links of group chats. */
import { AccountState } from './accounts.ts'
import { badRequest, type EmulatorLink } from './model.ts'

/** The state with invite links. */
export class LinkState extends AccountState {
  protected checkLinkCode(code: string | undefined): void {
    if (code === undefined) return
    for (const room of this.rooms.values()) {
      if (room.link?.code === code) throw badRequest('This invite link code is already in use')
    }
  }

  protected newLink(input: Partial<EmulatorLink>): EmulatorLink {
    return {
      code: input.code ?? randomCode(),
      need_acceptance: input.need_acceptance ?? true,
      description: input.description ?? '',
    }
  }

  createLink(actor: number, roomId: number, input: Partial<EmulatorLink>): EmulatorLink {
    const room = this.adminGroup(roomId, actor)
    if (room.link !== undefined) throw badRequest('The invite link already exists')
    this.checkLinkCode(input.code)
    room.link = this.newLink(input)
    return room.link
  }

  /** Replaces the link: omitted fields revert to their defaults (spec §5.28). */
  updateLink(actor: number, roomId: number, input: Partial<EmulatorLink>): EmulatorLink {
    const room = this.adminGroup(roomId, actor)
    const current = room.link
    if (current === undefined) throw badRequest('The invite link does not exist')
    if (input.code !== current.code) this.checkLinkCode(input.code)
    const description = input.description ?? (this.behavior.linkPutKeepsDescription ? current.description : undefined)
    room.link = this.newLink({ ...input, description })
    return room.link
  }

  deleteLink(actor: number, roomId: number): void {
    const room = this.adminGroup(roomId, actor)
    if (room.link === undefined) throw badRequest('The invite link does not exist')
    room.link = undefined
  }
}

const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random invite-link code, like Chatwork's. */
function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  let code = ''
  for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length]
  return code
}
