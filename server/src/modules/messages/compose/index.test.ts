import { describe, expect, it } from 'vitest';
import { cardToFlex, substitute, toLineMessages, validateMessages, type ComposedMessage } from './index.js';

function valid(input: unknown): ComposedMessage[] {
  const result = validateMessages(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.messages;
}

describe('toLineMessages', () => {
  it('compiles a card to its Flex bubble and passes LINE messages through', () => {
    const messages = valid([
      {
        type: 'text',
        text: 'お知らせです',
        quickReply: { items: [{ type: 'action', action: { type: 'location', label: '位置を送る' } }] },
      },
      { type: 'sticker', packageId: '446', stickerId: '1988' },
      { type: 'card', title: '転入の手続き', buttonLabel: '予約する', url: 'https://liff.line.me/1234-abcd/reserve' },
    ]);
    const [text, sticker, card] = messages;
    if (card?.type !== 'card') throw new Error('not a card');
    expect(toLineMessages(messages)).toEqual([text, sticker, cardToFlex(card)]);
  });

  it('gives what LINE takes after substitution: no card type, no variable left', () => {
    const stored = valid([
      {
        type: 'card',
        title: '{nickname}さん、アンケートのお願い',
        text: '{{所要5分}',
        buttonLabel: '回答する',
        url: 'https://liff.line.me/1-a/forms/1',
      },
    ]);
    const sent = toLineMessages(substitute(stored, { nickname: '山田' }));
    expect(sent.map((message) => message.type)).toEqual(['flex']);
    expect(sent[0]).toMatchObject({ altText: '山田さん、アンケートのお願い' });
    expect(JSON.stringify(sent)).toContain('{所要5分}');
    expect(JSON.stringify(sent)).not.toContain('{nickname}');
  });
});
