import type { Request, Response, NextFunction } from 'express';
import type { App } from '../app.js';
import type { GraphQLContext } from '../platform/context/context.js';
import { AppError } from '../platform/errors/app-error.js';

function dateParam(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
const text = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 100) : null);

/** GET /api/talk-log.csv?from&to&channelId (talklog.export). */
export function talkLogCsvRoute(app: App, context: (req: Request, res: Response) => Promise<GraphQLContext>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ctx = await context(req, res);
      const filter = { from: dateParam(req.query['from']), to: dateParam(req.query['to']), channelId: text(req.query['channelId']) };
      const stream = await app.services.residents.exportTalkLog(ctx, filter);
      const stamp = new Date().toISOString().slice(0, 10);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="talk-log-${stamp}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      stream.pipe(res);
    } catch (err) {
      if (err instanceof AppError) {
        const status = err.code === 'UNAUTHENTICATED' ? 401 : err.code === 'RATE_LIMITED' ? 429 : 403;
        res.status(status).json({ errors: [{ message: err.message, extensions: err.extensions }] });
        return;
      }
      next(err);
    }
  };
}
