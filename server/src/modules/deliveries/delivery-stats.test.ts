import { describe, expect, it } from 'vitest';
import { lineDate, statsOf, statsPeriod, type RunFigures } from './delivery-stats.service.js';

const run = (over: Partial<RunFigures> = {}): RunFigures => ({
  targeted: 100,
  sent: 100,
  failed: 0,
  collectedAt: new Date('2026-12-11T03:00:00Z'),
  uniqueImpression: 40,
  uniqueClick: 25,
  ...over,
});

describe('statsOf', () => {
  it('computes rates over the recipients sent', () => {
    const s = statsOf([run({ targeted: 110, sent: 100, failed: 10 })], 7);
    expect(s).toMatchObject({ targeted: 110, sent: 100, failed: 10, linkClicks: 7 });
    expect(s.opens).toEqual({ count: 40, rate: 0.4, withheld: false });
    expect(s.clicks).toEqual({ count: 25, rate: 0.25, withheld: false });
  });

  it('shows a count LINE withheld as withheld with no count or rate, never as 0', () => {
    const s = statsOf([run({ uniqueClick: null })]);
    expect(s.clicks).toEqual({ count: null, rate: null, withheld: true });
    expect(s.opens.withheld).toBe(false);
  });

  it('tells a run LINE has not answered for from a withheld one', () => {
    const s = statsOf([run({ collectedAt: null, uniqueImpression: null, uniqueClick: null })]);
    expect(s.opens).toEqual({ count: null, rate: null, withheld: false });
    expect(s.collectedAt).toBeNull();
  });

  it('adds a delivery’s runs up only when LINE reported every one of them', () => {
    const early = new Date('2026-12-01T00:00:00Z');
    const both = statsOf([run(), run({ sent: 50, targeted: 50, uniqueImpression: 20, collectedAt: early })]);
    expect(both.opens).toEqual({ count: 60, rate: 60 / 150, withheld: false });
    expect(both.collectedAt).toEqual(early);
    expect(statsOf([run(), run({ uniqueImpression: null })]).opens).toEqual({ count: null, rate: null, withheld: true });
    expect(statsOf([run(), run({ collectedAt: null })]).opens).toEqual({ count: null, rate: null, withheld: false });
    // A run that sent nothing (paused before its first batch) has nothing for LINE to report.
    expect(statsOf([run(), run({ sent: 0, collectedAt: null, uniqueImpression: null })]).opens.count).toBe(40);
  });
});

describe('the period asked of LINE', () => {
  it('is yyyyMMdd in Asia/Tokyo', () => {
    expect(lineDate(new Date('2026-12-10T15:30:00Z'))).toBe('20261211');
    expect(lineDate(new Date('2026-12-10T14:59:59Z'))).toBe('20261210');
  });

  it('runs from the start to the end of the run, to today while it sends, and at most 30 days', () => {
    const now = new Date('2026-12-20T00:00:00Z');
    expect(statsPeriod(new Date('2026-12-10T01:00:00Z'), new Date('2026-12-10T16:00:00Z'), now)).toEqual({
      from: '20261210',
      to: '20261211',
    });
    expect(statsPeriod(new Date('2026-12-10T01:00:00Z'), null, now)).toEqual({ from: '20261210', to: '20261220' });
    expect(statsPeriod(new Date('2026-10-01T01:00:00Z'), null, now)).toEqual({ from: '20261001', to: '20261031' });
  });
});
