import type { LineEvent } from './line-event.js';

/**
 * What a feature does with one LINE event type. Every handler registered for a type runs for each
 * event of that type (fan-out), in the order registered (modules in their listed order); a
 * handler's failure is its own: the others still run, and only the failed one is retried.
 */
export interface WebhookHandler {
  readonly type: string;
  /** Stable and unique (`<feature>.<what>`): recorded with each event once it has run. */
  readonly name: string;
  readonly handle: (channelId: string, event: LineEvent) => Promise<void>;
  /**
   * Many events of this type and channel at once (one statement instead of one per event). Must
   * mean the same as `handle` on each, in order, and be idempotent.
   */
  readonly handleBatch?: (channelId: string, events: LineEvent[]) => Promise<void>;
}

/** The event router: webhook handlers by event type, in registration order. */
export class WebhookRouter {
  private readonly byType = new Map<string, WebhookHandler[]>();
  private readonly names = new Set<string>();

  register(handler: WebhookHandler): void {
    if (this.names.has(handler.name)) throw new Error(`webhook handler ${handler.name} is registered twice`);
    this.names.add(handler.name);
    const list = this.byType.get(handler.type) ?? [];
    list.push(handler);
    this.byType.set(handler.type, list);
  }

  /** The handlers of a type, in the order they run (none: the event is stored and ignored). */
  handlersFor(type: string): readonly WebhookHandler[] {
    return this.byType.get(type) ?? [];
  }
}
