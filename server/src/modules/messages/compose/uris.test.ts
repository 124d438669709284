import { describe, expect, it } from 'vitest';
import { collectUris, rewriteUris, validateMessages, type ComposedMessage } from './index.js';
import { urlsInText } from './uris.js';

function valid(input: unknown): ComposedMessage[] {
  const result = validateMessages(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.messages;
}

const CITY = 'https://www.city.example.lg.jp';
const MEDIA = 'https://media.city.example.lg.jp';
const emoji = (index: number) => ({ index, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' });

const TEXT = `詳しくは${CITY}/gomi?area=1。地図→${CITY}/map$ 電話 tel:0312345678 メール mailto:info@city.example.lg.jp LINE line://nv/location`;

const messages = valid([
  {
    type: 'text',
    text: TEXT,
    emojis: [emoji(TEXT.indexOf('$'))],
    quickReply: {
      items: [
        {
          type: 'action',
          imageUrl: `${MEDIA}/icon.png`,
          action: { type: 'uri', label: '市のサイト', uri: `${CITY}/`, altUri: { desktop: `${CITY}/pc` } },
        },
        { type: 'action', imageUrl: `${MEDIA}/camera.png`, action: { type: 'camera', label: '撮影' } },
      ],
    },
  },
  { type: 'video', originalContentUrl: `${MEDIA}/v.mp4`, previewImageUrl: `${MEDIA}/v.jpg` },
  {
    type: 'imagemap',
    baseUrl: `${MEDIA}/imagemap/1`,
    altText: 'メニュー',
    baseSize: { width: 1040, height: 520 },
    actions: [
      { type: 'uri', linkUri: `${CITY}/im/1`, area: { x: 0, y: 0, width: 520, height: 520 } },
      { type: 'uri', linkUri: 'tel:0312345678', area: { x: 520, y: 0, width: 260, height: 520 } },
      { type: 'message', text: `${CITY}/not-a-link`, area: { x: 780, y: 0, width: 260, height: 520 } },
    ],
  },
  {
    type: 'flex',
    altText: 'お知らせ',
    contents: {
      type: 'carousel',
      contents: [
        {
          type: 'bubble',
          action: { type: 'uri', uri: `${CITY}/bubble` },
          hero: { type: 'image', url: `${MEDIA}/hero.jpg`, action: { type: 'uri', uri: `${CITY}/hero` } },
          body: {
            type: 'box',
            layout: 'vertical',
            action: { type: 'uri', uri: `${CITY}/box` },
            contents: [
              { type: 'text', text: `${CITY}/plain-in-flex`, action: { type: 'uri', uri: `${CITY}/text` } },
              { type: 'button', action: { type: 'postback', label: '申し込む', data: `${CITY}/postback` } },
              {
                type: 'box',
                layout: 'baseline',
                contents: [
                  { type: 'icon', url: `${MEDIA}/i.png` },
                  { type: 'text', text: 'x' },
                ],
              },
            ],
          },
        },
        {
          type: 'bubble',
          hero: {
            type: 'video',
            url: `${MEDIA}/v.mp4`,
            previewUrl: `${MEDIA}/v.jpg`,
            altContent: { type: 'image', url: `${MEDIA}/v.jpg`, action: { type: 'uri', uri: `${CITY}/alt` } },
            action: { type: 'uri', label: '動画', uri: `${CITY}/video` },
          },
          footer: {
            type: 'box',
            layout: 'vertical',
            contents: [
              { type: 'button', action: { type: 'uri', label: '電話する', uri: 'tel:0312345678' } },
              { type: 'button', action: { type: 'uri', label: 'LINEで開く', uri: 'line://ti/p/@city' } },
              { type: 'button', action: { type: 'uri', label: '申し込む', uri: `${CITY}/apply` } },
            ],
          },
        },
      ],
    },
  },
  {
    type: 'card',
    title: 'アンケート',
    imageUrl: `${MEDIA}/card.jpg`,
    buttonLabel: '回答する',
    url: 'https://liff.line.me/1234-abcd/forms/42',
  },
]);

const COLLECTED = [
  { path: 'messages.0.text', uri: `${CITY}/gomi?area=1` },
  { path: 'messages.0.text', uri: `${CITY}/map` },
  { path: 'messages.0.quickReply.items.0.action.uri', uri: `${CITY}/` },
  { path: 'messages.0.quickReply.items.0.action.altUri.desktop', uri: `${CITY}/pc` },
  { path: 'messages.2.actions.0.linkUri', uri: `${CITY}/im/1` },
  { path: 'messages.3.contents.contents.0.action.uri', uri: `${CITY}/bubble` },
  { path: 'messages.3.contents.contents.0.hero.action.uri', uri: `${CITY}/hero` },
  { path: 'messages.3.contents.contents.0.body.action.uri', uri: `${CITY}/box` },
  { path: 'messages.3.contents.contents.0.body.contents.0.action.uri', uri: `${CITY}/text` },
  { path: 'messages.3.contents.contents.1.hero.action.uri', uri: `${CITY}/video` },
  { path: 'messages.3.contents.contents.1.hero.altContent.action.uri', uri: `${CITY}/alt` },
  { path: 'messages.3.contents.contents.1.footer.contents.2.action.uri', uri: `${CITY}/apply` },
  { path: 'messages.4.url', uri: 'https://liff.line.me/1234-abcd/forms/42' },
];

const track = (uri: string) => `https://t.city.example.lg.jp/c/${encodeURIComponent(uri)}`;

describe('collectUris', () => {
  it('finds every http(s) link a resident can tap, with its path, and no media, tel:, mailto: or line: URI', () => {
    expect(collectUris(messages)).toEqual(COLLECTED);
  });

  it('finds nothing in messages without links', () => {
    expect(
      collectUris(
        valid([
          { type: 'sticker', packageId: '446', stickerId: '1988' },
          { type: 'text', text: 'ごみは朝8時30分までに' },
        ]),
      ),
    ).toEqual([]);
  });
});

describe('rewriteUris', () => {
  const rewritten = rewriteUris(messages, track);

  it('replaces each collected link and nothing else: a round trip finds the new links at the same paths', () => {
    expect(collectUris(rewritten)).toEqual(COLLECTED.map(({ path, uri }) => ({ path, uri: track(uri) })));
  });

  it('leaves media URLs, tel:, mailto: and line: untouched', () => {
    const [text, video, imagemap, flex, card] = rewritten;
    expect(video).toEqual(messages[1]);
    expect(imagemap).toMatchObject({
      baseUrl: `${MEDIA}/imagemap/1`,
      actions: [{}, { linkUri: 'tel:0312345678' }, { text: `${CITY}/not-a-link` }],
    });
    expect(text).toMatchObject({
      quickReply: { items: [{ imageUrl: `${MEDIA}/icon.png` }, { imageUrl: `${MEDIA}/camera.png`, action: { type: 'camera' } }] },
    });
    expect(card).toMatchObject({ imageUrl: `${MEDIA}/card.jpg` });
    expect(flex).toMatchObject({
      contents: {
        contents: [
          {
            hero: { url: `${MEDIA}/hero.jpg` },
            body: {
              contents: [
                { text: `${CITY}/plain-in-flex` },
                { action: { data: `${CITY}/postback` } },
                { contents: [{ url: `${MEDIA}/i.png` }, { text: 'x' }] },
              ],
            },
          },
          {
            hero: { url: `${MEDIA}/v.mp4`, previewUrl: `${MEDIA}/v.jpg`, altContent: { url: `${MEDIA}/v.jpg` } },
            footer: { contents: [{ action: { uri: 'tel:0312345678' } }, { action: { uri: 'line://ti/p/@city' } }, {}] },
          },
        ],
      },
    });
    if (text?.type !== 'text') throw new Error('not a text');
    expect(text.text).toContain('tel:0312345678 メール mailto:info@city.example.lg.jp LINE line://nv/location');
  });

  it('rewrites URLs inside a text and moves the LINE emoji with them', () => {
    const [text] = rewritten;
    if (text?.type !== 'text') throw new Error('not a text');
    expect(text.text.startsWith(`詳しくは${track(`${CITY}/gomi?area=1`)}。地図→${track(`${CITY}/map`)}$ 電話`)).toBe(true);
    expect(text.emojis?.map(({ index }) => text.text[index])).toEqual(['$']);
  });

  it('returns new messages that validate, leaving the stored ones as they were', () => {
    const before = structuredClone(messages);
    const again = rewriteUris(messages, track);
    expect(messages).toEqual(before);
    expect(again).toEqual(rewritten);
    expect(again[0]).not.toBe(messages[0]);
    expect(validateMessages(again).ok).toBe(true);
  });
});

describe('urlsInText', () => {
  const found = (text: string, stops?: ReadonlySet<number>) => urlsInText(text, stops).map(({ start, end }) => text.slice(start, end));

  it('ends a URL at a space, a full-width character or closing punctuation', () => {
    expect(found('申込は https://a.example.jp/x?y=1&z=2 から')).toEqual(['https://a.example.jp/x?y=1&z=2']);
    expect(found('（https://a.example.jp/x）')).toEqual(['https://a.example.jp/x']);
    expect(found('(see https://a.example.jp/x).')).toEqual(['https://a.example.jp/x']);
    expect(found('https://ja.example.org/wiki/A_(B) を参照')).toEqual(['https://ja.example.org/wiki/A_(B)']);
    expect(found('HTTP://A.EXAMPLE.JP/, http://b.example.jp!')).toEqual(['HTTP://A.EXAMPLE.JP/', 'http://b.example.jp']);
  });

  it('ends a URL at a LINE emoji and ignores a scheme without a host', () => {
    expect(found('https://a.example.jp/$x', new Set([21]))).toEqual(['https://a.example.jp/']);
    expect(found('https://a.example.jp/$x')).toEqual(['https://a.example.jp/$x']);
    expect(found('https:// と http://')).toEqual([]);
  });
});
