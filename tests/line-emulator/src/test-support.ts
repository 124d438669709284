import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type EmulatorOptions, type RunningEmulator } from './app.js';
import type { Channel } from './channels.js';

// Helpers shared by the emulator's own tests: a started emulator with one channel and a few
// residents, and a webhook receiver standing in for the product's server.

export const TEST_ACCESS_TOKEN = 'test-channel-access-token';
export const TEST_CHANNEL_SECRET = 'test-channel-secret';

export interface TestEmulator {
  emulator: RunningEmulator;
  channel: Channel;
  friendIds: string[];
  /** Calls the emulator with the channel's access token. */
  api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** Calls the control API. */
  control: (path: string, body?: unknown, method?: string) => Promise<Response>;
}

export async function startTestEmulator(options: EmulatorOptions & { friends?: number; webhookUrl?: string } = {}): Promise<TestEmulator> {
  const { friends = 3, webhookUrl, ...emulatorOptions } = options;
  const emulator = await createEmulator(emulatorOptions);
  const control = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const channel = (await (
    await control('/_emulator/channels', {
      channelId: '1650000001',
      channelSecret: TEST_CHANNEL_SECRET,
      accessToken: TEST_ACCESS_TOKEN,
      ...(webhookUrl ? { webhookUrl } : {}),
    })
  ).json()) as Channel;
  const created =
    friends === 0
      ? { friends: [] }
      : ((await (
          await control(`/_emulator/channels/${channel.channelId}/friends`, { count: friends, sendFollowEvents: false })
        ).json()) as {
          friends: { userId: string }[];
        });
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, headers, ...rest } = init;
    return fetch(`${emulator.url}${path}`, {
      ...(json === undefined ? {} : { method: 'POST', body: JSON.stringify(json) }),
      ...rest,
      headers: { authorization: `Bearer ${TEST_ACCESS_TOKEN}`, 'content-type': 'application/json', ...(headers as Record<string, string>) },
    });
  };
  return { emulator, channel, friendIds: created.friends.map((friend) => friend.userId), api, control };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { destination: string; events: Record<string, any>[] };
}

/** A webhook endpoint answering with the statuses given in turn (then 200), recording every request. */
export async function startWebhookReceiver(statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const pending = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) as ReceivedWebhook['body'] });
      res.writeHead(pending.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
