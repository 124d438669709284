import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { GraphQLContext } from '../platform/context/context.js';
import { AppError } from '../platform/errors/app-error.js';
import { sendAppError } from '../platform/errors/http-status.js';

/**
 * A module's route that acts for the request's actor (platform/modules/feature-module.ts
 * ActorRoute): the actor is resolved like any request's (IP allowlist and key limits included),
 * and refusals answer in the API's error shape with a matching status (Retry-After when rate
 * limited). Anything else goes to Express's error handler.
 */
export function actorRoute(
  context: (req: Request, res: Response) => Promise<GraphQLContext>,
  handle: (ctx: GraphQLContext, req: Request, res: Response) => Promise<void>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handle(await context(req, res), req, res);
    } catch (err) {
      if (err instanceof AppError && !res.headersSent) {
        sendAppError(res, err);
        return;
      }
      next(err);
    }
  };
}
