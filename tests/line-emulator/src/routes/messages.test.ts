import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestEmulator, TEST_ACCESS_TOKEN, type TestEmulator } from '../test-support.js';

const text = (value: string) => ({ type: 'text', text: value });

describe('sending messages', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ rateLimitScale: 1 });
  });
  afterEach(async () => {
    await t.emulator.close();
  });

  const received = async (userId: string) =>
    ((await (await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${userId}/received`)).json()) as { messages: any[] })
      .messages;

  it('rejects a wrong access token with LINE 401 body', async () => {
    const response = await fetch(`${t.emulator.url}/v2/bot/info`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
    });
    expect(response.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tells a missing Authorization header from an unknown token, with LINE 401 messages', async () => {
    const required = { message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'" };
    const missing = await fetch(`${t.emulator.url}/v2/bot/info`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual(required);
    const notBearer = await fetch(`${t.emulator.url}/v2/bot/info`, { headers: { authorization: `Basic ${TEST_ACCESS_TOKEN}` } });
    expect(notBearer.status).toBe(401);
    expect(await notBearer.json()).toEqual(required);
  });

  it('pushes a message, records it for the friend and answers sentMessages', async () => {
    const response = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('こんにちは')] } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sentMessages: { id: string; quoteToken: string }[] };
    expect(body.sentMessages).toHaveLength(1);
    expect(body.sentMessages[0]!.id).toMatch(/^\d+$/);
    const messages = await received(t.friendIds[0]!);
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toMatchObject({ type: 'text', text: 'こんにちは' });
    expect(messages[0].delivery).toMatchObject({ kind: 'push', requestId: response.headers.get('x-line-request-id') });
  });

  it('refuses a push to an id it does not know, even one named like an object property', async () => {
    for (const to of ['Uffffffffffffffffffffffffffffffff', 'constructor', 'toString']) {
      const response = await t.api('/v2/bot/message/push', { json: { to, messages: [text('x')] } });
      expect(response.status, to).toBe(400);
      expect(await response.json()).toEqual({ message: 'Failed to send messages' });
    }
  });

  it('rejects 6 messages with LINE error body and property "messages"', async () => {
    const response = await t.api('/v2/bot/message/push', {
      json: { to: t.friendIds[0], messages: Array.from({ length: 6 }, () => text('x')) },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    });
  });

  it('rejects a 5001-character text and an empty text with the property path', async () => {
    const long = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('あ'.repeat(5001))] } });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 1 and 5000', property: 'messages[0].text' }],
    });
    const empty = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [{ type: 'text' }, text('')] } });
    expect(await empty.json()).toEqual({
      message: 'The request body has 2 error(s)',
      details: [
        { message: 'May not be empty', property: 'messages[0].text' },
        { message: 'May not be empty', property: 'messages[1].text' },
      ],
    });
    const exactly = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('あ'.repeat(5000))] } });
    expect(exactly.status).toBe(200);
  });

  it('counts text in UTF-16 code units as LINE does: 2,501 emoji are over 5,000', async () => {
    const over = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('🍎'.repeat(2501))] } });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 1 and 5000', property: 'messages[0].text' }],
    });
    const exactly = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('🍎'.repeat(2500))] } });
    expect(exactly.status).toBe(200);
  });

  it('answers 413 with LINE body to a request body over 2 MB', async () => {
    // 'あ' is three bytes of UTF-8: about 3 MB of JSON.
    const tooLarge = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('あ'.repeat(1_000_000))] } });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ message: 'Payload Too Large' });
    expect(tooLarge.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Just under the limit the body is read and validated.
    const underLimit = await t.api('/v2/bot/message/push', {
      json: { to: t.friendIds[0], messages: [text('x'.repeat(2 * 1024 * 1024 - 1000))] },
    });
    expect(underLimit.status).toBe(400);
  });

  it('rejects 501 multicast recipients and malformed user ids', async () => {
    const to = Array.from({ length: 501 }, (_, i) => `U${i.toString(16).padStart(32, '0')}`);
    const tooMany = await t.api('/v2/bot/message/multicast', { json: { to, messages: [text('x')] } });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 500', property: 'to' }],
    });
    const malformed = await t.api('/v2/bot/message/multicast', { json: { to: ['Uxyz'], messages: [text('x')] } });
    expect((await malformed.json()).details).toEqual([{ message: 'Invalid user ID', property: 'to[0]' }]);
  });

  it('multicasts to 500 ids, delivering only to following friends', async () => {
    const others = Array.from({ length: 498 }, (_, i) => `U${(i + 4096).toString(16).padStart(32, '0')}`);
    const response = await t.api('/v2/bot/message/multicast', {
      json: { to: [t.friendIds[0], t.friendIds[1], ...others], messages: [text('お知らせ')] },
    });
    expect(await response.json()).toEqual({});
    expect(response.status).toBe(200);
    expect(await received(t.friendIds[0]!)).toHaveLength(1);
    expect(await received(t.friendIds[2]!)).toHaveLength(0);
    const consumption = await (await t.api('/v2/bot/message/quota/consumption')).json();
    expect(consumption).toEqual({ totalUsage: 2 });
  });

  it('answers 409 for a repeated retry key, with the accepted request id, and delivers once', async () => {
    const key = randomUUID();
    const request = { json: { to: t.friendIds[0], messages: [text('一度だけ')] }, headers: { 'X-Line-Retry-Key': key } };
    const first = await t.api('/v2/bot/message/push', request);
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { sentMessages: unknown[] };
    const second = await t.api('/v2/bot/message/push', request);
    expect(second.status).toBe(409);
    expect(second.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(await second.json()).toEqual({ message: 'The retry key is already accepted', sentMessages: firstBody.sentMessages });
    expect(await received(t.friendIds[0]!)).toHaveLength(1);

    const badKey = await t.api('/v2/bot/message/push', { ...request, headers: { 'X-Line-Retry-Key': 'not-a-uuid' } });
    expect(badKey.status).toBe(400);
  });

  it('refuses X-Line-Retry-Key with 400 on reply, validate and other endpoints that take none', async () => {
    const headers = { 'X-Line-Retry-Key': randomUUID() };
    const refused = { message: 'The X-Line-Retry-Key header is not supported by this API' };
    const reply = await t.api('/v2/bot/message/reply', { json: { replyToken: 'f'.repeat(32), messages: [text('x')] }, headers });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual(refused);
    for (const kind of ['reply', 'push', 'multicast', 'narrowcast', 'broadcast']) {
      const validate = await t.api(`/v2/bot/message/validate/${kind}`, { json: { messages: [text('x')] }, headers });
      expect({ kind, status: validate.status, body: await validate.json() }).toEqual({ kind, status: 400, body: refused });
    }
    const botInfo = await t.api('/v2/bot/info', { headers });
    expect(botInfo.status).toBe(400);
    expect(await botInfo.json()).toEqual(refused);
  });

  it('an injected 500 before the work: the retry with the same key delivers once', async () => {
    await t.control('/_emulator/faults', { operation: 'multicast', kind: 'error', count: 1 });
    const key = randomUUID();
    const request = { json: { to: [t.friendIds[0]], messages: [text('再送')] }, headers: { 'X-Line-Retry-Key': key } };
    expect((await t.api('/v2/bot/message/multicast', request)).status).toBe(500);
    expect(await received(t.friendIds[0]!)).toHaveLength(0);
    expect((await t.api('/v2/bot/message/multicast', request)).status).toBe(200);
    expect((await t.api('/v2/bot/message/multicast', request)).status).toBe(409);
    expect(await received(t.friendIds[0]!)).toHaveLength(1);
  });

  it('an injected 500 after the work (lost response): the retry gets 409 and nothing is delivered twice', async () => {
    await t.control('/_emulator/faults', { operation: 'pushMessage', kind: 'error', phase: 'after', count: 1 });
    const key = randomUUID();
    const request = { json: { to: t.friendIds[0], messages: [text('一回')] }, headers: { 'X-Line-Retry-Key': key } };
    expect((await t.api('/v2/bot/message/push', request)).status).toBe(500);
    const retry = await t.api('/v2/bot/message/push', request);
    expect(retry.status).toBe(409);
    expect(retry.headers.get('x-line-accepted-request-id')).toBeTruthy();
    expect(await received(t.friendIds[0]!)).toHaveLength(1);
  });

  it('injects 429 and delays', async () => {
    await t.control('/_emulator/faults', { operation: 'getBotInfo', kind: 'rateLimit', count: 1 });
    const limited = await t.api('/v2/bot/info');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: 'Too Many Requests' });
    await t.control('/_emulator/faults', { operation: 'getBotInfo', kind: 'delay', delayMs: 200, count: 1 });
    const started = Date.now();
    expect((await t.api('/v2/bot/info')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('enforces the monthly limit with LINE 429 body', async () => {
    await t.control(`/_emulator/channels/${t.channel.channelId}`, { monthlyMessageLimit: 2 }, 'PATCH');
    expect(await (await t.api('/v2/bot/message/quota')).json()).toEqual({ type: 'limited', value: 2 });
    expect(
      (await t.api('/v2/bot/message/multicast', { json: { to: t.friendIds.slice(0, 2), messages: [text('a'), text('b')] } })).status,
    ).toBe(200);
    const over = await t.api('/v2/bot/message/push', { json: { to: t.friendIds[2], messages: [text('c')] } });
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual({ message: 'You have reached your monthly limit.' });
  });

  it('broadcasts to every following friend, not to those who blocked', async () => {
    await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[1]}/block`, {});
    expect((await t.api('/v2/bot/message/broadcast', { json: { messages: [text('全員へ')] } })).status).toBe(200);
    expect(await received(t.friendIds[0]!)).toHaveLength(1);
    expect(await received(t.friendIds[1]!)).toHaveLength(0);
  });

  it('narrowcasts with a demographic filter and reports progress', async () => {
    const response = await t.api('/v2/bot/message/narrowcast', {
      json: { messages: [text('女性の方へ')], filter: { demographic: { type: 'gender', oneOf: ['female'] } } },
    });
    expect(response.status).toBe(202);
    const requestId = response.headers.get('x-line-request-id')!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const progress = await (await t.api(`/v2/bot/message/progress/narrowcast?requestId=${requestId}`)).json();
    expect(progress).toMatchObject({ phase: 'succeeded', successCount: 1, failureCount: 0, targetCount: 1 });
    // Residents alternate male, female, male.
    expect(await received(t.friendIds[1]!)).toHaveLength(1);
    expect(await received(t.friendIds[0]!)).toHaveLength(0);
  });

  it('validates narrowcast shapes', async () => {
    const response = await t.api('/v2/bot/message/narrowcast', {
      json: { messages: [text('x')], limit: { max: 0, forbidPartialDelivery: true }, recipient: { type: 'nope' } },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.details.map((detail: any) => detail.property).sort()).toEqual([
      'limit.forbidPartialDelivery',
      'limit.max',
      'recipient.type',
    ]);
  });

  it('validates customAggregationUnits, quick replies and message types', async () => {
    const response = await t.api('/v2/bot/message/push', {
      json: {
        to: t.friendIds[0],
        customAggregationUnits: ['bad-unit!'],
        messages: [
          {
            type: 'text',
            text: 'x',
            quickReply: {
              items: Array.from({ length: 14 }, () => ({ type: 'action', action: { type: 'message', label: 'l', text: 't' } })),
            },
          },
          { type: 'image', originalContentUrl: 'http://insecure.example/a.png', previewImageUrl: 'https://example.com/p.png' },
          { type: 'unknown' },
        ],
      },
    });
    const body = await response.json();
    expect(body.details.map((detail: any) => detail.property).sort()).toEqual([
      'customAggregationUnits[0]',
      'messages[0].quickReply.items',
      'messages[1].originalContentUrl',
      'messages[2].type',
    ]);
  });

  it('accepts template, flex, sticker, location, imagemap and textV2 messages', async () => {
    const uri = { type: 'uri', label: '開く', uri: 'https://example.com' };
    const response = await t.api('/v2/bot/message/validate/push', {
      json: {
        messages: [
          {
            type: 'template',
            altText: '確認',
            template: { type: 'confirm', text: 'よろしいですか', actions: [uri, { type: 'message', label: 'いいえ', text: 'いいえ' }] },
          },
          {
            type: 'flex',
            altText: 'カード',
            contents: {
              type: 'bubble',
              body: {
                type: 'box',
                layout: 'vertical',
                contents: [
                  { type: 'text', text: '本文' },
                  { type: 'button', action: uri },
                ],
              },
            },
          },
          { type: 'sticker', packageId: '446', stickerId: '1988' },
          { type: 'location', title: '市役所', address: '東京都', latitude: 35.6, longitude: 139.7 },
          { type: 'textV2', text: '{user} さん', substitution: { user: { type: 'mention', mentionee: { type: 'all' } } } },
        ],
      },
    });
    expect(response.status).toBe(200);
    const flexError = await t.api('/v2/bot/message/validate/push', {
      json: {
        messages: [
          {
            type: 'flex',
            altText: 'x',
            contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [{ type: 'button' }] } },
          },
        ],
      },
    });
    expect((await flexError.json()).details.map((detail: any) => detail.property).sort()).toEqual([
      'messages[0].contents.body.contents[0].action',
      'messages[0].contents.body.layout',
    ]);
  });
});

describe('rate limits', () => {
  it('a window filled through the control API answers 429 until it is cleared; a retry key LINE refused stays unused', async () => {
    const t = await startTestEmulator({ rateLimitScale: 1 });
    try {
      const key = randomUUID();
      const send = () => t.api('/v2/bot/message/broadcast', { json: { messages: [text('全員へ')] }, headers: { 'x-line-retry-key': key } });
      const filled = await t.control('/_emulator/rate-limits', { channelId: t.channel.channelId, operation: 'broadcast' });
      expect(await filled.json()).toMatchObject({ used: 60, allowed: 60 });
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ message: 'Too Many Requests' });
      // Other endpoints keep their own windows.
      expect((await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('x')] } })).status).toBe(200);
      expect((await t.control('/_emulator/rate-limits', undefined, 'DELETE')).status).toBe(200);
      expect((await send()).status).toBe(200);
      const again = await send();
      expect(again.status).toBe(409);
      const { requests } = (await (await t.control(`/_emulator/channels/${t.channel.channelId}/requests`)).json()) as {
        requests: Array<{ kind: string; recipients: string[] }>;
      };
      expect(requests.filter((r) => r.kind === 'broadcast')).toHaveLength(1);
      expect(requests.find((r) => r.kind === 'broadcast')!.recipients).toHaveLength(t.friendIds.length);
    } finally {
      await t.emulator.close();
    }
  });

  it('answers 429 with LINE body after the scaled limit', async () => {
    // 60 per hour × 1/60 = one broadcast per hour.
    const t = await startTestEmulator({ rateLimitScale: 1 / 60 });
    try {
      const send = () => t.api('/v2/bot/message/broadcast', { json: { messages: [text('x')] } });
      expect((await send()).status).toBe(200);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ message: 'Too Many Requests' });
      // Limits are per endpoint: push still works.
      expect((await t.api('/v2/bot/message/push', { json: { to: t.friendIds[0], messages: [text('x')] } })).status).toBe(200);
    } finally {
      await t.emulator.close();
    }
  });
});
