import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryClicksDocument, DeliveryDocument, DeliveryEstimateDocument, DeliveryRunDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { clicks, deliveryDetail, estimate, progress, run } from '../test-support/fixtures';
import { DeliveryPage } from './delivery-page';

const axe = axeChecker();
afterAll(() => axe.close());

const READER = ['deliveries.read'];

function render(delivery: ReturnType<typeof deliveryDetail>, permissions: string[], fits = true) {
  return renderPage(<DeliveryPage />, {
    responses: [
      {
        request: { query: DeliveryDocument, variables: { id: 'd-1', withSegments: false, withChannel: false, withDepartment: false } },
        result: { data: { delivery } },
      },
      {
        request: { query: DeliveryEstimateDocument, variables: { id: 'd-1' } },
        result: { data: estimate(fits ? {} : { fitsQuota: false, quotaRemaining: 10 }) },
      },
      { request: { query: DeliveryClicksDocument, variables: { id: 'd-1' } }, result: { data: clicks() } },
      ...delivery.runs.map((r) => ({
        request: { query: DeliveryRunDocument, variables: { id: r.id } },
        result: { data: { deliveryRun: r } },
      })),
    ],
    permissions,
    path: '/deliveries/d-1',
    route: '/deliveries/:id',
  });
}

describe('DeliveryPage', { timeout: 60_000 }, () => {
  it('shows the content as the talk, the estimate, the runs with their progress and the clicks, accessibly', async () => {
    const paused = run({
      status: 'PAUSED',
      completedAt: null,
      pauseReason: '今月の残り通数が足りないため一時停止しました。',
      progress: progress({
        recipientsPlanned: 2_800,
        recipientsSent: 1_400,
        recipientsFailed: 20,
        failures: [{ __typename: 'DeliveryFailure', reason: '400 invalid user', batches: 1, recipients: 20 }],
      }),
    });
    const delivery = deliveryDetail({
      status: 'SENDING',
      segments: undefined,
      channel: undefined,
      department: undefined,
      variants: [
        {
          language: 'ja',
          messages: [
            { type: 'text', text: '12月の子育て広場のお知らせです。' },
            { type: 'card', title: '申し込み', buttonLabel: '申し込む', url: 'https://example.jp/' },
          ],
        },
        { language: 'en', messages: [{ type: 'text', text: 'Kids plaza in December.' }] },
      ],
      runs: [paused],
    });
    const { html, document } = await render(delivery, READER);
    expect(html).toContain('12月の子育て広場のお知らせです。');
    expect(html).toContain('申し込む');
    expect(html).toContain('日本語、英語（English）');
    expect(html).toContain('2,800人中 1,400人に送信済み（50%）');
    expect(html).toContain('今月の残り通数が足りないため一時停止しました。');
    expect(html).toContain('400 invalid user');
    expect(html).toContain('クリック数（合計）');
    expect(html).toContain('https://www.city.midori.example.jp/kosodate');
    expect(html).not.toContain('>一時停止<');
    expect(html).not.toContain('>編集<');
    expect(await axe.violations(document, 'delivery-page')).toEqual([]);
  });

  it('refuses a send the quota does not cover, with the reason on the disabled button', async () => {
    const { html } = await render(
      deliveryDetail({ segments: undefined, channel: undefined, department: undefined }),
      ['deliveries.read', 'deliveries.manage', 'deliveries.send'],
      false,
    );
    expect(html).toContain('今月の残り通数（10通）では、この配信（1,234通）を送りきれません。送信できません。');
    const button = /<button aria-describedby="([^"]+)"[^>]*disabled="">(?:(?!<\/button>).)*今すぐ送信<\/span><\/button>/.exec(html);
    expect(button).not.toBeNull();
    expect(html).toContain(`<span id="${button?.[1] ?? ''}" class="visually-hidden">今月の残り通数が足りないため送信できません。</span>`);
    expect(html).toContain('テスト配信');
  });
});
