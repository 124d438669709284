import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { EmulatorContext } from './context.js';
import {
  AUTHENTICATION_FAILED,
  AUTHORIZATION_HEADER_REQUIRED,
  detailsFromZod,
  requestBodyErrors,
  type LineErrorBody,
} from './line-errors.js';
import type { ChannelState } from './store.js';

// The pipeline every Messaging API call goes through, in LINE's order: authenticate the channel
// access token, apply the per-endpoint rate limit, refuse a retry key where LINE takes none, then
// (emulator only) injected faults, then the endpoint itself. Handlers return their result instead
// of writing it, so a fault "after" the work can replace the response of a request that was
// carried out.

export interface EndpointResult {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface EndpointCall {
  req: Request;
  channelState: ChannelState;
  requestId: string;
}

export type EndpointHandler = (call: EndpointCall) => EndpointResult | Promise<EndpointResult>;

export class LineError extends Error {
  constructor(
    readonly status: number,
    readonly body: LineErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Parses a request body with a schema, throwing LINE's 400 error body on failure. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new LineError(400, requestBodyErrors(detailsFromZod(parsed.error)));
  return parsed.data;
}

export const TOO_MANY_REQUESTS: LineErrorBody = { message: 'Too Many Requests' };

/**
 * LINE takes X-Line-Retry-Key only on push, multicast, narrowcast and broadcast; on any other API
 * "your request is rejected and you'll get the status code 400" (docs/messaging-api/retrying-api-request).
 * LINE documents no message for it: this one is worded like its others.
 */
export const RETRY_KEY_OPERATIONS: ReadonlySet<string> = new Set(['pushMessage', 'multicast', 'narrowcast', 'broadcast']);
export const RETRY_KEY_NOT_SUPPORTED: LineErrorBody = { message: 'The X-Line-Retry-Key header is not supported by this API' };

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

function send(res: Response, result: EndpointResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status);
  if (Buffer.isBuffer(result.body)) {
    res.type(result.contentType ?? 'application/octet-stream').send(result.body);
  } else {
    res.json(result.body ?? {});
  }
}

export function lineEndpoint(context: EmulatorContext, operationId: string, handler: EndpointHandler): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = bearerToken(req);
      if (!token) return send(res, { status: 401, body: { message: AUTHORIZATION_HEADER_REQUIRED } });
      const channelState = context.store.channelByAccessToken(token);
      if (!channelState) return send(res, { status: 401, body: { message: AUTHENTICATION_FAILED } });
      const channelId = channelState.channel.channelId;
      if (!context.rateLimiter.tryAcquire(channelId, operationId)) return send(res, { status: 429, body: TOO_MANY_REQUESTS });
      if (req.header('x-line-retry-key') !== undefined && !RETRY_KEY_OPERATIONS.has(operationId))
        return send(res, { status: 400, body: RETRY_KEY_NOT_SUPPORTED });

      const fault = context.faults.take(channelId, operationId);
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      const faultResult: EndpointResult | undefined =
        fault?.kind === 'rateLimit'
          ? { status: 429, body: TOO_MANY_REQUESTS }
          : fault?.kind === 'error'
            ? { status: fault.status ?? 500, body: { message: 'Internal server error' } }
            : undefined;
      if (faultResult && fault?.phase !== 'after') return send(res, faultResult);

      const requestId = String(res.getHeader('x-line-request-id'));
      let result: EndpointResult;
      try {
        result = await handler({ req, channelState, requestId });
      } catch (error) {
        if (!(error instanceof LineError)) throw error;
        result = { status: error.status, body: error.body, headers: error.headers };
      }
      send(res, faultResult ?? result);
    } catch (error) {
      next(error);
    }
  };
}
