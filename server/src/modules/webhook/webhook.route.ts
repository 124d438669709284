import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../platform/logging/logger.js';
import type { WebhookIngestion } from './webhook-ingest.js';

/** LINE sends at most a few hundred kilobytes; anything larger is not LINE. */
const MAX_BODY_BYTES = 1024 * 1024;
const PATH = /^\/webhook\/([^/?#]+)\/?(?:\?.*)?$/;

export interface WebhookRouteOptions {
  ingestion: WebhookIngestion;
  logger: Logger;
  /** Called with the status and seconds taken of every answered call (the HTTP metric). */
  observe: (status: number, seconds: number) => void;
}

/**
 * POST /webhook/:channel: LINE's calls, served straight from Node's HTTP server ahead of Express.
 * They come from LINE, not browsers (signature-checked, no cookies, no pages), and they are the
 * one path that must keep up with bursts, so they skip the router and middleware every browser
 * request goes through. Returns false for any other request, which then goes to Express.
 */
export function webhookRoute(options: WebhookRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { ingestion, logger, observe } = options;
  const answer = (res: ServerResponse, status: number, body: string, start: bigint) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    observe(status, Number(process.hrtime.bigint() - start) / 1e9);
  };

  return (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/webhook/')) return false;
    const match = PATH.exec(req.url);
    if (!match) return false;
    const start = process.hrtime.bigint();
    // A channel id is a UUID: anything that is not plain ASCII (or not decodable) is unknown.
    let channel: string;
    try {
      channel = decodeURIComponent(match[1]!);
    } catch {
      req.resume();
      answer(res, 400, '{"message":"malformed channel id"}', start);
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        answer(res, 413, '{"message":"payload too large"}', start);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      ingestion.ingest(channel, body, req.headers['x-line-signature'] as string | undefined).then(
        (result) => {
          if (result.status === 200) answer(res, 200, '{}', start);
          else answer(res, 401, '{"message":"invalid signature"}', start);
        },
        (err: unknown) => {
          logger.error({ err, path: '/webhook/' }, 'webhook ingestion failed');
          // LINE redelivers what did not get a 200; nothing was stored for this call.
          if (!res.headersSent) answer(res, 500, '{"message":"internal error"}', start);
        },
      );
    });
    return true;
  };
}
