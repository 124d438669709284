import type { DeliveryImportFormat } from '../../../gql/graphql';

/**
 * Bulk registration of recurring deliveries (SEG-10) on the console's side: which file it is,
 * reading it (CSV as UTF-8 text, Excel as base64) with its progress, and the server's problems
 * (`rows.<row>.<column>`) as a table by row and column.
 */

/**
 * The columns of the layout, as the server reads them (deliveries/recurring-import.layout.ts):
 * the headers are the file's, in Japanese whatever the console's language.
 */
export const IMPORT_COLUMNS = [
  { key: 'title', header: '件名', required: 'yes' },
  { key: 'segments', header: '配信先セグメント', required: 'yes' },
  { key: 'text', header: '本文', required: 'either' },
  { key: 'imageUrl', header: '画像URL', required: 'either' },
  { key: 'repeat', header: '繰り返し', required: 'yes' },
  { key: 'interval', header: '間隔', required: 'no' },
  { key: 'weekdays', header: '曜日', required: 'no' },
  { key: 'days', header: '日', required: 'no' },
  { key: 'nthWeekdays', header: '第n曜日', required: 'no' },
  { key: 'months', header: '月', required: 'no' },
  { key: 'dates', header: '指定日', required: 'no' },
  { key: 'time', header: '時刻', required: 'yes' },
  { key: 'start', header: '開始日', required: 'no' },
  { key: 'until', header: '終了日', required: 'no' },
  { key: 'count', header: '回数', required: 'no' },
  { key: 'holidays', header: '祝日の扱い', required: 'no' },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** Under the server's limit on the file argument (recurring-import.resolver.ts). */
export const MAX_FILE_CHARS = 1_000_000;

export const TEMPLATE_CSV = '/api/deliveries/recurring-import-template.csv';
export const TEMPLATE_XLSX = '/api/deliveries/recurring-import-template.xlsx';

/** The format of a chosen file, by its name (browsers name CSV types differently), or null. */
export function formatOf(file: { name: string; type?: string }): DeliveryImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'CSV';
  if (name.endsWith('.xlsx')) return 'XLSX';
  if (file.type === 'text/csv') return 'CSV';
  if (file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'XLSX';
  return null;
}

/** 「12.3 KB」 */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A CSV read as UTF-8 that was not (Shift_JIS from an older Excel): the decoder put U+FFFD in. */
export function looksGarbled(text: string): boolean {
  return text.includes('\uFFFD');
}

/** What the mutation takes: the CSV's text, or the workbook's bytes as base64. */
export function readImportFile(file: Blob, format: DeliveryImportFormat, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.onload = () => {
      onProgress(100);
      const result = typeof reader.result === 'string' ? reader.result : '';
      resolve(format === 'XLSX' ? result.replace(/^data:[^,]*,/, '') : result);
    };
    if (format === 'XLSX') reader.readAsDataURL(file);
    else reader.readAsText(file, 'utf-8');
  });
}

/** One problem of the file as the table shows it. */
export interface ImportProblem {
  /** The spreadsheet's row (the header is row 1); null for the file as a whole. */
  row: number | null;
  /** The column's header, or its number for a header cell that is not one. */
  column: { header: string } | { number: number } | null;
  message: string;
}

const HEADERS = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.key, c.header]));
const ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.header, i]));

function columnOrder(column: ImportProblem['column']): number {
  if (!column) return -1;
  return 'number' in column ? 1000 + column.number : (ORDER.get(column.header) ?? 999);
}

/**
 * The problems of a refused import, from BAD_USER_INPUT's fields with their whole keys:
 * `rows.12.time` is row 12's 時刻, `rows.1.3` the header row's third cell, `file` (or anything
 * else) the file as a whole. A data row's message drops the 「12行目「時刻」: 」 the table shows
 * in its own columns; a header problem keeps its sentence.
 */
export function importProblems(fields: Readonly<Record<string, string>>): ImportProblem[] {
  const problems = Object.entries(fields).map(([key, message]): ImportProblem => {
    const match = /^rows\.(\d+)(?:\.(.+))?$/.exec(key);
    if (!match) return { row: null, column: null, message };
    const row = Number(match[1]);
    const part = match[2];
    const column = part === undefined ? null : /^\d+$/.test(part) ? { number: Number(part) } : { header: HEADERS.get(part) ?? part };
    return { row, column, message: row === 1 ? message : message.replace(/^\d+行目(「[^」]*」)?[:：]\s*/, '') };
  });
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.column) - columnOrder(b.column));
}
