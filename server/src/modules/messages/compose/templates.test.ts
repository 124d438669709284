import { describe, expect, it } from 'vitest';
import {
  cardToFlex,
  eventNotice,
  linkMenu,
  reminderCard,
  usesResidentVariables,
  validateMessages,
  type ComposedCardMessage,
  type ComposedMessage,
} from './index.js';

function expectValid(messages: ComposedMessage[]): void {
  const result = validateMessages(messages);
  expect(result.ok ? [] : result.problems).toEqual([]);
}

/** Every text node's text in a message, in order, to check what a resident reads. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  const own = (node.type === 'text' || node.type === 'span') && typeof node.text === 'string' ? [node.text] : [];
  return [...own, ...Object.entries(node).flatMap(([key, child]) => (key === 'text' ? [] : textsOf(child)))];
}

const event = {
  title: '秋の防災フェア',
  date: '11月15日（土）10:00〜15:00',
  place: '市民体育館',
  body: '起震車体験や非常食の試食があります。どなたでもご参加いただけます。',
  buttonLabel: '詳しく見る',
  url: 'https://www.city.example.lg.jp/bousai/fair',
};

describe('eventNotice', () => {
  it('lays out title, date, place and body with one button, and validates with and without a photo', () => {
    const message = eventNotice({ ...event, imageUrl: 'https://media.city.example.lg.jp/fair.jpg' });
    expectValid([message, eventNotice(event)]);
    expect(message.altText).toBe('【イベント】秋の防災フェア（11月15日（土）10:00〜15:00）');
    expect(textsOf(message.contents)).toEqual(['イベントのお知らせ', event.title, '日時', event.date, '場所', event.place, event.body]);
    expect(message.contents).toMatchObject({
      hero: { type: 'image', url: 'https://media.city.example.lg.jp/fair.jpg' },
      footer: { contents: [{ type: 'button', style: 'primary', action: { type: 'uri', label: '詳しく見る', uri: event.url } }] },
    });
    expect(eventNotice(event).contents).not.toHaveProperty('hero');
  });

  it('validates with long texts and resident variables', () => {
    const message = eventNotice({ ...event, title: '{nickname}さんへ：' + '防災'.repeat(50), body: 'あ'.repeat(3000) });
    expectValid([message]);
    expect(usesResidentVariables([message])).toBe(true);
  });
});

describe('reminderCard', () => {
  it('shows when and what to bring, with a button only when there is a link', () => {
    const withLink = reminderCard({
      title: '1歳6か月児健診',
      when: '12月5日（金）13:00受付',
      bring: '母子健康手帳、問診票',
      url: 'https://www.city.example.lg.jp/kenshin',
    });
    const withoutLink = reminderCard({ title: '粗大ごみの収集日', when: '明日 8:30まで', bring: '粗大ごみ処理券を貼って出してください' });
    expectValid([withLink, withoutLink]);
    expect(textsOf(withLink.contents)).toEqual([
      'お忘れなく',
      '1歳6か月児健診',
      '日時',
      '12月5日（金）13:00受付',
      '持ち物',
      '母子健康手帳、問診票',
    ]);
    expect(withLink.contents).toMatchObject({
      footer: { contents: [{ action: { label: '詳しく見る', uri: 'https://www.city.example.lg.jp/kenshin' } }] },
    });
    expect(withoutLink.contents).not.toHaveProperty('footer');
    expect(withLink.altText).toBe('【リマインド】1歳6か月児健診（12月5日（金）13:00受付）');
  });

  it('takes its own button label', () => {
    const message = reminderCard({
      title: '予約',
      when: '明日',
      bring: 'なし',
      url: 'https://www.city.example.lg.jp/r',
      buttonLabel: '予約を確認する',
    });
    expect(message.contents).toMatchObject({ footer: { contents: [{ action: { label: '予約を確認する' } }] } });
  });
});

describe('linkMenu', () => {
  const links = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      label: `子育て支援メニュー${i + 1}：保育園・児童手当・予防接種のご案内`,
      url: `https://www.city.example.lg.jp/kosodate/${i + 1}`,
    }));

  it('makes one tappable row per link, up to six, and validates', () => {
    const one = linkMenu({ title: '子育て支援', links: links(1) });
    const six = linkMenu({ title: '子育て支援', links: links(6) });
    expectValid([one, six]);
    expect(six.altText).toBe('子育て支援');
    const body = six.contents.type === 'bubble' ? six.contents.body : undefined;
    const rows = body?.contents.filter((component) => component.type === 'box') ?? [];
    expect(rows.map((row) => ('action' in row ? row.action : undefined))).toEqual(links(6).map((link) => ({ type: 'uri', uri: link.url })));
  });

  it('refuses no link and a seventh', () => {
    expect(() => linkMenu({ title: '子育て支援', links: [] })).toThrow(new RangeError('リンクは1〜6件で指定してください（0件あります）'));
    expect(() => linkMenu({ title: '子育て支援', links: links(7) })).toThrow(
      new RangeError('リンクは1〜6件で指定してください（7件あります）'),
    );
  });
});

describe('cardToFlex', () => {
  const card: ComposedCardMessage = {
    type: 'card',
    title: '子育て応援アンケート',
    text: '5分ほどで終わります。',
    imageUrl: 'https://media.city.example.lg.jp/survey.jpg',
    buttonLabel: '回答する',
    url: 'https://liff.line.me/1234-abcd/forms/42',
    quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'あとで', text: 'あとで' } }] },
  };

  it('compiles a card to a bubble with its photo, texts and button, keeping the quick reply', () => {
    const message = cardToFlex(card);
    expectValid([message]);
    expect(message).toMatchObject({
      type: 'flex',
      altText: '子育て応援アンケート',
      quickReply: card.quickReply,
      contents: {
        type: 'bubble',
        hero: { type: 'image', url: card.imageUrl },
        footer: { contents: [{ type: 'button', action: { type: 'uri', label: '回答する', uri: card.url } }] },
      },
    });
    expect(textsOf(message.contents)).toEqual(['子育て応援アンケート', '5分ほどで終わります。']);
  });

  it('compiles the smallest card', () => {
    const message = cardToFlex({ type: 'card', title: '申請', buttonLabel: '申請する', url: 'https://www.city.example.lg.jp/apply' });
    expectValid([message]);
    expect(textsOf(message.contents)).toEqual(['申請']);
    expect(message.contents).not.toHaveProperty('hero');
    expect(message).not.toHaveProperty('quickReply');
  });
});
