/** `client.links`: a room's invite link. */
import { Endpoints, type Id } from './call.ts'
import type { RequestOptions } from './request.ts'
import type { InviteLink } from './types.ts'
import { linkCode, text } from './arguments.ts'

/**
 * `links.create` and `links.update`. An update is not a patch: omitted fields revert to Chatwork's defaults (spec §5.28).
 *
 * @example
 * await client.links.update(roomId, { code: 'launch', needAcceptance: false, description: 'Join us' })
 */
export interface InviteLinkInput {
  /** 1 to 50 of `A-Za-z0-9_-`; random if omitted. */
  code?: string
  /** Whether joining needs an admin's approval (Chatwork's default: yes). */
  needAcceptance?: boolean
  description?: string
}

/**
 * `client.links`: a room's invite link.
 *
 * @example
 * const { url } = await client.links.create(roomId, { code: 'launch', needAcceptance: false })
 */
export class Links extends Endpoints {
  /**
   * The room's invite link; `{ public: false }` when it has none (`GET /rooms/{room_id}/link`).
   *
   * @example
   * const link = await client.links.get(roomId)
   */
  async get(roomId: Id, options?: RequestOptions): Promise<InviteLink> {
    return this.request('GET /rooms/{room_id}/link', [roomId], { options })
  }

  /**
   * Creates the invite link (`POST /rooms/{room_id}/link`).
   *
   * @example
   * await client.links.create(roomId, { description: 'Join us' })
   */
  async create(roomId: Id, input: InviteLinkInput = {}, options?: RequestOptions): Promise<InviteLink> {
    return this.request('POST /rooms/{room_id}/link', [roomId], { params: linkParams(input), options })
  }

  /**
   * Changes the invite link (`PUT /rooms/{room_id}/link`). Not a patch: send every field you want to keep.
   *
   * @example
   * await client.links.update(roomId, { code: 'launch', needAcceptance: true, description: 'Join us' })
   */
  async update(roomId: Id, input: InviteLinkInput = {}, options?: RequestOptions): Promise<InviteLink> {
    return this.request('PUT /rooms/{room_id}/link', [roomId], { params: linkParams(input), options })
  }

  /**
   * Deletes the invite link; answers `{ public: false }` (`DELETE /rooms/{room_id}/link`).
   *
   * @example
   * await client.links.delete(roomId)
   */
  async delete(roomId: Id, options?: RequestOptions): Promise<InviteLink> {
    return this.request('DELETE /rooms/{room_id}/link', [roomId], { options })
  }
}

function linkParams(input: InviteLinkInput) {
  return { code: linkCode(input.code, 'code'), need_acceptance: input.needAcceptance, description: text(input.description, 'description') }
}
