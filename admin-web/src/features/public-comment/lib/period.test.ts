import { describe, expect, it } from 'vitest';
import { fileLabel, fromJapanInput, moved, toJapanInput } from './period';

describe('period inputs on Japan’s clock', () => {
  it('shows and reads times as Asia/Tokyo whatever the browser’s zone', () => {
    expect(toJapanInput('2026-12-25T08:00:00.000Z')).toBe('2026-12-25T17:00');
    expect(fromJapanInput('2026-12-25T17:00')).toBe('2026-12-25T08:00:00.000Z');
    expect(fromJapanInput('2026-12-25')).toBeNull();
    expect(toJapanInput(null)).toBe('');
  });

  it('names files and moves rows', () => {
    expect(fileLabel('application/pdf', 1_300_000)).toBe('PDF・1.2MB');
    expect(moved(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
  });
});
