import { normaliseAddress } from './mail-address.js';

/** Rows one import may hold. */
export const MAX_IMPORT_ROWS = 10_000;

const HEADERS = new Set(['email', 'e-mail', 'mail', 'address', 'メールアドレス', 'メール', 'アドレス']);

export type AddressCsv =
  | { ok: true; addresses: string[]; rows: number; duplicates: number }
  | { ok: false; problems: Record<string, string> }
  | { ok: false; tooMany: true };

/** The first cell of a CSV line: up to the first comma, or a quoted cell with "" for a quote. */
function firstCell(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0]!;
  let out = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else return out;
    } else out += c;
  }
  return out;
}

/**
 * Reads subscribers from a CSV: one address per line in the first column (other columns are
 * ignored, so a spreadsheet export with names beside the addresses works), an optional header
 * (`email`, `メールアドレス` …), a BOM and blank lines allowed. Every line is checked and each
 * problem reported with its line number as a spreadsheet shows it; the same address twice is
 * taken once. Problems never quote the address (staff without mail_lists.read_personal import too).
 */
export function readAddressCsv(text: string): AddressCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: Record<string, string> = {};
  const addresses: string[] = [];
  const seen = new Set<string>();
  let rows = 0;
  let duplicates = 0;
  let first = true;
  for (const [i, line] of lines.entries()) {
    const cell = firstCell(line.trim()).trim();
    if (!cell && !line.replace(/[,"\s]/g, '')) continue;
    if (first) {
      first = false;
      if (HEADERS.has(cell.normalize('NFKC').toLowerCase())) continue;
    }
    if (++rows > MAX_IMPORT_ROWS) return { ok: false, tooMany: true };
    const address = normaliseAddress(cell);
    if (!address) {
      problems[`csv.${i + 1}`] =
        `${i + 1}行目: ${cell ? 'メールアドレスの形式が正しくありません（例: taro@example.jp）。' : 'メールアドレスがありません。'}`;
      continue;
    }
    if (seen.has(address)) duplicates++;
    else {
      seen.add(address);
      addresses.push(address);
    }
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, addresses, rows, duplicates };
}
