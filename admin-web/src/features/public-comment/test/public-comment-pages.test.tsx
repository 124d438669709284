import { afterAll, describe, expect, it } from 'vitest';
import { PublicCommentOpinionsDocument, PublicCommentProceduresDocument, PublicCommentResultPreviewDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { DocumentsPanel } from '../components/documents-panel';
import { GroupsPanel } from '../components/groups-panel';
import { OpinionsPanel } from '../components/opinions-panel';
import { OverviewPanel } from '../components/overview-panel';
import { ResultPanel } from '../components/result-panel';
import { PublicCommentsPage } from '../pages/public-comments-page';
import { procedure } from './fixtures';
import { closeBrowser, renderHtml, seriousAxeViolations } from './render';

const MANAGE = ['public_comment.read', 'public_comment.manage'];
const noop = () => undefined;

afterAll(closeBrowser);

describe('public comment console pages', { timeout: 60_000 }, () => {
  it('lists procedures with their state, period, department and opinions, and offers a new one', async () => {
    const { documents: _d, groups: _g, ...row } = procedure();
    const html = await renderHtml(
      <PublicCommentsPage />,
      [
        {
          request: { query: PublicCommentProceduresDocument, variables: { filter: {}, first: DEFAULT_PAGE_SIZE } },
          result: {
            data: {
              publicCommentProcedures: {
                __typename: 'PublicCommentProcedureConnection',
                edges: [{ __typename: 'PublicCommentProcedureEdge', cursor: 'c1', node: row }],
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
                totalCount: 1,
              },
            },
          },
        },
      ],
      MANAGE,
    );
    expect(html).toContain('第2次こども計画（案）');
    expect(html).toContain('href="/public-comments/pc-1"');
    expect(html).toContain('募集終了');
    expect(html).toContain('こども政策課');
    expect(html).toContain('案件を作成');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('edits the procedure at any time on Japan’s clock and links its opinion form', async () => {
    const html = await renderHtml(
      <OverviewPanel procedure={procedure({ status: 'DRAFT', publishedAt: null })} onChanged={noop} />,
      [],
      MANAGE,
    );
    expect(html).toContain('value="2026-11-30T17:00"');
    expect(html).toContain('href="/forms/form-9"');
    expect(html).toContain('公示する');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('lists the documents with their type and size and offers the upload', async () => {
    const html = await renderHtml(<DocumentsPanel procedure={procedure()} onChanged={noop} />, [], MANAGE);
    expect(html).toContain('計画案（本文）');
    expect(html).toContain('PDF・1.2MB');
    expect(html).toContain('資料をアップロード');
    expect(html).toContain('aria-label="「計画案（本文）」を下へ"');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('lists opinions with their group, lets staff pick some and assign them, and exports them', async () => {
    const html = await renderHtml(
      <OpinionsPanel procedure={procedure()} onChanged={noop} />,
      [
        {
          request: { query: PublicCommentOpinionsDocument, variables: { procedureId: 'pc-1', first: 100, filter: {} } },
          result: {
            data: {
              publicCommentOpinions: {
                __typename: 'PublicCommentOpinionConnection',
                totalCount: 2,
                hasNextPage: false,
                endCursor: 'c2',
                edges: [
                  {
                    __typename: 'PublicCommentOpinionEdge',
                    cursor: 'c1',
                    node: {
                      __typename: 'PublicCommentOpinion',
                      id: 's1',
                      receiptNumber: '20261102-0001',
                      submittedAt: '2026-11-02T01:00:00.000Z',
                      viaBrowser: true,
                      groupId: 'g1',
                      groupTitle: '保育・子育て支援について',
                      answers: [
                        {
                          __typename: 'PublicCommentOpinionAnswer',
                          fieldId: 'opinion',
                          label: 'ご意見',
                          text: '保育所を増やしてください。',
                        },
                      ],
                    },
                  },
                  {
                    __typename: 'PublicCommentOpinionEdge',
                    cursor: 'c2',
                    node: {
                      __typename: 'PublicCommentOpinion',
                      id: 's2',
                      receiptNumber: '20261103-0002',
                      submittedAt: '2026-11-03T01:00:00.000Z',
                      viaBrowser: false,
                      groupId: null,
                      groupTitle: null,
                      answers: [
                        {
                          __typename: 'PublicCommentOpinionAnswer',
                          fieldId: 'opinion',
                          label: 'ご意見',
                          text: '公園の遊具を新しくしてほしい。',
                        },
                      ],
                    },
                  },
                ],
              },
            },
          },
        },
      ],
      MANAGE,
    );
    expect(html).toContain('20261102-0001');
    expect(html).toContain('保育所を増やしてください。');
    expect(html).toContain('未分類');
    expect(html).toContain('区分に振り分ける');
    expect(html).toContain('すべての意見をCSVで出力');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('shows the groups with their summary and the city’s view, marking what is not written', async () => {
    const html = await renderHtml(<GroupsPanel procedure={procedure()} onChanged={noop} />, [], MANAGE);
    expect(html).toContain('1. 保育・子育て支援について');
    expect(html).toContain('待機児童の解消に向け');
    expect(html).toContain('（未入力）');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('previews the result and says what still stops its publication', async () => {
    const html = await renderHtml(
      <ResultPanel procedure={procedure()} onChanged={noop} />,
      [
        {
          request: { query: PublicCommentResultPreviewDocument, variables: { procedureId: 'pc-1', introduction: '' } },
          result: {
            data: {
              publicCommentResultPreview: {
                __typename: 'PublicCommentResultPreview',
                unassignedOpinions: 2,
                blockers: ['区分に振り分けていない意見が2件あります。すべての意見を区分に振り分けてください。'],
                result: {
                  __typename: 'PublicCommentResult',
                  procedureId: 'pc-1',
                  title: '第2次こども計画（案）',
                  totalOpinions: 3,
                  introduction: null,
                  groups: [
                    {
                      __typename: 'PublicCommentResultGroup',
                      number: 1,
                      title: '保育・子育て支援について',
                      summary: '保育所の定員を増やしてほしい。',
                      response: '待機児童の解消に向け、定員の拡大を進めます。',
                      count: 1,
                    },
                  ],
                },
              },
            },
          },
        },
      ],
      MANAGE,
    );
    expect(html).toContain('まだ公表できません');
    expect(html).toContain('区分に振り分けていない意見が2件あります');
    expect(html).toContain('1. 保育・子育て支援について（1件）');
    expect(html).toContain('寄せられた意見 3件');
    expect(await seriousAxeViolations(html)).toEqual([]);
  });

  it('offers no changes to staff who may only read', async () => {
    const html = await renderHtml(<GroupsPanel procedure={procedure()} onChanged={noop} />, [], ['public_comment.read']);
    expect(html).not.toContain('区分を追加');
    expect(html).not.toContain('削除');
  });
});
