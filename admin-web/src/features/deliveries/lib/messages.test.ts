import { describe, expect, it } from 'vitest';
import { TEMPLATES, compose, dollarIndexes, emptyMessage, flexDraft, jsonErrorOffset, parseJson, toDraft } from './messages';
import type { TextDraft } from './messages';

describe('compose and toDraft', () => {
  it('puts each LINE emoji on its $ in order, and reads them back in that order', () => {
    const draft: TextDraft = {
      key: 'm1',
      type: 'text',
      text: 'こんにちは$ お知らせです$',
      emojis: [
        { productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' },
        { productId: '5ac1bfd5040ab15980c9b435', emojiId: '002' },
      ],
      extra: {},
    };
    const { message, problem } = compose(draft);
    expect(problem).toBeNull();
    expect(message).toEqual({
      type: 'text',
      text: 'こんにちは$ お知らせです$',
      emojis: [
        { index: 5, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' },
        { index: 13, productId: '5ac1bfd5040ab15980c9b435', emojiId: '002' },
      ],
    });
    const back = toDraft({ ...message, emojis: [...(message['emojis'] as unknown[])].reverse() });
    expect(back).toMatchObject({ type: 'text', text: draft.text, emojis: draft.emojis });
  });

  it('says so when there are more emoji than $, and sends only those that have one', () => {
    const { message, problem } = compose({
      key: 'm1',
      type: 'text',
      text: 'a$b',
      emojis: [
        { productId: 'p', emojiId: '1' },
        { productId: 'p', emojiId: '2' },
      ],
      extra: {},
    });
    expect(problem).toEqual({ kind: 'emojiCount', emojis: 2, dollars: 1 });
    expect(message['emojis']).toEqual([{ index: 1, productId: 'p', emojiId: '1' }]);
  });

  it('leaves empty optional fields out and keeps properties the editor does not edit', () => {
    const card = toDraft({
      type: 'card',
      title: '申し込み',
      buttonLabel: '申し込む',
      url: 'https://example.jp/a',
      quickReply: { items: [] },
    });
    expect(card.extra).toEqual({ quickReply: { items: [] } });
    expect(compose(card).message).toEqual({
      type: 'card',
      title: '申し込み',
      buttonLabel: '申し込む',
      url: 'https://example.jp/a',
      quickReply: { items: [] },
    });
    const video = emptyMessage('video');
    expect(compose(video).message).toEqual({ type: 'video', originalContentUrl: '', previewImageUrl: '' });
  });

  it('holds Flex and imagemap messages as JSON text and reports where the text stops being JSON', () => {
    const flex = flexDraft(TEMPLATES.eventNotice());
    expect(compose(flex).message['contents']).toEqual(TEMPLATES.eventNotice().contents);
    const broken = compose({ ...flex, contents: '{\n  "type": "bubble",\n  "body": \n}' });
    expect(broken.problem).toEqual({ kind: 'json', line: 4 });
    expect(broken.message['contents']).toBeUndefined();
    const imagemap = toDraft({
      type: 'imagemap',
      baseUrl: 'https://example.jp/m',
      altText: 'a',
      baseSize: { width: 1040, height: 520 },
      actions: [],
    });
    expect(imagemap.type).toBe('imagemap');
    expect(compose(imagemap).message).toEqual({
      type: 'imagemap',
      baseUrl: 'https://example.jp/m',
      altText: 'a',
      baseSize: { width: 1040, height: 520 },
      actions: [],
    });
    expect(compose({ key: 'm9', type: 'imagemap', json: '[1]', extra: {} }).problem).toEqual({ kind: 'json', line: null });
  });

  it('counts $ in UTF-16 units as LINE does', () => {
    expect(dollarIndexes('🍎$')).toEqual([2]);
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('jsonErrorOffset', () => {
  it('finds where a text stops being JSON, and nothing in JSON', () => {
    expect(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\n\\u00e9"]}')).toBeNull();
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{ "a": ')).toBe(7);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(parseJson('{\n  "type": "bubble",\n  "body": \n}')).toEqual({ ok: false, line: 4 });
  });
});
