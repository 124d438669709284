import { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePng } from '../images.js';
import { startTestEmulator, startWebhookReceiver, TEST_ACCESS_TOKEN, type TestEmulator } from '../test-support.js';

const menu = (width = 2500, height = 843) => ({
  size: { width, height },
  selected: true,
  name: 'メインメニュー',
  chatBarText: 'メニュー',
  areas: [
    { bounds: { x: 0, y: 0, width: width / 2, height }, action: { type: 'postback', data: 'menu=left', displayText: 'ごみ出し' } },
    {
      bounds: { x: width / 2, y: 0, width: width / 2, height },
      action: { type: 'richmenuswitch', richMenuAliasId: 'tab-2', data: 'tab=2' },
    },
  ],
});

describe('rich menus through the official @line/bot-sdk clients', () => {
  let t: TestEmulator;
  let client: messagingApi.MessagingApiClient;
  let blobClient: messagingApi.MessagingApiBlobClient;
  beforeEach(async () => {
    t = await startTestEmulator({ friends: 2 });
    client = new messagingApi.MessagingApiClient({ channelAccessToken: TEST_ACCESS_TOKEN, baseURL: t.emulator.url });
    blobClient = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TEST_ACCESS_TOKEN, baseURL: t.emulator.url });
  });
  afterEach(async () => {
    await t.emulator.close();
  });

  it('creates, uploads, aliases, sets default and links per user', async () => {
    const { richMenuId } = await client.createRichMenu(menu() as messagingApi.RichMenuRequest);
    expect(richMenuId).toMatch(/^richmenu-[0-9a-f]{32}$/);
    await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(generatePng(2500, 843))], { type: 'image/png' }));
    await client.createRichMenuAlias({ richMenuAliasId: 'tab-2', richMenuId });
    expect(await client.getRichMenuAlias('tab-2')).toEqual({ richMenuAliasId: 'tab-2', richMenuId });
    await client.setDefaultRichMenu(richMenuId);
    expect(await client.getDefaultRichMenuId()).toEqual({ richMenuId });
    await client.linkRichMenuIdToUser(t.friendIds[0]!, richMenuId);
    expect(await client.getRichMenuIdOfUser(t.friendIds[0]!)).toEqual({ richMenuId });
    await client.linkRichMenuIdToUsers({ richMenuId, userIds: t.friendIds });
    expect((await client.getRichMenuList()).richmenus).toHaveLength(1);
    const friend = await (await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[1]}`)).json();
    expect(friend.richMenu).toMatchObject({ richMenuId, chatBarText: 'メニュー' });
  });

  it('enforces the rich menu object and image rules', async () => {
    const tooManyAreas = { ...menu(), areas: Array.from({ length: 21 }, () => menu().areas[0]) };
    const rejected = await t.api('/v2/bot/richmenu', { json: tooManyAreas });
    expect(rejected.status).toBe(400);
    expect((await rejected.json()).details).toEqual([{ message: 'Size must be between 1 and 20', property: 'areas' }]);
    const outside = { ...menu(), areas: [{ bounds: { x: 2000, y: 0, width: 600, height: 100 }, action: { type: 'message', text: 'x' } }] };
    expect((await (await t.api('/v2/bot/richmenu', { json: outside })).json()).details[0].property).toBe('areas[0].bounds');
    const tall = await t.api('/v2/bot/richmenu', { json: menu(1200, 1000) });
    expect((await tall.json()).details[0].property).toBe('size');

    const { richMenuId } = (await (await t.api('/v2/bot/richmenu', { json: menu() })).json()) as { richMenuId: string };
    const upload = (body: Buffer, type = 'image/png') =>
      fetch(`${t.emulator.url}/v2/bot/richmenu/${richMenuId}/content`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ACCESS_TOKEN}`, 'content-type': type },
        body: new Uint8Array(body),
      });
    expect((await upload(Buffer.from('GIF89a'), 'image/gif')).status).toBe(415);
    expect((await upload(generatePng(2400, 843))).status).toBe(400);
    expect((await upload(Buffer.alloc(1024 * 1024 + 1, 1))).status).toBe(413);
    // Linking needs an image first.
    expect((await t.api(`/v2/bot/user/all/richmenu/${richMenuId}`, { method: 'POST' })).status).toBe(400);
    expect((await upload(generatePng(2500, 843))).status).toBe(200);
    expect((await upload(generatePng(2500, 843))).status).toBe(400);
    const download = await t.api(`/v2/bot/richmenu/${richMenuId}/content`);
    expect(download.headers.get('content-type')).toBe('image/png');
    const bulk = await t.api('/v2/bot/richmenu/bulk/link', {
      json: { richMenuId, userIds: Array.from({ length: 501 }, () => t.friendIds[0]) },
    });
    expect(bulk.status).toBe(400);
  });

  it('answers 413 with LINE body to an image upload over the 2 MB request limit', async () => {
    const { richMenuId } = (await (await t.api('/v2/bot/richmenu', { json: menu() })).json()) as { richMenuId: string };
    const response = await fetch(`${t.emulator.url}/v2/bot/richmenu/${richMenuId}/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ACCESS_TOKEN}`, 'content-type': 'image/png' },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Payload Too Large' });
  });

  it('a tap on a rich menu area acts as LINE does (postback, alias switch)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await t.control(`/_emulator/channels/${t.channel.channelId}`, { webhookUrl: receiver.url, webhookActive: true }, 'PATCH');
      const { richMenuId } = await client.createRichMenu(menu() as messagingApi.RichMenuRequest);
      await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(generatePng(2500, 843))], { type: 'image/png' }));
      await client.createRichMenuAlias({ richMenuAliasId: 'tab-2', richMenuId });
      await client.setDefaultRichMenu(richMenuId);
      const tap = (areaIndex: number) =>
        t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[0]}/richmenu/tap`, { areaIndex });
      expect((await tap(0)).status).toBe(200);
      expect(await (await tap(1)).json()).toEqual({ performed: 'richmenuswitch', richMenuId });
      await t.emulator.webhooksSettled();
      const events = receiver.received.map((delivery) => delivery.body.events[0]!);
      expect(events[0]).toMatchObject({ type: 'postback', postback: { data: 'menu=left' } });
      expect(events[1]).toMatchObject({
        type: 'postback',
        postback: { data: 'tab=2', params: { newRichMenuAliasId: 'tab-2', status: 'SUCCESS' } },
      });
    } finally {
      await receiver.close();
    }
  });

  it('pushes through the SDK with a retry key and sees 409 on the repeat', async () => {
    const retryKey = crypto.randomUUID();
    const first = await client.pushMessage({ to: t.friendIds[0]!, messages: [{ type: 'text', text: 'SDK' }] }, retryKey);
    expect(first.sentMessages).toHaveLength(1);
    await expect(client.pushMessage({ to: t.friendIds[0]!, messages: [{ type: 'text', text: 'SDK' }] }, retryKey)).rejects.toMatchObject({
      status: 409,
    });
  });
});
