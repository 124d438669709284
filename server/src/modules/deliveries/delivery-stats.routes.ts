import type { Request } from 'express';
import { forbidden } from '../../platform/errors/app-error.js';
import { dateParam } from '../../platform/http/query-params.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { HttpRoute } from '../../platform/modules/feature-module.js';
import type { DeliveryHistoryExport, HistoryFilter } from './delivery-history-export.js';

const filterOf = (req: Request): HistoryFilter => ({ from: dateParam(req.query['from']), to: dateParam(req.query['to']) });

/**
 * The delivery history downloads (SEG-17), `?from=&to=` bounding the runs' start: the CSV through
 * the platform's download gate; the Excel file as an actor route with the same own-site rule.
 */
export function deliveryHistoryRoutes(exporter: DeliveryHistoryExport, publicUrl: string, logger: Logger): HttpRoute[] {
  const publicOrigin = new URL(publicUrl).origin;
  return [
    {
      kind: 'download',
      path: '/api/delivery-history.csv',
      filePrefix: 'delivery-history',
      produce: (ctx, req) => exporter.csv(ctx, filterOf(req)),
    },
    {
      kind: 'actor',
      method: 'get',
      path: '/api/delivery-history.xlsx',
      async handle(ctx, req, res) {
        const cookieSession = ctx.actor.kind === 'staff' || ctx.actor.kind === 'resident';
        if (cookieSession && !hasApiKey(req) && !isOwnSiteRequest(req, publicOrigin)) {
          throw forbidden('ダウンロードは管理画面から行ってください。', 'CROSS_SITE_REQUEST');
        }
        const stream = await exporter.xlsx(ctx, filterOf(req));
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader('Content-Disposition', `attachment; filename="delivery-history-${new Date().toISOString().slice(0, 10)}.xlsx"`);
        res.setHeader('Cache-Control', 'no-store');
        stream.on('error', (err) => {
          logger.warn({ err }, 'delivery history export stream failed');
          res.destroy();
        });
        stream.pipe(res);
      },
    },
  ];
}

/** An API key is not ambient (no browser sends it by itself): only cookie sessions need the own-site check. */
function hasApiKey(req: Request): boolean {
  return Boolean(req.header('x-api-key') || /^bearer\s/i.test(req.header('authorization') ?? ''));
}

/**
 * A cookie-authenticated download must be asked for from our own pages (or typed in), never by
 * another site riding on the session cookie: the rule of the platform's CSV downloads, for the
 * Excel file that the download gate does not serve.
 */
function isOwnSiteRequest(req: Request, publicOrigin: string): boolean {
  const site = req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const from = req.header('origin') ?? req.header('referer');
  if (!from) return false;
  try {
    const origin = new URL(from);
    return origin.origin === publicOrigin || origin.host === req.header('host');
  } catch {
    return false;
  }
}
