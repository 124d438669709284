import { describe, expect, it } from 'vitest';
import { POLL, browserPages } from '../../../shared/test-support/browser-page';
import { fakeServer } from '../test-support/fake-server';
import { DELIVERIES_PAGES } from '../test-support/fixtures';
import { importRefusal } from '../test-support/planning-fixtures';

const pages = browserPages(DELIVERIES_PAGES);

const MANAGER = ['deliveries.read', 'deliveries.manage', 'channels.read'];
const HEADER = '件名,配信先セグメント,本文,繰り返し,曜日,時刻,開始日,祝日の扱い';
const csv = (...rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

describe('the bulk import of recurring deliveries in a browser', { timeout: 120_000 }, () => {
  it('shows every problem of a file by row and column and imports nothing, then imports a fixed file and says how many drafts it made', async () => {
    let refuse = true;
    const server = fakeServer([], {
      ImportRecurringDeliveries: () =>
        refuse
          ? importRefusal(
              {
                'rows.3.time': '3行目「時刻」: 時刻は「09:00」のように HH:MM で入力してください。',
                'rows.2.segments': '2行目「配信先セグメント」: 「東地区」は、使えるセグメントに見つかりません。',
                'rows.4.weekdays': '4行目「曜日」: 「月曜」は曜日として読めません（月・火・水… のように）。',
              },
              'ファイルに誤りがあります（3件）。何も登録していません。',
            )
          : {
              data: {
                importRecurringDeliveries: {
                  __typename: 'ImportRecurringDeliveriesPayload',
                  created: 3,
                  deliveryIds: ['d-1', 'd-2', 'd-3'],
                },
              },
            },
    });
    const opened = await pages.open({ path: '/deliveries/import', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '繰り返し配信の一括登録' }).waitFor();
    expect(await page.getByRole('link', { name: 'CSVのひな形' }).getAttribute('href')).toBe(
      '/api/deliveries/recurring-import-template.csv',
    );
    expect(await page.getByRole('link', { name: 'Excelのひな形' }).getAttribute('href')).toBe(
      '/api/deliveries/recurring-import-template.xlsx',
    );
    await page.getByRole('button', { name: /列の一覧/ }).click();
    await page
      .getByRole('table', { name: /列の一覧/ })
      .getByRole('row', { name: /第n曜日/ })
      .waitFor();
    await opened.screenshot('recurring-import');
    expect(await opened.violations()).toEqual([]);

    // Not a CSV or a workbook: refused at once, nothing sent.
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'patterns.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') });
    await page.getByText('CSV（.csv）か Excel（.xlsx）のファイルを選んでください。').waitFor();
    expect(await page.getByRole('button', { name: '確認して登録' }).isDisabled()).toBe(true);

    const rows = ['資源ごみ（東）,東地区,あすは資源ごみの日です。,毎週,火,18:00,2027-04-01,スキップ'];
    await input.setInputFiles({
      name: 'ごみ収集.csv',
      mimeType: 'text/csv',
      buffer: csv(...rows, '資源ごみ（西）,全員,x,毎週,水,25:00,2027-04-01,', '燃えるごみ,全員,x,毎週,月曜,08:00,2027-04-01,'),
    });
    await page.getByText(/ごみ収集\.csv（\d+(\.\d)? (B|KB)）/).waitFor();
    await page.getByRole('button', { name: '確認して登録' }).click();
    const problems = page.getByRole('table', { name: 'ファイルの誤り（行・列ごと）' });
    await problems.waitFor();
    expect(await problems.getByRole('row').allTextContents()).toEqual([
      '行列内容',
      '2行目配信先セグメント「東地区」は、使えるセグメントに見つかりません。',
      '3行目時刻時刻は「09:00」のように HH:MM で入力してください。',
      '4行目曜日「月曜」は曜日として読めません（月・火・水… のように）。',
    ]);
    await page.getByText('ファイルに誤りがあります（3件）。何も登録していません。').waitFor();
    const sent = opened.sent('ImportRecurringDeliveries')[0]!.variables;
    expect(sent['format']).toBe('CSV');
    expect(sent['channelId']).toBeNull();
    expect(String(sent['file'])).toContain('資源ごみ（東）,東地区');
    await opened.screenshot('recurring-import-problems');
    expect(await opened.violations()).toEqual([]);

    refuse = false;
    await input.setInputFiles({
      name: 'ごみ収集.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('PK\u0003\u0004 workbook'),
    });
    await page.getByRole('button', { name: '確認して登録' }).click();
    await page.getByText('3件の繰り返し配信を下書きとして登録しました。').waitFor();
    const workbook = opened.sent('ImportRecurringDeliveries')[1]!.variables;
    expect(workbook['format']).toBe('XLSX');
    expect(Buffer.from(String(workbook['file']), 'base64').toString('latin1')).toBe('PK\u0003\u0004 workbook');
    await opened.screenshot('recurring-import-done');
    expect(await opened.violations()).toEqual([]);
    await page.getByRole('button', { name: '配信一覧へ' }).click();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries');
  });

  it('warns about a CSV that is not UTF-8 before sending it', async () => {
    const opened = await pages.open({ path: '/deliveries/import', permissions: MANAGER }, fakeServer([]).answer);
    const { page } = opened;
    // 「件名」 in Shift_JIS: not UTF-8, so the browser decodes it to replacement characters.
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'old.csv', mimeType: 'text/csv', buffer: Buffer.from([0x8c, 0x8f, 0x96, 0xbc, 0x0d, 0x0a]) });
    await page.getByRole('button', { name: '確認して登録' }).click();
    await page.getByText('このCSVはUTF-8ではないようです', { exact: false }).waitFor();
    expect(opened.sent('ImportRecurringDeliveries')).toEqual([]);
  });
});
