import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../../platform/errors/app-error.js';
import { MAX_IMPORT_ROWS, type RawCell, type SheetRow } from './recurring-import.layout.js';

/** Columns read from a sheet: far more than the layout has, so a stray cell far right is reported, not a reason to read forever. */
const MAX_COLUMNS = 60;

/** The rows of a CSV (UTF-8; a BOM is dropped), numbered as a spreadsheet shows them. */
export function readCsv(text: string): SheetRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, to: MAX_IMPORT_ROWS + 2 });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw badInput(
      { file: `CSVを読み取れません${line ? `（${line}行目付近）` : ''}。引用符（"）の対応を確かめてください。` },
      'ファイルを読み取れませんでした。何も登録していません。',
    );
  }
  return records.map((cells, i) => ({ row: i + 1, cells: cells.slice(0, MAX_COLUMNS) }));
}

/** The first sheet of an .xlsx given as base64, numbered as Excel shows it. Formulas are read as their text, never evaluated. */
export async function readXlsx(base64: string): Promise<SheetRow[]> {
  const bytes = Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw badInput(
      { file: 'Excelファイル（.xlsx）として読み取れません。CSVのときは形式に CSV を指定してください。' },
      'ファイルを読み取れませんでした。何も登録していません。',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput({ file: 'Excelファイルにシートがありません。' }, 'ファイルを読み取れませんでした。何も登録していません。');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > MAX_IMPORT_ROWS + 2) return;
    const cells: RawCell[] = [];
    const width = Math.min(row.cellCount, MAX_COLUMNS);
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c)));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellValue(cell: ExcelJS.Cell): RawCell {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula:
      // What staff typed, as text, never evaluated: a title like =HYPERLINK(...) is stored as written.
      return `=${cell.formula ?? ''}`;
    case ExcelJS.ValueType.RichText:
      return (cell.value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('');
    case ExcelJS.ValueType.Hyperlink: {
      const link = cell.value as ExcelJS.CellHyperlinkValue;
      return typeof link.text === 'string' ? link.text : link.hyperlink;
    }
    case ExcelJS.ValueType.Error:
      return String((cell.value as ExcelJS.CellErrorValue).error);
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
    case ExcelJS.ValueType.Date:
    case ExcelJS.ValueType.Boolean: {
      const value = cell.value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date
        ? value
        : cell.text;
    }
  }
}
