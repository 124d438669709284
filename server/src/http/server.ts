import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type NextFunction } from 'express';
import { clientAddress, compileTrustProxy } from '../platform/http/client-address.js';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { serialize as serializeCookie } from 'cookie';
import { httpDuration, metricsRegistry } from '../platform/metrics/registry.js';
import type { App } from '../app.js';
import type { CookieJar, GraphQLContext } from '../platform/context/context.js';
import { AppError } from '../platform/errors/app-error.js';
import { asClientError, errorSummary, sqlState } from '../platform/errors/client-errors.js';
import { costLimitPlugin, createGraphQLPipeline } from '../platform/graphql/pipeline.js';
import { buildAppSchema } from '../schema.js';
import { actorRoute } from './actor-route.js';
import { csvDownloadRoute, downloadHandlers } from './csv-download.route.js';
import { serveGraphQLOverWebSocket } from './graphql-ws.js';
import { requestContext, type RequestSource } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import type { RawRoute } from '../platform/modules/feature-module.js';

/** Methods a label may name; anything else a client invents is "other" (labels stay bounded). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Where a request without a matched route belongs, for the metric's label. */
const ROUTE_GROUPS = ['/graphql', '/admin', '/liff', '/api', '/webhook', '/healthz', '/readyz', '/metrics'];

export interface RouteInfo {
  /** The pattern as registered, e.g. `/api/talk-log.csv` or `/admin` for a mounted middleware. */
  readonly path: string;
  /** Upper-case methods, or `*` for middleware that answers any method. */
  readonly methods: readonly string[];
  /** A file download (CSV export): what the generated export tests walk. */
  readonly download?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Every HTTP route, read from the router (features' routes included), for the generated tests. */
  readonly routes: readonly RouteInfo[];
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** IPA TLS guideline (3rd ed.) "recommended security type": TLS 1.2+ with AEAD/ECDHE suites only. */
const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

function cookieJar(res: Response, secure: boolean): CookieJar {
  const append = (header: string) => res.append('Set-Cookie', header);
  return {
    set: (name, value, { maxAgeSeconds, path = '/' }) =>
      append(serializeCookie(name, value, { httpOnly: true, sameSite: 'lax', secure, path, maxAge: maxAgeSeconds })),
    clear: (name, path = '/') => append(serializeCookie(name, '', { httpOnly: true, sameSite: 'lax', secure, path, maxAge: 0 })),
  };
}

function staticClient(dist: string | undefined, fallbackDir: string): string | null {
  const dir = dist ?? join(repoRoot, fallbackDir, 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/** The HTTP status an error thrown before or around a resolver answers with. */
function statusOf(err: AppError): number {
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'RATE_LIMITED':
      return 429;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    default:
      return 400;
  }
}

/** The error body of a refused request, in the API's error shape. */
function errorBody(message: string, extensions: Record<string, unknown>): string {
  return JSON.stringify({ errors: [{ message, extensions }] });
}

/** The routes registered on an Express app, read from its router (Express 5 / router 2). */
function listRoutes(app: express.Express): RouteInfo[] {
  const stack = (app as unknown as { router?: { stack?: unknown[] } }).router?.stack ?? [];
  const out: RouteInfo[] = [];
  const seen = new Set<string>();
  const add = (route: RouteInfo) => {
    const key = `${route.methods.join(',')} ${route.path}`;
    if (!seen.has(key)) out.push(route);
    seen.add(key);
  };
  type RouteLayer = { route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: object }> }; rawPath?: unknown };
  for (const layer of stack as RouteLayer[]) {
    if (layer.route) {
      add({
        path: String(layer.route.path),
        methods: Object.keys(layer.route.methods).map((m) => m.toUpperCase()),
        ...(layer.route.stack.some((l) => downloadHandlers.has(l.handle)) ? { download: true } : {}),
      });
    } else if (typeof layer.rawPath === 'string' && layer.rawPath !== '/') {
      add({ path: layer.rawPath, methods: ['*'] });
    }
  }
  return out;
}

export async function startHttpServer(app: App, options: { schema?: GraphQLSchema } = {}): Promise<RunningServer> {
  const { config, logger } = app;
  const schema = options.schema ?? (await buildAppSchema(app, { strictAudit: config.NODE_ENV === 'test' }));
  const pipeline = createGraphQLPipeline(schema, config, logger);
  const publicOrigin = new URL(config.PUBLIC_URL).origin;
  const expressApp = express();
  expressApp.disable('x-powered-by');
  // One compiled TRUST_PROXY for req.ip, the WebSocket transport and the routes ahead of Express.
  const trustProxy = compileTrustProxy(config.TRUST_PROXY);
  expressApp.set('trust proxy', trustProxy);
  const clientIp = clientAddress(trustProxy);

  // Routes answered ahead of Express (LINE's webhook calls: signed, no cookies, no pages, and the one
  // path that must keep up with bursts, so they skip everything built for browsers).
  const rawRoutes = app.routes.filter((r): r is RawRoute => r.kind === 'raw');
  // No request, however malformed, may take the process down: whatever a handler throws is
  // answered here (400: the request is what broke it) and logged once.
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (!rawRoutes.some((route) => route.handle(req, res))) expressApp(req, res);
    } catch (err) {
      logger.warn({ err: errorSummary(err), method: req.method }, 'request handler threw; answered 400');
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(errorBody('リクエストの形式が正しくありません。', { code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST' }));
      } else res.destroy();
    }
  };
  const httpServer: Server = config.TLS_CERT_FILE
    ? createHttpsServer(
        {
          cert: readFileSync(config.TLS_CERT_FILE),
          key: readFileSync(config.TLS_KEY_FILE!),
          minVersion: 'TLSv1.2',
          ciphers: TLS_CIPHERS,
          honorCipherOrder: true,
        },
        handler,
      )
    : createHttpServer(handler);
  httpServer.on('clientError', (err, socket) => {
    // Unparseable HTTP (Node answers the status the parser chose); never an exception.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    logger.debug({ err: errorSummary(err) }, 'malformed HTTP request');
  });

  // Request id, access log, metrics
  expressApp.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // The route's pattern, never the raw path: each random path would be a new series.
      const matched = (req.route as { path?: unknown } | undefined)?.path;
      const group = ROUTE_GROUPS.find((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
      const route = typeof matched === 'string' && !matched.includes('*') ? matched : (group ?? 'other');
      httpDuration.labels(route, METHODS.has(req.method) ? req.method : 'other', String(res.statusCode)).observe(seconds);
      if (route !== '/healthz' && route !== '/metrics') {
        logger.info(
          {
            requestId,
            method: req.method,
            path: req.path.slice(0, 200),
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
            ip: req.ip,
          },
          'request',
        );
      }
    });
    next();
  });

  expressApp.use(securityHeaders({ hsts: config.secureCookies }));

  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  expressApp.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await app.orm.em.getConnection().execute('select 1');
      checks['database'] = 'ok';
    } catch {
      checks['database'] = 'unreachable';
    }
    try {
      await app.scheduler.ping();
      checks['jobStore'] = 'ok';
    } catch {
      checks['jobStore'] = 'unreachable';
    }
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  // Metrics need METRICS_TOKEN in production (without one they are off); elsewhere the token is optional.
  const metricsToken = config.METRICS_TOKEN;
  if (config.NODE_ENV === 'production' && !metricsToken) logger.warn('METRICS_TOKEN is not set: /metrics is disabled');
  expressApp.get('/metrics', async (req, res) => {
    if (!metricsToken && config.NODE_ENV === 'production') {
      res.status(404).end();
      return;
    }
    if (metricsToken && req.header('authorization') !== `Bearer ${metricsToken}`) {
      res.status(401).end();
      return;
    }
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  const sourceOf = (req: Request, res: Response): RequestSource => ({
    requestId: String(res.locals['requestId']),
    cookieHeader: req.header('cookie'),
    authorization: req.header('authorization'),
    apiKeyHeader: req.header('x-api-key'),
    ip: req.ip ?? null,
    userAgent: req.header('user-agent') ?? null,
  });
  const staffContext = (req: Request, res: Response) => requestContext(app, sourceOf(req, res), cookieJar(res, config.secureCookies));

  // The modules' routes: downloads through the one gate and the own-site check, the rest as declared.
  for (const route of app.routes) {
    if (route.kind === 'download') {
      expressApp.get(route.path, csvDownloadRoute({ context: staffContext, publicOrigin, filePrefix: route.filePrefix }, route.produce));
    } else if (route.kind === 'express') {
      expressApp[route.method](route.path, route.handler);
    } else if (route.kind === 'actor') {
      expressApp[route.method](route.path, actorRoute(staffContext, route.handle));
    }
  }

  // GraphQL over HTTP and WebSocket on one port, through one pipeline (limits, masking, actor).
  const ws = serveGraphQLOverWebSocket({ app, httpServer, pipeline, clientIp, publicOrigin, logger });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // The pipeline's validation rules carry the introspection setting, for both transports alike.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // main.ts owns shutdown; Apollo's own handlers would keep the process alive outside NODE_ENV=test.
    stopOnTerminationSignals: false,
    formatError: pipeline.formatError,
    validationRules: pipeline.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      costLimitPlugin(pipeline),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  expressApp.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return await staffContext(req, res);
        } catch (err) {
          if (err instanceof AppError) {
            // Apollo answers context failures with 500 unless the error names its HTTP status.
            const retry = err.options.retryAfterSeconds;
            throw new GraphQLError(err.message, {
              extensions: {
                ...err.extensions,
                http: { status: statusOf(err), headers: new Map(retry ? [['retry-after', String(retry)]] : []) },
              },
            });
          }
          throw err;
        }
      },
    }),
  );

  // The two clients
  const adminDir = staticClient(config.ADMIN_WEB_DIST, 'admin-web');
  const liffDir = staticClient(config.LIFF_APP_DIST, 'liff-app');
  expressApp.get('/liff/config.json', (_req, res) => {
    res.json({ liffId: config.LIFF_ID ?? null, mock: !config.LIFF_ID });
  });
  for (const [base, dir] of [
    ['/admin', adminDir],
    ['/liff', liffDir],
  ] as const) {
    if (!dir) {
      logger.warn({ base }, 'client is not built; run npm run build');
      continue;
    }
    expressApp.use(
      base,
      express.static(dir, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => {
          if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    const indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
    expressApp.get(`${base}{/*rest}`, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(indexHtml);
    });
  }
  expressApp.get('/', (_req, res) => res.redirect('/admin/'));

  // Errors reaching Express: the client's (a malformed body, URL or encoding, a body too large)
  // answer their 4xx status; only our own answer 500, logged without the request's data.
  expressApp.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
    const clientError = asClientError(err);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      logger.info({ status, type: (err as { type?: unknown }).type, path: req.path.slice(0, 200) }, 'refused a malformed request');
      if (res.headersSent) return void res.end();
      const reason = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'MALFORMED_REQUEST';
      const message = status === 413 ? 'リクエストが大きすぎます。' : 'リクエストの形式が正しくありません。';
      res
        .status(status)
        .type('json')
        .send(errorBody(message, { code: 'BAD_USER_INPUT', reason }));
      return;
    }
    if (clientError) {
      if (res.headersSent) return void res.end();
      res.status(statusOf(clientError)).type('json').send(errorBody(clientError.message, clientError.extensions));
      return;
    }
    logger.error({ err: sqlState(err) ? errorSummary(err) : err, path: req.path.slice(0, 200) }, 'unhandled HTTP error');
    if (!res.headersSent)
      res
        .status(500)
        .type('json')
        .send(errorBody('サーバーでエラーが発生しました。', { code: 'INTERNAL_SERVER_ERROR' }));
    else res.end();
  });

  await new Promise<void>((ok) => httpServer.listen(config.PORT, config.HOST, ok));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `${config.TLS_CERT_FILE ? 'https' : 'http'}://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url }, 'server listening');
  return {
    url,
    port,
    routes: [...rawRoutes.map((r) => ({ path: r.path, methods: [...r.methods] })), ...listRoutes(expressApp)],
    async close() {
      await apollo.stop();
      httpServer.closeAllConnections?.();
      await new Promise<void>((ok) => httpServer.close(() => ok()));
    },
  };
}
