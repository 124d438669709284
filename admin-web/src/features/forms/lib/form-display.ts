import type { FormKind, FormStatus, FormTrendPeriod, SubmissionStatus } from '../../../gql/graphql';

export const FORM_KINDS: readonly FormKind[] = ['REGISTRATION', 'SURVEY', 'APPLICATION', 'PUBLIC_COMMENT'];
export const FORM_STATUSES: readonly FormStatus[] = ['DRAFT', 'PUBLISHED', 'CLOSED'];
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['RECEIVED', 'REVIEWING', 'RETURNED', 'COMPLETED', 'REJECTED'];

/**
 * The server's workflow (forms contract): the moves it accepts from each status. The console
 * offers only these; the server refuses the others with CONFLICT all the same.
 */
const NEXT_STATUSES: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  RECEIVED: ['REVIEWING', 'COMPLETED', 'REJECTED'],
  REVIEWING: ['RETURNED', 'COMPLETED', 'REJECTED'],
  RETURNED: ['REVIEWING'],
  COMPLETED: ['REVIEWING'],
  REJECTED: ['REVIEWING'],
};

export function nextStatuses(status: SubmissionStatus): readonly SubmissionStatus[] {
  return NEXT_STATUSES[status];
}

/** Finished statuses reopen to 確認中: the button says so rather than plainly "確認中". */
export function isReopen(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return (from === 'COMPLETED' || from === 'REJECTED') && to === 'REVIEWING';
}

/** Only the preset colours whose text app/styles.css darkens to AA contrast (antd's own fall short). */
export type TagColor = 'default' | 'green' | 'gold' | 'blue' | 'orange' | 'red';

export const FORM_STATUS_COLORS: Record<FormStatus, TagColor> = { DRAFT: 'default', PUBLISHED: 'green', CLOSED: 'gold' };

export const SUBMISSION_STATUS_COLORS: Record<SubmissionStatus, TagColor> = {
  RECEIVED: 'blue',
  REVIEWING: 'gold',
  RETURNED: 'orange',
  COMPLETED: 'green',
  REJECTED: 'red',
};

/** The export links of the forms contract (staff session cookie). */
export function submissionsExportHref(formId: string, format: 'csv' | 'xlsx'): string {
  return `/api/forms/${encodeURIComponent(formId)}/submissions.${format}`;
}

/** FORM-20: the trend per month or fiscal quarter as CSV (the server's formTrend, every version), of one survey round when given. */
export function trendExportHref(formId: string, period: FormTrendPeriod, deliveryRunId: string | null = null): string {
  const round = deliveryRunId ? `&deliveryRunId=${encodeURIComponent(deliveryRunId)}` : '';
  return `/api/forms/${encodeURIComponent(formId)}/trend.csv?period=${period}${round}`;
}

/** `datetime-local` text from an ISO time and back, in the browser's zone (the console's staff are in Japan). */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromDateTimeLocal(text: string): string | null {
  if (text.trim() === '') return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Percent with one decimal, as the summary tables show it. */
export function formatPercent(percent: number): string {
  return `${(Math.round(percent * 10) / 10).toFixed(1)}%`;
}

/** A separated list of addresses (commas, spaces, new lines) as the server's list. */
export function parseEmailList(text: string): string[] {
  return text
    .split(/[\s,、，;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
