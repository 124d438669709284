import dayjs from 'dayjs';

export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY/MM/DD HH:mm') : fallback;
}

export function formatDateTimeSeconds(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY/MM/DD HH:mm:ss') : fallback;
}

export function formatDate(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY/MM/DD') : fallback;
}

export function isInFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const time = Date.parse(iso);
  return Number.isFinite(time) && time > now.getTime();
}

/** Pretty-prints a JSON text; returns the text unchanged when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
