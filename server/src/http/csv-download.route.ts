import type { Readable } from 'node:stream';
import type { Request, Response, NextFunction } from 'express';
import type { GraphQLContext } from '../platform/context/context.js';
import { AppError } from '../platform/errors/app-error.js';

/** A date query parameter, or null when absent or not a date. */
export function dateParam(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A short text query parameter, or null. */
export const textParam = (value: unknown): string | null => (typeof value === 'string' && value ? value.slice(0, 100) : null);

/**
 * A CSV download for staff (cookie session): the service checks the permission and streams the
 * rows; refusals answer with the API's error shape and a matching HTTP status.
 */
export function csvDownloadRoute(
  context: (req: Request, res: Response) => Promise<GraphQLContext>,
  filePrefix: string,
  produce: (ctx: GraphQLContext, req: Request) => Promise<Readable>,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const stream = await produce(await context(req, res), req);
      const stamp = new Date().toISOString().slice(0, 10);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${filePrefix}-${stamp}.csv"`);
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
