/** `client.incomingRequests`: contact requests sent to you. */
import { Endpoints, type Id } from './call.ts'
import type { RequestOptions } from './request.ts'
import type { Contact, IncomingRequest } from './types.ts'

/**
 * `client.incomingRequests`: contact requests sent to you.
 *
 * @example
 * for (const request of await client.incomingRequests.list()) await client.incomingRequests.accept(request.request_id)
 */
export class IncomingRequests extends Endpoints {
  /**
   * Pending contact requests, at most 100 (`GET /incoming_requests`).
   *
   * @example
   * const requests = await client.incomingRequests.list()
   */
  async list(options?: RequestOptions): Promise<IncomingRequest[]> {
    return this.request('GET /incoming_requests', [], { list: true, options })
  }

  /**
   * Accepts a request; answers the new contact (`PUT /incoming_requests/{request_id}`).
   *
   * @example
   * const { room_id } = await client.incomingRequests.accept(requestId)
   */
  async accept(requestId: Id, options?: RequestOptions): Promise<Contact> {
    return this.request('PUT /incoming_requests/{request_id}', [requestId], { repeatable: false, options })
  }

  /**
   * Declines a request (`DELETE /incoming_requests/{request_id}`).
   *
   * @example
   * await client.incomingRequests.decline(requestId)
   */
  async decline(requestId: Id, options?: RequestOptions): Promise<void> {
    return this.request('DELETE /incoming_requests/{request_id}', [requestId], { repeatable: false, empty: true, options })
  }
}
