import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { requirePermission } from '../../platform/auth/require.js';
import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { neutraliseCell } from '../../platform/csv/cells.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Segment } from '../segments/index.js';
import { DeliveryRunStatus, DeliveryTargetKind } from './delivery.entity.js';
import { withAnswers, type DeliveryAnswerCounts } from './delivery-answers.js';
import { statsOf, type DeliveryStatsService, type HistoryRow } from './delivery-stats.service.js';
import type { DeliveryInsightCount } from './delivery-stats.types.js';

const PAGE = 500;

export interface HistoryFilter {
  /** Runs started at or after this instant. */
  from?: Date | null;
  /** Runs started before this instant. */
  to?: Date | null;
}

const COLUMNS = [
  { key: 'title', header: '件名' },
  { key: 'status', header: '状態' },
  { key: 'target', header: '配信先' },
  { key: 'startedAt', header: '送信日時' },
  { key: 'targeted', header: '対象数' },
  { key: 'sent', header: '送信数' },
  { key: 'failed', header: '失敗数' },
  { key: 'opens', header: '開封数' },
  { key: 'openRate', header: '開封率' },
  { key: 'clicks', header: 'クリック数' },
  { key: 'clickRate', header: 'クリック率' },
  { key: 'answers', header: '回答数' },
  { key: 'answerRate', header: '回答率' },
] as const;

const STATUS_LABELS: Record<DeliveryRunStatus, string> = {
  [DeliveryRunStatus.SENDING]: '送信中',
  [DeliveryRunStatus.PAUSED]: '一時停止中',
  [DeliveryRunStatus.COMPLETED]: '送信完了',
  [DeliveryRunStatus.CANCELED]: '中止',
};

/** LINE withholds numbers about fewer than 20 people: the cell says so instead of a misleading 0. */
const WITHHELD = '非公開（20人未満）';
const NOT_YET = '未集計';

function stamp(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

function countCell(count: DeliveryInsightCount, sent: number): number | string {
  if (count.count !== null) return count.count;
  if (count.withheld) return WITHHELD;
  return sent > 0 ? NOT_YET : '';
}

function rateCell(count: DeliveryInsightCount, sent: number): string {
  if (count.rate !== null) return `${(count.rate * 100).toFixed(1)}%`;
  if (count.withheld) return WITHHELD;
  return sent > 0 && count.count === null ? NOT_YET : '';
}

/**
 * The delivery history as CSV or Excel (SEG-17): one row per real run in the actor's departments,
 * oldest first, read page by page; every text cell neutralised against formulas; each export
 * audited. Segment names only for those who may read segments.
 */
export class DeliveryHistoryExport {
  constructor(
    private readonly stats: DeliveryStatsService,
    private readonly answers: DeliveryAnswerCounts,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  private async prepare(ctx: ServiceContext, filter: HistoryFilter, format: 'csv' | 'xlsx') {
    requirePermission(ctx.actor, 'deliveries.read');
    await this.audit.recordStandalone(ctx, {
      action: 'deliveries.export',
      summary: { format, from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
      departmentId: null,
    });
    const withSegments = hasPermission(ctx.actor, 'segments.read');
    const em = ctx.em.fork({ clear: true });
    const names = new Map<string, string>();
    // FORM-08: each page's answers per run (runs that carried no form have none: empty cells).
    let answers = new Map<string, number>();
    const nextPage = async (last: HistoryRow | undefined): Promise<HistoryRow[]> => {
      const page = await this.stats.historyPage({ ...ctx, em }, filter, last, PAGE);
      answers = await this.answers.ofRuns(
        { ...ctx, em },
        page.map((r) => r.runId),
      );
      const missing = withSegments ? [...new Set(page.flatMap((r) => r.segmentIds))].filter((id) => !names.has(id)) : [];
      if (missing.length) for (const s of await em.find(Segment, { id: { $in: missing } })) names.set(s.id, s.name);
      return page;
    };
    const target = (row: HistoryRow): string => {
      switch (row.targetKind) {
        case DeliveryTargetKind.ALL:
          return 'すべての友だち';
        case DeliveryTargetKind.LIST:
          return `住民リスト（${row.listSize}人）`;
        case DeliveryTargetKind.SEGMENTS: {
          const known = row.segmentIds.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
          // Names the actor may not read (another department's, or no segments.read) are counted, not named.
          const hidden = row.segmentIds.length - known.length;
          return [...known, ...(hidden ? [`セグメント${hidden}件`] : [])].join('、');
        }
      }
    };
    const toRow = (row: HistoryRow): Record<string, unknown> => {
      const s = withAnswers(statsOf([row]), answers.get(row.runId.toLowerCase()));
      return {
        title: row.title,
        status: STATUS_LABELS[row.status],
        target: target(row),
        startedAt: stamp(row.startedAt),
        targeted: s.targeted,
        sent: s.sent,
        failed: s.failed,
        opens: countCell(s.opens, s.sent),
        openRate: rateCell(s.opens, s.sent),
        clicks: countCell(s.clicks, s.sent),
        clickRate: rateCell(s.clicks, s.sent),
        answers: s.answers ?? '',
        answerRate: s.answerRate !== null && s.answerRate !== undefined ? `${(s.answerRate * 100).toFixed(1)}%` : '',
      };
    };
    return { nextPage, toRow };
  }

  async csv(ctx: ServiceContext, filter: HistoryFilter): Promise<Readable> {
    const { nextPage, toRow } = await this.prepare(ctx, filter, 'csv');
    return streamPagedCsv({
      columns: COLUMNS.map((c) => ({ key: c.key, header: c.header })),
      nextPage,
      pageSize: PAGE,
      toRow,
      logger: this.logger,
      what: 'delivery history',
    });
  }

  async xlsx(ctx: ServiceContext, filter: HistoryFilter): Promise<Readable> {
    const { nextPage, toRow } = await this.prepare(ctx, filter, 'xlsx');
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('配信履歴');
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'title' || c.key === 'target' ? 30 : 14 }));
    void (async () => {
      try {
        let last: HistoryRow | undefined;
        for (;;) {
          const page = await nextPage(last);
          for (const item of page) {
            const row = toRow(item);
            sheet.addRow(COLUMNS.map((c) => neutraliseCell(row[c.key] ?? ''))).commit();
          }
          if (page.length < PAGE) break;
          last = page[page.length - 1];
        }
        sheet.commit();
        await workbook.commit();
      } catch (err) {
        this.logger.error({ err }, 'delivery history Excel export failed');
        out.destroy(err as Error);
      }
    })();
    return out;
  }
}
