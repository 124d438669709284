/** One problem of an area CSV as the server reports it: `fields['row4.key'] = '4行目「キー」列: …'`. */
export interface CsvRowError {
  line: number;
  column: 'parentKey' | 'key' | 'label' | 'row';
  message: string;
}

const FIELD = /^row(\d+)\.(parentKey|key|label|row)$/;

/** The per-row problems of BAD_USER_INPUT from importAreaOptions, by row; other fields are left out. */
export function csvRowErrors(fields: Readonly<Record<string, string>>): CsvRowError[] {
  const out: CsvRowError[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const m = FIELD.exec(field);
    if (!m) continue;
    // The server's message repeats the row and column for readers of the raw error: drop that prefix.
    out.push({ line: Number(m[1]), column: m[2] as CsvRowError['column'], message: message.replace(/^\d+行目(「[^」]+」列)?: /, '') });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Rows with content (the header included), for the "read N rows" line before importing. */
export function countCsvRows(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}
