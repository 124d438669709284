import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { requirePermission } from '../../platform/auth/require.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Segment, type SegmentService } from '../segments/index.js';
import { Delivery, DeliveryTargetKind, DeliveryTiming } from './delivery.entity.js';
import { UUID, deliveryChannel, owningDepartment } from './delivery-owner.js';
import { readCsv, readXlsx } from './recurring-import.files.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, checkRow, readHeader, type CheckedRow } from './recurring-import.layout.js';
import { jstDate } from './schedule/index.js';

export type ImportFormat = 'CSV' | 'XLSX';

/** Problems listed in one answer at most; the message gives the total. */
const MAX_REPORTED = 500;

export interface ImportOptions {
  channelId?: string | null;
  departmentId?: string | null;
}

/**
 * Bulk registration of recurring deliveries (SEG-10, 500 and more patterns) from CSV or Excel in
 * the layout of recurring-import.layout.ts, and that layout as a CSV template.
 * Every row is checked (layout, messages, rule, segments) before anything is written; then every
 * row becomes a draft in one transaction, or nothing does.
 */
export class RecurringImportService {
  constructor(
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  async import(ctx: ServiceContext, file: string, format: ImportFormat, options: ImportOptions = {}): Promise<string[]> {
    requirePermission(ctx.actor, 'deliveries.manage');
    const now = new Date();
    const sheet = format === 'XLSX' ? await readXlsx(file) : readCsv(file);
    const [header, ...body] = sheet;
    if (!header || header.row !== 1)
      throw badInput(
        { 'rows.1': '1行目に見出し（件名・配信先セグメント・繰り返し・時刻 など）を入れてください。' },
        '見出しの行がありません。',
      );
    const { columns, problems } = readHeader(header.cells);
    if (Object.keys(problems).length) throw badInput(problems, '見出しの行に誤りがあります。何も登録していません。');
    const rows = body.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
    if (!rows.length) throw badInput({ file: '登録する行がありません（2行目から1行に1件ずつ入力してください）。' });
    if (rows.length > MAX_IMPORT_ROWS)
      throw badInput({ file: `一度に登録できるのは${MAX_IMPORT_ROWS}件までです。ファイルを分けてください。` });

    const checked: CheckedRow[] = [];
    const fields: Record<string, string> = {};
    for (const row of rows) {
      const result = checkRow(row, columns, now);
      if (result.ok) checked.push(result.value);
      else Object.assign(fields, result.problems);
    }

    return inTransaction(
      ctx,
      async (tx) => {
        const department = await owningDepartment(tx, options.departmentId ?? null);
        const channel = await deliveryChannel(tx.em, options.channelId ?? null);
        const segmentIds = await this.resolveSegments(tx, checked, fields);
        const count = Object.keys(fields).length;
        if (count) {
          const reported = Object.fromEntries(Object.entries(fields).slice(0, MAX_REPORTED));
          throw badInput(
            reported,
            `ファイルに誤りがあります（${count}件${count > MAX_REPORTED ? `、はじめの${MAX_REPORTED}件を表示` : ''}）。何も登録していません。`,
          );
        }
        const createdBy = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
        const deliveries = checked.map((row) =>
          tx.em.create(Delivery, {
            title: row.title,
            department,
            channel,
            variants: [{ language: 'ja', messages: row.messages }],
            targetKind: row.segments === 'ALL' ? DeliveryTargetKind.ALL : DeliveryTargetKind.SEGMENTS,
            segmentIds: segmentIds.get(row.row) ?? [],
            timing: DeliveryTiming.RECURRING,
            recurrence: { ...row.recurrence },
            createdBy,
          }),
        );
        tx.em.persist(deliveries);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.recurring.import',
          targetType: 'Delivery',
          summary: { format, created: deliveries.length, deliveryIds: deliveries.map((d) => d.id) },
          departmentId: department.id,
        });
        return deliveries.map((d) => d.id);
      },
      this.logger,
    );
  }

  /**
   * Segment ids per row, from names or ids the staff member may use (department scope and SEG-03);
   * a name two usable segments share must be given by id.
   */
  private async resolveSegments(
    tx: TxContext,
    rows: readonly CheckedRow[],
    fields: Record<string, string>,
  ): Promise<Map<number, string[]>> {
    const refs = new Set<string>();
    for (const row of rows) if (row.segments !== 'ALL') for (const ref of row.segments) refs.add(ref);
    const ids = [...refs].filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
    const names = [...refs].filter((r) => !UUID.test(r));
    const named = names.length ? await tx.em.find(Segment, { name: { $in: names } }) : [];
    const usable = await this.segments.usable(tx, [...new Set([...ids, ...named.map((s) => s.id)])]);
    const byId = new Map(usable.map((s) => [s.id, s]));
    const byName = new Map<string, Segment[]>();
    for (const s of usable) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    const result = new Map<number, string[]>();
    for (const row of rows) {
      if (row.segments === 'ALL') continue;
      const found: string[] = [];
      const key = `rows.${row.row}.segments`;
      for (const ref of row.segments) {
        const matches = UUID.test(ref) ? [byId.get(ref.toLowerCase())].filter((s) => s !== undefined) : (byName.get(ref) ?? []);
        if (matches.length === 1) found.push(matches[0]!.id);
        else
          fields[key] ??=
            matches.length > 1
              ? `${row.row}行目「配信先セグメント」: 「${ref.slice(0, 40)}」という名前のセグメントが複数あります。IDで指定してください。`
              : `${row.row}行目「配信先セグメント」: 「${ref.slice(0, 40)}」は、使えるセグメントに見つかりません。`;
      }
      result.set(row.row, [...new Set(found)]);
    }
    return result;
  }

  /** The layout's header and one example row (UTF-8 with BOM, so Excel reads the Japanese). */
  template(ctx: ServiceContext): Readable {
    requirePermission(ctx.actor, 'deliveries.read');
    const csv = stringify([IMPORT_COLUMNS.map((c) => c.header), exampleRow()], { bom: true });
    return Readable.from([csv]);
  }

  /**
   * The same as an Excel workbook: the header (required columns marked in their note) and the
   * example row, every cell text, so Excel never turns 09:00 or 2027-04-01 into its own numbers.
   */
  async templateXlsx(ctx: ServiceContext): Promise<Buffer> {
    requirePermission(ctx.actor, 'deliveries.read');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('繰り返し配信');
    sheet.columns = IMPORT_COLUMNS.map((c) => ({ key: c.key, width: Math.max(12, c.header.length * 2 + 4), style: { numFmt: '@' } }));
    const header = sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    IMPORT_COLUMNS.forEach((c, i) => {
      if (c.required) header.getCell(i + 1).note = '必須';
    });
    sheet.addRow(exampleRow());
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/** The template's example: next fiscal year's dates (4月〜3月), so it is a rule that still fires. */
function exampleRow(now: Date = new Date()): string[] {
  const year = Number(jstDate(now).slice(0, 4)) + 1;
  return IMPORT_COLUMNS.map((c) => (c.key === 'start' ? `${year}-04-01` : c.key === 'until' ? `${year + 1}-03-31` : c.example));
}
