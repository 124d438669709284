import type { FileChooser, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { POLL, browserPages, choose, pickRadio } from '../../../shared/test-support/browser-page';
import { fakeServer, refusal } from '../test-support/fake-server';
import { CHANNEL_ID, DELIVERIES_PAGES, SEGMENT_2_ID, SEGMENT_ID, deliveryDetail } from '../test-support/fixtures';

const pages = browserPages(DELIVERIES_PAGES);

const MANAGER = ['deliveries.read', 'deliveries.manage', 'segments.read', 'channels.read'];
/** The server's PUBLIC_URL in the uploads' answers. */
const MEDIA_ORIGIN = 'https://line.city.example.jp';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const FLAGS = { withSegments: true, withChannel: true, withDepartment: false };

const created = (request: GraphQLRequest): GraphQLAnswer => {
  const input = request.variables['input'] as Record<string, unknown>;
  return {
    data: {
      createDelivery: {
        __typename: 'DeliveryPayload',
        delivery: deliveryDetail({
          id: 'd-9',
          title: input['title'] as string,
          variants: input['variants'] as unknown[],
          segmentIds: input['segmentIds'] as string[],
        }),
      },
    },
  };
};

describe('the delivery editor in a browser', { timeout: 120_000 }, () => {
  it('composes messages in two languages with a live preview, puts the server’s problems beside their fields, then creates the delivery', async () => {
    let refuse = true;
    const server = fakeServer([], {
      CreateDelivery: (request) =>
        refuse
          ? refusal('配信内容に誤りがあります（2件）。', {
              code: 'BAD_USER_INPUT',
              fields: {
                segmentIds: '選べないセグメントが含まれています。',
                'variants.0.messages.1.url': '日本語: 2通目のリンク先URLは、市のドメインのURLにしてください。',
              },
            })
          : created(request),
    });
    const opened = await pages.open({ path: '/deliveries/new', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '新しい配信' }).waitFor();
    await page.getByLabel('件名（管理用）', { exact: true }).fill('12月の子育て広場');
    await choose(page, 'LINE公式アカウント', 'みどり市公式（本番）');
    await choose(page, '配信するセグメント', '北地区の子育て世帯（1,234人）');

    const text = page.getByRole('group', { name: '1通目：テキスト' });
    await text.getByLabel('本文', { exact: true }).fill('12月の子育て広場は5日（土）です。');
    await text.getByText('18 / 5,000文字').waitFor();
    await page.getByRole('button', { name: 'メッセージを追加' }).click();
    await page.getByRole('menuitem', { name: 'リンクカード' }).click();
    const card = page.getByRole('group', { name: '2通目：リンクカード' });
    await card.getByLabel('タイトル', { exact: true }).fill('参加の申し込み');
    await card.getByLabel('ボタンの文言', { exact: true }).fill('申し込む');
    await card.getByLabel('リンク先URL', { exact: true }).fill('https://forms.example.jp/hiroba');

    // The talk's preview follows what is typed: the text bubble and the card's title and button.
    const preview = page.getByRole('region', { name: 'プレビュー（日本語）' });
    await preview.getByText('12月の子育て広場は5日（土）です。').waitFor();
    await preview.getByText('参加の申し込み').waitFor();
    await preview.getByText('申し込む').waitFor();

    // English starts as a copy of the Japanese messages.
    await page.getByRole('button', { name: '言語を追加' }).click();
    await page.getByRole('menuitem', { name: '英語（English）' }).click();
    const english = page.getByRole('group', { name: '1通目：テキスト' });
    await expect.poll(() => english.getByLabel('本文', { exact: true }).inputValue(), POLL).toBe('12月の子育て広場は5日（土）です。');
    await english.getByLabel('本文', { exact: true }).fill('Kids’ plaza on Saturday 5 December.');
    await page.getByRole('region', { name: 'プレビュー（英語（English））' }).getByText('Kids’ plaza on Saturday 5 December.').waitFor();
    await page.getByRole('tab', { name: '日本語' }).click();

    await page.getByRole('button', { name: '保存' }).click();
    const cardAgain = page.getByRole('group', { name: '2通目：リンクカード' });
    const urlProblem = '日本語: 2通目のリンク先URLは、市のドメインのURLにしてください。';
    await cardAgain.getByText(urlProblem).waitFor();
    // Beside its field, tied to it for screen readers.
    const url = cardAgain.getByLabel('リンク先URL', { exact: true });
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toContain(urlProblem);
    const segmentProblem = page.locator('#delivery-segments-errors').getByText('選べないセグメントが含まれています。');
    await segmentProblem.waitFor();
    expect(await page.getByRole('combobox', { name: '配信するセグメント' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: '保存できませんでした。次の2件を直してください。' }).waitFor();
    await opened.screenshot('delivery-editor-refused');
    expect(await opened.violations()).toEqual([]);

    // A problem leaves with the change that answers it.
    await url.fill('https://www.city.midori.example.jp/hiroba');
    await cardAgain.getByText(urlProblem).waitFor({ state: 'detached' });
    expect(await segmentProblem.count()).toBe(1);
    await choose(page, '配信するセグメント', '防災情報を希望する人（560人）');
    await segmentProblem.waitFor({ state: 'detached' });
    expect(await page.getByText('選べないセグメントが含まれています。').count()).toBe(0);

    refuse = false;
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「12月の子育て広場」を作成しました。').waitFor();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries/d-9/edit');
    expect(opened.sent('CreateDelivery').at(-1)?.variables).toEqual({
      input: {
        title: '12月の子育て広場',
        channelId: CHANNEL_ID,
        targetKind: 'SEGMENTS',
        segmentIds: [SEGMENT_ID, SEGMENT_2_ID],
        timing: 'IMMEDIATE',
        scheduledAt: null,
        recurrence: null,
        variants: [
          {
            language: 'ja',
            messages: [
              { type: 'text', text: '12月の子育て広場は5日（土）です。' },
              { type: 'card', title: '参加の申し込み', buttonLabel: '申し込む', url: 'https://www.city.midori.example.jp/hiroba' },
            ],
          },
          {
            language: 'en',
            messages: [
              { type: 'text', text: 'Kids’ plaza on Saturday 5 December.' },
              { type: 'card', title: '参加の申し込み', buttonLabel: '申し込む', url: 'https://forms.example.jp/hiroba' },
            ],
          },
        ],
        formId: null,
        mailListIds: [],
        mailSubject: null,
        recordEngagement: false,
      },
      ...FLAGS,
    });
    expect(opened.consoleErrors).toEqual([]);
  });

  it('names what is unfinished in the server’s words and sends nothing until it is fixed', async () => {
    const server = fakeServer([], { CreateDelivery: created });
    const opened = await pages.open({ path: '/deliveries/new', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '新しい配信' }).waitFor();
    await page.getByRole('button', { name: 'メッセージを追加' }).click();
    await page.getByRole('menuitem', { name: 'スタンプ' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '保存できませんでした。' });
    await alert.getByText('配信の件名（管理用）を入力してください。').waitFor();
    await alert.getByText('1通目のテキストを入力してください。').waitFor();
    await page
      .getByRole('group', { name: '2通目：スタンプ' })
      .getByText('2通目のスタンプのパッケージIDは半角数字で入力してください。')
      .waitFor();
    await page.getByRole('tab', { name: /日本語.*（3件の問題）/ }).waitFor();
    expect(opened.sent('CreateDelivery')).toEqual([]);

    await page.getByLabel('件名（管理用）', { exact: true }).fill('スタンプのテスト');
    await page.getByRole('group', { name: '1通目：テキスト' }).getByLabel('本文', { exact: true }).fill('こんにちは');
    const sticker = page.getByRole('group', { name: '2通目：スタンプ' });
    await sticker.getByLabel('パッケージID', { exact: true }).fill('446');
    await sticker.getByLabel('スタンプID', { exact: true }).fill('1988');
    await alert.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「スタンプのテスト」を作成しました。').waitFor();
    expect(opened.sent('CreateDelivery')).toHaveLength(1);
  });

  it('builds a Flex message from a template, says at once where its JSON breaks, and draws an imagemap’s tap areas', async () => {
    const opened = await pages.open({ path: '/deliveries/new', permissions: MANAGER }, fakeServer([]).answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '新しい配信' }).waitFor();
    await page.getByRole('button', { name: 'メッセージを追加' }).click();
    await page.getByRole('menuitem', { name: 'Flex：リマインダー' }).click();
    const flex = page.getByRole('group', { name: '2通目：Flexメッセージ' });
    await expect
      .poll(() => flex.getByLabel('代替テキスト', { exact: true }).inputValue())
      .toBe('【リマインド】（健診・予約などの名前）（12月5日（土）9:30までに受付）');
    const preview = page.getByRole('region', { name: 'プレビュー（日本語）' });
    await preview.getByText('お忘れなく').waitFor();
    await preview.getByText('12月5日（土）9:30までに受付').waitFor();

    const json = flex.getByLabel('Flexの内容（JSON）', { exact: true });
    const original = await json.inputValue();
    await json.fill(original.replace('"お忘れなく"', '"お忘れなく",,'));
    await flex.getByText(/2通目のJSONが正しくありません（\d+行目付近）。/).waitFor();
    await preview.getByText('JSONを直すとプレビューを表示します。').waitFor();
    await json.fill(original.replace('お忘れなく', '受付は9時半から'));
    await preview.getByText('受付は9時半から').waitFor();

    await page.getByRole('button', { name: 'メッセージを追加' }).click();
    await page.getByRole('menuitem', { name: 'イメージマップ' }).click();
    const imagemap = page.getByRole('group', { name: '3通目：イメージマップ' });
    await imagemap.getByRole('cell', { name: 'x 520, y 0, 幅 520, 高さ 1040' }).waitFor();
    await imagemap.getByText('タップ領域（画像は幅1040×高さ1040として表示）').waitFor();
    await opened.screenshot('delivery-editor-flex-imagemap');
    expect(await opened.violations()).toEqual([]);
  });

  it('checks a recurrence rule live: its Japanese summary and next five sends, or the problem beside the field', async () => {
    const summaries: GraphQLRequest[] = [];
    const server = fakeServer([deliveryDetail()], {
      PreviewRecurrence: (request) => {
        summaries.push(request);
        const rule = request.variables['rule'] as Record<string, unknown>;
        if (rule['until'] === '2026-01-01')
          return refusal('繰り返しの設定に誤りがあります。', {
            code: 'BAD_USER_INPUT',
            fields: { 'rule.until': '終了日が開始日より前になっています。' },
          });
        if (rule['freq'] === 'monthly')
          return {
            data: {
              previewRecurrence: {
                __typename: 'RecurrencePreview',
                summary: '毎月 第2火曜日 10:30',
                rrule: 'RRULE:FREQ=MONTHLY;BYDAY=2TU',
                next: [
                  '2026-12-08T01:30:00.000Z',
                  '2027-01-12T01:30:00.000Z',
                  '2027-02-09T01:30:00.000Z',
                  '2027-03-09T01:30:00.000Z',
                  '2027-04-13T01:30:00.000Z',
                ],
              },
            },
          };
        return {
          data: {
            previewRecurrence: {
              __typename: 'RecurrencePreview',
              summary: '毎週 水曜日 9:00',
              rrule: 'RRULE:FREQ=WEEKLY',
              next: ['2026-12-09T00:00:00.000Z'],
            },
          },
        };
      },
    });
    const opened = await pages.open({ path: '/deliveries/d-1/edit', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '子育て広場のお知らせ' }).waitFor();
    await pickRadio(page, '繰り返し');
    const check = page.getByRole('status', { name: '繰り返しの確認' });
    await check.getByText('毎週 水曜日 9:00').waitFor();
    expect(await check.getAttribute('aria-live')).toBe('polite');

    await pickRadio(page, '毎月');
    await pickRadio(page, '第何曜日');
    await choose(page, '第何週（1）', '第2');
    await choose(page, '曜日（1）', '火曜日');
    await page.getByLabel('配信時刻', { exact: true }).fill('10:30');
    await check.getByText('毎月 第2火曜日 10:30').waitFor();
    await check.getByText('2026/12/08（火）10:30').waitFor();
    expect(await check.getByRole('listitem').count()).toBe(5);
    // Any monthly rule is answered with that summary, so the last rule may still be on its way (debounced).
    await expect
      .poll(() => summaries.at(-1)?.variables['rule'], POLL)
      .toEqual({
        freq: 'monthly',
        interval: 1,
        start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        byNthWeekday: [{ n: 2, weekday: 'TU' }],
        time: '10:30',
        holidays: 'none',
      });

    await pickRadio(page, '終了日を指定');
    await page.getByLabel('終了日', { exact: true }).fill('2026-01-01');
    await page.getByText('終了日が開始日より前になっています。').waitFor();
    await check.getByText('繰り返しの設定に誤りがあります。該当する項目のそばの説明を確認してください。').waitFor();
    expect(await page.getByLabel('終了日', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await opened.screenshot('delivery-editor-recurrence');
    expect(await opened.violations()).toEqual([]);
  });

  it('uploads a resident list, showing a refused CSV’s problems by row, and imports a good one', async () => {
    let good = false;
    const server = fakeServer([deliveryDetail({ targetKind: 'LIST', segmentIds: [], segments: [] })], {
      ImportDeliveryList: (request) =>
        good
          ? {
              data: {
                importDeliveryList: {
                  __typename: 'DeliveryPayload',
                  delivery: deliveryDetail({ targetKind: 'LIST', segmentIds: [], segments: [], listSize: 2 }),
                },
              },
            }
          : refusal('CSVに誤りがあります（2行）。何も登録していません。', {
              code: 'BAD_USER_INPUT',
              fields: {
                'csv.3.resident_id': '3行目: 住民IDの形式が正しくありません（abc）。',
                'csv.5.resident_id': '5行目: この配信のチャネルの住民が見つかりません。',
                csvText: request.variables['csv'],
              },
            }),
    });
    const opened = await pages.open({ path: '/deliveries/d-1/edit', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByText('まだ住民リストが登録されていません。').waitFor();
    const csv = 'resident_id\n1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\nabc\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const alert = page.getByRole('alert').filter({ hasText: 'CSVに誤りがあります（2行）。何も登録していません。' });
    await alert.getByRole('row', { name: '3行目 住民IDの形式が正しくありません（abc）。' }).waitFor();
    await alert.getByRole('row', { name: '5行目 この配信のチャネルの住民が見つかりません。' }).waitFor();
    expect(opened.sent('ImportDeliveryList').map((r) => r.variables)).toEqual([{ id: 'd-1', csv, ...FLAGS }]);
    expect(await opened.violations()).toEqual([]);

    good = true;
    await page.locator('input[type="file"]').setInputFiles({
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('resident_id\n1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\n'),
    });
    await page.getByText('住民リストに2人を登録しました。').waitFor();
    await page.getByText('登録済み：2人').waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('uploads images for an image, a video’s preview and an imagemap from the keyboard, refusing a wrong file before sending it', async () => {
    const opened = await pages.open({ path: '/deliveries/new', permissions: MANAGER }, fakeServer([]).answer);
    const { page } = opened;
    const uploads: Array<{ url: string; contentType: string | undefined; body: Buffer | null }> = [];
    const answers: Array<{ status: number; body: unknown }> = [];
    await page.route('**/media/uploads**', (route) => {
      const request = route.request();
      const url = new URL(request.url());
      uploads.push({ url: `${url.pathname}${url.search}`, contentType: request.headers()['content-type'], body: request.postDataBuffer() });
      const answer = answers.shift() ?? { status: 500, body: null };
      return route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
    });
    // The public URLs the server names are fetched by the preview like any image.
    await page.route(`${MEDIA_ORIGIN}/media/public/**`, (route) => route.fulfill({ contentType: 'image/png', body: PNG }));
    const answerWith = (id: string, width: number, height: number) =>
      answers.push({
        status: 201,
        body: {
          id,
          contentType: 'image/png',
          byteSize: PNG.length,
          width,
          height,
          url: `${MEDIA_ORIGIN}/media/public/${id}`,
          thumbnailUrl: `${MEDIA_ORIGIN}/media/public/${id}/thumbnail`,
          imagemapBaseUrl: `${MEDIA_ORIGIN}/media/public/${id}/imagemap`,
        },
      });
    /** Adds a message, waiting until the menu has closed (it gives the focus back to its button as it goes). */
    const addMessage = async (type: string) => {
      await page.getByRole('button', { name: 'メッセージを追加' }).click();
      await page.getByRole('menuitem', { name: type, exact: true }).click();
      await page.getByRole('menu').waitFor({ state: 'hidden' });
    };
    // Listened to throughout, so the page's file pickers are always intercepted (not only once one is awaited).
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    /** Opens the file picker from the keyboard (Enter on the focused button) and picks a file. */
    const pickFile = async (scope: Locator, name: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      const before = choosers.length;
      await scope.getByRole('button', { name }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => choosers.length, POLL).toBeGreaterThan(before);
      await choosers[before]!.setFiles(file);
    };

    await page.getByRole('heading', { name: '新しい配信' }).waitFor();
    await addMessage('画像');
    const image = page.getByRole('group', { name: '2通目：画像' });

    // Refused here, with the server's words, and nothing sent.
    await pickFile(image, '画像をアップロード', { name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await image.getByRole('alert').getByText('ファイルが大きすぎます（上限 10MB）').waitFor();
    await pickFile(image, '画像をアップロード', { name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await image.getByRole('alert').getByText('ファイルの種類が対応していません（JPEG・PNG のみ）').waitFor();
    expect(uploads).toEqual([]);

    answerWith('media-1', 1600, 1200);
    await pickFile(image, '画像をアップロード', { name: 'hiroba.png', mimeType: 'image/png', buffer: PNG });
    await image.getByRole('status').getByText('「hiroba.png」をアップロードしました。').waitFor();
    expect(await image.getByRole('alert').textContent()).toBe('');
    expect(await image.getByLabel('画像のURL', { exact: true }).inputValue()).toBe(`${MEDIA_ORIGIN}/media/public/media-1`);
    expect(await image.getByLabel('プレビュー画像のURL', { exact: true }).inputValue()).toBe(
      `${MEDIA_ORIGIN}/media/public/media-1/thumbnail`,
    );
    expect(uploads).toEqual([{ url: '/media/uploads?policy=line-image', contentType: 'image/png', body: PNG }]);
    // The talk's preview draws the uploaded image.
    const preview = page.getByRole('region', { name: 'プレビュー（日本語）' });
    const drawn = preview.locator(`img[src="${MEDIA_ORIGIN}/media/public/media-1/thumbnail"]`);
    await expect.poll(() => drawn.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(1);

    await addMessage('動画');
    const video = page.getByRole('group', { name: '3通目：動画' });
    answerWith('media-2', 640, 360);
    await pickFile(video, 'プレビュー画像をアップロード', { name: 'movie.png', mimeType: 'image/png', buffer: PNG });
    await expect
      .poll(() => video.getByLabel('プレビュー画像のURL', { exact: true }).inputValue(), POLL)
      .toBe(`${MEDIA_ORIGIN}/media/public/media-2/thumbnail`);
    expect(await video.getByLabel('動画のURL', { exact: true }).inputValue()).toBe('');

    await addMessage('イメージマップ');
    const imagemap = page.getByRole('group', { name: '4通目：イメージマップ' });
    answerWith('media-3', 2080, 1040);
    await pickFile(imagemap, 'イメージマップの画像をアップロード', { name: 'map.png', mimeType: 'image/png', buffer: PNG });
    await imagemap.getByText('タップ領域（画像は幅1040×高さ520として表示）').waitFor();
    const json = JSON.parse(await imagemap.getByLabel('イメージマップ（JSON）', { exact: true }).inputValue()) as Record<string, unknown>;
    expect([json['baseUrl'], json['baseSize']]).toEqual([`${MEDIA_ORIGIN}/media/public/media-3/imagemap`, { width: 1040, height: 520 }]);
    await preview.locator(`img[src="${MEDIA_ORIGIN}/media/public/media-3/imagemap/1040"]`).waitFor();
    expect(uploads).toHaveLength(3);
    await opened.screenshot('delivery-editor-uploads');
    expect(await opened.violations()).toEqual([]);

    // The server's refusal (an http PUBLIC_URL here) in its own words, the fields as they were.
    const refusedMessage = 'LINEは https の画像しか取得できないため、この環境ではLINEに送る画像をアップロードできません。';
    answers.push({ status: 400, body: { errors: [{ message: refusedMessage, extensions: { reason: 'PUBLIC_URL_NOT_HTTPS' } }] } });
    await pickFile(image, '画像をアップロード', { name: 'other.png', mimeType: 'image/png', buffer: PNG });
    await image.getByRole('alert').getByText(refusedMessage).waitFor();
    expect(await image.getByLabel('画像のURL', { exact: true }).inputValue()).toBe(`${MEDIA_ORIGIN}/media/public/media-1`);
    expect(uploads).toHaveLength(4);
  });

  it('opens no editor to staff who may only read deliveries', async () => {
    const opened = await pages.open({ path: '/deliveries/new', permissions: ['deliveries.read'] }, fakeServer().answer);
    await opened.page.getByRole('heading', { name: 'このページを表示する権限がありません' }).waitFor();
    expect(opened.requests).toEqual([]);
  });
});
