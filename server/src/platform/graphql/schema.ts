import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../auth/auth-checker.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { Logger } from '../logging/logger.js';
import { installFieldGuards, type FieldGuard } from './field-guards.js';
import { inputGuard } from './input-guard.js';

/**
 * Every staff or API-key mutation must leave an audit event (ADM-16). A mutation that forgets is
 * a bug: logged always, and an error in tests so it cannot land.
 */
export function auditGuard(logger: Logger, strict: boolean): FieldGuard {
  return {
    appliesTo: (_field, parent, schema) => parent === schema.getMutationType(),
    wrap: (resolve) => async (root, args, context, info) => {
      const result: unknown = await resolve(root, args, context, info);
      if (
        (context.actor.kind === 'staff' || context.actor.kind === 'apiKey') &&
        context.meta.trace.auditWrites === 0 &&
        !context.meta.trace.unchanged
      ) {
        logger.error({ mutation: info.fieldName }, 'mutation by staff/API key wrote no audit event');
        if (strict) throw new Error(`mutation ${info.fieldName} wrote no audit event`);
      }
      return result;
    },
  };
}

export async function buildGraphQLSchema(options: {
  resolvers: NonEmptyArray<new (...args: never[]) => unknown>;
  container: { get(cls: unknown): unknown };
  pubSub: PubSub;
  /** Checks around some fields, after the argument guard (see field-guards.ts). */
  guards?: FieldGuard[];
  emitSchemaFile?: string;
}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    container: { get: (cls) => options.container.get(cls) },
    authChecker,
    authMode: 'error',
    pubSub: options.pubSub,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: options.emitSchemaFile ? { path: options.emitSchemaFile, sortedSchema: true } : false,
  });
  return installFieldGuards(schema, [inputGuard, ...(options.guards ?? [])]);
}
