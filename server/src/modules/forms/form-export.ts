import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { requirePermission } from '../../platform/auth/require.js';
import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { neutraliseCell } from '../../platform/csv/cells.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { answerFields, storedAnswersOf } from './answers-view.js';
import { isAnswered, summarizeAnswer, type FormField } from './engine/index.js';
import { FormSubmission } from './form-submission.entity.js';
import { Form, FormVersion } from './form.entity.js';
import { UUID } from './form.service.js';
import { formTrend } from './form-trend.js';
import { SUBMISSION_STATUS_LABELS, type FormTrendPeriod } from './forms.enums.js';

const PAGE = 500;

interface Column {
  key: string;
  header: string;
  versionId?: string;
  field?: FormField;
  admin?: boolean;
}

function stamp(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

/**
 * Exports of a form's submissions (FORM-10): stable columns (受付番号, 受付日時, 状態, 回答経路,
 * then one column per field and version in definition order, then the staff fields), personal
 * columns only with forms.personal.read, every text cell neutralised against formulas, rows read
 * page by page.
 */
export class FormExport {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  private async prepare(ctx: ServiceContext, formId: string, format: 'csv' | 'xlsx') {
    requirePermission(ctx.actor, 'forms.submissions.read');
    const form = UUID.test(formId) ? await ctx.em.findOne(Form, { id: formId }) : null;
    if (!form) throw notFound('フォーム');
    const versions = await ctx.em.find(FormVersion, { form: form.id }, { orderBy: { number: 'asc' } });
    const withPersonal = hasPermission(ctx.actor, 'forms.personal.read');
    const columns: Column[] = [
      { key: 'receiptNumber', header: '受付番号' },
      { key: 'submittedAt', header: '受付日時' },
      { key: 'status', header: '状態' },
      { key: 'via', header: '回答経路' },
    ];
    const suffix = (v: FormVersion) => (versions.length > 1 ? `（第${v.number}版）` : '');
    for (const admin of [false, true])
      for (const v of versions)
        for (const field of answerFields(v.definition, admin ? 'admin' : 'resident')) {
          if (field.personal && !withPersonal) continue;
          columns.push({ key: `v${v.number}:${field.id}`, header: `${field.label}${suffix(v)}`, versionId: v.id, field, admin });
        }
    await inTransaction(ctx, (tx) =>
      this.audit
        .record(tx, {
          action: 'forms.export',
          targetType: 'Form',
          targetId: form.id,
          summary: { format, withPersonal },
          departmentId: form.department.id,
        })
        .then(() => undefined),
    );
    const nextPage = (last: FormSubmission | undefined) =>
      ctx.em.find(
        FormSubmission,
        {
          form: form.id,
          ...(last ? { $or: [{ submittedAt: { $gt: last.submittedAt } }, { submittedAt: last.submittedAt, id: { $gt: last.id } }] } : {}),
        },
        { orderBy: { submittedAt: 'asc', id: 'asc' }, limit: PAGE },
      );
    const toRow = (s: FormSubmission): Record<string, unknown> => {
      const resident = storedAnswersOf(s, 'resident', withPersonal);
      const admin = storedAnswersOf(s, 'admin', withPersonal);
      const row: Record<string, unknown> = {
        receiptNumber: s.receiptNumber,
        submittedAt: stamp(s.submittedAt),
        status: SUBMISSION_STATUS_LABELS[s.status],
        via: s.viaBrowser ? 'ブラウザ' : 'LINE',
      };
      for (const c of columns) {
        if (!c.field || c.versionId !== s.version.id) continue;
        const value = (c.admin ? admin : resident)[c.field.id];
        row[c.key] = !isAnswered(value) ? '' : typeof value === 'number' ? value : summarizeAnswer(c.field, value);
      }
      return row;
    };
    return { form, columns, nextPage, toRow };
  }

  async csv(ctx: ServiceContext, formId: string): Promise<Readable> {
    const { columns, nextPage, toRow } = await this.prepare(ctx, formId, 'csv');
    return streamPagedCsv({
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      nextPage,
      pageSize: PAGE,
      toRow,
      logger: this.logger,
      what: 'form submissions',
    });
  }

  /**
   * FORM-20's report: the trend (formTrend) as one row per period — 期間, its days, 回答数, then
   * per question its average, or the count and share of each option. Headers are staff's labels,
   * so they are neutralised like the cells.
   */
  async trendCsv(
    ctx: ServiceContext,
    formId: string,
    period: FormTrendPeriod,
    from: Date | null,
    to: Date | null,
    deliveryRunId: string | null = null,
  ): Promise<Readable> {
    const trend = await formTrend(ctx, formId, period, from, to, deliveryRunId);
    await inTransaction(ctx, async (tx) => {
      const form = await tx.em.findOneOrFail(Form, { id: trend.formId });
      await this.audit.record(tx, {
        action: 'forms.export',
        targetType: 'Form',
        targetId: form.id,
        summary: {
          format: 'csv',
          report: 'trend',
          period,
          from: from?.toISOString() ?? null,
          to: to?.toISOString() ?? null,
          deliveryRunId,
        },
        departmentId: form.department.id,
      });
    });
    const columns = [
      { key: 'label', header: '期間' },
      { key: 'startsOn', header: '開始日' },
      { key: 'endsOn', header: '終了日' },
      { key: 'total', header: '回答数' },
    ];
    const rows: Array<Record<string, unknown>> = trend.periods.map((p) => ({ ...p }));
    trend.questions.forEach((q, i) => {
      columns.push({ key: `q${i}:n`, header: `${q.label}（回答数）` });
      if (q.type === 'number') columns.push({ key: `q${i}:avg`, header: `${q.label}（平均）` });
      q.points[0]?.options.forEach((o, j) =>
        columns.push(
          { key: `q${i}:o${j}`, header: `${q.label}：${o.label}（件数）` },
          { key: `q${i}:p${j}`, header: `${q.label}：${o.label}（割合%）` },
        ),
      );
      q.points.forEach((point, r) => {
        const row = rows[r]!;
        row[`q${i}:n`] = point.answered;
        if (q.type === 'number') row[`q${i}:avg`] = point.average ?? '';
        point.options.forEach((o, j) => {
          row[`q${i}:o${j}`] = o.count;
          row[`q${i}:p${j}`] = o.percent;
        });
      });
    });
    return streamPagedCsv<Record<string, unknown>>({
      columns: columns.map((c) => ({ key: c.key, header: String(neutraliseCell(c.header)) })),
      pageSize: rows.length + 1,
      nextPage: async (last) => (last ? [] : rows),
      toRow: (row) => row,
      logger: this.logger,
      what: 'form trend',
    });
  }

  async xlsx(ctx: ServiceContext, formId: string): Promise<Readable> {
    const { form, columns, nextPage, toRow } = await this.prepare(ctx, formId, 'xlsx');
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(form.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || '回答');
    sheet.columns = columns.map((c) => ({ header: String(neutraliseCell(c.header)), key: c.key, width: 18 }));
    void (async () => {
      try {
        let last: FormSubmission | undefined;
        for (;;) {
          const page = await nextPage(last);
          for (const item of page) {
            const row = toRow(item);
            sheet.addRow(columns.map((c) => neutraliseCell(row[c.key] ?? ''))).commit();
          }
          if (page.length < PAGE) break;
          last = page[page.length - 1];
        }
        sheet.commit();
        await workbook.commit();
      } catch (err) {
        this.logger.error({ err }, 'form submissions Excel export failed');
        out.destroy(err as Error);
      }
    })();
    return out;
  }
}
