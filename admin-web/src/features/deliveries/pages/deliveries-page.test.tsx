import { afterAll, describe, expect, it } from 'vitest';
import { DeliveriesDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { deliveryListItem, progress } from '../test-support/fixtures';
import { DeliveriesPage } from './deliveries-page';

const axe = axeChecker();
afterAll(() => axe.close());

type Item = ReturnType<typeof deliveryListItem>;

function deliveriesResponse(nodes: Item[], withSegments: boolean) {
  return {
    request: { query: DeliveriesDocument, variables: { filter: { search: null, status: null }, withSegments, first: DEFAULT_PAGE_SIZE } },
    result: {
      data: {
        deliveries: {
          __typename: 'DeliveryConnection',
          edges: nodes.map((node) => ({ __typename: 'DeliveryEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
          totalCount: nodes.length,
        },
      },
    },
  };
}

const render = (nodes: Item[], permissions: string[]) =>
  renderPage(<DeliveriesPage />, {
    responses: [deliveriesResponse(nodes, permissions.includes('segments.read'))],
    permissions,
    path: '/deliveries',
    route: '/deliveries',
  });

describe('DeliveriesPage', { timeout: 60_000 }, () => {
  it('lists deliveries with their status, recipients, timing and last send, accessibly', async () => {
    const { html, document } = await render(
      [
        deliveryListItem(),
        deliveryListItem({
          id: 'd-2',
          title: '防災訓練のお知らせ',
          status: 'SENDING',
          targetKind: 'LIST',
          segmentIds: [],
          segments: [],
          listSize: 320,
          timing: 'SCHEDULED',
          scheduledAt: '2026-12-05T00:00:00.000Z',
          runs: [
            {
              __typename: 'DeliveryRun',
              id: 'run-1',
              kind: 'REAL',
              status: 'SENDING',
              createdAt: '2026-12-05T00:00:00.000Z',
              completedAt: null,
              progress: progress({ recipientsPlanned: 320, recipientsSent: 160 }),
            },
          ],
        }),
      ],
      ['deliveries.read', 'deliveries.manage', 'segments.read'],
    );
    expect(html).toContain('子育て広場のお知らせ');
    expect(html).toContain('セグメント：北地区の子育て世帯');
    expect(html).toContain('住民リスト（320人）');
    expect(html).toContain('2026/12/05（土）09:00 に配信');
    expect(html).toContain('160 / 320人');
    expect(html).toContain('未送信');
    expect(html).toContain('送信中');
    expect(html).toContain('新規作成');
    expect(html).toContain('aria-label="防災訓練のお知らせを表示"');
    expect(html).toContain('aria-label="子育て広場のお知らせを編集"');
    expect(html).toContain('role="search"');
    expect(await axe.violations(document, 'deliveries-list')).toEqual([]);
  });

  it('offers neither creating, duplicating nor deleting without deliveries.manage, and counts segments without segments.read', async () => {
    const { html } = await render([deliveryListItem({ segments: undefined })], ['deliveries.read']);
    expect(html).toContain('セグメント 1個');
    expect(html).not.toContain('新規作成');
    expect(html).not.toContain('を複製"');
    expect(html).not.toContain('を削除"');
  });

  it('explains what a delivery is when there is none, accessibly', async () => {
    const { html, document } = await render([], ['deliveries.read', 'deliveries.manage']);
    expect(html).toContain('配信はまだありません。');
    expect(await axe.violations(document)).toEqual([]);
  });
});
