/**
 * What happens in a running emulator, as events for whoever watches (the web
 * UI's live stream): messages posted, edited and deleted, webhook deliveries
 * sent and answered, API requests answered.
 */
import type { RecordedRequest } from './request-log.ts'
import type { EmulatorMessage } from './state/index.ts'
import type { WebhookDelivery } from './webhooks.ts'

/** One thing that happened in the emulator. */
export type EmulatorEvent =
  | { type: 'message'; kind: 'created' | 'updated' | 'deleted'; roomId: number; message: EmulatorMessage }
  | { type: 'delivery'; delivery: WebhookDelivery }
  | { type: 'request'; request: RecordedRequest }

/** Who wants to hear of events. */
export type EmulatorEventListener = (event: EmulatorEvent) => void

/**
 * A list of listeners. A listener that throws is the watcher's bug, not the
 * emulator's: it must not break the request or delivery that caused the event.
 *
 * @example
 * const hub = new EmulatorEvents()
 * const stop = hub.on((event) => console.log(event.type))
 * stop()
 */
export class EmulatorEvents {
  readonly #listeners = new Set<EmulatorEventListener>()

  /** Adds a listener; returns the function that removes it. */
  on(listener: EmulatorEventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Tells every listener. */
  emit(event: EmulatorEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // see the class comment
      }
    }
  }
}
