import { defineModule } from '../../platform/modules/feature-module.js';
import { dateParam, textParam } from '../../platform/http/query-params.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditSettings } from './audit-settings.entity.js';
import { auditPermissions } from './audit.permissions.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

export interface AuditServices {
  readonly audit: AuditService;
}

/** The operation log (ADM-16, ADM-18): hash-chained events, live tail, CSV export, retention. */
export const auditModule = defineModule({
  name: 'audit',
  entities: [AuditEvent, AuditSettings],
  permissions: [auditPermissions],
  resolvers: [AuditResolver],
  jobs: {
    feature: 'audit',
    jobs: [
      {
        // Daily purge of events past their retention (AUDIT_RETENTION_MONTHS, changeable in the console).
        name: 'audit.purgeExpired',
        async run(_job, { services, logger }) {
          const { deleted } = await services.audit.purgeExpired();
          logger.info({ deleted }, 'purged expired audit events');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create({ orm, keyring, pubsub, logger, config }) {
    const audit = new AuditService(orm, keyring, pubsub, logger, config.AUDIT_RETENTION_MONTHS);
    return {
      services: { audit },
      routes: [
        {
          kind: 'download',
          path: '/api/audit-events.csv',
          filePrefix: 'audit-log',
          produce: (ctx, req) =>
            audit.exportCsv(ctx, {
              from: dateParam(req.query['from']),
              to: dateParam(req.query['to']),
              action: textParam(req.query['action']),
              actorId: textParam(req.query['actorId']),
              targetType: textParam(req.query['targetType']),
              targetId: textParam(req.query['targetId']),
            }),
        },
      ],
    };
  },
});
