import type { Dayjs } from 'dayjs';

export interface TalkLogExportValues {
  /** Whole days in the browser's time zone; the end day is included. */
  from?: Dayjs | null;
  to?: Dayjs | null;
  channelId?: string | null;
}

/** The talk log CSV for a period and channel; served by the server at the site root, not under /admin. */
export function talkLogCsvUrl(values: TalkLogExportValues): string {
  const params = new URLSearchParams();
  if (values.from) params.set('from', values.from.startOf('day').toISOString());
  if (values.to) params.set('to', values.to.endOf('day').toISOString());
  if (values.channelId) params.set('channelId', values.channelId);
  const query = params.toString();
  return query ? `/api/talk-log.csv?${query}` : '/api/talk-log.csv';
}
