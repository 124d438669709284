/** A date query parameter, or null when absent or not a date. */
export function dateParam(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A short text query parameter, or null (NUL characters removed: no column can hold them). */
export const textParam = (value: unknown): string | null =>
  typeof value === 'string' && value ? value.replaceAll('\u0000', '').slice(0, 100) || null : null;
