import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  GraphQLError,
  createSourceEventStream,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { App } from '../app.js';
import type { Actor } from '../platform/context/actor.js';
import type { GraphQLContext } from '../platform/context/context.js';
import { AppError, forbidden } from '../platform/errors/app-error.js';
import type { GraphQLPipeline } from '../platform/graphql/pipeline.js';
import type { Logger } from '../platform/logging/logger.js';
import { resolveActor } from './actor-resolver.js';
import { NO_COOKIES, contextFor, requestMeta, type RequestSource } from './request-context.js';

/** The largest message a client may send: the same as an HTTP request body. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

type Extra = { readonly socket: WebSocket; readonly request: IncomingMessage } & Record<PropertyKey, unknown>;

/** A subscription's context: the actor is refreshed before each event (see subscribeWithFreshActor). */
interface LiveContext extends GraphQLContext {
  actor: Actor;
  readonly source: RequestSource;
}

export interface WebSocketGraphQLOptions {
  app: App;
  httpServer: Server;
  pipeline: GraphQLPipeline;
  /** The client's address, read exactly as for HTTP requests (TRUST_PROXY). */
  clientIp: (req: IncomingMessage) => string | null;
  publicOrigin: string;
  logger: Logger;
}

const asGraphQLError = (err: unknown) =>
  err instanceof GraphQLError ? err : new GraphQLError(err instanceof Error ? err.message : String(err), { originalError: err as Error });

/**
 * GraphQL over WebSocket (graphql-ws) with the HTTP endpoint's hardening: the same validation
 * rules, depth and cost limits, introspection setting and error masking (the shared pipeline),
 * the same actor resolution (TRUST_PROXY, IP allowlist, API-key rate limits), a message size
 * limit, and subscriptions that re-check their actor before every event, so a logout, a password
 * change or reset, a deactivation or a role change takes effect on an open subscription at once.
 */
export function serveGraphQLOverWebSocket(options: WebSocketGraphQLOptions): { dispose(): Promise<void> } {
  const { app, pipeline, logger } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  wsServer.on('error', (err) => logger.warn({ err }, 'websocket server error'));
  wsServer.on('connection', (socket) => socket.on('error', (err) => logger.debug({ err }, 'websocket error')));

  const sourceOf = (req: IncomingMessage, params: Record<string, unknown> | undefined): RequestSource => ({
    cookieHeader: req.headers.cookie,
    authorization: typeof params?.['authorization'] === 'string' ? params['authorization'] : undefined,
    apiKeyHeader: typeof params?.['apiKey'] === 'string' ? params['apiKey'] : undefined,
    ip: options.clientIp(req),
    userAgent: req.headers['user-agent'] ?? null,
  });
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => pipeline.formatError(e.toJSON(), e));

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: pipeline.schema,
      onConnect: ({ extra }) => {
        const origin = extra.request.headers.origin;
        if (!origin) return true;
        // A browser page on another site must not ride the staff cookie (cross-site WebSocket hijacking).
        try {
          return origin === options.publicOrigin || new URL(origin).host === extra.request.headers.host;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: 20_000 });
        } catch (err) {
          return [asGraphQLError(err)];
        }
        const errors = validate(pipeline.schema, document, [...specifiedRules, ...pipeline.validationRules]);
        if (errors.length) return errors;
        if (!getOperationAST(document, payload.operationName)) {
          return [new GraphQLError('実行する操作を特定できません。', { extensions: { code: 'BAD_REQUEST' } })];
        }
        try {
          pipeline.checkCost(document, payload.variables, payload.operationName);
          const source = sourceOf(ctx.extra.request, ctx.connectionParams);
          const actor = await resolveActor(app.modules, source);
          const contextValue: LiveContext = { ...contextFor(app, actor, requestMeta(source), NO_COOKIES), actor, source };
          return {
            schema: pipeline.schema,
            document,
            variableValues: payload.variables ?? null,
            operationName: payload.operationName ?? null,
            contextValue,
          } satisfies ExecutionArgs;
        } catch (err) {
          return [asGraphQLError(err)];
        }
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      subscribe: (args) => subscribeWithFreshActor(app, args),
    },
    wsServer,
  );
  return { dispose: async () => cleanup.dispose() };
}

/**
 * graphql-js's subscribe, with the actor resolved again before each event from what the
 * connection presented: every event runs with a fresh context (actor, scope, EntityManager). An
 * actor whose session or key has ended gets one UNAUTHENTICATED (or FORBIDDEN) result and the
 * subscription ends; an event whose object the actor can no longer see is skipped.
 */
async function subscribeWithFreshActor(app: App, args: ExecutionArgs) {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const live = args.contextValue as LiveContext;
  const source = stream[Symbol.asyncIterator]();
  let ended = false;

  const endWith = async (error: AppError): Promise<IteratorResult<ExecutionResult>> => {
    ended = true;
    await source.return?.();
    return { value: { errors: [new GraphQLError(error.message, { originalError: error })] }, done: false };
  };

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      for (;;) {
        if (ended) return { value: undefined, done: true };
        const event = await source.next();
        if (event.done) return { value: undefined, done: true };
        let actor: Actor;
        try {
          actor = await resolveActor(app.modules, live.source, { revalidate: true });
        } catch (err) {
          return endWith(err instanceof AppError ? err : forbidden());
        }
        if (actor.kind === 'anonymous' && live.actor.kind !== 'anonymous') {
          return endWith(new AppError('UNAUTHENTICATED', 'セッションが終了しました。もう一度ログインしてください。'));
        }
        live.actor = actor;
        const contextValue = contextFor(app, actor, { ...live.meta, requestId: randomUUID(), trace: { auditWrites: 0 } }, NO_COOKIES);
        const result = await execute({ ...args, rootValue: event.value, contextValue });
        const codes = (result.errors ?? []).map((e) => (e.originalError as AppError | undefined)?.code ?? e.extensions['code']);
        if (codes.includes('UNAUTHENTICATED') || codes.includes('FORBIDDEN')) {
          ended = true;
          await source.return?.();
          return { value: result, done: false };
        }
        if (codes.includes('NOT_FOUND') && !result.data) continue; // no longer visible to this actor
        return { value: result, done: false };
      }
    },
    async return() {
      ended = true;
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(err: unknown) {
      ended = true;
      await source.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}
