import { buildSchema, type NonEmptyArray, type MiddlewareFn } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../auth/auth-checker.js';
import type { GraphQLContext } from '../context/context.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { Logger } from '../logging/logger.js';
import { inputGuard } from './input-guard.js';

/**
 * Every staff or API-key mutation must leave an audit event (ADM-16). A mutation that forgets is
 * a bug: logged always, and an error in tests so it cannot land.
 */
export function auditGuard(logger: Logger, strict: boolean): MiddlewareFn<GraphQLContext> {
  return async ({ info, context }, next) => {
    const result: unknown = await next();
    if (
      info.parentType.name === 'Mutation' &&
      (context.actor.kind === 'staff' || context.actor.kind === 'apiKey') &&
      context.meta.trace.auditWrites === 0 &&
      !context.meta.trace.unchanged
    ) {
      logger.error({ mutation: info.fieldName }, 'mutation by staff/API key wrote no audit event');
      if (strict) throw new Error(`mutation ${info.fieldName} wrote no audit event`);
    }
    return result;
  };
}

export async function buildGraphQLSchema(options: {
  resolvers: NonEmptyArray<new (...args: never[]) => unknown>;
  container: { get(cls: unknown): unknown };
  pubSub: PubSub;
  middlewares?: MiddlewareFn<GraphQLContext>[];
  emitSchemaFile?: string;
}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: options.resolvers,
    container: { get: (cls) => options.container.get(cls) },
    authChecker,
    authMode: 'error',
    pubSub: options.pubSub,
    validate: { forbidUnknownValues: false },
    globalMiddlewares: [inputGuard, ...(options.middlewares ?? [])],
    emitSchemaFile: options.emitSchemaFile ? { path: options.emitSchemaFile, sortedSchema: true } : false,
  });
}
