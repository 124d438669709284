import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryDocument, PreviewRecurrenceDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { deliveryDetail } from '../test-support/fixtures';
import { DeliveryEditorPage } from './delivery-editor-page';

const axe = axeChecker();
afterAll(() => axe.close());

const RULE = {
  freq: 'monthly',
  interval: 1,
  byNthWeekday: [{ n: 2, weekday: 'TU' }],
  time: '10:30',
  start: '2026-12-01',
  holidays: 'next_working_day',
};

function render(delivery: ReturnType<typeof deliveryDetail>, permissions: string[]) {
  return renderPage(<DeliveryEditorPage />, {
    responses: [
      {
        request: { query: DeliveryDocument, variables: { id: 'd-1', withSegments: false, withChannel: false, withDepartment: false } },
        result: { data: { delivery } },
      },
      {
        request: { query: PreviewRecurrenceDocument, variables: { rule: RULE } },
        result: {
          data: {
            previewRecurrence: {
              __typename: 'RecurrencePreview',
              summary: '毎月 第2火曜日 10:30（祝日は翌開庁日）',
              rrule: 'RRULE:FREQ=MONTHLY',
              next: ['2026-12-08T01:30:00.000Z'],
            },
          },
        },
      },
    ],
    permissions,
    path: '/deliveries/d-1/edit',
    route: '/deliveries/:id/edit',
  });
}

describe('DeliveryEditorPage', { timeout: 60_000 }, () => {
  it('opens a saved recurring delivery with its rule checked, every message editor and the preview, accessibly', async () => {
    const { html, document } = await render(
      deliveryDetail({
        status: 'SCHEDULED',
        timing: 'RECURRING',
        recurrence: RULE,
        segments: undefined,
        channel: undefined,
        department: undefined,
        variants: [
          {
            language: 'ja',
            messages: [
              {
                type: 'text',
                text: '子育て広場は$第2火曜日です。',
                emojis: [{ index: 5, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' }],
              },
              { type: 'sticker', packageId: '446', stickerId: '1988' },
              { type: 'image', originalContentUrl: 'https://example.jp/a.jpg', previewImageUrl: 'https://example.jp/a.jpg' },
              { type: 'card', title: '申し込み', buttonLabel: '申し込む', url: 'https://example.jp/' },
              {
                type: 'imagemap',
                baseUrl: 'https://example.jp/map',
                altText: '地図',
                baseSize: { width: 1040, height: 520 },
                actions: [{ type: 'uri', linkUri: 'https://example.jp/', area: { x: 0, y: 0, width: 520, height: 520 } }],
              },
            ],
          },
        ],
      }),
      ['deliveries.read', 'deliveries.manage'],
    );
    expect(html).toContain('保存すると下書きに戻り');
    expect(html).toContain('毎月 第2火曜日 10:30（祝日は翌開庁日）');
    expect(html).toContain('2026/12/08（火）10:30');
    expect(html).toContain('1通目：テキスト');
    expect(html).toContain('5通目：イメージマップ');
    expect(html).toContain('1回の配信で送れるメッセージは5通までです。');
    expect(html).toContain('5ac1bfd5040ab15980c9b435');
    expect(html).toContain('プレビュー（日本語）');
    expect(html).toContain('x 0, y 0, 幅 520, 高さ 520');
    expect(html).toContain('セグメントを見る権限がないため');
    expect(await axe.violations(document, 'delivery-editor')).toEqual([]);
  });

  it('opens no editor without deliveries.manage, and none for a delivery that was sent', async () => {
    expect((await render(deliveryDetail(), ['deliveries.read'])).html).toContain('このページを表示する権限がありません');
    const sent = await render(deliveryDetail({ status: 'SENT', segments: undefined, channel: undefined, department: undefined }), [
      'deliveries.read',
      'deliveries.manage',
    ]);
    expect(sent.html).toContain('送信中・送信済み・中止した配信は変更できません。');
    expect(sent.html).not.toContain('>保存<');
  });
});
