import { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { CountSegmentConditionDocument, SegmentDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { attributesResponse, DELIVERY_ID, engagementDeliveriesResponse, segmentDetail } from '../test-support/fixtures';
import { SegmentEditorPage } from './segment-editor-page';

const axe = axeChecker();
afterAll(() => axe.close());

const CONDITION = {
  type: 'all',
  conditions: [
    { type: 'attribute', key: 'area', op: 'in', values: ['north'] },
    { type: 'attribute', key: 'children_birth_dates', op: 'age', min: 3, max: 5 },
    { type: 'not', condition: { type: 'tag', tag: '転出予定' } },
    {
      type: 'any',
      conditions: [
        { type: 'language', language: 'en' },
        { type: 'followed', from: '2026-04-01', to: null },
      ],
    },
  ],
};

const MANAGER = ['segments.read', 'segments.manage', 'attributes.read', 'residents.read', 'forms.read'];

function render(permissions: string[], count: { count: number } | GraphQLError, condition: Record<string, unknown> = CONDITION) {
  return renderPage(<SegmentEditorPage />, {
    responses: [
      engagementDeliveriesResponse,
      {
        request: { query: SegmentDocument, variables: { id: 'seg-1', withDepartment: permissions.includes('departments.read') } },
        result: { data: { segment: segmentDetail(condition) } },
      },
      attributesResponse,
      {
        // Matched only with exactly this condition: the count shows only if the editor sent it.
        request: { query: CountSegmentConditionDocument, variables: { condition, options: null } },
        result:
          count instanceof GraphQLError
            ? { errors: [count] }
            : { data: { countSegmentCondition: { __typename: 'SegmentCountResult', count: count.count, day: '2026-12-01' } } },
      },
    ],
    permissions,
    path: '/segments/seg-1',
    route: '/segments/:id',
  });
}

describe('SegmentEditorPage', { timeout: 60_000 }, () => {
  it('shows a saved condition as a tree and counts exactly its JSON, accessibly', async () => {
    const { html, document } = await render(MANAGER, { count: 1234 });
    expect(html).toContain('北地区の子育て世帯');
    expect(html).toContain('対象: 1,234人（友だち）');
    expect(html).toContain('2026/12/01時点');
    expect(html).toContain('すべて満たす');
    expect(html).toContain('いずれかを満たす');
    expect(html).toContain('お住まいの地域');
    expect(html).toContain('地域を選ぶと、その中の地区（下の階層）に住む人も含みます。');
    expect(html).toContain('年齢（送信日時点）の範囲');
    expect(html).toContain('いずれかの子（日付）が、送信日時点でこの年齢の範囲にあれば対象です。');
    expect(html).toContain('転出予定');
    expect(html).toContain('条件を追加');
    expect(html).toContain('グループを追加');
    expect(html).toContain('対象者の例');
    expect(html).toContain('JSONで表示');
    expect(await axe.violations(document, 'segment-editor')).toEqual([]);
  });

  it('puts the server’s problem beside the condition it is about', async () => {
    const problem = new GraphQLError('条件に誤りがあります（1件）。', {
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: { 'condition.conditions.3.conditions.0.language': '言語の指定が正しくありません（例: ja, en）。' },
      },
    });
    const { html, document } = await render(MANAGER, problem);
    expect(html).toContain('条件に誤りがあります（1件）。該当する条件のそばの説明を確認してください。');
    // The message sits inside the box of condition 4-1 (the language), after its title and before condition 4-2.
    const box = html.indexOf('>条件 4-1<');
    const message = html.indexOf('言語の指定が正しくありません（例: ja, en）。');
    expect(box).toBeGreaterThan(0);
    expect(message).toBeGreaterThan(box);
    expect(message).toBeLessThan(html.indexOf('>条件 4-2<'));
    expect(await axe.violations(document)).toEqual([]);
  });

  it('shows a reaction condition with the delivery picked from the sent ones, 反応あり/反応なし, and no "opened"', async () => {
    const reacted = {
      type: 'all',
      conditions: [
        { type: 'engagement', deliveryId: DELIVERY_ID, action: 'notClicked' },
        { type: 'attribute', key: 'area', op: 'in', values: ['north'] },
      ],
    };
    const { html, document } = await render([...MANAGER, 'deliveries.read'], { count: 56 }, reacted);
    expect(html).toContain('対象: 56人（友だち）');
    expect(html).toContain('配信への反応');
    expect(html).toContain('乳幼児健診のご案内（2026/11/20送信・反応 1,234人）');
    expect(html).toContain('反応あり');
    expect(html).toContain('反応なし');
    expect(html).toContain('この配信を受け取っていない人も含むため');
    expect(html).toContain('開封（既読）は、LINEが人ごとの記録を提供しないため条件にできません。');
    // 反応なし is the chosen one: the radio buttons' labels, by their text.
    const labels = html.split('<label').slice(1);
    const checked = (text: string) =>
      labels
        .find((l) => l.includes(`>${text}<`))
        ?.split('>')[0]
        ?.includes('ant-radio-button-wrapper-checked');
    expect(checked('反応なし')).toBe(true);
    expect(checked('反応あり')).toBe(false);
    expect(await axe.violations(document, 'segment-editor-engagement')).toEqual([]);
  });

  it('does not offer reaction conditions without deliveries.read, and keeps a saved one readable', async () => {
    const { html } = await render(MANAGER, { count: 3 }, { type: 'engagement', deliveryId: DELIVERY_ID, action: 'clicked' });
    expect(html).toContain('配信を見る権限がないため、配信への反応の条件は作れません。');
    expect(html).not.toContain('乳幼児健診のご案内');
  });

  it('says clearly when counting is rate limited', async () => {
    const limited = new GraphQLError('リクエストが多すぎます。', { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } });
    const { html } = await render(MANAGER, limited);
    expect(html).toContain('短い時間に人数を何度も数えたため、一時的に集計を止めています。42秒ほど待ってから');
  });

  it('offers no sample without residents.read, and no saving without segments.manage', async () => {
    const { html } = await render(['segments.read', 'attributes.read'], { count: 7 });
    expect(html).toContain('対象: 7人（友だち）');
    expect(html).not.toContain('対象者の例');
    expect(html).not.toContain('>保存<');
    expect(html).toContain('閲覧のみです。');
  });
});
