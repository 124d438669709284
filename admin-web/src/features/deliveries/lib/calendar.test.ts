import { describe, expect, it } from 'vitest';
import {
  dayLabel,
  deliveryEntries,
  entriesByDay,
  jstDay,
  jstInstantOf,
  jstTime,
  monthWindow,
  movedDay,
  shiftMonth,
  stepEntries,
} from './calendar';

describe('the calendar’s days and months on the Tokyo clock', () => {
  it('reads an instant’s Tokyo day and time whatever the browser’s zone, and back', () => {
    expect(jstDay('2026-12-07T15:30:00.000Z')).toBe('2026-12-08');
    expect(jstTime('2026-12-07T15:30:00.000Z')).toBe('00:30');
    expect(jstInstantOf('2026-12-08', '09:00')).toBe('2026-12-08T00:00:00.000Z');
    expect(dayLabel('2026-12-08')).toBe('12月8日（火）');
  });

  it('moves months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
  });

  it('asks for a month from its first Tokyo instant, or from now once it has begun, and nothing for one that is over', () => {
    const now = new Date('2026-12-03T02:00:00.000Z');
    expect(monthWindow('2027-01', now)).toEqual({ from: '2026-12-31T15:00:00.000Z', to: '2027-01-31T15:00:00.000Z' });
    expect(monthWindow('2026-12', now)).toEqual({ from: '2026-12-03T02:00:00.000Z', to: '2026-12-31T15:00:00.000Z' });
    expect(monthWindow('2026-11', now)).toBeNull();
  });

  it('moves the selected day by the arrow, Home, End and page keys, weeks starting on Sunday', () => {
    expect(movedDay('2026-12-01', 'ArrowLeft')).toBe('2026-11-30');
    expect(movedDay('2026-12-31', 'ArrowRight')).toBe('2027-01-01');
    expect(movedDay('2026-12-08', 'ArrowUp')).toBe('2026-12-01');
    expect(movedDay('2026-12-08', 'ArrowDown')).toBe('2026-12-15');
    // 2026-12-08 is a Tuesday: its week runs from Sunday the 6th to Saturday the 12th.
    expect(movedDay('2026-12-08', 'Home')).toBe('2026-12-06');
    expect(movedDay('2026-12-08', 'End')).toBe('2026-12-12');
    expect(movedDay('2027-01-31', 'PageDown')).toBe('2027-02-28');
    expect(movedDay('2026-12-08', 'PageUp')).toBe('2026-11-08');
    expect(movedDay('2026-12-08', 'Enter')).toBeNull();
  });
});

describe('the calendar’s entries', () => {
  it('gives each delivery instant an entry of its kind, and a delivery sent at once none', () => {
    const entries = deliveryEntries([
      { id: 'd-1', title: '資源ごみ', timing: 'RECURRING', occurrences: ['2026-12-08T09:00:00.000Z', '2026-12-15T09:00:00.000Z'] },
      { id: 'd-2', title: '防災訓練', timing: 'SCHEDULED', occurrences: ['2026-12-05T00:00:00.000Z'] },
      { id: 'd-3', title: '今すぐ', timing: 'IMMEDIATE', occurrences: [] },
    ]);
    expect(entries.map((e) => [e.kind, e.day, e.time, e.href])).toEqual([
      ['recurring', '2026-12-08', '18:00', '/deliveries/d-1'],
      ['recurring', '2026-12-15', '18:00', '/deliveries/d-1'],
      ['scheduled', '2026-12-05', '09:00', '/deliveries/d-2'],
    ]);
  });

  it('lists the sends of step plans that are on, one per message and time with its recipients added up, numbered as in the plan', () => {
    const steps = [
      { id: 's-1', offsetDays: -3, time: '10:30' },
      { id: 's-2', offsetDays: 30, time: '09:00' },
    ];
    const entries = stepEntries([
      {
        id: 'p-1',
        title: '1か月健診',
        enabled: true,
        steps,
        upcoming: [
          { stepId: 's-2', referenceDate: '2026-11-08', at: '2026-12-08T00:00:00.000Z', recipients: 3 },
          { stepId: 's-2', referenceDate: '2026-11-08', at: '2026-12-08T00:00:00.000Z', recipients: 2 },
          { stepId: 's-1', referenceDate: '2026-12-12', at: '2026-12-09T01:30:00.000Z', recipients: 1 },
        ],
      },
      {
        id: 'p-2',
        title: '停止中',
        enabled: false,
        steps,
        upcoming: [{ stepId: 's-1', referenceDate: '2026-12-12', at: '2026-12-09T01:30:00.000Z', recipients: 9 }],
      },
    ]);
    expect(entries.map((e) => [e.title, e.day, e.time, e.href, e.step])).toEqual([
      ['1か月健診', '2026-12-08', '09:00', '/deliveries/steps/p-1', { offsetDays: 30, time: '09:00', number: 2, recipients: 5 }],
      ['1か月健診', '2026-12-09', '10:30', '/deliveries/steps/p-1', { offsetDays: -3, time: '10:30', number: 1, recipients: 1 }],
    ]);
  });

  it('groups entries by day in time order, the days in order', () => {
    const days = entriesByDay(
      deliveryEntries([
        { id: 'b', title: 'B', timing: 'SCHEDULED', occurrences: ['2026-12-09T00:00:00.000Z'] },
        { id: 'a', title: 'A', timing: 'SCHEDULED', occurrences: ['2026-12-08T05:00:00.000Z'] },
        { id: 'c', title: 'C', timing: 'SCHEDULED', occurrences: ['2026-12-08T01:00:00.000Z'] },
      ]),
    );
    expect([...days.keys()]).toEqual(['2026-12-08', '2026-12-09']);
    expect(days.get('2026-12-08')?.map((e) => e.title)).toEqual(['C', 'A']);
  });
});
