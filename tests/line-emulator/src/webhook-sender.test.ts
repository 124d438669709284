import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, startWebhookReceiver, TEST_CHANNEL_SECRET, type TestEmulator } from './test-support.js';

describe('webhooks from simulated residents', () => {
  let t: TestEmulator | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await t?.emulator.close();
    await receiver?.close();
  });

  it('signs the raw body with the channel secret and sends LINE event fields', async () => {
    receiver = await startWebhookReceiver();
    t = await startTestEmulator({ webhookUrl: receiver.url, friends: 0 });
    const friends = t.channel.channelId;
    const created = await (await t.control(`/_emulator/channels/${friends}/friends`, { count: 1 })).json();
    const userId = created.friends[0].userId as string;
    await t.control(`/_emulator/channels/${friends}/friends/${userId}/messages`, { type: 'text', text: 'ごみの日は？' });
    await t.emulator.webhooksSettled();

    expect(receiver.received).toHaveLength(2);
    for (const delivery of receiver.received) {
      const expected = createHmac('sha256', TEST_CHANNEL_SECRET).update(delivery.rawBody).digest('base64');
      expect(delivery.headers['x-line-signature']).toBe(expected);
      expect(delivery.body.destination).toBe(t.channel.botUserId);
    }
    const [follow, message] = receiver.received.map((delivery) => delivery.body.events[0]!);
    expect(follow).toMatchObject({ type: 'follow', mode: 'active', follow: { isUnblocked: false }, source: { type: 'user', userId } });
    expect(message).toMatchObject({
      type: 'message',
      mode: 'active',
      source: { type: 'user', userId },
      deliveryContext: { isRedelivery: false },
      message: { type: 'text', text: 'ごみの日は？' },
    });
    expect(message!.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(message!.replyToken).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof message!.timestamp).toBe('number');
  });

  it('redelivers with isRedelivery and the same webhookEventId after the receiver answered 500', async () => {
    receiver = await startWebhookReceiver([500, 500]);
    t = await startTestEmulator({ friends: 1, webhookUrl: receiver.url, webhookRedeliveryDelaysMs: [10, 10, 10] });
    await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[0]}/postback`, { data: 'action=menu' });
    await t.emulator.webhooksSettled();
    const events = receiver.received.map((delivery) => delivery.body.events[0]!);
    expect(events).toHaveLength(3);
    expect(events.map((event) => event.deliveryContext.isRedelivery)).toEqual([false, true, true]);
    expect(new Set(events.map((event) => event.webhookEventId)).size).toBe(1);
    expect(new Set(events.map((event) => event.timestamp)).size).toBe(1);
    const attempts = (await (await t.control(`/_emulator/channels/${t.channel.channelId}/webhook-attempts`)).json()).attempts;
    expect(attempts.map((attempt: any) => attempt.outcome)).toEqual([500, 500, 200]);
  });

  it('gives up after the configured number of redeliveries', async () => {
    receiver = await startWebhookReceiver([500, 500, 500, 500]);
    t = await startTestEmulator({ friends: 1, webhookUrl: receiver.url, webhookRedeliveryDelaysMs: [5] });
    await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[0]}/block`, {});
    await t.emulator.webhooksSettled();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body.events[0]).toMatchObject({ type: 'unfollow' });
    expect(receiver.received[0]!.body.events[0]!.replyToken).toBeUndefined();
  });

  it('a reply token replies once to that friend, then is refused', async () => {
    receiver = await startWebhookReceiver();
    t = await startTestEmulator({ friends: 1, webhookUrl: receiver.url });
    const userId = t.friendIds[0]!;
    await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${userId}/messages`, {
      type: 'sticker',
      packageId: '446',
      stickerId: '1988',
    });
    await t.emulator.webhooksSettled();
    const replyToken = receiver.received[0]!.body.events[0]!.replyToken as string;
    const reply = () =>
      t!.api('/v2/bot/message/reply', { json: { replyToken, messages: [{ type: 'text', text: 'ありがとうございます' }] } });
    expect((await reply()).status).toBe(200);
    const again = await reply();
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ message: 'Invalid reply token' });
    const received = (await (await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${userId}/received`)).json()).messages;
    expect(received.map((entry: any) => entry.message.text)).toEqual(['ありがとうございます']);
  });

  it('serves the content of an image a resident sent as a PNG', async () => {
    receiver = await startWebhookReceiver();
    t = await startTestEmulator({ friends: 1, webhookUrl: receiver.url });
    await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[0]}/messages`, {
      type: 'image',
      width: 64,
      height: 48,
    });
    await t.emulator.webhooksSettled();
    const messageId = receiver.received[0]!.body.events[0]!.message.id as string;
    const content = await t.api(`/v2/bot/message/${messageId}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await content.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(64);
  });

  it('tests the webhook endpoint like the console "Verify" button', async () => {
    receiver = await startWebhookReceiver([503]);
    t = await startTestEmulator({ friends: 0, webhookUrl: receiver.url });
    const result = await (await t.api('/v2/bot/channel/webhook/test', { json: {} })).json();
    expect(result).toMatchObject({ success: false, statusCode: 503 });
    expect(receiver.received[0]!.body.events).toEqual([]);
    expect(await (await t.api('/v2/bot/channel/webhook/endpoint')).json()).toEqual({ endpoint: receiver.url, active: true });
  });
});
