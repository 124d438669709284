import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { talkLogCsvUrl } from './talk-log-csv';

describe('talkLogCsvUrl', () => {
  it('is the bare export without a period or channel', () => {
    expect(talkLogCsvUrl({})).toBe('/api/talk-log.csv');
  });

  it('sends whole days and the channel', () => {
    const from = dayjs('2026-04-01T12:00:00');
    const to = dayjs('2026-04-30T08:00:00');
    const url = new URL(talkLogCsvUrl({ from, to, channelId: 'ch1' }), 'http://x');
    expect(url.pathname).toBe('/api/talk-log.csv');
    expect(url.searchParams.get('from')).toBe(from.startOf('day').toISOString());
    expect(url.searchParams.get('to')).toBe(to.endOf('day').toISOString());
    expect(url.searchParams.get('channelId')).toBe('ch1');
  });
});
