import type { GraphQLSchema } from 'graphql';
import type { App } from './app.js';
import { registerModuleCatalogues } from './app.js';
import { auditGuard, buildGraphQLSchema } from './platform/graphql/schema.js';
import { featureModules } from './modules/index.js';

/**
 * Builds the schema from every module's resolvers, each constructed with its own module's services
 * (no DI container magic). Without an app (emitting schema.graphql, reading its shape in tests) the
 * resolvers get no services: the schema is the same, and nothing is executed on it.
 */
export async function buildAppSchema(
  app: Pick<App, 'pubsub' | 'logger'> & Partial<Pick<App, 'created'>>,
  options: { strictAudit: boolean; emitSchemaFile?: string },
): Promise<GraphQLSchema> {
  const manifests = app.created?.map((c) => c.manifest) ?? featureModules;
  registerModuleCatalogues(manifests);
  const instances = new Map<unknown, unknown>();
  for (const manifest of manifests) {
    const services = app.created?.find((c) => c.manifest.name === manifest.name)?.parts.services;
    for (const R of manifest.resolvers ?? []) instances.set(R, new R(services as never));
  }
  const resolvers = [...instances.keys()] as Array<new (...args: never[]) => unknown>;
  if (resolvers.length === 0) throw new Error('no module declares a resolver');
  return buildGraphQLSchema({
    resolvers: resolvers as [new (...args: never[]) => unknown, ...Array<new (...args: never[]) => unknown>],
    container: { get: (cls) => instances.get(cls) },
    pubSub: app.pubsub,
    guards: [auditGuard(app.logger, options.strictAudit)],
    emitSchemaFile: options.emitSchemaFile,
  });
}
