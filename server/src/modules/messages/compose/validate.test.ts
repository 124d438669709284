import { describe, expect, it } from 'vitest';
import { validateMessages, type MessageProblem } from './index.js';

function problems(input: unknown): MessageProblem[] {
  const result = validateMessages(input);
  return result.ok ? [] : result.problems;
}

function expectValid(input: unknown): void {
  expect(problems(input)).toEqual([]);
}

function expectProblem(input: unknown, path: string, message: string): void {
  expect(problems(input)).toEqual([{ path, message }]);
}

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'text', text: value, ...extra });
const emoji = (index: number) => ({ index, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' });
const uri = (label?: string, target = 'https://www.city.example.lg.jp/') => ({ type: 'uri', ...(label && { label }), uri: target });

describe('the messages of a delivery', () => {
  it('takes 1 to 5 messages and refuses none or a sixth', () => {
    expectValid([text('お知らせ')]);
    expectValid(Array.from({ length: 5 }, () => text('お知らせ')));
    expectProblem([], 'messages', 'メッセージを1通以上作成してください。');
    expectProblem(
      Array.from({ length: 6 }, () => text('お知らせ')),
      'messages',
      'メッセージは5通以内にしてください。',
    );
    expectProblem({ type: 'text', text: 'お知らせ' }, 'messages', 'メッセージは配列で指定してください。');
  });

  it('names an unknown message type and a message that is no object', () => {
    expect(problems([{ type: 'audio' }, null])).toEqual([
      {
        path: 'messages.0.type',
        message: '1通目の種類は「text」「sticker」「image」「video」「imagemap」「flex」「card」のいずれかを指定してください。',
      },
      { path: 'messages.1', message: '2通目のメッセージの形式が正しくありません。' },
    ]);
  });

  it('refuses a property the message type does not have, at its own path', () => {
    expectProblem(
      [text('お知らせ', { sender: { name: '防災課' } })],
      'messages.0.sender',
      '1通目の項目「sender」はここでは指定できません。',
    );
    expectProblem([{ type: 'image', ...image(), emojis: [] }], 'messages.0.emojis', '1通目のLINE絵文字はここでは指定できません。');
  });

  it('returns a copy of the validated messages', () => {
    const input = [text('お知らせ')];
    const result = validateMessages(input);
    expect(result).toEqual({ ok: true, messages: input });
    if (result.ok) expect(result.messages[0]).not.toBe(input[0]);
  });

  it('reports every problem of every message at once', () => {
    expect(problems([text(''), { type: 'sticker', packageId: '446' }]).map((problem) => problem.path)).toEqual([
      'messages.0.text',
      'messages.1.stickerId',
    ]);
  });
});

describe('text messages', () => {
  it('counts 5000 in UTF-16 units as LINE does and names the message and field', () => {
    expectValid([text('🍎'.repeat(2500))]);
    expectProblem([text('🍎'.repeat(2500) + 'a')], 'messages.0.text', '1通目のテキストは5000文字以内で入力してください。');
    expectProblem([text('a'), text('b'), text('あ'.repeat(5001))], 'messages.2.text', '3通目のテキストは5000文字以内で入力してください。');
  });

  it('asks for a missing, empty or blank text', () => {
    expectProblem([{ type: 'text' }], 'messages.0.text', '1通目のテキストを入力してください。');
    expectProblem([text('')], 'messages.0.text', '1通目のテキストを入力してください。');
    expectProblem([text(' \u3000\n')], 'messages.0.text', '1通目のテキストを入力してください。');
    expectProblem([text(42 as unknown as string)], 'messages.0.text', '1通目のテキストは文字列で入力してください。');
  });

  it('takes LINE emoji whose index points at a $, counted in UTF-16 units', () => {
    expectValid([text('🍎$ と $', { emojis: [emoji(2), emoji(6)] })]);
    expectProblem(
      [text('🍎$ と $', { emojis: [emoji(1)] })],
      'messages.0.emojis.0.index',
      '1通目の1番目のLINE絵文字の位置が「$」を指していません。',
    );
    expectProblem(
      [text('$', { emojis: [emoji(5)] })],
      'messages.0.emojis.0.index',
      '1通目の1番目のLINE絵文字の位置が「$」を指していません。',
    );
    expectProblem(
      [text('$ $', { emojis: [emoji(0), emoji(0)] })],
      'messages.0.emojis.1.index',
      '1通目の2番目のLINE絵文字の位置が他のLINE絵文字と同じ位置を指しています。',
    );
    expectProblem(
      [text('$', { emojis: [{ ...emoji(0), index: -1 }] })],
      'messages.0.emojis.0.index',
      '1通目の1番目のLINE絵文字の位置は0以上にしてください。',
    );
  });

  it('takes 20 LINE emoji and refuses a 21st', () => {
    const twenty = '$'.repeat(20);
    expectValid([text(twenty, { emojis: [...twenty].map((_, index) => emoji(index)) })]);
    const more = '$'.repeat(21);
    expectProblem(
      [text(more, { emojis: [...more].map((_, index) => emoji(index)) })],
      'messages.0.emojis',
      '1通目のLINE絵文字は20個以内にしてください。',
    );
  });

  it('asks for the ids of a LINE emoji', () => {
    expectProblem(
      [text('$', { emojis: [{ index: 0, productId: '5ac1bfd5040ab15980c9b435' }] })],
      'messages.0.emojis.0.emojiId',
      '1通目の1番目のLINE絵文字の絵文字IDを入力してください。',
    );
  });
});

describe('sticker messages', () => {
  it('takes a package and a sticker id', () => {
    expectValid([{ type: 'sticker', packageId: '446', stickerId: '1988' }]);
  });

  it('asks for a missing id and refuses one that is not digits', () => {
    expectProblem([{ type: 'sticker', packageId: '446' }], 'messages.0.stickerId', '1通目のスタンプIDを入力してください。');
    expectProblem(
      [{ type: 'sticker', packageId: 'abc', stickerId: '1988' }],
      'messages.0.packageId',
      '1通目のスタンプのパッケージIDは半角数字で入力してください。',
    );
  });
});

function image(original = 'https://media.city.example.lg.jp/a.jpg', preview = 'https://media.city.example.lg.jp/a-preview.jpg') {
  return { originalContentUrl: original, previewImageUrl: preview };
}

describe('image and video messages', () => {
  const longUrl = (length: number) => `https://media.city.example.lg.jp/${'a'.repeat(length - 'https://media.city.example.lg.jp/'.length)}`;

  it('takes https URLs of up to 2000 characters', () => {
    expectValid([{ type: 'image', ...image(longUrl(2000)) }]);
    expectProblem(
      [{ type: 'image', ...image(longUrl(2001)) }],
      'messages.0.originalContentUrl',
      '1通目の画像のURLは2000文字以内で入力してください。',
    );
  });

  it('refuses http and what is no URL, and asks for a missing preview', () => {
    expectProblem(
      [{ type: 'image', ...image('http://media.city.example.lg.jp/a.jpg') }],
      'messages.0.originalContentUrl',
      '1通目の画像のURLはhttps://で始まるURLを入力してください。',
    );
    expectProblem(
      [{ type: 'video', ...image('動画.mp4') }],
      'messages.0.originalContentUrl',
      '1通目の動画のURLはhttps://で始まるURLを入力してください。',
    );
    expectProblem(
      [{ type: 'image', originalContentUrl: image().originalContentUrl }],
      'messages.0.previewImageUrl',
      '1通目のプレビュー画像のURLを入力してください。',
    );
  });

  it('takes a video with a tracking id of up to 100 half-width characters', () => {
    expectValid([{ type: 'video', ...image(), trackingId: 'x'.repeat(100) }]);
    expectProblem(
      [{ type: 'video', ...image(), trackingId: 'x'.repeat(101) }],
      'messages.0.trackingId',
      '1通目のトラッキングIDは100文字以内で入力してください。',
    );
    expectProblem(
      [{ type: 'video', ...image(), trackingId: '防災 訓練' }],
      'messages.0.trackingId',
      '1通目のトラッキングIDは半角英数字と記号で入力してください。',
    );
  });
});

describe('imagemap messages', () => {
  const area = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
  const imagemap = (extra: Record<string, unknown> = {}) => ({
    type: 'imagemap',
    baseUrl: 'https://media.city.example.lg.jp/imagemap/1',
    altText: '防災訓練のご案内',
    baseSize: { width: 1040, height: 700 },
    actions: [
      { type: 'uri', linkUri: 'https://www.city.example.lg.jp/bousai', area: area(0, 0, 520, 700) },
      { type: 'message', text: '訓練について', area: area(520, 0, 520, 700) },
    ],
    ...extra,
  });

  it('takes areas that reach the edges of the base size', () => {
    expectValid([imagemap()]);
  });

  it('refuses an area outside the base size', () => {
    expectProblem(
      [imagemap({ actions: [{ type: 'uri', linkUri: 'https://www.city.example.lg.jp/', area: area(1, 0, 1040, 700) }] })],
      'messages.0.actions.0.area',
      '1通目の1番目のアクションの領域が画像の範囲（幅1040×高さ700）からはみ出しています。',
    );
    expectProblem(
      [imagemap({ actions: [{ type: 'message', text: '詳細', area: area(0, 600, 1040, 101) }] })],
      'messages.0.actions.0.area',
      '1通目の1番目のアクションの領域が画像の範囲（幅1040×高さ700）からはみ出しています。',
    );
  });

  it('requires the base width 1040', () => {
    expectProblem(
      [imagemap({ baseSize: { width: 1000, height: 700 } })],
      'messages.0.baseSize.width',
      '1通目の基本サイズの幅は「1040」を指定してください。',
    );
  });

  it('takes 50 actions and refuses a 51st', () => {
    const actions = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ type: 'message', text: `${i}`, area: area(0, i, 10, 1) }));
    expectValid([imagemap({ actions: actions(50) })]);
    expectProblem([imagemap({ actions: actions(51) })], 'messages.0.actions', '1通目のアクションは50個以内にしてください。');
    expectProblem([imagemap({ actions: [] })], 'messages.0.actions', '1通目のアクションを1個以上指定してください。');
  });

  it('takes an alternative text of 1500 characters and refuses 1501', () => {
    expectValid([imagemap({ altText: 'あ'.repeat(1500) })]);
    expectProblem(
      [imagemap({ altText: 'あ'.repeat(1501) })],
      'messages.0.altText',
      '1通目の代替テキストは1500文字以内で入力してください。',
    );
  });

  it('takes only uri and message actions with their own limits', () => {
    expectProblem(
      [imagemap({ actions: [{ type: 'clipboard', clipboardText: 'x', area: area(0, 0, 10, 10) }] })],
      'messages.0.actions.0.type',
      '1通目の1番目のアクションの種類は「uri」「message」のいずれかを指定してください。',
    );
    expectProblem(
      [imagemap({ actions: [{ type: 'message', text: 'あ'.repeat(401), area: area(0, 0, 10, 10) }] })],
      'messages.0.actions.0.text',
      '1通目の1番目のアクションの送信するテキストは400文字以内で入力してください。',
    );
    expectProblem(
      [imagemap({ actions: [{ type: 'uri', linkUri: 'javascript:alert(1)', area: area(0, 0, 10, 10) }] })],
      'messages.0.actions.0.linkUri',
      '1通目の1番目のアクションのリンク先URLはhttp://、https://、line://、tel: のいずれかで始まるURIを入力してください。',
    );
  });
});

const bubble = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'bubble',
  body: { type: 'box', layout: 'vertical', contents: body },
  ...extra,
});
const flex = (contents: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'flex',
  altText: '市からのお知らせ',
  contents,
  ...extra,
});
const textNode = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'text', text: value, ...extra });

describe('flex messages', () => {
  it('takes a bubble with header, hero, body and footer', () => {
    expectValid([
      flex({
        type: 'bubble',
        size: 'mega',
        styles: { footer: { separator: true, separatorColor: '#DDDDDD' } },
        header: { type: 'box', layout: 'vertical', backgroundColor: '#0B5CAD', contents: [textNode('お知らせ', { color: '#FFFFFF' })] },
        hero: { type: 'image', url: 'https://media.city.example.lg.jp/a.jpg', size: 'full', aspectRatio: '20:13', aspectMode: 'cover' },
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'md',
          paddingAll: '20px',
          contents: [
            {
              type: 'text',
              contents: [
                { type: 'span', text: '重要', weight: 'bold', color: '#C00000' },
                { type: 'span', text: 'な連絡' },
              ],
            },
            {
              type: 'box',
              layout: 'baseline',
              contents: [{ type: 'icon', url: 'https://media.city.example.lg.jp/i.png' }, textNode('12月5日', { flex: 1 })],
            },
            { type: 'separator', margin: 'lg' },
            { type: 'filler' },
          ],
        },
        footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', style: 'primary', action: uri('申し込む') }] },
      }),
    ]);
  });

  it('takes a video as the hero', () => {
    expectValid([
      flex({
        type: 'bubble',
        hero: {
          type: 'video',
          url: 'https://media.city.example.lg.jp/v.mp4',
          previewUrl: 'https://media.city.example.lg.jp/v.jpg',
          altContent: { type: 'image', url: 'https://media.city.example.lg.jp/v.jpg' },
          aspectRatio: '16:9',
        },
      }),
    ]);
  });

  it('takes 12 bubbles in a carousel and refuses a 13th', () => {
    const bubbles = (count: number) => Array.from({ length: count }, (_, i) => bubble([textNode(`${i + 1}枚目`)]));
    expectValid([flex({ type: 'carousel', contents: bubbles(12) })]);
    expectProblem(
      [flex({ type: 'carousel', contents: bubbles(13) })],
      'messages.0.contents.contents',
      '1通目のFlexの内容のバブルは12個以内にしてください。',
    );
  });

  it('takes a bubble of 30 KB of JSON and refuses one byte more', () => {
    const sized = (bytes: number) => {
      const empty = JSON.stringify(bubble([textNode('')])).length;
      return bubble([textNode('x'.repeat(bytes - empty))]);
    };
    expectValid([flex(sized(30_000))]);
    expectProblem([flex(sized(30_001))], 'messages.0.contents', '1通目のFlexの内容は30KB以内にしてください（現在30.1KB）。');
  });

  it('counts a kana as three bytes and measures each bubble of a carousel and the carousel', () => {
    const withKana = (bytes: number) => {
      const empty = JSON.stringify(bubble([textNode('')])).length;
      return bubble([textNode('あ'.repeat(9_000) + 'x'.repeat(bytes - empty - 27_000))]);
    };
    expectValid([flex(withKana(30_000))]);
    expectProblem([flex(withKana(30_001))], 'messages.0.contents', '1通目のFlexの内容は30KB以内にしてください（現在30.1KB）。');
    const big = bubble([textNode('x'.repeat(20_000))]);
    expectProblem(
      [flex({ type: 'carousel', contents: [big, big, big] })],
      'messages.0.contents',
      '1通目のFlexの内容は50KB以内にしてください（現在60.4KB）。',
    );
  });

  it('requires an alternative text of at most 1500 characters', () => {
    expectProblem([{ type: 'flex', contents: bubble([textNode('a')]) }], 'messages.0.altText', '1通目の代替テキストを入力してください。');
    expectProblem(
      [flex(bubble([textNode('a')]), { altText: 'あ'.repeat(1501) })],
      'messages.0.altText',
      '1通目の代替テキストは1500文字以内で入力してください。',
    );
  });

  it('refuses a container that is neither bubble nor carousel, and an empty bubble', () => {
    expectProblem(
      [flex({ type: 'box', layout: 'vertical', contents: [] })],
      'messages.0.contents.type',
      '1通目のFlexの内容の種類は「bubble」「carousel」のいずれかを指定してください。',
    );
    expectProblem(
      [flex({ type: 'bubble' })],
      'messages.0.contents',
      '1通目のFlexの内容にはヘッダー・ヒーロー・ボディ・フッターのいずれかが必要です。',
    );
  });

  it('refuses unknown components and properties, and checks required ones', () => {
    expectProblem(
      [flex(bubble([{ type: 'span', text: 'x' }]))],
      'messages.0.contents.body.contents.0.type',
      '1通目のFlexの内容のボディの1番目の要素の種類は「box」「button」「image」「icon」「text」「separator」「filler」のいずれかを指定してください。',
    );
    expectProblem(
      [flex(bubble([textNode('x', { colour: '#000000' })]))],
      'messages.0.contents.body.contents.0.colour',
      '1通目のFlexの内容のボディの1番目の要素の項目「colour」はここでは指定できません。',
    );
    expectProblem(
      [flex(bubble([{ type: 'text' }]))],
      'messages.0.contents.body.contents.0.text',
      '1通目のFlexの内容のボディの1番目の要素のテキストを入力してください（テキストかスパンのどちらかが必要です）。',
    );
    expectProblem(
      [flex(bubble([{ type: 'image' }]))],
      'messages.0.contents.body.contents.0.url',
      '1通目のFlexの内容のボディの1番目の要素の画像のURLを入力してください。',
    );
    expectProblem(
      [flex({ type: 'bubble', body: { type: 'box', contents: [] } })],
      'messages.0.contents.body.layout',
      '1通目のFlexの内容のボディのレイアウトを指定してください。',
    );
    expectProblem(
      [flex({ type: 'bubble', body: { type: 'box', layout: 'grid', contents: [] } })],
      'messages.0.contents.body.layout',
      '1通目のFlexの内容のボディのレイアウトは「horizontal」「vertical」「baseline」のいずれかを指定してください。',
    );
  });

  it('places an icon only in a baseline box, and a baseline box holds only icons, texts and fillers', () => {
    expectProblem(
      [flex(bubble([{ type: 'icon', url: 'https://media.city.example.lg.jp/i.png' }]))],
      'messages.0.contents.body.contents.0',
      '1通目のFlexの内容のボディの1番目の要素はレイアウトがbaselineのボックスにしか置けません。',
    );
    expectProblem(
      [flex(bubble([{ type: 'box', layout: 'baseline', contents: [{ type: 'separator' }] }]))],
      'messages.0.contents.body.contents.0.contents.0',
      '1通目のFlexの内容のボディの1番目の要素の1番目の要素はレイアウトがbaselineのボックスには置けません（置けるのはアイコン・テキスト・フィラーです）。',
    );
  });

  it('checks colours, style values and aspect ratios', () => {
    expectProblem(
      [flex(bubble([textNode('x', { color: 'red' })]))],
      'messages.0.contents.body.contents.0.color',
      '1通目のFlexの内容のボディの1番目の要素の色は#RRGGBB（または#RRGGBBAA）の形式で指定してください。',
    );
    expectProblem(
      [flex(bubble([textNode('x', { size: 'huge' })]))],
      'messages.0.contents.body.contents.0.size',
      '1通目のFlexの内容のボディの1番目の要素のサイズの値「huge」は使えません。',
    );
    expectValid([flex(bubble([textNode('x', { size: '18px', margin: 'xl', offsetTop: '10%' })]))]);
    expectProblem(
      [flex(bubble([{ type: 'image', url: 'https://media.city.example.lg.jp/a.jpg', aspectRatio: '1:4' }]))],
      'messages.0.contents.body.contents.0.aspectRatio',
      '1通目のFlexの内容のボディの1番目の要素の縦横比は「幅:高さ」の形式で、1〜100000の整数を指定してください（高さは幅の3倍まで）。',
    );
  });

  it('requires a labelled action on a button and refuses actions Flex has not', () => {
    expectProblem(
      [flex(bubble([{ type: 'button', action: uri() }]))],
      'messages.0.contents.body.contents.0.action.label',
      '1通目のFlexの内容のボディの1番目の要素のアクションのラベルを入力してください。',
    );
    expectProblem(
      [flex(bubble([{ type: 'button' }]))],
      'messages.0.contents.body.contents.0.action',
      '1通目のFlexの内容のボディの1番目の要素のアクションを指定してください。',
    );
    expectProblem(
      [flex(bubble([{ type: 'button', action: { type: 'camera', label: '撮影' } }]))],
      'messages.0.contents.body.contents.0.action.type',
      '1通目のFlexの内容のボディの1番目の要素のアクションの種類は「uri」「message」「postback」「datetimepicker」「clipboard」のいずれかを指定してください。',
    );
    expectProblem(
      [flex(bubble([textNode('x')], { action: { type: 'richmenuswitch', richMenuAliasId: 'a', data: 'x' } }))],
      'messages.0.contents.action.type',
      '1通目のFlexの内容のアクションの種類は「uri」「message」「postback」「datetimepicker」「clipboard」のいずれかを指定してください。',
    );
  });

  it('names the bubble of a carousel in a deep path', () => {
    expectProblem(
      [flex({ type: 'carousel', contents: [bubble([textNode('1')]), bubble([{ type: 'button', action: uri('詳しく', 'ftp://x') }])] })],
      'messages.0.contents.contents.1.body.contents.0.action.uri',
      '1通目のFlexの内容の2番目のバブルのボディの1番目の要素のアクションのリンク先URLはhttp://、https://、line://、tel: のいずれかで始まるURIを入力してください。',
    );
  });
});

describe('actions', () => {
  const withAction = (action: unknown) => [flex(bubble([textNode('x', { action })]))];
  const at = 'messages.0.contents.body.contents.0.action';
  const subject = '1通目のFlexの内容のボディの1番目の要素のアクション';

  it('takes http, https, line and tel URIs and at most 1000 characters', () => {
    for (const target of ['http://www.city.example.lg.jp/', 'https://liff.line.me/1234-abcd', 'line://nv/location', 'tel:0312345678'])
      expectValid(withAction(uri(undefined, target)));
    expectValid(withAction(uri(undefined, `https://a.jp/${'a'.repeat(1000 - 13)}`)));
    expectProblem(
      withAction(uri(undefined, `https://a.jp/${'a'.repeat(1001 - 13)}`)),
      `${at}.uri`,
      `${subject}のリンク先URLは1000文字以内で入力してください。`,
    );
    expectProblem(
      withAction(uri(undefined, 'mailto:info@city.example.lg.jp')),
      `${at}.uri`,
      `${subject}のリンク先URLはhttp://、https://、line://、tel: のいずれかで始まるURIを入力してください。`,
    );
  });

  it('counts labels in grapheme clusters: 20 flags are 20 characters', () => {
    expectValid(withAction(uri('🇯🇵'.repeat(20))));
    expectProblem(withAction(uri('🇯🇵'.repeat(21))), `${at}.label`, `${subject}のラベルは20文字以内で入力してください。`);
  });

  it('takes postback data of up to 300 characters, empty too', () => {
    expectValid(withAction({ type: 'postback', data: '' }));
    expectValid(withAction({ type: 'postback', data: 'a'.repeat(300), displayText: '申し込む' }));
    expectProblem(
      withAction({ type: 'postback', data: 'a'.repeat(301) }),
      `${at}.data`,
      `${subject}のポストバックデータは300文字以内で入力してください。`,
    );
  });

  it('checks the date format of a datetime picker by its mode', () => {
    expectValid(withAction({ type: 'datetimepicker', data: 'd', mode: 'date', initial: '2026-12-05', min: '2026-12-01' }));
    expectProblem(
      withAction({ type: 'datetimepicker', data: 'd', mode: 'time', initial: '2026-12-05' }),
      `${at}.initial`,
      `${subject}の初期値はHH:mmの形式で指定してください。`,
    );
    expectProblem(
      withAction({ type: 'datetimepicker', data: 'd', mode: 'hour' }),
      `${at}.mode`,
      `${subject}のモードは「date」「time」「datetime」のいずれかを指定してください。`,
    );
  });

  it('takes a message action of up to 300 characters and a clipboard action', () => {
    expectValid(withAction({ type: 'message', text: 'あ'.repeat(300) }));
    expectProblem(
      withAction({ type: 'message', text: 'あ'.repeat(301) }),
      `${at}.text`,
      `${subject}の送信するテキストは300文字以内で入力してください。`,
    );
    expectValid(withAction({ type: 'clipboard', clipboardText: 'ABC-123' }));
  });
});

describe('cards', () => {
  const card = (extra: Record<string, unknown> = {}) => ({
    type: 'card',
    title: '子育て応援アンケート',
    text: '5分ほどで終わります。',
    imageUrl: 'https://media.city.example.lg.jp/survey.jpg',
    buttonLabel: '回答する',
    url: 'https://liff.line.me/1234-abcd/forms/42',
    ...extra,
  });

  it('takes a card with and without its optional text and image', () => {
    expectValid([card()]);
    expectValid([{ type: 'card', title: '申請', buttonLabel: '申請する', url: 'https://www.city.example.lg.jp/apply' }]);
  });

  it('asks for the button and a https link, and limits the title to 40 characters', () => {
    const { buttonLabel: _, ...withoutButton } = card();
    expectProblem([withoutButton], 'messages.0.buttonLabel', '1通目のボタンの文言を入力してください。');
    expectProblem(
      [card({ url: 'http://www.city.example.lg.jp/' })],
      'messages.0.url',
      '1通目のリンク先URLはhttps://で始まるURLを入力してください。',
    );
    expectValid([card({ title: 'あ'.repeat(40) })]);
    expectProblem([card({ title: 'あ'.repeat(41) })], 'messages.0.title', '1通目のタイトルは40文字以内で入力してください。');
    expectProblem([card({ text: 'あ'.repeat(501) })], 'messages.0.text', '1通目の本文は500文字以内で入力してください。');
    expectProblem(
      [card({ buttonLabel: 'あ'.repeat(21) })],
      'messages.0.buttonLabel',
      '1通目のボタンの文言は20文字以内で入力してください。',
    );
  });
});

describe('quick replies', () => {
  const item = (label: string) => ({ type: 'action', action: { type: 'message', label, text: label } });
  const withItems = (count: number) => [
    text('ごみの分別を調べますか？', { quickReply: { items: Array.from({ length: count }, (_, i) => item(`候補${i + 1}`)) } }),
  ];

  it('takes 13 buttons and refuses a 14th', () => {
    expectValid(withItems(13));
    expectProblem(withItems(14), 'messages.0.quickReply.items', '1通目のクイックリプライのボタンは13個以内にしてください。');
    expectProblem(withItems(0), 'messages.0.quickReply.items', '1通目のクイックリプライのボタンを1個以上指定してください。');
  });

  it('goes on every message type, takes camera and location buttons and requires labels', () => {
    const quickReply = {
      items: [{ type: 'action', imageUrl: 'https://media.city.example.lg.jp/pin.png', action: { type: 'location', label: '位置を送る' } }],
    };
    expectValid([
      { type: 'sticker', packageId: '446', stickerId: '1988', quickReply },
      { type: 'card', title: '通報', buttonLabel: '通報する', url: 'https://liff.line.me/1234-abcd/reports', quickReply },
    ]);
    expectProblem(
      [text('写真を送ってください', { quickReply: { items: [{ type: 'action', action: { type: 'camera' } }] } })],
      'messages.0.quickReply.items.0.action.label',
      '1通目のクイックリプライの1番目のボタンのアクションのラベルを入力してください。',
    );
    expectProblem(
      [
        text('x', {
          quickReply: { items: [{ type: 'action', imageUrl: 'http://a.jp/i.png', action: { type: 'camera', label: '撮影' } }] },
        }),
      ],
      'messages.0.quickReply.items.0.imageUrl',
      '1通目のクイックリプライの1番目のボタンのアイコン画像のURLはhttps://で始まるURLを入力してください。',
    );
  });
});
