import { request, type APIRequestContext } from 'playwright-core';
import { createEmulator, type EmulatorOptions, type RunningEmulator } from '../../line-emulator/src/app.js';
import type { RunningTestServer } from './server.js';

/**
 * The LINE Platform emulator (tests/line-emulator) for end-to-end tests, started in this process on
 * a free port, and the wiring that connects one of its channels to the server under test:
 *
 *   const emulator = await startEmulator();
 *   const channel = await emulator.createChannel();              // known id, secret and token
 *   const server = await startServer({ env: emulatorServerEnv(emulator.url) });
 *   const line = await connectLineChannel(server, emulator, channel);   // registered in both, webhook set
 *
 * `startE2E({ withEmulator: true })` does all of that; see environment.ts.
 */

/** A channel as the emulator hosts it, with the credentials the server needs. */
export interface EmulatorChannel {
  channelId: string;
  channelSecret: string;
  accessToken: string;
  botUserId: string;
  basicId: string;
  displayName: string;
  webhookUrl: string | null;
  loginChannelId: string;
}

export interface EmulatorChannelInput {
  channelId?: string;
  channelSecret?: string;
  accessToken?: string;
  displayName?: string;
  basicId?: string;
}

export interface TestEmulator {
  /** e.g. http://127.0.0.1:43210: the LINE API base URL for the server (Messaging API, data API, login). */
  url: string;
  /** The phones UI: simulated residents using LINE (optionally opened on one channel). */
  uiUrl(channelId?: string): string;
  /** The emulator itself (store, webhooksSettled, ...). */
  emulator: RunningEmulator;
  /** A JSON request to the emulator's control API under /_emulator (path without that prefix). */
  control<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Creates a channel; known credentials by default (see DEFAULT_EMULATOR_CHANNEL). */
  createChannel(input?: EmulatorChannelInput): Promise<EmulatorChannel>;
  /** Points the channel's webhook at a URL and turns the webhook on. */
  setWebhookUrl(channelId: string, webhookUrl: string): Promise<EmulatorChannel>;
  /** Stops the emulator. Safe to call twice. */
  close(): Promise<void>;
}

/** Fixed test credentials: a 32-hex-digit secret and a long-lived-token-like access token. */
export const DEFAULT_EMULATOR_CHANNEL = {
  channelId: '1650000001',
  channelSecret: '0123456789abcdef0123456789abcdef',
  accessToken: 'e2e-emulator-access-token-0123456789abcdefghijklmnop',
  displayName: 'テスト市公式アカウント（研修）',
  basicId: '@e2etest',
} as const satisfies Required<EmulatorChannelInput>;

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await createEmulator({ port: 0, host: '127.0.0.1', ...options });
  const { url } = emulator;

  async function control<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  type ChannelAnswer = Omit<EmulatorChannel, 'accessToken'> & { accessTokens: string[] };
  const toChannel = (answer: ChannelAnswer): EmulatorChannel => ({
    channelId: answer.channelId,
    channelSecret: answer.channelSecret,
    accessToken: answer.accessTokens[0] ?? '',
    botUserId: answer.botUserId,
    basicId: answer.basicId,
    displayName: answer.displayName,
    webhookUrl: answer.webhookUrl,
    loginChannelId: answer.loginChannelId,
  });

  let closed = false;
  return {
    url,
    uiUrl: (channelId) => `${url}/_emulator/ui/${channelId ? `?channel=${encodeURIComponent(channelId)}` : ''}`,
    emulator,
    control,
    async createChannel(input = {}) {
      return toChannel(await control<ChannelAnswer>('POST', '/channels', { ...DEFAULT_EMULATOR_CHANNEL, ...input }));
    },
    async setWebhookUrl(channelId, webhookUrl) {
      return toChannel(
        await control<ChannelAnswer>('PATCH', `/channels/${encodeURIComponent(channelId)}`, { webhookUrl, webhookActive: true }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await emulator.close();
    },
  };
}

/** The server environment that sends every LINE API call to the emulator. */
export function emulatorServerEnv(emulatorUrl: string): Record<string, string> {
  return { LINE_API_BASE_URL: emulatorUrl, LINE_DATA_API_BASE_URL: emulatorUrl };
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A staff session against the server's GraphQL API, outside the browser (its own cookie jar). */
export interface AdminSession {
  /** The administrator's credentials after the forced first password change. */
  admin: { loginId: string; password: string };
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** The password the harness gives the seeded administrator when it signs in first (policy: 12+ characters). */
export const HARNESS_ADMIN_PASSWORD = 'Harness-Kanri-2026!';

/**
 * Signs in as the seeded administrator; on a fresh database that forces a password change, which
 * this does (to HARNESS_ADMIN_PASSWORD unless given), so the browser must then log in with
 * `session.admin.password`.
 */
export async function adminSession(server: RunningTestServer, newPassword: string = HARNESS_ADMIN_PASSWORD): Promise<AdminSession> {
  const context: APIRequestContext = await request.newContext({ baseURL: server.baseUrl });
  async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await context.post('/graphql', {
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      data: { query, variables },
    });
    const answer = (await response.json()) as GraphQLAnswer<T>;
    if (answer.errors?.length || !answer.data) {
      throw new Error(`GraphQL failed (HTTP ${response.status()}): ${JSON.stringify(answer.errors ?? answer)}`);
    }
    return answer.data;
  }
  try {
    const admin = { ...server.admin };
    const login = await graphql<{ login: { status: string; viewer: { mustChangePassword: boolean } | null } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { status viewer { mustChangePassword } } }',
      { input: { loginId: admin.loginId, password: admin.password } },
    );
    if (login.login.status !== 'SUCCESS') throw new Error(`the administrator's login answered ${login.login.status}`);
    if (login.login.viewer?.mustChangePassword) {
      await graphql('mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { viewer { mustChangePassword } } }', {
        input: { currentPassword: admin.password, newPassword },
      });
      admin.password = newPassword;
    }
    return { admin, graphql, close: () => context.dispose() };
  } catch (error) {
    await context.dispose();
    throw error;
  }
}

/** The channel as registered in the server. */
export interface ServerLineChannel {
  id: string;
  name: string;
  webhookUrl: string;
}

export interface ConnectedLineChannel {
  emulatorChannel: EmulatorChannel;
  serverChannel: ServerLineChannel;
  /** The administrator's current credentials (changed from the seed's initial password). */
  admin: { loginId: string; password: string };
}

export interface ConnectLineChannelOptions {
  /** The server-side name; defaults to the emulator channel's display name. */
  name?: string;
  purpose?: 'PRODUCTION' | 'TRAINING';
  greetingText?: string;
}

/**
 * Registers the emulator's channel in the server as the administrator (createLineChannel with the
 * emulator's channel id, secret and token) and points the emulator's webhook at the server's
 * webhook URL for it: from then on, what simulated residents do reaches the server.
 */
export async function connectLineChannel(
  server: RunningTestServer,
  emulator: TestEmulator,
  emulatorChannel: EmulatorChannel,
  options: ConnectLineChannelOptions = {},
): Promise<ConnectedLineChannel> {
  const session = await adminSession(server);
  try {
    const created = await session.graphql<{ createLineChannel: { channel: ServerLineChannel } }>(
      `mutation ($input: CreateLineChannelInput!) {
        createLineChannel(input: $input) { channel { id name webhookUrl } }
      }`,
      {
        input: {
          name: options.name ?? emulatorChannel.displayName,
          purpose: options.purpose ?? 'TRAINING',
          messagingChannelId: emulatorChannel.channelId,
          channelSecret: emulatorChannel.channelSecret,
          channelAccessToken: emulatorChannel.accessToken,
          loginChannelId: emulatorChannel.loginChannelId,
          ...(options.greetingText ? { greetingText: options.greetingText } : {}),
        },
      },
    );
    const serverChannel = created.createLineChannel.channel;
    const updated = await emulator.setWebhookUrl(emulatorChannel.channelId, serverChannel.webhookUrl);
    return { emulatorChannel: updated, serverChannel, admin: session.admin };
  } finally {
    await session.close();
  }
}
