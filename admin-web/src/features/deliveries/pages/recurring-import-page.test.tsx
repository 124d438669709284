import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryChannelsDocument } from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { channels } from '../test-support/planning-fixtures';
import { RecurringImportPage } from './recurring-import-page';

const axe = axeChecker();
afterAll(() => axe.close());

describe('RecurringImportPage', { timeout: 60_000 }, () => {
  it('offers both templates, explains every column, and takes a file, accessibly', async () => {
    const { html, document } = await renderPage(<RecurringImportPage />, {
      responses: [{ request: { query: DeliveryChannelsDocument }, result: { data: channels } }],
      permissions: ['deliveries.read', 'deliveries.manage', 'channels.read'],
      path: '/deliveries/import',
      route: '/deliveries/import',
    });
    expect(html).toContain('href="/api/deliveries/recurring-import-template.csv"');
    expect(html).toContain('href="/api/deliveries/recurring-import-template.xlsx"');
    expect(html).toContain('配信先セグメント');
    expect(html).toContain('祝日の扱い');
    expect(html).toContain('どちらか必須');
    expect(html).toContain('ファイルを選ぶ');
    expect(html).toContain('LINE公式アカウント');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>.*?確認して登録/);
    expect(await axe.violations(document, 'recurring-import')).toEqual([]);
  });

  it('refuses staff who may not compose deliveries', async () => {
    const { html } = await renderPage(<RecurringImportPage />, {
      responses: [],
      permissions: ['deliveries.read'],
      path: '/deliveries/import',
      route: '/deliveries/import',
    });
    expect(html).toContain('このページを表示する権限がありません');
    expect(html).not.toContain('ひな形');
  });
});
