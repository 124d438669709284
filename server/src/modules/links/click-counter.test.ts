import { describe, expect, it } from 'vitest';
import { ClickLimiter, tokyoDayOf } from './click-counter.js';

describe('tokyoDayOf', () => {
  it('turns the day at midnight in Tokyo (15:00 UTC), not at midnight UTC', () => {
    expect(tokyoDayOf(Date.parse('2026-12-10T14:59:59.999Z'))).toBe('2026-12-10');
    expect(tokyoDayOf(Date.parse('2026-12-10T15:00:00.000Z'))).toBe('2026-12-11');
    expect(tokyoDayOf(Date.parse('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
  });
});

describe('ClickLimiter', () => {
  it('counts up to the limit per address and link within a window that opens at the first click', () => {
    const limiter = new ClickLimiter(3, 60_000, 100);
    const at = 1_000_000;
    expect([1, 2, 3, 4, 5].map((i) => limiter.allow('203.0.113.1', 'link-a', at + i))).toEqual([true, true, true, false, false]);
    expect(limiter.allow('203.0.113.2', 'link-a', at + 10)).toBe(true);
    expect(limiter.allow('203.0.113.1', 'link-b', at + 10)).toBe(true);
    // The window ends a minute after its first click, wherever the clock's minute is.
    expect(limiter.allow('203.0.113.1', 'link-a', at + 59_999)).toBe(false);
    expect(limiter.allow('203.0.113.1', 'link-a', at + 60_001)).toBe(true);
  });

  it('stays bounded: when full, new pairs are not counted until old windows are swept', () => {
    const limiter = new ClickLimiter(30, 60_000, 2);
    expect(limiter.allow('a', 'l', 0)).toBe(true);
    expect(limiter.allow('b', 'l', 0)).toBe(true);
    expect(limiter.allow('c', 'l', 1)).toBe(false);
    expect(limiter.allow('a', 'l', 2)).toBe(true);
    limiter.sweep(60_000);
    expect(limiter.size).toBe(0);
    expect(limiter.allow('c', 'l', 60_001)).toBe(true);
  });
});
