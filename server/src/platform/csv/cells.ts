/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV Injection"): a LINE
 * user's message or a User-Agent beginning with one of them must arrive as text, not run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises one cell for CSV or Excel output, as OWASP recommends: a text value beginning
 * with = + - @ tab or carriage return gets a leading apostrophe, so spreadsheets show it as text.
 * Numbers, dates and booleans are left alone (a negative number is data, not a formula).
 */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every value of one row, neutralised. */
export function neutraliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = neutraliseCell(value);
  return out;
}
