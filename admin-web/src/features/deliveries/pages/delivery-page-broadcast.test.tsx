import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryClicksDocument, DeliveryDocument, DeliveryEstimateDocument, DeliveryRunDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { clicks, deliveryDetail, estimate, progress, run } from '../test-support/fixtures';
import { DeliveryPage } from './delivery-page';

const axe = axeChecker();
afterAll(() => axe.close());

const SENDER = ['deliveries.read', 'deliveries.manage', 'deliveries.send'];
const JAPANESE_ONLY = [{ language: 'ja', messages: [{ type: 'text', text: '年末年始の窓口のお知らせです。' }] }];

function render(delivery: ReturnType<typeof deliveryDetail>, permissions: string[]) {
  return renderPage(<DeliveryPage />, {
    responses: [
      {
        request: { query: DeliveryDocument, variables: { id: 'd-1', withSegments: false, withChannel: false, withDepartment: false } },
        result: { data: { delivery } },
      },
      { request: { query: DeliveryEstimateDocument, variables: { id: 'd-1' } }, result: { data: estimate() } },
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

const toAll = { segments: undefined, channel: undefined, department: undefined, targetKind: 'ALL' as const, segmentIds: [] };

describe('DeliveryPage: 一斉配信 (LINE broadcast)', { timeout: 60_000 }, () => {
  it('says before sending that the real send will be one broadcast reaching every friend LINE knows of, and that tests stay with the testers', async () => {
    const { html, document } = await render(
      deliveryDetail({ ...toAll, variants: JAPANESE_ONLY, sendMode: 'BROADCAST', lastTestedAt: '2026-12-01T00:00:00.000Z' }),
      SENDER,
    );
    expect(html).toContain('本番の送信は一斉配信（LINEのブロードキャスト）になります');
    expect(html).toContain('このシステムを使い始める前に友だちになった人も含む');
    expect(html).toContain('テスト配信は、これまでどおりテスト受信者にだけ送ります。');
    expect(await axe.violations(document, 'delivery-page-broadcast-send')).toEqual([]);
  });

  it('shows a run sent as a broadcast as such, in the runs table and its panel, with whom it reached', async () => {
    const sent = run({
      id: 'run-broadcast',
      sendMode: 'BROADCAST',
      batchesTotal: 1,
      plannedRecipients: 2_800,
      progress: progress({ batchesTotal: 1, batchesSent: 1, recipientsPlanned: 2_800, recipientsSent: 2_800 }),
    });
    const { html, document } = await render(
      deliveryDetail({ ...toAll, status: 'SENT', variants: JAPANESE_ONLY, sendMode: 'BROADCAST', runs: [sent] }),
      SENDER,
    );
    expect(html).toContain('>一斉配信<');
    expect(html).toContain('一斉配信（LINEのブロードキャスト）で送りました');
    expect(html).toContain('LINEが把握しているすべての友だちに届きます。');
    expect(html).not.toContain('本番の送信は一斉配信');
    expect(html).not.toContain('枠が空きしだい');
    expect(await axe.violations(document, 'delivery-page-broadcast-run')).toEqual([]);
  });

  it('tells staff a broadcast still sending goes out by itself when LINE’s hourly window frees', async () => {
    const sending = run({ id: 'run-waiting', sendMode: 'BROADCAST', status: 'SENDING', completedAt: null, batchesTotal: 1 });
    const { html } = await render(deliveryDetail({ ...toAll, status: 'SENDING', variants: JAPANESE_ONLY, runs: [sending] }), SENDER);
    expect(html).toContain('一斉配信（LINEのブロードキャスト）で送ります');
    expect(html).toContain('LINEの一斉配信は1時間に60回までです。');
  });

  it('says nothing of broadcasts for multicast deliveries and runs', async () => {
    const { html } = await render(
      deliveryDetail({ ...toAll, variants: JAPANESE_ONLY, runs: [run({ id: 'run-multicast' })], lastTestedAt: '2026-12-01T00:00:00.000Z' }),
      SENDER,
    );
    expect(html).not.toContain('一斉配信');
  });
});
