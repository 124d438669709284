import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlError } from './graphql-client.js';

export interface WsResult<T = Record<string, any>> {
  data?: T | null;
  errors?: GqlError[];
}

/**
 * GraphQL over WebSocket as a browser would speak it (graphql-ws protocol), with the cookie and
 * forwarding headers a browser behind a load balancer would send. One client per simulated user.
 */
export class WsClient {
  readonly client: Client;

  constructor(url: string, options: { headers?: Record<string, string>; connectionParams?: Record<string, unknown> } = {}) {
    const headers = options.headers ?? {};
    this.client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      lazy: true,
      retryAttempts: 0,
      connectionParams: options.connectionParams,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
    });
  }

  /** Runs a query or mutation over the socket and resolves with its one result (or protocol error). */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<WsResult<T>> {
    return new Promise((resolve) => {
      let result: WsResult<T> = {};
      this.client.subscribe<T>(
        { query, variables },
        {
          next: (message) => {
            result = message as WsResult<T>;
          },
          error: (err) => resolve({ errors: asErrors(err) }),
          complete: () => resolve(result),
        },
      );
    });
  }

  /**
   * Subscribes and collects what arrives. `ended` resolves when the server completes or refuses
   * the subscription; `stop()` unsubscribes.
   */
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>) {
    const events: WsResult<T>[] = [];
    let done!: () => void;
    const ended = new Promise<void>((resolve) => (done = resolve));
    const stop = this.client.subscribe<T>(
      { query, variables },
      {
        next: (message) => events.push(message as WsResult<T>),
        error: (err) => {
          events.push({ errors: asErrors(err) });
          done();
        },
        complete: () => done(),
      },
    );
    return { events, ended, stop };
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

function asErrors(err: unknown): GqlError[] {
  if (Array.isArray(err)) return err as GqlError[];
  if (err && typeof err === 'object' && 'reason' in err) {
    const e = err as { code?: number; reason?: string };
    return [{ message: `socket closed ${e.code ?? ''} ${e.reason ?? ''}`, extensions: { code: `CLOSED_${e.code ?? ''}` } }];
  }
  return [{ message: err instanceof Error ? err.message : String(err) }];
}
