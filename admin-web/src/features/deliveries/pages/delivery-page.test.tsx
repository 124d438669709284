import { afterAll, describe, expect, it } from 'vitest';
import {
  DeliveryClicksDocument,
  DeliveryDocument,
  DeliveryEstimateDocument,
  DeliveryMailListsDocument,
  DeliveryRunDocument,
} from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { clicks, deliveryDetail, estimate, progress, run } from '../test-support/fixtures';
import { DeliveryPage } from './delivery-page';

const axe = axeChecker();
afterAll(() => axe.close());

const READER = ['deliveries.read'];

const mailList = (id: string, name: string) => ({
  __typename: 'MailListEdge',
  node: { __typename: 'MailList', id, name, active: true, departmentId: 'dep-1', subscriberCount: 60 },
});
const MAIL_LISTS = {
  mailLists: {
    __typename: 'MailListConnection',
    totalCount: 2,
    edges: [mailList('list-1', '子育て情報メール'), mailList('list-2', '健診のお知らせメール')],
  },
};

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
      { request: { query: DeliveryMailListsDocument, variables: { first: 100 } }, result: { data: MAIL_LISTS } },
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
  it('shows the mail lists and subject, that engagement is recorded, and per run what was mailed and whether it records', async () => {
    const mailed = run({
      id: 'run-real',
      mailListIds: ['list-1', 'list-2'],
      mailRecipients: 1_120,
      mailQueuedAt: '2026-12-01T01:00:05.000Z',
      recordsEngagement: true,
    });
    const delivery = deliveryDetail({
      status: 'SENT',
      segments: undefined,
      channel: undefined,
      department: undefined,
      mailListIds: ['list-1', 'list-2'],
      mailSubject: '【みどり市】子育て広場のお知らせ',
      recordEngagement: true,
      runs: [mailed],
    });
    const { html, document } = await render(delivery, [...READER, 'mail_lists.read']);
    expect(html).toContain('メールでも送る');
    expect(html).toContain('子育て情報メール、健診のお知らせメール');
    expect(html).toContain('【みどり市】子育て広場のお知らせ');
    expect(html).toContain('記録する（本番の送信で、LINEでリンクを開いた人を記録します）');
    expect(html).toContain('1,120人にメールを送ります（2026/12/01（火）10:00に送信待ちに登録）');
    expect(html).toContain('記録しています（LINEでリンクを開いた人を記録）');
    expect(await axe.violations(document, 'delivery-page-mail-engagement')).toEqual([]);
  });

  it('counts the lists for staff who may not read them, and says what a run still queuing, a plain run and a test run did', async () => {
    const queuing = run({ id: 'run-queuing', status: 'SENDING', completedAt: null, mailListIds: ['list-1'] });
    const withLists = deliveryDetail({
      segments: undefined,
      channel: undefined,
      department: undefined,
      mailListIds: ['list-1', 'list-2'],
      runs: [queuing],
    });
    const first = await render(withLists, READER);
    expect(first.html).toContain('メール配信リスト 2件');
    expect(first.html).not.toContain('子育て情報メール');
    expect(first.html).not.toContain('メールの件名');
    expect(first.html).toContain('記録しない');
    expect(first.html).toContain('メール配信リストの登録者へのメールを準備しています…');
    expect(first.html).toContain('記録していません');

    const test = run({ id: 'run-test', kind: 'TEST' });
    const second = await render(
      deliveryDetail({ segments: undefined, channel: undefined, department: undefined, recordEngagement: true, runs: [test] }),
      READER,
    );
    expect(second.html).not.toContain('メールでも送る');
    expect(second.html).toContain('テスト配信ではメールを送りません');
    expect(second.html).toContain('記録しません（テスト配信は通常のリンクで送ります）');

    const plain = run({ id: 'run-plain' });
    const third = await render(deliveryDetail({ segments: undefined, channel: undefined, department: undefined, runs: [plain] }), READER);
    expect(third.html).toContain('メールでは送っていません');
  });
});
