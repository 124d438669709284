import type { HttpRoute } from '../../platform/modules/feature-module.js';
import type { RecurringImportService } from './recurring-import.service.js';

/**
 * The import layout as a CSV or Excel template (its header and an example row). Not a `download`: it holds
 * no one's data and writes no audit event, so another site making a browser fetch it gains nothing.
 */
export function recurringImportRoutes(imports: RecurringImportService): HttpRoute[] {
  return [
    {
      kind: 'actor',
      method: 'get',
      path: '/api/deliveries/recurring-import-template.csv',
      async handle(ctx, _req, res) {
        const stream = imports.template(ctx);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="recurring-deliveries-template.csv"');
        res.setHeader('Cache-Control', 'no-store');
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      },
    },
    {
      kind: 'actor',
      method: 'get',
      path: '/api/deliveries/recurring-import-template.xlsx',
      async handle(ctx, _req, res) {
        const body = await imports.templateXlsx(ctx);
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader('Content-Disposition', 'attachment; filename="recurring-deliveries-template.xlsx"');
        res.setHeader('Cache-Control', 'no-store');
        res.end(body);
      },
    },
  ];
}
