import type { GraphQLSchema } from 'graphql';
import type { App } from './app.js';
import { auditGuard, buildGraphQLSchema } from './platform/graphql/schema.js';
import {
  ApiKeyResolver,
  DepartmentResolver,
  IpAllowlistResolver,
  RoleResolver,
  SessionResolver,
  StaffUserResolver,
} from './modules/identity/identity.resolver.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { ResidentSessionResolver } from './modules/residents/resident.resolver.js';
import { LineChannelResolver } from './modules/channels/line-channel.resolver.js';
import { ResidentAdminResolver } from './modules/residents/resident.admin.resolver.js';
import { WebhookResolver } from './modules/webhook/webhook.resolver.js';

/** Every resolver of the API; features add theirs here. */
export const resolvers = [
  SessionResolver,
  DepartmentResolver,
  RoleResolver,
  StaffUserResolver,
  ApiKeyResolver,
  IpAllowlistResolver,
  AuditResolver,
  ResidentSessionResolver,
  LineChannelResolver,
  ResidentAdminResolver,
  WebhookResolver,
] as const;

/** Builds the schema with resolvers constructed over the app's services (no DI container magic). */
export async function buildAppSchema(
  app: Pick<App, 'services' | 'pubsub' | 'logger'>,
  options: { strictAudit: boolean; emitSchemaFile?: string },
): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(resolvers.map((R) => [R, new R(app.services)]));
  return buildGraphQLSchema({
    resolvers: [...resolvers] as never,
    container: { get: (cls) => instances.get(cls) },
    pubSub: app.pubsub,
    middlewares: [auditGuard(app.logger, options.strictAudit)],
    emitSchemaFile: options.emitSchemaFile,
  });
}
