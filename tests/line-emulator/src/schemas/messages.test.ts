import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { detailsFromZod, type LineErrorDetail } from '../line-errors.js';
import { friendMessageInput, friendPostbackInput } from '../residents.js';
import { message } from './messages.js';
import { richMenuRequest } from './richmenus.js';

// Lengths counted as LINE counts them (docs/messaging-api/text-character-count): UTF-16 code units,
// except labels, action texts, template texts and rich menu names, counted in grapheme clusters.

const APPLE = '🍎'; // one grapheme, one code point, two UTF-16 code units
const FLAG = '🇯🇵'; // one grapheme, two code points, four UTF-16 code units

function details(schema: z.ZodType, value: unknown): LineErrorDetail[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : detailsFromZod(parsed.error);
}

const postback = (data: string) => ({ type: 'postback', label: 'l', data });
const confirm = (text: string, label = 'はい') => ({
  type: 'template',
  altText: '確認',
  template: {
    type: 'confirm',
    text,
    actions: [
      { type: 'message', label, text: 'はい' },
      { type: 'message', label: 'いいえ', text: 'いいえ' },
    ],
  },
});

describe('message lengths', () => {
  it('counts alt text and postback data in UTF-16 code units, so an emoji is two', () => {
    const flex = (altText: string) => ({ type: 'flex', altText, contents: { type: 'bubble' } });
    expect(details(message, flex(APPLE.repeat(750)))).toEqual([]);
    expect(details(message, flex(APPLE.repeat(751)))).toEqual([{ message: 'Length must be between 1 and 1500', property: 'altText' }]);
    const withPostback = (data: string) => ({
      type: 'text',
      text: 'x',
      quickReply: { items: [{ type: 'action', action: postback(data) }] },
    });
    expect(details(message, withPostback(APPLE.repeat(150)))).toEqual([]);
    expect(details(message, withPostback(APPLE.repeat(151)))).toEqual([
      { message: 'Length must be between 0 and 300', property: 'quickReply.items[0].action.data' },
    ]);
  });

  it('counts action labels and template texts in grapheme clusters, so a flag is one', () => {
    expect(details(message, confirm(FLAG.repeat(240), FLAG.repeat(20)))).toEqual([]);
    expect(details(message, confirm(FLAG.repeat(241), FLAG.repeat(21)))).toEqual([
      { message: 'Length must be between 1 and 240', property: 'template.text' },
      { message: 'Length must be between 1 and 20', property: 'template.actions[0].label' },
    ]);
  });

  it('measures a flex bubble in bytes of UTF-8 JSON, where a kana is three', () => {
    // 11,000 kana: about 11 K UTF-16 code units but 33 KB, over the 30 KB a bubble may have.
    const bubble = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'あ'.repeat(11_000) }] } };
    expect(details(message, { type: 'flex', altText: 'x', contents: bubble })).toEqual([
      { message: 'A bubble may not exceed 30 KB', property: 'contents' },
    ]);
  });
});

describe('rich menu lengths', () => {
  it('counts the chat bar text in grapheme clusters', () => {
    const menu = (chatBarText: string) => ({
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'メニュー',
      chatBarText,
      areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'message', text: 'x' } }],
    });
    expect(details(richMenuRequest, menu(FLAG.repeat(14)))).toEqual([]);
    expect(details(richMenuRequest, menu(FLAG.repeat(15)))).toEqual([
      { message: 'Length must be between 1 and 14', property: 'chatBarText' },
    ]);
  });
});

describe('what residents send', () => {
  it('counts their texts and postback data in UTF-16 code units', () => {
    expect(details(friendMessageInput, { type: 'text', text: APPLE.repeat(2501) })).toEqual([
      { message: 'Length must be between 1 and 5000', property: 'text' },
    ]);
    expect(details(friendPostbackInput, { data: APPLE.repeat(151) })).toEqual([
      { message: 'Length must be between 0 and 300', property: 'data' },
    ]);
  });
});
