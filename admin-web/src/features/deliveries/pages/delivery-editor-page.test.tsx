import { afterAll, describe, expect, it } from 'vitest';
import {
  CanRecordEngagementDocument,
  DeliveryDocument,
  DeliveryFormsDocument,
  DeliveryMailListsDocument,
  PreviewRecurrenceDocument,
} from '../../../gql/graphql';
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
    // Images are uploaded beside their URL fields (the imagemap's into its JSON).
    expect(html).toContain('画像をアップロード');
    expect(html).toContain('イメージマップの画像をアップロード');
    expect(html).toContain('セグメントを見る権限がないため');
    expect(await axe.violations(document, 'delivery-editor')).toEqual([]);
  });

  it('shows the form it carries and its mail lists, subject and the mail text made from the Japanese messages', async () => {
    const formUrl = 'https://line.city.example.jp/liff/forms/form-1';
    const delivery = deliveryDetail({
      segments: undefined,
      channel: undefined,
      department: undefined,
      formId: 'form-1',
      mailListIds: ['list-1'],
      mailSubject: '【みどり市】健診アンケート',
      variants: [
        {
          language: 'ja',
          messages: [
            { type: 'text', text: '健診についてのアンケートです。\nご協力ください。' },
            { type: 'card', title: '健診アンケート', buttonLabel: '回答する', url: formUrl },
            { type: 'image', originalContentUrl: 'https://example.jp/a.jpg', previewImageUrl: 'https://example.jp/a.jpg' },
          ],
        },
      ],
    });
    const { html, document } = await renderPage(<DeliveryEditorPage />, {
      responses: [
        {
          request: { query: DeliveryDocument, variables: { id: 'd-1', withSegments: false, withChannel: false, withDepartment: false } },
          result: { data: { delivery } },
        },
        {
          request: { query: DeliveryFormsDocument, variables: { first: 100 } },
          result: {
            data: {
              forms: {
                __typename: 'FormConnection',
                totalCount: 1,
                edges: [
                  {
                    __typename: 'FormEdge',
                    node: {
                      __typename: 'Form',
                      id: 'form-1',
                      title: '乳幼児健診アンケート',
                      kind: 'SURVEY',
                      access: 'BROWSER_ALLOWED',
                      audience: 'EVERYONE',
                      opensAt: null,
                      closesAt: null,
                    },
                  },
                ],
              },
            },
          },
        },
        {
          request: { query: DeliveryMailListsDocument, variables: { first: 100 } },
          result: {
            data: {
              mailLists: {
                __typename: 'MailListConnection',
                totalCount: 2,
                edges: [
                  {
                    __typename: 'MailListEdge',
                    node: {
                      __typename: 'MailList',
                      id: 'list-1',
                      name: '子育て情報メール',
                      active: true,
                      departmentId: 'dep-1',
                      subscriberCount: 120,
                    },
                  },
                  {
                    __typename: 'MailListEdge',
                    node: {
                      __typename: 'MailList',
                      id: 'list-2',
                      name: '休止中のメール',
                      active: false,
                      departmentId: 'dep-1',
                      subscriberCount: 3,
                    },
                  },
                ],
              },
            },
          },
        },
      ],
      permissions: ['deliveries.read', 'deliveries.manage', 'forms.read', 'mail_lists.read'],
      path: '/deliveries/d-1/edit',
      route: '/deliveries/:id/edit',
    });
    expect(html).toContain('フォーム（アンケート・申請）');
    expect(html).toContain('乳幼児健診アンケート（ブラウザからも回答可）');
    expect(html).toContain('すべての友だちには送れません');
    expect(html).toContain('メールでも送る（LINEを使わない方へ）');
    expect(html).toContain('子育て情報メール（120人）');
    expect(html).toContain('テスト配信ではメールを送りません');
    expect(html).toContain('value="【みどり市】健診アンケート"');
    const preview = /<pre data-testid="delivery-mail-preview"[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    expect(preview).toContain('<strong>【みどり市】健診アンケート</strong>');
    expect(preview).toContain(
      `健診についてのアンケートです。\nご協力ください。\n\n健診アンケート\n回答する: ${formUrl}\n\n画像: https://example.jp/a.jpg`,
    );
    expect(await axe.violations(document, 'delivery-editor-mail')).toEqual([]);
  });

  it('offers no form or mail list to staff who may not read them, and keeps the saved choice', async () => {
    const { html } = await render(
      deliveryDetail({ segments: undefined, channel: undefined, department: undefined, formId: 'form-1', mailListIds: ['list-1'] }),
      ['deliveries.read', 'deliveries.manage'],
    );
    expect(html).toContain('フォームを見る権限がないため');
    expect(html).toContain('メール配信リストを見る権限がないため');
    expect(html).not.toContain('メール本文のプレビュー');
  });

  describe('「反応を記録する」', () => {
    const LINKED = [
      { language: 'ja', messages: [{ type: 'text', text: '詳しくは https://www.city.example.jp/kenshin をご覧ください。' }] },
    ];
    const renderWith = (delivery: ReturnType<typeof deliveryDetail>, canRecordEngagement: boolean) =>
      renderPage(<DeliveryEditorPage />, {
        responses: [
          {
            request: { query: DeliveryDocument, variables: { id: 'd-1', withSegments: false, withChannel: false, withDepartment: false } },
            result: { data: { delivery } },
          },
          { request: { query: CanRecordEngagementDocument }, result: { data: { canRecordEngagement } } },
        ],
        permissions: ['deliveries.read', 'deliveries.manage'],
        path: '/deliveries/d-1/edit',
        route: '/deliveries/:id/edit',
      });
    const checkbox = (html: string) => /<input[^>]*id="delivery-record-engagement"[^>]*>/.exec(html)?.[0] ?? '';
    const describedBy = (input: string) => /aria-describedby="([^"]+)"/.exec(input)?.[1]?.split(' ') ?? [];
    /** The markup from the element with `id` up to the next one the check box names. */
    const part = (html: string, id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('id="delivery-record-engagement-errors"'));

    it('is a check box with what it does, that it is personal data and what it costs, tied to it, accessibly', async () => {
      const { html, document } = await renderWith(
        deliveryDetail({ segments: undefined, channel: undefined, department: undefined, recordEngagement: true, variants: LINKED }),
        true,
      );
      expect(html).toContain('反応を記録する（リンクをLINEアプリ内で開き、誰が開いたかを記録します）');
      const input = checkbox(html);
      expect(input).toContain('type="checkbox"');
      expect(input).toContain('checked=""');
      expect(input).not.toContain('disabled');
      expect(describedBy(input)).toContain('delivery-record-engagement-help');
      const help = part(html, 'delivery-record-engagement-help');
      expect(help).toContain('LIFFアプリ経由');
      expect(help).toContain('配信への反応');
      expect(help).toContain('個人に関する情報');
      expect(help).toContain('テスト配信は通常のリンクで送り');
      expect(html).not.toContain('LIFFアプリが設定されていない');
      expect(html).not.toContain('配信内容にリンクがありません');
      expect(await axe.violations(document, 'delivery-editor-engagement')).toEqual([]);
    });

    it('warns when the messages have no link to record', async () => {
      const { html } = await renderWith(
        deliveryDetail({ segments: undefined, channel: undefined, department: undefined, recordEngagement: true }),
        true,
      );
      expect(html).toContain('配信内容にリンクがありません。リンクがないと、記録する反応がありません。');
    });

    it('is disabled with the reason, read with it, when the server has no LIFF app', async () => {
      const { html, document } = await renderWith(
        deliveryDetail({ segments: undefined, channel: undefined, department: undefined, variants: LINKED }),
        false,
      );
      const input = checkbox(html);
      expect(input).toContain('disabled=""');
      expect(input).not.toContain('checked=""');
      expect(describedBy(input)).toContain('delivery-record-engagement-reason');
      const reason = part(html, 'delivery-record-engagement-reason');
      expect(reason).toContain('このシステムにはLIFFアプリが設定されていない（LIFF_IDが未設定の）ため、反応は記録できません。');
      expect(await axe.violations(document, 'delivery-editor-engagement-unavailable')).toEqual([]);
    });

    it('lets a saved tick be taken off when the server can no longer record', async () => {
      const { html } = await renderWith(
        deliveryDetail({ segments: undefined, channel: undefined, department: undefined, recordEngagement: true, variants: LINKED }),
        false,
      );
      const input = checkbox(html);
      expect(input).toContain('checked=""');
      expect(input).not.toContain('disabled');
      expect(html).toContain('チェックを外して保存してください。');
    });
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
