import { describe, expect, it } from 'vitest';
import { RESIDENT_VARIABLES, toPlainText, validateMessages, type ComposedMessage } from './index.js';

function valid(input: unknown): ComposedMessage[] {
  const result = validateMessages(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.messages;
}

const IMAGE = 'https://cdn.city.example.jp/kosodate/poster.jpg';

describe('toPlainText', () => {
  it('keeps a text message as written, line breaks and spaces included', () => {
    const text = '12月の子育て広場のお知らせです。\n\n  日時：12月8日（火）10:30～\n場所：中央公民館 https://www.city.example.jp/hiroba';
    expect(toPlainText(valid([{ type: 'text', text }]))).toBe(text);
  });

  it('drops the `$` each LINE emoji stands on, and only those', () => {
    const messages = valid([
      {
        type: 'text',
        text: '$こんにちは$ 料金は$100です',
        emojis: [
          { index: 0, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' },
          { index: 6, productId: '5ac1bfd5040ab15980c9b435', emojiId: '002' },
        ],
      },
    ]);
    expect(toPlainText(messages)).toBe('こんにちは 料金は$100です');
  });

  it('shows a link card as its title, text and a line with the button and its URL', () => {
    const messages = valid([
      {
        type: 'card',
        title: '子育てアンケート',
        text: '5分ほどで答えられます。',
        imageUrl: IMAGE,
        buttonLabel: '回答する',
        url: 'https://line.city.example.jp/liff/forms/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      },
      { type: 'card', title: '申し込み', buttonLabel: '申し込む', url: 'https://www.city.example.jp/apply' },
    ]);
    expect(toPlainText(messages)).toBe(
      [
        '子育てアンケート',
        '5分ほどで答えられます。',
        '回答する: https://line.city.example.jp/liff/forms/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        '',
        '申し込み',
        '申し込む: https://www.city.example.jp/apply',
      ].join('\n'),
    );
  });

  it('shows images and videos as a line with their URL, a Flex message as its alternative text', () => {
    const messages = valid([
      { type: 'image', originalContentUrl: IMAGE, previewImageUrl: 'https://cdn.city.example.jp/kosodate/poster-s.jpg' },
      { type: 'video', originalContentUrl: 'https://cdn.city.example.jp/kosodate/movie.mp4', previewImageUrl: IMAGE },
      {
        type: 'flex',
        altText: '12月のイベント一覧',
        contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Flexの中身' }] } },
      },
    ]);
    expect(toPlainText(messages)).toBe(
      [`画像: ${IMAGE}`, '', '動画: https://cdn.city.example.jp/kosodate/movie.mp4', '', '12月のイベント一覧'].join('\n'),
    );
    expect(toPlainText(messages)).not.toContain('Flexの中身');
  });

  it('shows an imagemap as its alternative text and the links of its areas, not its message areas', () => {
    const messages = valid([
      {
        type: 'imagemap',
        baseUrl: 'https://cdn.city.example.jp/map',
        altText: '避難所マップ',
        baseSize: { width: 1040, height: 520 },
        actions: [
          {
            type: 'uri',
            label: '北地区',
            linkUri: 'https://www.city.example.jp/hinan/kita',
            area: { x: 0, y: 0, width: 520, height: 520 },
          },
          { type: 'uri', linkUri: 'https://www.city.example.jp/hinan/minami', area: { x: 520, y: 0, width: 520, height: 260 } },
          { type: 'message', text: '避難所', area: { x: 520, y: 260, width: 520, height: 260 } },
        ],
      },
    ]);
    expect(toPlainText(messages)).toBe(
      ['避難所マップ', '北地区: https://www.city.example.jp/hinan/kita', 'https://www.city.example.jp/hinan/minami'].join('\n'),
    );
  });

  it('leaves out stickers, and is empty when nothing else is there', () => {
    const sticker = { type: 'sticker', packageId: '446', stickerId: '1988' };
    expect(toPlainText(valid([sticker]))).toBe('');
    expect(toPlainText(valid([sticker, { type: 'text', text: 'ご覧ください' }, sticker]))).toBe('ご覧ください');
  });

  it('unescapes `{{` and gives resident variables their fallback, as LINE shows them', () => {
    const messages = valid([{ type: 'text', text: '{nickname}さん、{{ご案内} です' }]);
    expect(toPlainText(messages)).toBe(`${RESIDENT_VARIABLES.nickname.fallback}さん、{ご案内} です`);
  });
});
