import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryAnswersDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { AnswersPanel } from './answers-panel';

const axe = axeChecker();
afterAll(() => axe.close());

const runOf = (id: string, kind: 'REAL' | 'TEST', formId: string | null, sent: number, answers: number | null) => ({
  __typename: 'DeliveryRun',
  id,
  kind,
  createdAt: '2026-12-01T01:00:00.000Z',
  formId,
  stats: { __typename: 'DeliveryStats', sent, answers, answerRate: answers === null || sent === 0 ? null : answers / sent },
});

function render(runs: ReturnType<typeof runOf>[], permissions = ['deliveries.read']) {
  return renderPage(<AnswersPanel deliveryId="d-1" />, {
    responses: [
      {
        request: { query: DeliveryAnswersDocument, variables: { id: 'd-1' } },
        result: { data: { delivery: { __typename: 'Delivery', id: 'd-1', formId: 'f-1', runs } } },
      },
    ],
    permissions,
    path: '/deliveries/d-1',
    route: '/deliveries/:id',
  });
}

describe('AnswersPanel', { timeout: 60_000 }, () => {
  it('shows each real run’s 回答数 and 回答率 over the recipients sent, leaving out test runs, accessibly', async () => {
    const { html, document } = await render([
      runOf('r-1', 'REAL', 'f-1', 1_250, 300),
      runOf('r-2', 'TEST', null, 2, null),
      runOf('r-3', 'REAL', null, 40, null),
    ]);
    expect(html).toContain('回答の状況');
    expect(html).toContain('回答数');
    expect(html).toContain('回答率');
    expect(html).toContain('1,250人');
    expect(html).toContain('>300<');
    expect(html).toContain('24.0%');
    // The test run and a run that carried no form are not rows.
    expect(html).not.toContain('2人');
    expect(html).not.toContain('40人');
    expect(await axe.violations(document, 'delivery-answers')).toEqual([]);
  });

  it('links each run to its round’s summary on the form for staff who may read answers', async () => {
    const runs = [runOf('r-1', 'REAL', 'f-1', 1_250, 300)];
    expect((await render(runs)).html).not.toContain('/forms/f-1/summary');
    const { html } = await render(runs, ['deliveries.read', 'forms.submissions.read']);
    expect(html).toContain('href="/forms/f-1/summary?deliveryRunId=r-1"');
    expect(html).toContain('集計を見る');
  });

  it('says so when no real send has carried the form yet', async () => {
    const { html } = await render([runOf('r-2', 'TEST', null, 2, null)]);
    expect(html).toContain('フォームを載せた本番の送信はまだありません。');
  });
});
