import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './cells.js';

describe('neutraliseCell', () => {
  it('turns text that a spreadsheet would run as a formula into plain text', () => {
    for (const dangerous of ['=1+1', '+81 3', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","y")']) {
      expect(neutraliseCell(dangerous)).toBe(`'${dangerous}`);
    }
  });

  it('leaves ordinary text, numbers and empty cells as they are', () => {
    expect(neutraliseCell('こんにちは')).toBe('こんにちは');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell('')).toBe('');
    expect(neutraliseCell(null)).toBe(null);
  });
});
