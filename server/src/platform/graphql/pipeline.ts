import {
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AppConfig } from '../../config/config.js';
import type { Logger } from '../logging/logger.js';
import { createFormatError } from '../errors/format-error.js';
import { checkQueryCost, depthLimit } from './limits.js';

/**
 * What every GraphQL operation goes through, whichever transport carries it (HTTP through
 * Apollo, WebSocket through graphql-ws): the same validation rules (depth limit, introspection
 * off in production), the same cost limit and the same error masking. Actor resolution is shared
 * too (http/request-context.ts). A limit added here applies to both.
 */
export interface GraphQLPipeline {
  readonly schema: GraphQLSchema;
  readonly introspection: boolean;
  /** Validation rules beyond graphql-js's specified ones. */
  readonly validationRules: ValidationRule[];
  /** Throws a GraphQLError (QUERY_TOO_COMPLEX or BAD_USER_INPUT) for an operation over the limit. */
  readonly checkCost: (
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName?: string | null,
  ) => void;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export function createGraphQLPipeline(
  schema: GraphQLSchema,
  config: Pick<AppConfig, 'GRAPHQL_INTROSPECTION' | 'NODE_ENV' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_COMPLEXITY'>,
  logger: Logger,
): GraphQLPipeline {
  const introspection = config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production';
  return {
    schema,
    introspection,
    validationRules: [depthLimit(config.GRAPHQL_MAX_DEPTH), ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])],
    checkCost: (document, variables, operationName) =>
      checkQueryCost(schema, config.GRAPHQL_MAX_COMPLEXITY, document, variables, operationName),
    formatError: createFormatError(logger),
  };
}

/** The cost limit as an Apollo plugin (the validation rules go in Apollo's validationRules). */
export function costLimitPlugin(pipeline: GraphQLPipeline): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          pipeline.checkCost(document, request.variables, request.operationName);
        },
      };
    },
  };
}
