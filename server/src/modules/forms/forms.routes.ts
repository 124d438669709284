import type { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import type { GraphQLContext } from '../../platform/context/context.js';
import { AppError, badInput, forbidden, rateLimited } from '../../platform/errors/app-error.js';
import { sendAppError } from '../../platform/errors/http-status.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { HttpRoute } from '../../platform/modules/feature-module.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { FormExport } from './form-export.js';
import { FormTrendPeriod } from './forms.enums.js';
import { PostalCodeDirectory } from './postal/index.js';

/** Address look-ups one client may make per minute (a resident types a few codes; a scraper many). */
export const POSTAL_RATE_LIMIT = { lookups: 60, windowSeconds: 60 } as const;

/**
 * A cookie-authenticated download must be asked for from our own pages (or typed in), never by
 * another site riding on the session cookie: the same rule as the platform's CSV downloads, for
 * these routes that also answer Excel.
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

/** One query-string value, or null when absent or empty; BAD_USER_INPUT when repeated. */
function queryText(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw badInput({ [name]: `${name} は1つだけ指定してください。` });
  return value;
}

function hasApiKey(req: Request): boolean {
  return Boolean(req.header('x-api-key') || /^bearer\s/i.test(req.header('authorization') ?? ''));
}

export function formRoutes(exporter: FormExport, rateLimiter: RateLimiter, publicUrl: string, logger: Logger): HttpRoute[] {
  const publicOrigin = new URL(publicUrl).origin;
  const postal = new PostalCodeDirectory();

  const refuseCrossSite = (ctx: GraphQLContext, req: Request): void => {
    const cookieSession = ctx.actor.kind === 'staff' || ctx.actor.kind === 'resident';
    if (cookieSession && !hasApiKey(req) && !isOwnSiteRequest(req, publicOrigin)) {
      throw forbidden('ダウンロードは管理画面から行ってください。', 'CROSS_SITE_REQUEST');
    }
  };

  const send = (res: Response, stream: Readable, name: string, format: 'csv' | 'xlsx'): void => {
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${name}-${day}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    stream.on('error', (err) => {
      logger.warn({ err }, 'form export stream failed');
      res.destroy();
    });
    stream.pipe(res);
  };

  const download =
    (format: 'csv' | 'xlsx') =>
    async (ctx: GraphQLContext, req: Request, res: Response): Promise<void> => {
      refuseCrossSite(ctx, req);
      const id = String(req.params['id']);
      send(res, format === 'csv' ? await exporter.csv(ctx, id) : await exporter.xlsx(ctx, id), 'form-submissions', format);
    };

  /** FORM-20: `?period=MONTH|QUARTER` (QUARTER by default) and optional ISO `from` (inclusive) and `to` (exclusive). */
  const trend = async (ctx: GraphQLContext, req: Request, res: Response): Promise<void> => {
    refuseCrossSite(ctx, req);
    const asked: string = queryText(req, 'period') ?? FormTrendPeriod.QUARTER;
    const period = Object.values(FormTrendPeriod).find((p) => String(p) === asked);
    if (!period) throw badInput({ period: '集計の単位は MONTH（月）か QUARTER（四半期）で指定してください。' });
    const instant = (name: 'from' | 'to'): Date | null => {
      const text = queryText(req, name);
      if (text === null) return null;
      // A date alone is the start of that day in Japan, as staff mean it.
      const at = /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? new Date(`${text}T00:00:00+09:00`)
        : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text)
          ? new Date(text)
          : null;
      if (!at || Number.isNaN(at.getTime()))
        throw badInput({ [name]: '日付（例: 2026-04-01）か ISO 8601 の日時（例: 2026-04-01T00:00:00+09:00）で指定してください。' });
      return at;
    };
    // One survey round (FORM-08): the answers one delivery run's form card brought.
    const deliveryRunId = queryText(req, 'deliveryRunId');
    const stream = await exporter.trendCsv(ctx, String(req.params['id']), period, instant('from'), instant('to'), deliveryRunId);
    send(res, stream, 'form-trend', 'csv');
  };

  const postalCodes = (req: Request, res: Response): void => {
    void (async () => {
      try {
        const hit = await rateLimiter.hit(
          `postal-codes:ip:${req.ip ?? 'unknown'}`,
          POSTAL_RATE_LIMIT.lookups,
          POSTAL_RATE_LIMIT.windowSeconds,
        );
        if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
        const code = String(req.params['code'] ?? '');
        if (!/^\d{3}-?\d{4}$/.test(code)) throw badInput({ code: '郵便番号は7桁の数字で入力してください（例: 100-0001）。' });
        res.setHeader('Cache-Control', 'public, max-age=86400');
        res.json({ results: postal.lookup(code) });
      } catch (err) {
        if (err instanceof AppError) sendAppError(res, err);
        else {
          logger.error({ err }, 'postal code look-up failed');
          res.status(500).json({ errors: [{ message: '住所を検索できませんでした。', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        }
      }
    })();
  };

  return [
    { kind: 'actor', method: 'get', path: '/api/forms/:id/submissions.csv', handle: download('csv') },
    { kind: 'actor', method: 'get', path: '/api/forms/:id/submissions.xlsx', handle: download('xlsx') },
    { kind: 'actor', method: 'get', path: '/api/forms/:id/trend.csv', handle: trend },
    { kind: 'express', method: 'get', path: '/api/postal-codes/:code', handler: postalCodes },
  ];
}
