import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { EmulatorContext, EmulatorOptions, ResolvedOptions } from './context.js';
import { newRequestId } from './ids.js';
import { FaultInjector, MAX_REQUEST_BODY_BYTES, RateLimiter } from './limits.js';
import { PAYLOAD_TOO_LARGE } from './line-errors.js';
import { LineLogin } from './line-login.js';
import { ReplyTokens, Residents } from './residents.js';
import { botRouter } from './routes/bot.js';
import { controlRouter } from './routes/control.js';
import { insightRouter } from './routes/insight.js';
import { loginRouter } from './routes/login.js';
import { messagesRouter } from './routes/messages.js';
import { richMenusRouter } from './routes/richmenus.js';
import { EmulatorStore } from './store.js';
import { WebhookSender } from './webhook-sender.js';

export type { EmulatorOptions } from './context.js';

export interface RunningEmulator {
  /** Base URL for api.line.me, api-data.line.me and access.line.me alike. */
  url: string;
  store: EmulatorStore;
  /** Every route the emulator serves, in OpenAPI notation ("/v2/bot/profile/{userId}"). */
  endpoints: { method: string; path: string }[];
  /** Resolves once no webhook delivery is in flight or scheduled. */
  webhooksSettled: () => Promise<void>;
  close: () => Promise<void>;
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    rateLimitScale: options.rateLimitScale ?? 1,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 2000,
    webhookRedeliveryDelaysMs: options.webhookRedeliveryDelaysMs ?? [10_000, 60_000, 300_000],
    replyTokenLifetimeMs: options.replyTokenLifetimeMs ?? 60_000,
    insightPrivacyThreshold: options.insightPrivacyThreshold ?? 20,
    idTokenLifetimeSeconds: options.idTokenLifetimeSeconds ?? 3600,
  };
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Walks Express's router stacks (routers are mounted at the root, so route paths are absolute). */
function listEndpoints(app: express.Express): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          found.push({ method, path: layer.route.path.replace(/:([A-Za-z]+)/g, '{$1}') });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return found;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const store = new EmulatorStore(resolved.stateFile);
  const webhooks = new WebhookSender(store, {
    timeoutMs: resolved.webhookTimeoutMs,
    redeliveryDelaysMs: resolved.webhookRedeliveryDelaysMs,
  });
  const replyTokens = new ReplyTokens(resolved.replyTokenLifetimeMs);
  const login = new LineLogin(store);
  await login.init();
  let baseUrl = '';
  const context: EmulatorContext = {
    store,
    webhooks,
    replyTokens,
    residents: new Residents(store, webhooks, replyTokens),
    rateLimiter: new RateLimiter(resolved.rateLimitScale),
    faults: new FaultInjector(),
    login,
    options: resolved,
    baseUrl: () => baseUrl,
  };

  const app = express();
  app.disable('x-powered-by');
  // No ETag on JSON answers (no LINE client revalidates one): computing it hashed every response body.
  app.disable('etag');
  // LINE answers every Messaging API request with a request id; so does the emulator, everywhere.
  app.use((_req, res, next) => {
    res.setHeader('x-line-request-id', newRequestId());
    next();
  });
  app.use(express.json({ limit: MAX_REQUEST_BODY_BYTES }));
  app.use(messagesRouter(context));
  app.use(botRouter(context));
  app.use(richMenusRouter(context));
  app.use(insightRouter(context));
  app.use(loginRouter(context));
  app.use(controlRouter(context));
  app.use('/_emulator/ui', express.static(fileURLToPath(new URL('./ui/', import.meta.url))));
  app.get('/', (_req, res) => res.redirect('/_emulator/ui/'));
  app.use((_req, res) => {
    res.status(404).json({ message: 'Not found' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // A body parser refused a body over its limit: LINE's 413, not a server error.
    if ((error as { type?: string }).type === 'entity.too.large') {
      res.status(413).json(PAYLOAD_TOO_LARGE);
      return;
    }
    // Malformed JSON is a client error, reported like LINE's other body errors.
    if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ message: 'The request body has 1 error(s)', details: [{ message: 'Invalid JSON', property: '' }] });
      return;
    }
    console.error('[line-emulator]', error);
    res.status(500).json({ message: 'Internal server error' });
  });

  const server = app.listen(resolved.port, resolved.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${address.port}`;

  return {
    url: baseUrl,
    store,
    endpoints: listEndpoints(app),
    webhooksSettled: () => webhooks.settled(),
    close: async () => {
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
