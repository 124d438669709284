import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, readAddressCsv } from './subscriber-csv.js';

describe('subscriber CSV', () => {
  it('reads the first column, skipping a header, a BOM, blank lines and repeats', () => {
    const csv =
      '\uFEFFメールアドレス,氏名\r\ntaro@example.jp,山田太郎\r\n\r\n"Hanako@Example.JP",花子\nｊｉｒｏ＠ｅｘａｍｐｌｅ．ｊｐ\ntaro@example.jp\n';
    expect(readAddressCsv(csv)).toEqual({
      ok: true,
      addresses: ['taro@example.jp', 'hanako@example.jp', 'jiro@example.jp'],
      rows: 4,
      duplicates: 1,
    });
  });

  it('reports every bad line by its number, never quoting it', () => {
    const result = readAddressCsv('email\ntaro@example.jp\nnot-an-address\n,山田\n"a@b.jp, c@d.jp"\n');
    expect(result.ok).toBe(false);
    const problems = (result as { problems: Record<string, string> }).problems;
    expect(Object.keys(problems)).toEqual(['csv.3', 'csv.4', 'csv.5']);
    expect(problems['csv.3']).toMatch(/^3行目: メールアドレスの形式/);
    expect(problems['csv.4']).toBe('4行目: メールアドレスがありません。');
    expect(JSON.stringify(problems)).not.toContain('not-an-address');
  });

  it('refuses more rows than one import may hold', () => {
    const csv = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}@example.jp`).join('\n');
    expect(readAddressCsv(csv)).toEqual({ ok: false, tooMany: true });
  });
});
