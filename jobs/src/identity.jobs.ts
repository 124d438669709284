import type { JobModule } from './job-module.js';

/** Hourly clean-up of ended staff sessions, so the session table holds only live ones. */
export const identityJobs: JobModule = {
  feature: 'identity',
  jobs: [
    {
      name: 'identity.purgeSessions',
      async run(_job, { app, logger }) {
        const { deleted } = await app.services.auth.purgeExpiredSessions();
        logger.info({ deleted }, 'purged ended staff sessions');
      },
    },
  ],
  async reconcile({ scheduler }) {
    await scheduler.every('17 * * * *', 'identity.purgeSessions', undefined, { timezone: 'Asia/Tokyo' });
  },
};
