import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { serialize as serializeCookie } from 'cookie';
import client from 'prom-client';
import { metricsRegistry } from '../platform/metrics/registry.js';
import type { App } from '../app.js';
import type { Actor } from '../platform/context/actor.js';
import type { CookieJar, GraphQLContext, RequestMeta } from '../platform/context/context.js';
import { Loaders } from '../platform/db/loaders.js';
import { DEPARTMENT_SCOPE } from '../platform/db/department-scope.js';
import { departmentScope } from '../platform/context/actor.js';
import { AppError } from '../platform/errors/app-error.js';
import { createFormatError } from '../platform/errors/format-error.js';
import { complexityLimit, depthLimit } from '../platform/graphql/limits.js';
import { buildAppSchema } from '../schema.js';
import { resolveActor } from './actor-resolver.js';
import { csvDownloadRoute, dateParam, textParam } from './csv-download.route.js';
import { webhookRoute } from '../modules/webhook/webhook.route.js';

const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route group and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export interface RunningServer {
  readonly url: string;
  readonly port: number;
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

function trustProxySetting(value: string): boolean | number | string[] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

/** Builds the context of one GraphQL operation: actor, department-scoped EntityManager, loaders. */
function contextFor(app: App, actor: Actor, meta: RequestMeta, cookies: CookieJar): GraphQLContext {
  const em = app.orm.em.fork();
  const scope = departmentScope(actor);
  em.setFilterParams(DEPARTMENT_SCOPE, scope === 'all' ? { all: true } : { all: false, departmentIds: scope });
  return { em, actor, meta, cookies, loaders: new Loaders(em) };
}

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

export async function startHttpServer(app: App, options: { schema?: GraphQLSchema } = {}): Promise<RunningServer> {
  const { config, logger } = app;
  const schema = options.schema ?? (await buildAppSchema(app, { strictAudit: config.NODE_ENV === 'test' }));
  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', trustProxySetting(config.TRUST_PROXY));

  // LINE's webhook calls come from LINE, not browsers: verified by signature, no cookies, no pages.
  // They are answered before Express so the hot path skips everything built for browsers.
  const webhook = webhookRoute({
    webhooks: app.services.webhooks,
    logger,
    observe: (status, seconds) => httpDuration.labels('/webhook/', 'POST', String(status)).observe(seconds),
  });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!webhook(req, res)) expressApp(req, res);
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

  // Metrics
  const registry = metricsRegistry;

  // Request id, access log, metrics
  expressApp.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = ['/graphql', '/admin', '/liff', '/api'].find((prefix) => req.path.startsWith(prefix)) ?? req.path;
      httpDuration.labels(route, req.method, String(res.statusCode)).observe(seconds);
      if (route !== '/healthz' && route !== '/metrics') {
        logger.info(
          { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000), ip: req.ip },
          'request',
        );
      }
    });
    next();
  });

  // Security headers: no framing (clickjacking), a strict CSP, HSTS when browsers reach us over TLS.
  const lineHosts = ['https://api.line.me', 'https://access.line.me', 'https://liffsdk.line-scdn.net', 'https://liff.line.me'];
  const headers = (extraConnect: string[], extraImg: string[]) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...extraImg],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:', ...extraConnect],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
    });
  expressApp.use('/liff', headers(lineHosts, ['https://profile.line-scdn.net', 'https://obs.line-scdn.net']));
  expressApp.use(headers([], []));

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
  expressApp.get('/metrics', async (req, res) => {
    if (config.METRICS_TOKEN && req.header('authorization') !== `Bearer ${config.METRICS_TOKEN}`) {
      res.status(401).end();
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  });

  const meta = (req: Request, res: Response): RequestMeta => ({
    requestId: String(res.locals['requestId']),
    ip: req.ip ?? null,
    userAgent: req.header('user-agent') ?? null,
    trace: { auditWrites: 0 },
  });
  const actorOf = (req: Request) =>
    resolveActor(app.services, {
      cookieHeader: req.header('cookie'),
      authorization: req.header('authorization'),
      apiKeyHeader: req.header('x-api-key'),
      ip: req.ip ?? null,
    });

  const staffContext = async (req: Request, res: Response) =>
    contextFor(app, await actorOf(req), meta(req, res), cookieJar(res, config.secureCookies));
  expressApp.get(
    '/api/talk-log.csv',
    csvDownloadRoute(staffContext, 'talk-log', (ctx, req) =>
      app.services.residents.exportTalkLog(ctx, {
        from: dateParam(req.query['from']),
        to: dateParam(req.query['to']),
        channelId: textParam(req.query['channelId']),
      }),
    ),
  );
  expressApp.get(
    '/api/audit-events.csv',
    csvDownloadRoute(staffContext, 'audit-log', (ctx, req) =>
      app.services.audit.exportCsv(ctx, {
        from: dateParam(req.query['from']),
        to: dateParam(req.query['to']),
        action: textParam(req.query['action']),
        actorId: textParam(req.query['actorId']),
        targetType: textParam(req.query['targetType']),
        targetId: textParam(req.query['targetId']),
      }),
    ),
  );

  // GraphQL over HTTP and WebSocket on one port
  const formatError = createFormatError(logger);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const publicOrigin = new URL(config.PUBLIC_URL).origin;
  const wsCleanup = useServer(
    {
      schema,
      context: async (ctx) => {
        const req = ctx.extra.request;
        const origin = req.headers.origin;
        const host = req.headers.host;
        // A browser page on another site must not ride the staff cookie (cross-site WebSocket hijacking).
        if (origin && origin !== publicOrigin && new URL(origin).host !== host)
          throw new AppError('FORBIDDEN', '許可されていない接続元です。');
        const ip = req.socket.remoteAddress ?? null;
        const actor = await resolveActor(app.services, {
          cookieHeader: req.headers.cookie,
          authorization: typeof ctx.connectionParams?.['authorization'] === 'string' ? ctx.connectionParams['authorization'] : undefined,
          apiKeyHeader: typeof ctx.connectionParams?.['apiKey'] === 'string' ? ctx.connectionParams['apiKey'] : undefined,
          ip,
        });
        return contextFor(
          app,
          actor,
          { requestId: randomUUID(), ip, userAgent: req.headers['user-agent'] ?? null, trace: { auditWrites: 0 } },
          { set: () => undefined, clear: () => undefined },
        );
      },
    },
    wsServer,
  );

  const introspection = config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production';
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection,
    csrfPrevention: true,
    // main.ts owns shutdown; Apollo's own handlers would keep the process alive outside NODE_ENV=test.
    stopOnTerminationSignals: false,
    formatError,
    validationRules: [depthLimit(config.GRAPHQL_MAX_DEPTH)],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      complexityLimit(schema, config.GRAPHQL_MAX_COMPLEXITY),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
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
          return contextFor(app, await actorOf(req), meta(req, res), cookieJar(res, config.secureCookies));
        } catch (err) {
          if (err instanceof AppError) {
            // Apollo answers context failures with 500 unless the error names its HTTP status.
            const status = err.code === 'RATE_LIMITED' ? 429 : err.code === 'UNAUTHENTICATED' ? 401 : 403;
            const retry = err.options.retryAfterSeconds;
            throw new GraphQLError(err.message, {
              extensions: { ...err.extensions, http: { status, headers: new Map(retry ? [['retry-after', String(retry)]] : []) } },
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

  expressApp.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err }, 'unhandled HTTP error');
    if (!res.headersSent) res.status(500).json({ error: 'サーバーでエラーが発生しました。' });
  });

  await new Promise<void>((ok) => httpServer.listen(config.PORT, config.HOST, ok));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `${config.TLS_CERT_FILE ? 'https' : 'http'}://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url }, 'server listening');
  return {
    url,
    port,
    async close() {
      await apollo.stop();
      httpServer.closeAllConnections?.();
      await new Promise<void>((ok) => httpServer.close(() => ok()));
    },
  };
}
