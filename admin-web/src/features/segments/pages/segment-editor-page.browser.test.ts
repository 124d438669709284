import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { COUNT_DEBOUNCE_MS } from '../lib/live-count';
import type { GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { POLL, browserPages, choose, chooseInTree, typeDay } from '../../../shared/test-support/browser-page';
import {
  CHANNEL_ID,
  FORM_ID,
  SEGMENTS_PAGES,
  attributeDefinitions,
  channels,
  formDefinition,
  forms,
  segmentDetail,
} from '../test-support/fixtures';

const pages = browserPages(SEGMENTS_PAGES);

const SAVED = {
  type: 'all',
  conditions: [
    { type: 'attribute', key: 'area', op: 'in', values: ['north'] },
    { type: 'attribute', key: 'children_birth_dates', op: 'age', min: 3, max: 5 },
  ],
};

const MANAGER = ['segments.read', 'segments.manage', 'attributes.read', 'departments.read'];

const countOf = (count: number, day = '2026-12-01'): GraphQLAnswer => ({
  data: { countSegmentCondition: { __typename: 'SegmentCountResult', count, day } },
});

/** The server's side of the editor: the saved segment, the attributes, and counts by condition. */
function server(
  count: (request: GraphQLRequest) => GraphQLAnswer,
  more: Record<string, (request: GraphQLRequest) => GraphQLAnswer | Promise<GraphQLAnswer>> = {},
) {
  return (request: GraphQLRequest): GraphQLAnswer | Promise<GraphQLAnswer> => {
    const handler = more[request.operationName];
    if (handler) return handler(request);
    switch (request.operationName) {
      case 'Segment':
        return { data: { segment: segmentDetail(SAVED) } };
      case 'SegmentAttributes':
        return { data: { attributeDefinitions } };
      case 'CountSegmentCondition':
        return count(request);
      default:
        return { errors: [{ message: `unexpected ${request.operationName}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
  };
}

const conditionOf = (request: GraphQLRequest) => request.variables['condition'];

/**
 * The live count once it shows `text` and is no longer busy: while the next number is counted the
 * last one stays on screen (dimmed), so its text alone does not say the count has settled.
 */
const countShown = (page: Page, text: string) =>
  page.getByRole('status').and(page.locator('[aria-busy="false"]')).getByText(text).waitFor();

// Generous for two busy cores (the longest test has taken 50 s there); a stuck step fails sooner, at Playwright's 30 s.
describe('the segment editor in a browser', { timeout: 180_000 }, () => {
  it('counts the saved condition, then counts again once an edit has settled and announces the new number', async () => {
    const opened = await pages.open(
      { path: '/segments/seg-1', permissions: MANAGER },
      server((request) => {
        const age = (conditionOf(request) as typeof SAVED).conditions[1] as { max: number };
        return countOf(age.max === 5 ? 1234 : 1502);
      }),
      { clock: true },
    );
    const { page } = opened;
    const status = page.getByRole('status').filter({ hasText: '対象' });
    await countShown(page, '対象: 1,234人（友だち）');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(opened.sent('CountSegmentCondition').map(conditionOf)).toEqual([SAVED]);

    // Typed key by key, each key 1 ms before the debounce would run out (a shorter debounce counts
    // the emptied field on the way). The page's time stands still from here and moves only as the
    // test moves it, so however slowly this machine types, the pauses between keys are exactly these.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
    const typing = COUNT_DEBOUNCE_MS - 1;
    const max = page.getByRole('group', { name: '条件 2' }).getByLabel('上限（歳）', { exact: true });
    await max.fill(''); // 3歳以上: a complete condition, which must not be counted on the way
    await page.clock.runFor(typing);
    await max.press('1'); // 3〜1歳: unfinished
    await page.clock.runFor(typing);
    await max.press('2');
    const typedAt = await page.evaluate(() => Date.now());
    await page.clock.runFor(COUNT_DEBOUNCE_MS);
    await page.clock.resume();
    await countShown(page, '対象: 1,502人（友だち）');
    const counted = opened.sent('CountSegmentCondition');
    // Nothing was counted for the emptied field nor the half-typed 1; 12 was counted once, when it had settled.
    expect(counted.map(conditionOf)).toEqual([
      SAVED,
      { ...SAVED, conditions: [SAVED.conditions[0], { type: 'attribute', key: 'children_birth_dates', op: 'age', min: 3, max: 12 }] },
    ]);
    expect(counted[1]!.sentAt - typedAt).toBeGreaterThanOrEqual(COUNT_DEBOUNCE_MS);
    expect(await status.textContent()).toContain('2026/12/01時点');
    expect(opened.consoleErrors).toEqual([]);
  });

  it('counts ages on the send day staff pick', async () => {
    const opened = await pages.open(
      { path: '/segments/seg-1', permissions: MANAGER },
      server((request) => {
        const day = (request.variables['options'] as { day?: string } | null)?.day;
        return day ? countOf(1100, day) : countOf(1234);
      }),
    );
    const { page } = opened;
    await countShown(page, '対象: 1,234人（友だち）');
    await typeDay(page, '年齢を数える日（送信予定日）', '2027-04-01');
    await countShown(page, '対象: 1,100人（友だち）');
    await page.getByText('2027/04/01時点（年齢はこの日で数えます）').waitFor();
    expect(opened.sent('CountSegmentCondition').at(-1)?.variables['options']).toEqual({ day: '2027-04-01' });
  });

  it('names an unfinished condition in Japanese, counts nothing and saves nothing until it is finished, then creates the segment', async () => {
    const opened = await pages.open(
      { path: '/segments/new', permissions: MANAGER },
      server(() => countOf(321), {
        CreateSegment: (request) => ({
          data: {
            createSegment: {
              __typename: 'SegmentPayload',
              segment: segmentDetail(conditionOf(request) as Record<string, unknown>, { id: 'seg-9', name: '子育てに関心のある人' }),
            },
          },
        }),
      }),
    );
    const { page } = opened;
    await page.getByRole('heading', { name: '新しいセグメント' }).waitFor();
    await page.getByLabel('名前', { exact: true }).fill('子育てに関心のある人');
    const first = page.getByRole('group', { name: '条件 1' });
    await choose(first, '属性', '関心のある分野');
    const note = '属性「関心のある分野」の選択肢を1つ以上選んでください。';
    await first.getByText(note).waitFor();
    await page.getByText('条件を入力し終えると、対象人数をここに表示します。').waitFor();

    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '保存できませんでした。' });
    await alert.getByText(`条件 1：${note}`).waitFor();
    await opened.screenshot('segment-editor-unfinished');
    expect(await opened.violations()).toEqual([]);
    expect(opened.sent('CreateSegment')).toEqual([]);
    expect(opened.sent('CountSegmentCondition')).toEqual([]);

    await choose(first, '選択肢', '子育て');
    await countShown(page, '対象: 321人（友だち）');
    expect(await alert.count()).toBe(0);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「子育てに関心のある人」を作成しました。').waitFor();
    expect(opened.sent('CreateSegment').map((r) => r.variables)).toEqual([
      {
        input: {
          name: '子育てに関心のある人',
          description: null,
          condition: { type: 'all', conditions: [{ type: 'attribute', key: 'interests', op: 'in', values: ['kosodate'] }] },
        },
        withDepartment: true,
      },
    ]);
    await expect.poll(() => opened.location(), POLL).toBe('/segments/seg-9');
  });

  it('saves changes, and puts what the server refuses beside the condition it is about', async () => {
    let refuse = true;
    const opened = await pages.open(
      { path: '/segments/seg-1', permissions: MANAGER },
      server(() => countOf(1234), {
        UpdateSegment: (request) =>
          refuse
            ? {
                errors: [
                  {
                    message: '条件に誤りがあります（1件）。',
                    extensions: {
                      code: 'BAD_USER_INPUT',
                      fields: { 'condition.conditions.0.values.0': '選択肢「北地区」は廃止されています。' },
                    },
                  },
                ],
              }
            : {
                data: {
                  updateSegment: {
                    __typename: 'SegmentPayload',
                    segment: segmentDetail(SAVED, { name: (request.variables['input'] as { name: string }).name }),
                  },
                },
              },
      }),
    );
    const { page } = opened;
    await countShown(page, '対象: 1,234人（友だち）');
    await page.getByLabel('名前', { exact: true }).fill('北地区の子育て世帯（令和9年度）');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('group', { name: '条件 1' }).getByText('選択肢「北地区」は廃止されています。').waitFor();
    await page.getByRole('alert').getByText('条件 1：選択肢「北地区」は廃止されています。').waitFor();

    refuse = false;
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「北地区の子育て世帯（令和9年度）」を保存しました。').waitFor();
    expect(opened.sent('UpdateSegment').at(-1)?.variables).toEqual({
      id: 'seg-1',
      input: { name: '北地区の子育て世帯（令和9年度）', description: '子育て支援の案内に使います。', condition: SAVED },
      withDepartment: true,
    });
    await page.getByRole('heading', { name: '北地区の子育て世帯（令和9年度）' }).waitFor();
    expect(await page.getByRole('group', { name: '条件 1' }).getByText('選択肢「北地区」は廃止されています。').count()).toBe(0);
  });

  it('builds groups, 〜ではない, areas with their sub-areas, tags, follow dates, channels, languages and form answers', async () => {
    const opened = await pages.open(
      {
        path: '/segments/new',
        permissions: [...MANAGER, 'forms.read', 'channels.read'],
      },
      server(() => countOf(12), {
        SegmentChannels: () => ({ data: channels }),
        SegmentForms: () => ({ data: forms }),
        SegmentFormDefinition: () => ({ data: formDefinition }),
      }),
    );
    const { page } = opened;
    const root = page.getByRole('group', { name: 'すべての条件' });
    await choose(page.getByRole('group', { name: '条件 1' }), '属性', 'お住まいの地域');
    await page.getByText('地域を選ぶと、その中の地区（下の階層）に住む人も含みます。').waitFor();
    await chooseInTree(page.getByRole('group', { name: '条件 1' }), '選択肢', '北地区');

    await root.getByRole('button', { name: 'グループを追加', exact: true }).click();
    const group = page.getByRole('group', { name: '条件 2', exact: true });
    await group.getByRole('checkbox', { name: 'このグループに当てはまらない人（〜ではない）' }).check();
    const tag = page.getByRole('group', { name: '条件 2-1' });
    await choose(tag, '条件の種類', 'タグ');
    await tag.getByLabel('タグ', { exact: true }).fill('転出予定');
    await group.getByRole('button', { name: '条件を追加（条件 2）' }).click();
    const language = page.getByRole('group', { name: '条件 2-2' });
    await choose(language, '条件の種類', '言語');
    await choose(language, '言語', '英語（en）');

    await root.getByRole('button', { name: '条件を追加', exact: true }).click();
    const followed = page.getByRole('group', { name: '条件 3' });
    await choose(followed, '条件の種類', '友だち追加日');
    await typeDay(followed, 'この日から', '2026-04-01');

    await root.getByRole('button', { name: '条件を追加', exact: true }).click();
    const channel = page.getByRole('group', { name: '条件 4' });
    await choose(channel, '条件の種類', 'LINE公式アカウント');
    await choose(channel, 'LINE公式アカウント', 'みどり市公式（本番）');

    await root.getByRole('button', { name: '条件を追加', exact: true }).click();
    const answer = page.getByRole('group', { name: '条件 5' });
    await choose(answer, '条件の種類', 'フォームの回答');
    await choose(answer, 'フォーム', '子育てアンケート');
    await choose(answer, '質問（任意）', '保育園の利用');
    await choose(answer, '回答（任意）', '利用している');

    const expected = {
      type: 'all',
      conditions: [
        { type: 'attribute', key: 'area', op: 'in', values: ['north'] },
        {
          type: 'not',
          condition: {
            type: 'any',
            conditions: [
              { type: 'tag', tag: '転出予定' },
              { type: 'language', language: 'en' },
            ],
          },
        },
        { type: 'followed', from: '2026-04-01', to: null },
        { type: 'channel', channelId: CHANNEL_ID },
        { type: 'formAnswer', formId: FORM_ID, fieldId: 'f_1', values: ['o_1'] },
      ],
    };
    await expect.poll(() => opened.sent('CountSegmentCondition').map(conditionOf).at(-1), POLL).toEqual(expected);
    await countShown(page, '対象: 12人（友だち）');
    await opened.screenshot('segment-editor-every-leaf');
    expect(await opened.violations()).toEqual([]);
    // The personal question of the form is never offered: once the questions are listed, it is not among them.
    await answer.getByLabel('質問（任意）', { exact: true }).click();
    const questions = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await questions.filter({ hasText: '保育園の利用' }).waitFor();
    expect(await questions.allTextContents()).toEqual(['保育園の利用']);
    expect(opened.consoleErrors).toEqual([]);
  });

  it('says the attributes are loading until they arrive, then never offers personal, free-text or retired ones', async () => {
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    const opened = await pages.open(
      { path: '/segments/new', permissions: MANAGER },
      server(() => countOf(0), {
        SegmentAttributes: async () => {
          await arrived;
          return { data: { attributeDefinitions } };
        },
      }),
    );
    const { page } = opened;
    await page.getByRole('group', { name: '条件 1' }).getByLabel('属性', { exact: true }).click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    // Held back by the test: not "no attributes", which staff would take for the truth.
    await dropdown.getByText('読み込み中…', { exact: true }).waitFor();
    expect(await dropdown.getByText('条件に使える属性がありません。').count()).toBe(0);

    release();
    const options = dropdown.locator('.ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['関心のある分野', 'お住まいの地域', 'お子さんの生年月日', '世帯人数', '妊娠中']);
    expect(opened.sent('SegmentAttributes')).toHaveLength(1);
  });

  it('shows a sample of matching friends to staff who may see residents, named only with read_personal', async () => {
    const sample =
      (withNames: boolean) =>
      (request: GraphQLRequest): GraphQLAnswer => ({
        data: {
          segmentSample: {
            __typename: 'SegmentSample',
            residents: [
              {
                __typename: 'Resident',
                id: 'res-000123',
                ...(request.variables['withPersonal'] ? { displayName: withNames ? '佐藤 花子' : null } : {}),
                followedAt: '2026-11-03T01:00:00.000Z',
              },
            ],
          },
        },
      });
    const named = await pages.open(
      { path: '/segments/seg-1', permissions: [...MANAGER, 'residents.read', 'residents.read_personal'] },
      server(() => countOf(1234), { SegmentSample: sample(true) }),
    );
    await named.page.getByRole('button', { name: '対象者の例' }).click();
    await named.page.getByRole('link', { name: '佐藤 花子' }).waitFor();
    expect(named.sent('SegmentSample').map((r) => r.variables)).toEqual([{ condition: SAVED, options: null, withPersonal: true }]);

    const unnamed = await pages.open(
      { path: '/segments/seg-1', permissions: [...MANAGER, 'residents.read'] },
      server(() => countOf(1234), { SegmentSample: sample(false) }),
    );
    await unnamed.page.getByRole('button', { name: '対象者の例' }).click();
    await unnamed.page.getByRole('link', { name: '住民 #000123' }).waitFor();
    expect(unnamed.sent('SegmentSample')[0]?.variables['withPersonal']).toBe(false);
  });

  it('lets staff without segments.manage read the condition and its count but change nothing', async () => {
    const opened = await pages.open(
      { path: '/segments/seg-1', permissions: ['segments.read', 'attributes.read'] },
      server(() => countOf(1234)),
    );
    const { page } = opened;
    await countShown(page, '対象: 1,234人（友だち）');
    await page.getByText('閲覧のみです。条件を変更するには「セグメントの作成・変更」の権限が必要です。').waitFor();
    await opened.screenshot('segment-editor-read-only');
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /条件を追加|グループを追加|削除/ }).count()).toBe(0);
    expect(await page.getByLabel('名前', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('group', { name: '条件 2' }).getByLabel('上限（歳）', { exact: true }).isDisabled()).toBe(true);
    expect(
      await page
        .getByRole('checkbox', { name: /〜ではない/ })
        .first()
        .isDisabled(),
    ).toBe(true);
    // Without departments.read the department is not asked for (the server would refuse the field).
    expect(opened.sent('Segment')[0]?.variables['withDepartment']).toBe(false);
  });

  it('opens no blank editor to staff who may not create segments', async () => {
    const opened = await pages.open(
      { path: '/segments/new', permissions: ['segments.read'] },
      server(() => countOf(0)),
    );
    await opened.page.getByRole('heading', { name: 'このページを表示する権限がありません' }).waitFor();
    expect(opened.requests).toEqual([]);
  });
});
