import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createEmulator, type RunningEmulator } from '../src/app.js';
import { generatePng } from '../src/images.js';
import { RATE_LIMITS } from '../src/limits.js';
import {
  broadcastRequest,
  multicastRequest,
  narrowcastRequest,
  pushMessageRequest,
  replyMessageRequest,
  setWebhookEndpointRequest,
  testWebhookEndpointRequest,
  validateMessageRequest,
} from '../src/schemas/requests.js';
import {
  createRichMenuAliasRequest,
  richMenuBulkLinkRequest,
  richMenuBulkUnlinkRequest,
  richMenuRequest,
  updateRichMenuAliasRequest,
} from '../src/schemas/richmenus.js';
import { REQUEST_EXAMPLES } from './examples.js';
import { loadOfficialDocument, OfficialValidator, OPENAPI_DIRECTORY, OPENAPI_PRESENT } from './official-openapi.js';

// Contract between the emulator and LINE's official OpenAPI documents (messaging-api.yml,
// insight.yml in ../shared/data/line-openapi): (a) every endpoint served exists there with that
// method; (b) valid examples the emulator accepts validate against the official request schema;
// (c) every JSON response the emulator produced in a scenario validates against the official
// response schema (errors against ErrorResponse); (d) examples the official schema rejects, the
// emulator rejects too.

if (!OPENAPI_PRESENT)
  console.warn(
    `[line-emulator contract] LINE's OpenAPI documents are not at ${OPENAPI_DIRECTORY}: the contract test CANNOT RUN here (CI has them).`,
  );

/** The emulator's schema for each request body it validates. */
const EMULATOR_SCHEMAS: Record<string, z.ZodType> = {
  'POST /v2/bot/message/reply': replyMessageRequest,
  'POST /v2/bot/message/push': pushMessageRequest,
  'POST /v2/bot/message/multicast': multicastRequest,
  'POST /v2/bot/message/narrowcast': narrowcastRequest,
  'POST /v2/bot/message/broadcast': broadcastRequest,
  'POST /v2/bot/message/validate/push': validateMessageRequest,
  'POST /v2/bot/richmenu': richMenuRequest,
  'POST /v2/bot/richmenu/alias': createRichMenuAliasRequest,
  'POST /v2/bot/richmenu/alias/{richMenuAliasId}': updateRichMenuAliasRequest,
  'POST /v2/bot/richmenu/bulk/link': richMenuBulkLinkRequest,
  'POST /v2/bot/richmenu/bulk/unlink': richMenuBulkUnlinkRequest,
  'PUT /v2/bot/channel/webhook/endpoint': setWebhookEndpointRequest,
  'POST /v2/bot/channel/webhook/test': testWebhookEndpointRequest,
};

/** Routes that are not LINE Messaging API endpoints (the emulator's own API; LINE Login, which has no document here). */
const NOT_IN_MESSAGING_DOCUMENTS = (path: string) => path.startsWith('/_emulator') || path.startsWith('/oauth2/') || path === '/';

describe.skipIf(!OPENAPI_PRESENT)('emulator ↔ LINE official OpenAPI documents', () => {
  let official: OfficialValidator;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    official = new OfficialValidator([loadOfficialDocument('messaging-api.yml'), loadOfficialDocument('insight.yml')]);
    emulator = await createEmulator({ insightPrivacyThreshold: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('(a) serves only paths and methods that exist in the official documents', () => {
    const served = emulator.endpoints.filter((endpoint) => !NOT_IN_MESSAGING_DOCUMENTS(endpoint.path));
    expect(served.length).toBeGreaterThan(40);
    const missing = served.filter((endpoint) => !official.operation(endpoint.method, endpoint.path)).map((e) => `${e.method} ${e.path}`);
    expect(missing).toEqual([]);
    for (const key of Object.keys(EMULATOR_SCHEMAS)) {
      const [method, path] = key.split(' ') as [string, string];
      expect(
        served.some((endpoint) => endpoint.method === method.toLowerCase() && endpoint.path === path),
        key,
      ).toBe(true);
    }
  });

  it('rate limit table keys are official operationIds', () => {
    const operationIds = new Set<string>();
    for (const { document } of official.documents)
      for (const item of Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>))
        for (const operation of Object.values(item)) if (operation.operationId) operationIds.add(operation.operationId);
    expect(Object.keys(RATE_LIMITS).filter((operationId) => !operationIds.has(operationId))).toEqual([]);
  });

  describe.each(Object.entries(REQUEST_EXAMPLES))('%s', (key, examples) => {
    const [method, path] = key.split(' ') as [string, string];
    const requestRef = () => {
      const found = official.operation(method, path);
      const ref = OfficialValidator.jsonSchemaRef(found?.operation.requestBody);
      if (!found || !ref) throw new Error(`${key}: no official request schema`);
      return { documentId: found.documentId, ref };
    };

    it('(b) valid examples pass both the emulator schema and the official schema', () => {
      const { documentId, ref } = requestRef();
      const schema = EMULATOR_SCHEMAS[key]!;
      examples.valid.forEach((example, index) => {
        const emulatorResult = schema.safeParse(example);
        expect(emulatorResult.success, `${key} valid[${index}] emulator: ${emulatorResult.error?.message}`).toBe(true);
        const officialResult = official.validate(documentId, ref, example);
        expect(officialResult.valid, `${key} valid[${index}] official: ${officialResult.errors}`).toBe(true);
      });
    });

    it('(d) examples the official schema rejects are rejected by the emulator', () => {
      const { documentId, ref } = requestRef();
      const schema = EMULATOR_SCHEMAS[key]!;
      for (const [why, example] of examples.invalid) {
        expect(official.validate(documentId, ref, example).valid, `${key} "${why}" should be invalid officially`).toBe(false);
        expect(schema.safeParse(example).success, `${key} "${why}" accepted by the emulator`).toBe(false);
      }
    });
  });

  it('(c) responses the emulator produces validate against the official response schemas', async () => {
    const token = 'contract-token';
    const control = (path: string, body?: unknown) =>
      fetch(`${emulator.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then((response) => response.json());
    const channel = await control('/_emulator/channels', {
      accessToken: token,
      webhookUrl: 'http://127.0.0.1:9/unreachable',
      webhookActive: false,
    });
    const { friends } = await control(`/_emulator/channels/${channel.channelId}/friends`, { count: 3, sendFollowEvents: false });
    const userId = friends[0].userId as string;

    const recorded: { method: string; path: string; status: number; body: unknown }[] = [];
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const isBinary = Buffer.isBuffer(body);
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': isBinary ? 'image/png' : 'application/json', ...headers },
        ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
      });
      const contentType = response.headers.get('content-type') ?? '';
      const parsed = contentType.includes('application/json') ? await response.json() : await response.arrayBuffer();
      recorded.push({ method, path: new URL(path, emulator.url).pathname, status: response.status, body: parsed });
      return { status: response.status, body: parsed, headers: response.headers };
    };

    // A scenario touching every served endpoint, successes and errors.
    const texts = [{ type: 'text', text: 'お知らせ' }];
    const retryKey = randomUUID();
    await call(
      'POST',
      '/v2/bot/message/push',
      { to: userId, messages: texts, customAggregationUnits: ['unit_a'] },
      { 'X-Line-Retry-Key': retryKey },
    );
    await call('POST', '/v2/bot/message/push', { to: userId, messages: texts }, { 'X-Line-Retry-Key': retryKey });
    await call('POST', '/v2/bot/message/push', { to: userId, messages: Array.from({ length: 6 }, () => texts[0]) });
    await call('POST', '/v2/bot/message/multicast', { to: friends.map((friend: any) => friend.userId), messages: texts });
    await call('POST', '/v2/bot/message/reply', { replyToken: 'f'.repeat(32), messages: texts });
    const broadcast = await call('POST', '/v2/bot/message/broadcast', { messages: texts });
    const narrowcast = await call('POST', '/v2/bot/message/narrowcast', { messages: texts });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call('GET', `/v2/bot/message/progress/narrowcast?requestId=${narrowcast.headers.get('x-line-request-id')}`);
    await call('POST', '/v2/bot/message/validate/push', { messages: texts });
    await call('GET', '/v2/bot/message/quota');
    await call('GET', '/v2/bot/message/quota/consumption');
    await call('GET', '/v2/bot/info');
    await call('GET', `/v2/bot/profile/${userId}`);
    await call('GET', '/v2/bot/followers/ids?limit=2');
    await control(`/_emulator/channels/${channel.channelId}/friends/${userId}/read`, {});
    await call('GET', `/v2/bot/insight/message/event?requestId=${broadcast.headers.get('x-line-request-id')}`);
    await call('GET', '/v2/bot/insight/message/event/aggregation?customAggregationUnit=unit_a&from=20200101&to=20991231');
    await call('GET', '/v2/bot/message/aggregation/info');
    await call('GET', '/v2/bot/message/aggregation/list');
    await call('GET', '/v2/bot/insight/followers?date=20200101');
    await call('PUT', '/v2/bot/channel/webhook/endpoint', { endpoint: 'http://127.0.0.1:9/webhook' });
    await call('GET', '/v2/bot/channel/webhook/endpoint');
    await call('POST', '/v2/bot/channel/webhook/test', {});
    const menu = await call('POST', '/v2/bot/richmenu', REQUEST_EXAMPLES['POST /v2/bot/richmenu']!.valid[0]);
    const richMenuId = menu.body.richMenuId as string;
    await call('POST', `/v2/bot/richmenu/${richMenuId}/content`, generatePng(2500, 1686));
    await call('GET', `/v2/bot/richmenu/${richMenuId}`);
    await call('GET', '/v2/bot/richmenu/list');
    await call('POST', '/v2/bot/richmenu/alias', { richMenuAliasId: 'tab-1', richMenuId });
    await call('POST', '/v2/bot/richmenu/alias', { richMenuAliasId: 'tab-1', richMenuId });
    await call('GET', '/v2/bot/richmenu/alias/tab-1');
    await call('GET', '/v2/bot/richmenu/alias/list');
    await call('POST', `/v2/bot/user/all/richmenu/${richMenuId}`);
    await call('GET', '/v2/bot/user/all/richmenu');
    await call('POST', `/v2/bot/user/${userId}/richmenu/${richMenuId}`);
    await call('GET', `/v2/bot/user/${userId}/richmenu`);
    await call('POST', '/v2/bot/richmenu/bulk/link', { richMenuId, userIds: [userId] });
    await call('GET', '/v2/bot/richmenu/nope');

    let checked = 0;
    for (const entry of recorded) {
      const template = official.templateFor(entry.method, entry.path);
      expect(template, `${entry.method} ${entry.path}`).toBeDefined();
      const found = official.operation(entry.method, template!)!;
      if (entry.body instanceof ArrayBuffer) continue;
      const declared = OfficialValidator.jsonSchemaRef(found.operation.responses?.[String(entry.status)]);
      // LINE documents one error body for every endpoint, also for statuses an operation does not list.
      const ref = declared ?? (entry.status >= 400 ? '#/components/schemas/ErrorResponse' : undefined);
      if (!ref) continue;
      const documentId = declared ? found.documentId : 'messaging-api.yml';
      const result = official.validate(documentId, ref, entry.body);
      expect(result.valid, `${entry.method} ${entry.path} ${entry.status}: ${result.errors}\n${JSON.stringify(entry.body)}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(25);
    // The scenario produced the statuses it meant to.
    expect(recorded.map((entry) => entry.status)).toEqual(expect.arrayContaining([200, 202, 400, 404, 409]));
  });
});
