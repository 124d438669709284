const JST_OFFSET_MS = 9 * 3_600_000;

/** An ISO instant as the value of a datetime-local input on Japan's clock (2026-12-25T17:00). */
export function toJapanInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Japan's time, whatever the browser's zone; null when incomplete. */
export function fromJapanInput(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00+09:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** 「PDF・1.2MB」 */
export function fileLabel(contentType: string, bytes: number): string {
  const type = contentType === 'application/pdf' ? 'PDF' : contentType.replace(/^image\//, '').toUpperCase();
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
  return `${type}・${size}`;
}

/** The listed ids with one moved by `delta` places (reordering with up/down buttons). */
export function moved(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const out = [...ids];
  const from = out.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= out.length) return out;
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}
