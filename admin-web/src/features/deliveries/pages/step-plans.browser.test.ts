import { describe, expect, it } from 'vitest';
import type { GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { POLL, browserPages, choose, pickRadio } from '../../../shared/test-support/browser-page';
import { fakeServer, refusal } from '../test-support/fake-server';
import { DELIVERIES_PAGES } from '../test-support/fixtures';
import { CHILDREN_ATTRIBUTE_ID, dateAttributes, stepPlan, stepPlansAnswer } from '../test-support/planning-fixtures';

const pages = browserPages(DELIVERIES_PAGES);

const MANAGER = ['deliveries.read', 'deliveries.manage', 'deliveries.send', 'segments.read', 'channels.read'];
type Plan = ReturnType<typeof stepPlan>;

/** The delivery pages' server with step plans that the mutations change. */
function server(initial: Plan[], extra: Record<string, (request: GraphQLRequest) => GraphQLAnswer> = {}) {
  const plans = new Map(initial.map((p) => [p.id, p] as const));
  const answerPlan = (plan: Plan) => ({ __typename: 'DeliveryStepPlanPayload', plan });
  return {
    plans,
    ...fakeServer([], {
      DeliveryStepPlans: () => ({ data: stepPlansAnswer([...plans.values()]) }),
      DeliveryStepPlan: (request) => {
        const plan = plans.get(request.variables['id'] as string);
        return plan ? { data: { deliveryStepPlan: plan } } : refusal('ステップ配信が見つかりません。', { code: 'NOT_FOUND' });
      },
      DeliveryStepDateAttributes: () => ({ data: dateAttributes }),
      UpdateDeliveryStepPlan: (request) => {
        const id = request.variables['id'] as string;
        const input = request.variables['input'] as Record<string, unknown>;
        const next = { ...plans.get(id)!, ...(typeof input['enabled'] === 'boolean' ? { enabled: input['enabled'] } : {}) };
        plans.set(id, next);
        return { data: { updateDeliveryStepPlan: answerPlan(next) } };
      },
      DeleteDeliveryStepPlan: (request) => {
        plans.delete(request.variables['id'] as string);
        return { data: { deleteDeliveryStepPlan: { __typename: 'DeleteDeliveryStepPlanPayload', deletedId: request.variables['id'] } } };
      },
      ...extra,
    }),
  };
}

describe('the step plans in a browser', { timeout: 120_000 }, () => {
  it('lists the plans with their next send, turns one off and another on after asking, and deletes one that is off', async () => {
    const s = server([stepPlan(), stepPlan({ id: 'p-2', title: '出産前のご案内', enabled: false, upcoming: [] })]);
    const opened = await pages.open({ path: '/deliveries/steps', permissions: MANAGER }, s.answer);
    const { page } = opened;
    const row = page.getByRole('row', { name: /1か月健診のご案内/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
      '1か月健診のご案内更新 2026/12/01 09:30',
      '子どもの生年月日',
      '2ステップ3日前 10:30、30日後 09:00',
      '有効',
      '2026/12/07（月）09:00ステップ2（30日後 09:00）・3人',
    ]);
    await opened.screenshot('step-plans-list');
    expect(await opened.violations()).toEqual([]);
    expect(await page.getByRole('button', { name: '1か月健診のご案内を削除' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: '1か月健診のご案内を停止する' }).click();
    const dialog = page.getByRole('dialog', { name: '「1か月健診のご案内」を停止しますか？' });
    await dialog.getByRole('button', { name: '停止する' }).click();
    await page.getByText('「1か月健診のご案内」を停止しました。').waitFor();
    expect(opened.sent('UpdateDeliveryStepPlan').map((r) => [r.variables['id'], r.variables['input']])).toEqual([
      ['p-1', { enabled: false }],
    ]);
    await row.getByText('停止中のため送りません').waitFor();

    await page.getByRole('button', { name: '出産前のご案内を有効にする' }).click();
    const enable = page.getByRole('dialog', { name: '「出産前のご案内」を有効にしますか？' });
    await enable.getByText('さかのぼって送りません', { exact: false }).waitFor();
    await opened.screenshot('step-plans-enable-confirmation');
    expect(await opened.violations()).toEqual([]);
    await enable.getByRole('button', { name: '有効にする' }).click();
    await page.getByText('「出産前のご案内」を有効にしました。').waitFor();

    await page.getByRole('button', { name: '1か月健診のご案内を削除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '削除', exact: true }).click();
    await page.getByText('「1か月健診のご案内」を削除しました。').waitFor();
    expect(opened.sent('DeleteDeliveryStepPlan').map((r) => r.variables)).toEqual([{ id: 'p-1' }]);
    await row.waitFor({ state: 'detached' });
  });

  it('composes a new plan, puts the server’s problems on the step they are about, then creates it and shows what it will send', async () => {
    let refuse = true;
    const s = server([], {
      CreateDeliveryStepPlan: (request) => {
        const input = request.variables['input'] as {
          title: string;
          steps: Array<{ offsetDays: number; time: string; variants: unknown[] }>;
        };
        if (refuse)
          return refusal('ステップ配信の内容に誤りがあります。', {
            code: 'BAD_USER_INPUT',
            fields: { 'steps.1.variants.0.messages.0.text': '日本語: 本文は5000文字以内で入力してください。' },
          });
        const plan = stepPlan({
          id: 'p-9',
          title: input.title,
          enabled: false,
          segmentIds: [],
          steps: input.steps.map((step, i) => ({ __typename: 'DeliveryStep', id: `s-new-${i}`, ...step })),
          upcoming: [
            {
              __typename: 'DeliveryStepSend',
              stepId: 's-new-0',
              referenceDate: '2026-12-10',
              at: '2026-12-09T00:00:00.000Z',
              recipients: 4,
            },
          ],
        });
        s.plans.set(plan.id, plan);
        return { data: { createDeliveryStepPlan: { __typename: 'DeliveryStepPlanPayload', plan } } };
      },
    });
    const opened = await pages.open({ path: '/deliveries/steps/new', permissions: MANAGER }, s.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '新しいステップ配信' }).waitFor();

    // Saving at once says what is missing, in the server's words.
    await page.getByRole('button', { name: '保存' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '保存できませんでした' });
    await summary.getByText('ステップ配信の名前（管理用）を入力してください。').waitFor();
    await summary.getByText('基準日にする日付の属性を選んでください。').waitFor();
    expect(opened.sent('CreateDeliveryStepPlan')).toEqual([]);

    await page.getByLabel('名前（管理用）', { exact: true }).fill('健診のご案内');
    await choose(page, '基準日にする日付の属性', '子どもの生年月日（日付（複数））');
    await pickRadio(page, '基準日より前');
    await page.getByLabel('日数', { exact: true }).fill('1');
    await page.getByLabel('送る時刻', { exact: true }).fill('10:30');
    await page.getByRole('tab', { name: /ステップ1：1日前 10:30/ }).waitFor();
    await page.getByLabel('本文', { exact: true }).fill('あすは健診です。');
    await page.getByRole('region', { name: 'プレビュー（日本語）' }).getByText('あすは健診です。').waitFor();

    await page.getByRole('button', { name: 'ステップを追加' }).click();
    await page.getByRole('tab', { name: /ステップ2：1日後 09:00/, selected: true }).waitFor();
    await page.getByLabel('日数', { exact: true }).fill('30');
    await page.getByLabel('本文', { exact: true }).fill('1か月健診のご案内です。');

    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => opened.sent('CreateDeliveryStepPlan').length, POLL).toBe(1);
    await page.getByRole('tab', { name: /ステップ2：30日後 09:00\s*（1件の問題）/ }).waitFor();
    await page.getByText('日本語: 本文は5000文字以内で入力してください。').first().waitFor();
    await opened.screenshot('step-plan-editor-problems');
    expect(await opened.violations()).toEqual([]);
    const sent = opened.sent('CreateDeliveryStepPlan')[0]!.variables['input'];
    expect(sent).toEqual({
      title: '健診のご案内',
      dateAttributeId: CHILDREN_ATTRIBUTE_ID,
      segmentIds: [],
      steps: [
        { offsetDays: -1, time: '10:30', variants: [{ language: 'ja', messages: [{ type: 'text', text: 'あすは健診です。' }] }] },
        { offsetDays: 30, time: '09:00', variants: [{ language: 'ja', messages: [{ type: 'text', text: '1か月健診のご案内です。' }] }] },
      ],
    });

    refuse = false;
    await page.getByLabel('本文', { exact: true }).fill('1か月健診のご案内です。ご予約ください。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「健診のご案内」を作成しました。', { exact: false }).waitFor();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries/steps/p-9');
    const upcoming = page.getByRole('table', { name: 'これから送る予定（日時ごと）' });
    await upcoming.getByRole('row', { name: /2026\/12\/09（水）09:00.*ステップ1（1日前 10:30）.*4人/ }).waitFor();
    await page.getByText('停止中のため、この予定は送られません。', { exact: false }).waitFor();
    await opened.screenshot('step-plan-editor-saved');
    expect(await opened.violations()).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
  });
});
