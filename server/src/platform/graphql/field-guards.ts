import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from '../context/context.js';

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * A check around the fields it applies to, installed once on the built schema.
 *
 * Why not type-graphql's `globalMiddlewares`: those run on every field of every object, plain
 * properties included, through an async chain, so a list of 20 rows with 3 fields each paid ~60
 * promise chains (and their async-hook callbacks) for checks that only concern fields with
 * arguments, or only mutations. A guard names the fields it needs and stays synchronous when it can.
 */
export interface FieldGuard {
  appliesTo(field: GraphQLField<unknown, GraphQLContext>, parent: GraphQLObjectType, schema: GraphQLSchema): boolean;
  wrap(resolve: Resolver): Resolver;
}

/** Installs the guards (the first listed runs first) on every field they apply to: resolve and, for subscriptions, subscribe. */
export function installFieldGuards(schema: GraphQLSchema, guards: readonly FieldGuard[]): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, GraphQLContext>>) {
      for (const guard of [...guards].reverse()) {
        if (!guard.appliesTo(field, type, schema)) continue;
        field.resolve = guard.wrap(field.resolve ?? defaultFieldResolver);
        if (field.subscribe) field.subscribe = guard.wrap(field.subscribe);
      }
    }
  }
  return schema;
}
