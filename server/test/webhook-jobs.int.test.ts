import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { sql } from './support/database.js';
import { until } from './support/wait.js';

const SECRET = '0123456789abcdef0123456789abcdef';

let t: TestServer;
let jobs: App | undefined;
let channelId: string;

beforeAll(async () => {
  // As deployed: the server stores and answers, the job workers process.
  t = await startTestServer({ WEBHOOK_PROCESSING: 'jobs', LINE_API_BASE_URL: 'http://127.0.0.1:9' });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'ジョブ市',
      purpose: 'TRAINING',
      messagingChannelId: '2000000002',
      channelSecret: SECRET,
      channelAccessToken: 'dGVzdC10b2tlbi1mb3Itam9icy10ZXN0cw==',
    },
  });
  channelId = created.createLineChannel.channel.id;
});
afterAll(async () => {
  await jobs?.close();
  await t?.close();
});

describe('WEBHOOK_PROCESSING=jobs', () => {
  it('leaves processing to the job runner, which picks up what arrived before it started', async () => {
    expect(t.app.modules.webhook.consumer()).toBeNull();
    const body = JSON.stringify({
      destination: 'U0',
      events: [
        {
          type: 'message',
          webhookEventId: '01JOBS000000000000000000001',
          timestamp: Date.now(),
          mode: 'active',
          source: { type: 'user', userId: 'Ujobs1' },
          message: { type: 'text', id: '1', quoteToken: 'q', text: 'ジョブで処理してください' },
        },
      ],
    });
    const res = await fetch(`${t.url}/webhook/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': createHmac('sha256', SECRET).update(body).digest('base64') },
      body,
    });
    expect(res.status).toBe(200);
    const status = async () => (await sql<{ status: string }>(t.databaseUrl, `select status from line_webhook_event`))[0]?.status;
    await new Promise((r) => setTimeout(r, 500));
    expect(await status()).toBe('PENDING'); // the server did not process it

    jobs = await createApp(t.config, { logger: createLogger(t.config, 'jobs'), role: 'jobs' });
    expect(jobs.modules.webhook.consumer()).not.toBeNull();
    await until(async () => (await status()) === 'PROCESSED');
    expect(await sql(t.databaseUrl, `select 1 from talk_log_entry`)).toHaveLength(1);
  });
});
