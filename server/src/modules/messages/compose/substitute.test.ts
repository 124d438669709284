import { describe, expect, it } from 'vitest';
import {
  RESIDENT_VARIABLES,
  placeholders,
  substitute,
  usesResidentVariables,
  validateMessages,
  type ComposedMessage,
  type MessageProblem,
} from './index.js';

function valid(input: unknown): ComposedMessage[] {
  const result = validateMessages(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.messages;
}

function problems(input: unknown): MessageProblem[] {
  const result = validateMessages(input);
  return result.ok ? [] : result.problems;
}

const emoji = (index: number) => ({ index, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' });

describe('the resident variables', () => {
  it('offer the LINE display name and nothing residents entered on our pages', () => {
    expect(Object.keys(RESIDENT_VARIABLES)).toEqual(['nickname']);
    expect(RESIDENT_VARIABLES.nickname.label).toBe('LINEの表示名');
  });
});

describe('placeholders', () => {
  it('lists each name once in order, known or not, but not an escaped brace', () => {
    expect(placeholders('{nickname}さん、{町名}の{nickname}さん')).toEqual(['nickname', '町名']);
    expect(placeholders('{{nickname} と { nickname } と {}')).toEqual([]);
    expect(placeholders('{{{nickname}')).toEqual(['nickname']);
  });
});

describe('substitute', () => {
  it('inserts the value and turns {{ into {', () => {
    const [message] = substitute(valid([{ type: 'text', text: '{nickname}さん、{{nickname} は差し込み項目です' }]), { nickname: '山田' });
    expect(message).toEqual({ type: 'text', text: '山田さん、{nickname} は差し込み項目です' });
  });

  it('moves LINE emoji indexes with the text around them', () => {
    const messages = valid([{ type: 'text', text: '{{ {nickname}さん$ {nickname}$', emojis: [emoji(15), emoji(27)] }]);
    const [message] = substitute(messages, { nickname: '🍎太郎' });
    expect(message).toMatchObject({ text: '{ 🍎太郎さん$ 🍎太郎$', emojis: [{ index: 8 }, { index: 14 }] });
    if (message?.type !== 'text') throw new Error('not a text');
    for (const { index } of message.emojis ?? []) expect(message.text[index]).toBe('$');
  });

  it('fills card, imagemap and Flex texts and alternative texts but no labels', () => {
    const [card, imagemap, flex] = substitute(
      valid([
        {
          type: 'card',
          title: '{nickname}さんへ',
          text: '{nickname}さんの回答をお待ちしています',
          buttonLabel: '{nickname}',
          url: 'https://liff.line.me/1-a',
        },
        {
          type: 'imagemap',
          baseUrl: 'https://media.city.example.lg.jp/m',
          altText: '{nickname}さんへのご案内',
          baseSize: { width: 1040, height: 1040 },
          actions: [{ type: 'message', text: '{nickname}', area: { x: 0, y: 0, width: 1040, height: 1040 } }],
        },
        {
          type: 'flex',
          altText: '{nickname}さんへ',
          contents: {
            type: 'carousel',
            contents: [
              {
                type: 'bubble',
                body: {
                  type: 'box',
                  layout: 'vertical',
                  contents: [
                    { type: 'text', text: 'こんにちは{nickname}さん' },
                    { type: 'text', contents: [{ type: 'span', text: '{nickname}', weight: 'bold' }] },
                    { type: 'button', action: { type: 'message', label: '{nickname}', text: '{nickname}' } },
                  ],
                },
              },
            ],
          },
        },
      ]),
      { nickname: '花子' },
    );
    expect(card).toMatchObject({ title: '花子さんへ', text: '花子さんの回答をお待ちしています', buttonLabel: '{nickname}' });
    expect(imagemap).toMatchObject({ altText: '花子さんへのご案内', actions: [{ text: '{nickname}' }] });
    expect(flex).toMatchObject({
      altText: '花子さんへ',
      contents: {
        contents: [
          {
            body: {
              contents: [
                { text: 'こんにちは花子さん' },
                { contents: [{ text: '花子' }] },
                { action: { label: '{nickname}', text: '{nickname}' } },
              ],
            },
          },
        ],
      },
    });
  });

  it('uses the fallback for a missing value and cuts a long one without splitting an emoji', () => {
    const messages = valid([{ type: 'text', text: '{nickname}さん' }]);
    expect(substitute(messages, {})[0]).toMatchObject({ text: 'さん' });
    expect(substitute(messages, { nickname: '😀'.repeat(25) })[0]).toMatchObject({ text: `${'😀'.repeat(20)}さん` });
    expect(substitute(messages, { nickname: 'a' + '😀'.repeat(25) })[0]).toMatchObject({ text: `a${'😀'.repeat(19)}さん` });
  });

  it('leaves the stored messages as they were', () => {
    const messages = valid([
      { type: 'text', text: '{nickname}さん', quickReply: { items: [{ type: 'action', action: { type: 'camera', label: '撮影' } }] } },
    ]);
    const before = structuredClone(messages);
    const [after] = substitute(messages, { nickname: '山田' });
    expect(messages).toEqual(before);
    if (after?.type !== 'text' || messages[0]?.type !== 'text') throw new Error('not a text');
    expect(after.quickReply).not.toBe(messages[0].quickReply);
  });

  it('sends a substituted message that validates again', () => {
    const stored = valid([{ type: 'text', text: `${'あ'.repeat(4960)}{nickname}` }]);
    const sent = substitute(stored, { nickname: 'あ'.repeat(60) });
    expect(validateMessages(sent).ok).toBe(true);
  });
});

describe('usesResidentVariables', () => {
  it('tells messages that differ per resident from those that do not', () => {
    expect(
      usesResidentVariables(
        valid([
          { type: 'sticker', packageId: '446', stickerId: '1988' },
          { type: 'text', text: '{nickname}さん' },
        ]),
      ),
    ).toBe(true);
    expect(usesResidentVariables(valid([{ type: 'text', text: '{{nickname} は使えます' }]))).toBe(false);
    expect(
      usesResidentVariables(
        valid([
          {
            type: 'flex',
            altText: 'お知らせ',
            contents: {
              type: 'bubble',
              body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', contents: [{ type: 'span', text: '{nickname}' }] }] },
            },
          },
        ]),
      ),
    ).toBe(true);
    expect(
      usesResidentVariables(
        valid([
          {
            type: 'text',
            text: '選んでください',
            quickReply: { items: [{ type: 'action', action: { type: 'message', label: '{nickname}', text: 'x' } }] },
          },
        ]),
      ),
    ).toBe(false);
  });
});

describe('variables in validation', () => {
  it('refuses an unknown variable wherever variables are filled in', () => {
    const message = '使えない差し込み項目 {氏名} があります。文字として「{」を表示するには「{{」と入力してください。';
    expect(problems([{ type: 'text', text: '{氏名}様' }])).toEqual([{ path: 'messages.0.text', message: `1通目のテキストに${message}` }]);
    expect(problems([{ type: 'card', title: '{氏名}様', buttonLabel: '開く', url: 'https://liff.line.me/1-a' }])).toEqual([
      { path: 'messages.0.title', message: `1通目のタイトルに${message}` },
    ]);
    expect(
      problems([
        {
          type: 'flex',
          altText: 'x',
          contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: '{氏名}様' }] } },
        },
      ]),
    ).toEqual([
      { path: 'messages.0.contents.body.contents.0.text', message: `1通目のFlexの内容のボディの1番目の要素のテキストに${message}` },
    ]);
    expect(problems([{ type: 'text', text: '{{氏名}様 {nickname}様' }])).toEqual([]);
  });

  it('counts each variable at its longest against the length limit', () => {
    expect(problems([{ type: 'text', text: `${'あ'.repeat(4960)}{nickname}` }])).toEqual([]);
    expect(problems([{ type: 'text', text: `${'あ'.repeat(4961)}{nickname}` }])).toEqual([
      {
        path: 'messages.0.text',
        message: '1通目のテキストは差し込み後に5000文字を超えるおそれがあります（{nickname}は最大40文字として数えます）。',
      },
    ]);
    // `{{` is sent as one character.
    expect(problems([{ type: 'text', text: `${'あ'.repeat(4999)}{{` }])).toEqual([]);
    expect(problems([{ type: 'text', text: `${'あ'.repeat(5000)}{{` }])).toEqual([
      { path: 'messages.0.text', message: '1通目のテキストは5000文字以内で入力してください。' },
    ]);
    // A card's own limits count the title as written.
    expect(
      problems([{ type: 'card', title: `${'あ'.repeat(30)}{nickname}`, buttonLabel: '開く', url: 'https://liff.line.me/1-a' }]),
    ).toEqual([]);
  });

  it('measures a Flex bubble with each variable at its longest', () => {
    const bubble = (filler: string) => ({
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: filler }] },
    });
    const size = (text: string) => JSON.stringify(bubble(text)).length;
    const plain = 'x'.repeat(30_000 - size(''));
    expect(problems([{ type: 'flex', altText: 'x', contents: bubble(plain) }])).toEqual([]);
    const withVariable = `{nickname}${plain.slice(10)}`;
    expect(size(withVariable)).toBe(30_000);
    expect(problems([{ type: 'flex', altText: 'x', contents: bubble(withVariable) }])).toEqual([
      { path: 'messages.0.contents', message: '1通目のFlexの内容は30KB以内にしてください（現在30.2KB）。' },
    ]);
  });
});
