import { afterAll, describe, expect, it } from 'vitest';
import { FormsDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { formListItem } from '../test-support/fixtures';
import { axeChecker, renderPage } from '../test-support/render-page';
import { FormsPage } from './forms-page';

const axe = axeChecker();
afterAll(() => axe.close());

function formsResponse(nodes: ReturnType<typeof formListItem>[]) {
  return {
    request: { query: FormsDocument, variables: { filter: {}, first: DEFAULT_PAGE_SIZE } },
    result: {
      data: {
        forms: {
          __typename: 'FormConnection',
          edges: nodes.map((node) => ({ __typename: 'FormEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
          totalCount: nodes.length,
        },
      },
    },
  };
}

const render = (nodes: ReturnType<typeof formListItem>[], permissions: string[]) =>
  renderPage(<FormsPage />, { responses: [formsResponse(nodes)], permissions, path: '/forms', route: '/forms' });

describe('FormsPage', { timeout: 60_000 }, () => {
  it('lists forms with kind, status, answers, period and department, accessibly', async () => {
    const { html, document } = await render(
      [
        formListItem({}),
        formListItem({
          id: 'form-2',
          title: '粗大ごみ収集の申込',
          kind: 'APPLICATION',
          status: 'DRAFT',
          submissionCount: 0,
          publishedVersion: null,
          opensAt: null,
          department: { __typename: 'Department', id: 'dep-2', name: '環境課' } as never,
        }),
        formListItem({ id: 'form-3', title: '子育て情報の登録', kind: 'REGISTRATION', hasUnpublishedChanges: true }),
      ],
      ['forms.read', 'forms.manage', 'forms.submissions.read'],
    );
    expect(html).toContain('フォーム一覧');
    expect(html).toContain('市民満足度アンケート');
    expect(html).toContain('アンケート');
    expect(html).toContain('申請');
    expect(html).toContain('下書き');
    expect(html).toContain('公開中');
    expect(html).toContain('第1版');
    expect(html).toContain('環境課');
    expect(html).toMatch(/2026\/12\/0[12] \d\d:00 から/);
    expect(html).toContain('期間の定めなし');
    expect(html).toContain('未公開の変更あり');
    expect(html).toContain('新しいフォーム');
    expect(html).toContain('aria-label="市民満足度アンケートの回答一覧"');
    expect(html).toContain('aria-label="粗大ごみ収集の申込のその他の操作"');
    expect(await axe.violations(document, 'forms-list')).toEqual([]);
  });

  it('offers neither creating nor the row menu without forms.manage, nor answers without forms.submissions.read', async () => {
    const { html } = await render([formListItem({})], ['forms.read']);
    expect(html).toContain('市民満足度アンケート');
    expect(html).not.toContain('新しいフォーム');
    expect(html).not.toContain('のその他の操作');
    expect(html).not.toContain('の回答一覧');
  });

  it('says how to start when there are no forms', async () => {
    const { html } = await render([], ['forms.read', 'forms.manage']);
    expect(html).toContain('フォームはまだありません');
  });
});
