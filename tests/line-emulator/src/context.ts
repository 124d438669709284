import type { FaultInjector, RateLimiter } from './limits.js';
import type { LineLogin } from './line-login.js';
import type { ReplyTokens, Residents } from './residents.js';
import type { EmulatorStore } from './store.js';
import type { WebhookSender } from './webhook-sender.js';

export interface EmulatorOptions {
  /** Port to listen on; 0 (the default for programmatic use) picks a free one. */
  port?: number;
  host?: string;
  /** JSON file the state is loaded from and saved to. */
  stateFile?: string;
  /** Multiplies every rate limit (tests: 0.01 makes "60 per hour" one per hour). Default 1. */
  rateLimitScale?: number;
  webhookTimeoutMs?: number;
  /** Delays before each webhook redelivery (the count bounds the attempts). Default 10 s, 60 s, 300 s. */
  webhookRedeliveryDelaysMs?: number[];
  replyTokenLifetimeMs?: number;
  /** Insight reports counts below this as null, as LINE does for privacy (LINE: 20). */
  insightPrivacyThreshold?: number;
  /** Lifetime of minted LINE Login ID tokens in seconds (LINE: 1 hour). */
  idTokenLifetimeSeconds?: number;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'stateFile'>> & { stateFile?: string };

/** What every route needs, created once per emulator. */
export interface EmulatorContext {
  store: EmulatorStore;
  webhooks: WebhookSender;
  residents: Residents;
  replyTokens: ReplyTokens;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  login: LineLogin;
  options: ResolvedOptions;
  /** Base URL the emulator is reachable at (known once listening). */
  baseUrl: () => string;
}
