import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePng } from '../images.js';
import { startTestEmulator, startWebhookReceiver, TEST_ACCESS_TOKEN, type TestEmulator } from '../test-support.js';

// The phones UI driven by a real browser (Debian chromium): a resident's chat, their rich menu and
// typing/tapping as them. Set UI_SCREENSHOT_DIR to keep screenshots.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('phones UI', () => {
  let t: TestEmulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let browser: Browser;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestEmulator({ friends: 3, webhookUrl: receiver.url });
    const menu = {
      size: { width: 2500, height: 843 },
      selected: true,
      name: '市役所メニュー',
      chatBarText: 'メニュー',
      areas: [
        {
          bounds: { x: 0, y: 0, width: 1250, height: 843 },
          action: { type: 'postback', label: 'ごみ出し', data: 'menu=garbage', displayText: 'ごみ出しについて' },
        },
        { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: 'message', label: '防災情報', text: '防災情報' } },
      ],
    };
    const { richMenuId } = (await (await t.api('/v2/bot/richmenu', { json: menu })).json()) as { richMenuId: string };
    await fetch(`${t.emulator.url}/v2/bot/richmenu/${richMenuId}/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ACCESS_TOKEN}`, 'content-type': 'image/png' },
      body: new Uint8Array(generatePng(2500, 843)),
    });
    await t.api(`/v2/bot/user/all/richmenu/${richMenuId}`, { method: 'POST' });
    await t.api('/v2/bot/message/push', {
      json: {
        to: t.friendIds[0],
        messages: [
          { type: 'text', text: '市役所からのお知らせです。\n今週の土曜日は粗大ごみの日です。' },
          { type: 'sticker', packageId: '446', stickerId: '1988' },
          {
            type: 'template',
            altText: '予約の確認',
            template: {
              type: 'confirm',
              text: '窓口の予約を確定しますか？',
              actions: [
                { type: 'postback', label: 'はい', data: 'confirm=yes' },
                { type: 'message', label: 'いいえ', text: 'いいえ' },
              ],
            },
          },
          {
            type: 'flex',
            altText: '避難所の情報',
            contents: {
              type: 'bubble',
              body: {
                type: 'box',
                layout: 'vertical',
                contents: [
                  { type: 'text', text: '第一小学校（開設中）' },
                  { type: 'button', action: { type: 'uri', label: '地図を見る', uri: 'https://example.com/map' } },
                ],
              },
            },
          },
        ],
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.emulator.close();
    await receiver?.close();
  });

  it('shows the chat and rich menu, and sends what the person types and taps', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
    await page.goto(`${t.emulator.url}/_emulator/ui/?channel=${t.channel.channelId}&friend=${t.friendIds[0]}`);
    await page.getByRole('log', { name: 'トーク履歴' }).getByText('粗大ごみの日').waitFor();
    await expect(page.getByRole('img', { name: /リッチメニュー/ }).isVisible()).resolves.toBe(true);
    if (process.env.UI_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.UI_SCREENSHOT_DIR}/phones-chat.png`, fullPage: true });

    await page.getByRole('button', { name: 'ごみ出し' }).click();
    await page.getByLabel('メッセージ').fill('燃えるごみは何曜日ですか');
    await page.getByRole('button', { name: '送信' }).click();
    await page.getByRole('log').getByText('燃えるごみは何曜日ですか').waitFor();
    await page.getByRole('log').getByText('ごみ出しについて').waitFor();
    await t.emulator.webhooksSettled();
    const events = receiver.received.map((delivery) => delivery.body.events[0]!);
    expect(events.map((event) => event.type)).toEqual(['postback', 'message']);
    expect(events[0]!.postback).toEqual({ data: 'menu=garbage' });
    expect(events[1]!.message).toMatchObject({ type: 'text', text: '燃えるごみは何曜日ですか' });

    // A bot reply shows up live (server-sent events).
    await t.api('/v2/bot/message/reply', {
      json: { replyToken: events[1]!.replyToken, messages: [{ type: 'text', text: '燃えるごみは月曜と木曜です。' }] },
    });
    await page.getByRole('log').getByText('燃えるごみは月曜と木曜です。').waitFor();

    await page.getByRole('button', { name: 'ブロックする' }).click();
    await page.getByRole('button', { name: 'ブロック解除' }).waitFor();
    if (process.env.UI_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.UI_SCREENSHOT_DIR}/phones-after.png`, fullPage: true });
    await t.emulator.webhooksSettled();
    expect(receiver.received.at(-1)!.body.events[0]).toMatchObject({ type: 'unfollow' });
    await page.close();
  });
});
