import { describe, expect, it } from 'vitest';
import type { GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { POLL, browserPages } from '../../../shared/test-support/browser-page';
import { SEGMENTS_PAGES, attributeDefinitions, segmentDetail, segmentListItem } from '../test-support/fixtures';

const pages = browserPages(SEGMENTS_PAGES);

const MANAGER = ['segments.read', 'segments.manage', 'departments.read'];

/** A small server keeping a list of segments that the mutations change. */
function server() {
  let segments = [
    segmentListItem(),
    segmentListItem({ id: 'seg-2', name: '防災に関心のある人', description: null, lastCount: null, lastCountedAt: null }),
  ];
  const answer = (request: GraphQLRequest): GraphQLAnswer => {
    const id = request.variables['id'] as string;
    switch (request.operationName) {
      case 'Segments':
        return {
          data: {
            segments: {
              __typename: 'SegmentConnection',
              edges: segments.map((node) => ({ __typename: 'SegmentEdge', cursor: node.id, node })),
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: segments.at(-1)?.id ?? null },
              totalCount: segments.length,
            },
          },
        };
      case 'CountSegment':
        segments = segments.map((s) => (s.id === id ? { ...s, lastCount: 1300, lastCountedAt: '2026-12-02T03:15:00.000Z' } : s));
        return { data: { countSegment: { __typename: 'SegmentCountResult', count: 1300, day: '2026-12-02' } } };
      case 'DuplicateSegment': {
        const copy = { ...segments.find((s) => s.id === id)!, id: 'seg-3', name: '北地区の子育て世帯（コピー）' };
        segments = [copy, ...segments];
        return { data: { duplicateSegment: { __typename: 'SegmentPayload', segment: copy } } };
      }
      case 'DeleteSegment':
        segments = segments.filter((s) => s.id !== id);
        return { data: { deleteSegment: { __typename: 'DeleteSegmentPayload', deletedId: id } } };
      // Where a duplicate leads: its editor.
      case 'Segment':
        return {
          data: {
            segment: segmentDetail(
              { type: 'all', conditions: [{ type: 'tag', tag: '子育て' }] },
              { id, name: '北地区の子育て世帯（コピー）' },
            ),
          },
        };
      case 'SegmentAttributes':
        return { data: { attributeDefinitions } };
      case 'CountSegmentCondition':
        return { data: { countSegmentCondition: { __typename: 'SegmentCountResult', count: 1234, day: '2026-12-02' } } };
      default:
        return { errors: [{ message: `unexpected ${request.operationName}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
  };
  return answer;
}

// Generous for two busy cores; a stuck step fails sooner, at Playwright's 30 s.
describe('the segments list in a browser', { timeout: 120_000 }, () => {
  it('shows each segment’s name, department, last count with its time and update time, and counts one again on request', async () => {
    const opened = await pages.open({ path: '/segments', permissions: MANAGER }, server());
    const { page } = opened;
    const row = page.getByRole('row', { name: /北地区の子育て世帯/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual([
      '北地区の子育て世帯子育て支援の案内に使います。',
      '子育て支援課',
      '1,234人最終集計 2026/12/01 10:00',
      '2026/12/01 09:30',
    ]);
    expect(
      await page
        .getByRole('row', { name: /防災に関心のある人/ })
        .getByText('未集計')
        .count(),
    ).toBe(1);
    await opened.screenshot('segments-list');
    expect(await opened.violations()).toEqual([]);

    await row.getByRole('button', { name: '北地区の子育て世帯の対象人数を今すぐ集計' }).click();
    await page.getByText('「北地区の子育て世帯」の対象は 1,300人です。').waitFor();
    await row.getByText('最終集計 2026/12/02 12:15').waitFor();
    expect(opened.sent('CountSegment').map((r) => r.variables)).toEqual([{ id: 'seg-1' }]);
  });

  it('duplicates a segment and opens the copy', async () => {
    const opened = await pages.open({ path: '/segments', permissions: MANAGER }, server());
    const { page } = opened;
    await page.getByRole('button', { name: '北地区の子育て世帯を複製' }).click();
    await page.getByText('「北地区の子育て世帯」を複製しました。').waitFor();
    await expect.poll(() => opened.location(), POLL).toBe('/segments/seg-3');
    await page.getByRole('heading', { name: '北地区の子育て世帯（コピー）' }).waitFor();
    expect(opened.sent('DuplicateSegment').map((r) => r.variables)).toEqual([{ id: 'seg-1', withDepartment: true }]);
  });

  it('asks before deleting, deletes nothing when staff cancel, and removes the row once confirmed', async () => {
    const opened = await pages.open({ path: '/segments', permissions: MANAGER }, server());
    const { page } = opened;
    const deleteButton = page.getByRole('button', { name: '防災に関心のある人を削除' });
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: '「防災に関心のある人」を削除しますか？' });
    await dialog.waitFor();
    await dialog.getByText('削除したセグメントは元に戻せません。').waitFor();
    await opened.screenshot('segments-delete-confirmation');
    expect(await opened.violations()).toEqual([]);
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(opened.sent('DeleteSegment')).toEqual([]);

    await deleteButton.click();
    await page.getByRole('dialog').getByRole('button', { name: '削除', exact: true }).click();
    await page.getByText('「防災に関心のある人」を削除しました。').waitFor();
    await page.getByRole('row', { name: /防災に関心のある人/ }).waitFor({ state: 'detached' });
    expect(opened.sent('DeleteSegment').map((r) => r.variables)).toEqual([{ id: 'seg-2' }]);
  });

  it('lets staff without segments.manage view and count, not create, duplicate or delete, and asks for no department without departments.read', async () => {
    const opened = await pages.open({ path: '/segments', permissions: ['segments.read'] }, server());
    const { page } = opened;
    await page.getByRole('row', { name: /北地区の子育て世帯/ }).waitFor();
    expect(await page.getByRole('button', { name: '北地区の子育て世帯を表示' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '北地区の子育て世帯の対象人数を今すぐ集計' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /新規作成|を複製|を削除/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: '担当部署' }).count()).toBe(0);
    expect(opened.sent('Segments')[0]?.variables['withDepartment']).toBe(false);
  });
});
