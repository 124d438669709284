import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorSummary } from '../../platform/errors/client-errors.js';
import type { Logger } from '../../platform/logging/logger.js';
import { clientAddress, compileTrustProxy } from '../../platform/http/client-address.js';
import type { RawRoute } from '../../platform/modules/feature-module.js';
import type { ClickCounter } from './click-counter.js';
import type { LinkService, LinkTarget } from './link.service.js';

/** `/r/<token>`, a trailing slash allowed, any query ignored. */
const PATH = /^\/r\/([^/?#]*)\/?(?:\?.*)?$/;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

function page(title: string, text: string): Buffer {
  return Buffer.from(
    `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:0;padding:3rem 1.5rem;color:#222;background:#f7f7f5;line-height:1.7}main{max-width:32rem;margin:0 auto}h1{font-size:1.25rem;margin:0 0 1rem}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${text}</p>
</main>
</body>
</html>
`,
  );
}

const NOT_FOUND_PAGE = page(
  'このリンクは無効です',
  'リンクが正しくないか、すでに使えなくなっています。お手数ですが、届いたメッセージのリンクをもう一度お確かめください。',
);
const UNAVAILABLE_PAGE = page('ただいま表示できません', 'しばらく時間をおいてから、もう一度リンクを開いてください。');

function headerText(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

export interface LinkRouteOptions {
  links: LinkService;
  counter: ClickCounter;
  logger: Logger;
  trustProxy: string;
  /** HSTS, as the other pages send it when browsers reach us over TLS. */
  hsts: boolean;
  /** Called with the status and seconds taken of every answered request (the HTTP metric). */
  observe: (method: string, status: number, seconds: number) => void;
}

/**
 * GET /r/:token, answered by Node's HTTP server ahead of Express: a resident's tap on a link in a
 * delivery. The answer is a 302 to exactly the URL stored for the token (nothing in the request
 * can choose where it goes), looked up in memory after the first click; the click is counted in a
 * buffer the counter writes every second, so no click waits for PostgreSQL. Any token that is not
 * a link's (malformed, garbled, too long, unknown) gets the same small 404 page. HEAD and
 * prefetches are answered alike but not counted.
 */
export function linkRoute(options: LinkRouteOptions): RawRoute {
  const { links, counter, logger, observe } = options;
  // The per-address click limit reads the address as req.ip does (TRUST_PROXY).
  const addressOf = clientAddress(compileTrustProxy(options.trustProxy));
  const hsts = options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};

  const finish = (
    req: IncomingMessage,
    res: ServerResponse,
    start: bigint,
    status: number,
    headers: Record<string, string | number>,
    body?: Buffer,
  ) => {
    res.writeHead(status, { ...headers, ...hsts, 'content-length': body?.length ?? 0 });
    res.end(body);
    observe(req.method === 'HEAD' ? 'HEAD' : 'GET', status, Number(process.hrtime.bigint() - start) / 1e9);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, start: bigint, link: LinkTarget | null) => {
    if (!link) {
      finish(req, res, start, 404, PAGE_HEADERS, NOT_FOUND_PAGE);
      return;
    }
    const prefetch = /prefetch|prerender/i.test(`${headerText(req, 'sec-purpose')} ${headerText(req, 'purpose')}`);
    if (req.method === 'GET' && !prefetch) counter.record(link.id, addressOf(req));
    finish(req, res, start, 302, {
      location: link.url,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    });
  };

  const failed = (req: IncomingMessage, res: ServerResponse, start: bigint, err: unknown) => {
    logger.error({ err: errorSummary(err) }, 'link redirect failed');
    if (res.headersSent) res.destroy();
    else finish(req, res, start, 503, { ...PAGE_HEADERS, 'retry-after': 5 }, UNAVAILABLE_PAGE);
  };
  // Whatever goes wrong is answered here: nothing a click brings may reach the process's handlers.
  const safely = (req: IncomingMessage, res: ServerResponse, start: bigint, link: LinkTarget | null) => {
    try {
      answer(req, res, start, link);
    } catch (err) {
      failed(req, res, start, err);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url?.startsWith('/r/')) return false;
    const start = process.hrtime.bigint();
    // A GET's body is never read; let it drain so the connection can be reused.
    req.resume();
    const token = PATH.exec(url)?.[1] ?? '';
    const found = links.target(token);
    if (found instanceof Promise)
      found.then(
        (link) => safely(req, res, start, link),
        (err: unknown) => failed(req, res, start, err),
      );
    else safely(req, res, start, found);
    return true;
  };

  return { kind: 'raw', path: '/r/:token', methods: ['GET', 'HEAD'], handle };
}
