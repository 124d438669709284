/**
 * Area options from a CSV of `parent key, key, label` (UTF-8, BOM and a header row allowed). Every
 * row is checked against the file and the attribute's existing areas before anything is written,
 * and every problem is reported by row and column, so a city fixes its file in one go.
 */

export const OPTION_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;
export const MAX_IMPORT_ROWS = 5000;
const MAX_ERRORS = 100;

export interface AreaRow {
  /** 1-based line of the file, as a spreadsheet shows it. */
  readonly line: number;
  readonly parentKey: string | null;
  readonly key: string;
  readonly label: string;
}

export interface ExistingArea {
  readonly key: string;
  readonly parentKey: string | null;
}

export interface CsvProblem {
  readonly line: number;
  readonly column: 'parentKey' | 'key' | 'label' | 'row';
  readonly message: string;
}

const COLUMN_LABELS: Record<CsvProblem['column'], string> = { parentKey: '親キー', key: 'キー', label: '名称', row: '行' };

/** The field name and Japanese message of a problem, for BAD_USER_INPUT's `fields`. */
export function problemField(p: CsvProblem): [string, string] {
  const where = p.column === 'row' ? `${p.line}行目` : `${p.line}行目「${COLUMN_LABELS[p.column]}」列`;
  return [`row${p.line}.${p.column}`, `${where}: ${p.message}`];
}

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const HEADER = new Set(['parent_key', 'parentkey', 'parent', '親キー', '親']);

/**
 * The rows of the file, or every problem found. Checks: three columns; key format and uniqueness
 * in the file; a label of 1–100 characters; a parent that exists (in the file or already) and is
 * no descendant of the row itself.
 */
export function validateAreaCsv(text: string, existing: readonly ExistingArea[]): { rows: AreaRow[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const parsed = parseCsv(text);
  const rows: AreaRow[] = [];
  parsed.forEach((cells, index) => {
    const line = index + 1;
    if (cells.every((c) => c.trim() === '')) return;
    if (index === 0 && HEADER.has(cells[0]!.trim().toLowerCase())) return;
    if (cells.length !== 3) {
      problems.push({ line, column: 'row', message: `列の数が${cells.length}です。「親キー,キー,名称」の3列にしてください。` });
      return;
    }
    const [parentKey, key, label] = cells.map((c) => c.trim()) as [string, string, string];
    rows.push({ line, parentKey: parentKey || null, key, label });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, column: 'row', message: '取り込む行がありません。' });
  if (rows.length > MAX_IMPORT_ROWS) {
    problems.push({ line: rows[MAX_IMPORT_ROWS]!.line, column: 'row', message: `一度に取り込めるのは${MAX_IMPORT_ROWS}行までです。` });
    return { rows: [], problems };
  }

  const firstLine = new Map<string, number>();
  for (const r of rows) {
    if (!OPTION_KEY.test(r.key)) {
      problems.push({ line: r.line, column: 'key', message: 'キーは半角英数字・ハイフン・下線で、60文字以内にしてください。' });
    } else if (firstLine.has(r.key)) {
      problems.push({ line: r.line, column: 'key', message: `キー「${r.key}」は${firstLine.get(r.key)}行目にもあります。` });
    } else firstLine.set(r.key, r.line);
    const length = [...r.label].length;
    if (length === 0) problems.push({ line: r.line, column: 'label', message: '名称を入力してください。' });
    else if (length > 100) problems.push({ line: r.line, column: 'label', message: '名称は100文字以内にしてください。' });
  }

  // The hierarchy after the import: existing areas, then the file's rows over them.
  const parentOf = new Map<string, string | null>(existing.map((e) => [e.key, e.parentKey]));
  for (const r of rows) if (firstLine.get(r.key) === r.line) parentOf.set(r.key, r.parentKey);
  for (const r of rows) {
    if (r.parentKey === null) continue;
    if (r.parentKey === r.key) {
      problems.push({ line: r.line, column: 'parentKey', message: '自分自身を親にはできません。' });
    } else if (!parentOf.has(r.parentKey)) {
      problems.push({ line: r.line, column: 'parentKey', message: `親キー「${r.parentKey.slice(0, 60)}」の地域がありません。` });
    } else if (firstLine.get(r.key) === r.line) {
      const seen = new Set<string>([r.key]);
      for (let p: string | null | undefined = r.parentKey; p; p = parentOf.get(p)) {
        if (seen.has(p)) {
          problems.push({ line: r.line, column: 'parentKey', message: '親子関係が循環しています。' });
          break;
        }
        seen.add(p);
      }
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems: problems.slice(0, MAX_ERRORS) };
}
