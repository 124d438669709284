import type { Readable } from 'node:stream';
import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { GraphQLContext } from '../platform/context/context.js';
import { AppError, forbidden } from '../platform/errors/app-error.js';
import { sendAppError } from '../platform/errors/http-status.js';
import { presentedApiKey } from './actor-resolver.js';

/** The handlers made by csvDownloadRoute, so the route list can tell downloads apart. */
export const downloadHandlers = new WeakSet<object>();

export interface DownloadRouteOptions {
  context: (req: Request, res: Response) => Promise<GraphQLContext>;
  /** Where our own pages are served from: a download must be asked for by one of them. */
  publicOrigin: string;
  filePrefix: string;
}

/**
 * A download the browser asked for from one of our pages, or by the person themselves (address
 * bar, bookmark). SameSite=Lax cookies ride along on a top-level GET from another site, so a
 * cookie-authenticated download must not be something another site can trigger (each one writes
 * an audit event). Browsers say where a request comes from in Sec-Fetch-Site; older ones send a
 * Referer from our pages (Referrer-Policy: same-origin).
 */
export function isOwnSiteRequest(req: Request, publicOrigin: string): boolean {
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

/**
 * A CSV download for staff (cookie session) or API keys: the actor is resolved like any request
 * (IP allowlist included), the service checks the permission through the one gate (TOTP
 * enrolment and forced password change included) and streams the rows; refusals answer with the
 * API's error shape and a matching HTTP status.
 */
export function csvDownloadRoute(
  options: DownloadRouteOptions,
  produce: (ctx: GraphQLContext, req: Request) => Promise<Readable>,
): RequestHandler {
  const handler = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ctx = await options.context(req, res);
      // An API key is not ambient (no browser sends it by itself): only cookie sessions need the check.
      const cookieSession = ctx.actor.kind === 'staff' || ctx.actor.kind === 'resident';
      const withKey = presentedApiKey({ authorization: req.header('authorization'), apiKeyHeader: req.header('x-api-key') });
      if (cookieSession && !withKey && !isOwnSiteRequest(req, options.publicOrigin)) {
        throw forbidden('ダウンロードは管理画面から行ってください。', 'CROSS_SITE_REQUEST');
      }
      const stream = await produce(ctx, req);
      const stamp = new Date().toISOString().slice(0, 10);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${options.filePrefix}-${stamp}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (err instanceof AppError) {
        // A staff member who must first enrol TOTP or change their password is refused with 403, as before.
        sendAppError(res, err, { PRECONDITION_FAILED: 403 });
        return;
      }
      next(err);
    }
  };
  downloadHandlers.add(handler);
  return handler;
}
