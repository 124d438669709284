import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { auditCsvUrl, matchesAuditFilter, mergeLiveEvents, toAuditFilter } from './audit-filter';

const event = {
  occurredAt: '2025-04-01T03:00:00.000Z',
  action: 'identity.department.create',
  actorId: 'staff-1',
  targetType: 'Department',
  targetId: 'dep-9',
};

describe('toAuditFilter', () => {
  it('drops blanks, trims text and makes the end date inclusive', () => {
    const filter = toAuditFilter({
      from: dayjs('2025-04-01T15:00:00'),
      to: dayjs('2025-04-30T08:00:00'),
      action: ' identity. ',
      actorId: '',
      targetType: '   ',
    });
    expect(filter).toEqual({
      from: dayjs('2025-04-01T00:00:00').toISOString(),
      to: dayjs('2025-04-30T23:59:59.999').toISOString(),
      action: 'identity.',
    });
  });
});

describe('matchesAuditFilter', () => {
  it('matches the action by prefix and the ids exactly', () => {
    expect(matchesAuditFilter(event, { action: 'identity.' })).toBe(true);
    expect(matchesAuditFilter(event, { action: 'audit.' })).toBe(false);
    expect(matchesAuditFilter(event, { actorId: 'staff-1', targetType: 'Department', targetId: 'dep-9' })).toBe(true);
    expect(matchesAuditFilter(event, { targetId: 'dep-1' })).toBe(false);
  });

  it('respects the period', () => {
    expect(matchesAuditFilter(event, { from: '2025-04-01T00:00:00.000Z', to: '2025-04-02T00:00:00.000Z' })).toBe(true);
    expect(matchesAuditFilter(event, { from: '2025-04-02T00:00:00.000Z' })).toBe(false);
    expect(matchesAuditFilter(event, { to: '2025-03-31T00:00:00.000Z' })).toBe(false);
  });
});

describe('auditCsvUrl', () => {
  it('carries the applied filter as query parameters', () => {
    expect(auditCsvUrl({})).toBe('/api/audit-events.csv');
    expect(auditCsvUrl({ from: '2025-04-01T00:00:00.000Z', action: 'identity.', targetId: null })).toBe(
      '/api/audit-events.csv?from=2025-04-01T00%3A00%3A00.000Z&action=identity.',
    );
  });
});

describe('mergeLiveEvents', () => {
  it('puts live events first and drops duplicates', () => {
    expect(mergeLiveEvents([{ id: '3' }, { id: '2' }], [{ id: '2' }, { id: '1' }]).map((e) => e.id)).toEqual(['3', '2', '1']);
  });
});
