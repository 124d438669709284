import type { JobModule } from './job-module.js';

/**
 * LINE background work: webhook events that failed or that a crash left unprocessed are retried
 * every minute, and residents' profiles are refreshed daily (LINE names and pictures change).
 */
export const lineJobs: JobModule = {
  feature: 'line',
  jobs: [
    {
      name: 'webhook.processPending',
      concurrency: 1,
      async run(_job, { app, logger }) {
        const processed = await app.services.webhooks.processPending();
        if (processed) logger.info({ processed }, 'processed pending webhook events');
      },
    },
    {
      name: 'residents.refreshProfiles',
      concurrency: 1,
      async run(_job, { app, logger }) {
        const refreshed = await app.services.residents.refreshStaleProfiles();
        logger.info({ refreshed }, 'refreshed resident profiles');
      },
    },
  ],
  async reconcile({ scheduler }) {
    await scheduler.every('1 minute', 'webhook.processPending');
    await scheduler.every('10 4 * * *', 'residents.refreshProfiles', undefined, { timezone: 'Asia/Tokyo' });
  },
};
