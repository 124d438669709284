import type { JobModule } from './job-module.js';

/**
 * LINE background work. Webhook events are consumed as they arrive by the WebhookConsumer that
 * createApp starts in every job worker (WEBHOOK_PROCESSING=jobs, ADR 0006); this once-a-minute
 * sweep is the backstop for retries that fell due and claims a crashed process left behind, and it
 * runs whichever process consumes. Residents' profiles are refreshed daily (LINE names and pictures
 * change).
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
