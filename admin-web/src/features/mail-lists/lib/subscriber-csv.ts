import { graphQLErrorsOf } from '../../../shared/lib/graphql-errors';

/**
 * The subscriber import's CSV on the console's side: its lines with content (for "N行" before
 * importing), whether it was read as UTF-8, and the server's problems by line
 * (`input.csv.<line>`, the line as a spreadsheet shows it; `csv` alone for the whole file).
 */

/** One problem of a refused import. */
export interface CsvLineProblem {
  /** The line (1 = the first); null for the file as a whole. */
  line: number | null;
  message: string;
}

/** BAD_USER_INPUT's field messages with their whole keys (the shared reader keeps only the last part, here the line number). */
function fieldsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of graphQLErrorsOf(error)) {
    const fields = e.extensions?.['fields'];
    if (typeof fields !== 'object' || fields === null) continue;
    for (const [key, value] of Object.entries(fields)) if (typeof value === 'string' && value) out[key.replace(/^input\./, '')] ??= value;
  }
  return out;
}

/** The problems of the CSV, in line order; the message drops the 「3行目: 」 the table shows in its own column. */
export function csvLineProblems(error: unknown): CsvLineProblem[] {
  return Object.entries(fieldsOf(error))
    .filter(([key]) => key === 'csv' || key.startsWith('csv.'))
    .map(([key, message]) => {
      const line = /^csv\.(\d+)$/.exec(key)?.[1];
      return line === undefined ? { line: null, message } : { line: Number(line), message: message.replace(/^\d+行目[:：]\s*/, '') };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Lines with content, the header included. */
export function countLines(text: string): number {
  return text.split(/\r\n|\n|\r/).filter((line) => line.replace(/[,"\s]/g, '') !== '').length;
}

/** A CSV read as UTF-8 that was not (Shift_JIS from an older Excel): the decoder put U+FFFD in. */
export function looksGarbled(text: string): boolean {
  return text.includes('\uFFFD');
}
