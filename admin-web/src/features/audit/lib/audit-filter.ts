import type { Dayjs } from 'dayjs';
import type { AuditEventFieldsFragment, AuditEventFilter } from '../../../gql/graphql';

/** What the filter form holds; dates are whole days in the browser's time zone. */
export interface AuditFilterValues {
  from?: Dayjs | null;
  to?: Dayjs | null;
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The API filter for the form's values: blanks dropped, the end date inclusive. */
export function toAuditFilter(values: AuditFilterValues): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (values.from) filter.from = values.from.startOf('day').toISOString();
  if (values.to) filter.to = values.to.endOf('day').toISOString();
  const action = text(values.action);
  const actorId = text(values.actorId);
  const targetType = text(values.targetType);
  const targetId = text(values.targetId);
  if (action) filter.action = action;
  if (actorId) filter.actorId = actorId;
  if (targetType) filter.targetType = targetType;
  if (targetId) filter.targetId = targetId;
  return filter;
}

/** Whether a live event belongs on the list the filter shows (the server's rules, client-side). */
export function matchesAuditFilter(
  event: Pick<AuditEventFieldsFragment, 'occurredAt' | 'action' | 'actorId' | 'targetType' | 'targetId'>,
  filter: AuditEventFilter,
): boolean {
  if (filter.action && !event.action.startsWith(filter.action)) return false;
  if (filter.actorId && event.actorId !== filter.actorId) return false;
  if (filter.targetType && event.targetType !== filter.targetType) return false;
  if (filter.targetId && event.targetId !== filter.targetId) return false;
  const at = Date.parse(event.occurredAt);
  if (filter.from && at < Date.parse(filter.from)) return false;
  if (filter.to && at > Date.parse(filter.to)) return false;
  return true;
}

const CSV_PARAMS = ['from', 'to', 'action', 'actorId', 'targetType', 'targetId'] as const;

/** The CSV export of the same filter; served by the server at the site root, not under /admin. */
export function auditCsvUrl(filter: AuditEventFilter): string {
  const params = new URLSearchParams();
  for (const key of CSV_PARAMS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/api/audit-events.csv?${query}` : '/api/audit-events.csv';
}

/** New live events first, without the ones the page already shows. */
export function mergeLiveEvents<E extends { id: string }>(live: readonly E[], page: readonly E[]): E[] {
  const seen = new Set<string>();
  const out: E[] = [];
  for (const event of [...live, ...page]) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    out.push(event);
  }
  return out;
}
