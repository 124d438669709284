import { afterAll, describe, expect, it } from 'vitest';
import { SegmentsDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { segmentListItem } from '../test-support/fixtures';
import { SegmentsPage } from './segments-page';

const axe = axeChecker();
afterAll(() => axe.close());

function segmentsResponse(nodes: ReturnType<typeof segmentListItem>[], withDepartment: boolean) {
  return {
    request: { query: SegmentsDocument, variables: { search: null, withDepartment, first: DEFAULT_PAGE_SIZE } },
    result: {
      data: {
        segments: {
          __typename: 'SegmentConnection',
          edges: nodes.map((node) => ({ __typename: 'SegmentEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
          totalCount: nodes.length,
        },
      },
    },
  };
}

const render = (nodes: ReturnType<typeof segmentListItem>[], permissions: string[]) =>
  renderPage(<SegmentsPage />, {
    responses: [segmentsResponse(nodes, permissions.includes('departments.read'))],
    permissions,
    path: '/segments',
    route: '/segments',
  });

describe('SegmentsPage', { timeout: 60_000 }, () => {
  it('lists segments with their last count and when it was taken, department and update time, accessibly', async () => {
    const { html, document } = await render(
      [
        segmentListItem({}),
        segmentListItem({ id: 'seg-2', name: '防災に関心のある人', description: null, lastCount: null, lastCountedAt: null }),
      ],
      ['segments.read', 'segments.manage', 'departments.read'],
    );
    expect(html).toContain('北地区の子育て世帯');
    expect(html).toContain('1,234人');
    expect(html).toMatch(/最終集計 2026\/12\/01 \d\d:00/);
    expect(html).toContain('未集計');
    expect(html).toContain('子育て支援課');
    expect(html).toContain('新規作成');
    expect(html).toContain('aria-label="防災に関心のある人を複製"');
    expect(html).toContain('aria-label="防災に関心のある人を削除"');
    expect(html).toContain('role="search"');
    expect(await axe.violations(document, 'segments-list')).toEqual([]);
  });

  it('offers neither creating, duplicating nor deleting without segments.manage', async () => {
    const { html } = await render([segmentListItem({})], ['segments.read']);
    expect(html).toContain('北地区の子育て世帯');
    expect(html).toContain('aria-label="北地区の子育て世帯を表示"');
    expect(html).not.toContain('新規作成');
    expect(html).not.toContain('を複製"');
    expect(html).not.toContain('を削除"');
  });

  it('explains what a segment is when there is none, accessibly', async () => {
    const { html, document } = await render([], ['segments.read', 'segments.manage']);
    expect(html).toContain('セグメントはまだありません。セグメントは配信対象の条件');
    expect(await axe.violations(document)).toEqual([]);
  });
});
