import type { JobModule } from './job-module.js';

/** Daily purge of audit events past their retention (AUDIT_RETENTION_MONTHS). */
export const auditJobs: JobModule = {
  feature: 'audit',
  jobs: [
    {
      name: 'audit.purgeExpired',
      async run(_job, { app, logger }) {
        const { deleted } = await app.services.audit.purgeExpired();
        logger.info({ deleted }, 'purged expired audit events');
      },
    },
  ],
  async reconcile({ scheduler }) {
    await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
  },
};
