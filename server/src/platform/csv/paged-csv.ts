import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Logger } from '../logging/logger.js';
import { neutraliseRow } from './cells.js';

export interface PagedCsvOptions<T> {
  columns: Array<{ key: string; header: string }>;
  /** The page after `last` (the previous page's last item), or the first page. */
  nextPage: (last: T | undefined) => Promise<T[]>;
  pageSize: number;
  toRow: (item: T) => Record<string, unknown>;
  logger: Logger;
  /** Names the export in the error log. */
  what: string;
}

/**
 * A CSV download (UTF-8 with BOM so Excel reads Japanese) streamed page by page, respecting
 * back-pressure, so exports of any size run in constant memory. Every export goes through here,
 * and every cell is neutralised against formula injection (cells.ts).
 */
export function streamPagedCsv<T>(options: PagedCsvOptions<T>): Readable {
  const csv = stringify({ header: true, bom: true, columns: options.columns });
  void (async () => {
    try {
      let last: T | undefined;
      for (;;) {
        const page = await options.nextPage(last);
        for (const item of page) {
          if (!csv.write(neutraliseRow(options.toRow(item)))) await new Promise((r) => csv.once('drain', r));
        }
        if (page.length < options.pageSize) break;
        last = page[page.length - 1];
      }
      csv.end();
    } catch (err) {
      options.logger.error({ err }, `${options.what} CSV export failed`);
      csv.destroy(err as Error);
    }
  })();
  return csv;
}
