import { defineModule } from '../../platform/modules/feature-module.js';
import { httpDuration } from '../../platform/metrics/registry.js';
import { LineWebhookEvent } from './line-webhook-event.entity.js';
import { webhookMigrations } from './migrations/index.js';
import { WebhookConsumer } from './webhook.consumer.js';
import { WebhookIngestion } from './webhook-ingest.js';
import { WebhookProcessor } from './webhook-processor.js';
import { WebhookResolver } from './webhook.resolver.js';
import { webhookRoute } from './webhook.route.js';
import { WebhookEvents } from './webhook.service.js';

export interface WebhookServices {
  readonly ingestion: WebhookIngestion;
  readonly processor: WebhookProcessor;
  readonly events: WebhookEvents;
  /** The consumer of this process, when WEBHOOK_PROCESSING names it (null elsewhere). */
  consumer(): WebhookConsumer | null;
}

/**
 * LINE's webhook (DESIGN §4, ADR 0006): signed calls stored once per event and answered at once,
 * then processed by the consumers through the event router, whose handlers the other modules
 * declare in their manifests.
 */
export const webhookModule = defineModule({
  name: 'webhook',
  needs: ['audit', 'channels'],
  entities: [LineWebhookEvent],
  migrations: webhookMigrations,
  resolvers: [WebhookResolver],
  jobs: {
    feature: 'webhook',
    jobs: [
      {
        // Events are consumed as they arrive by the consumer every job worker runs; this sweep is
        // the backstop for retries that fell due and claims a crashed process left behind.
        name: 'webhook.processPending',
        concurrency: 1,
        async run(_job, { services, logger }) {
          const processed = await services.processor.processPending();
          if (processed) logger.info({ processed }, 'processed pending webhook events');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('1 minute', 'webhook.processPending');
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { lineChannels } = ctx.module('channels');
    const { orm, keyring, logger, webhookRouter, config } = ctx;
    const ingestion = new WebhookIngestion(orm, keyring, lineChannels);
    const processor = new WebhookProcessor(orm, keyring, webhookRouter, logger);
    let consumer: WebhookConsumer | null = null;
    return {
      services: { ingestion, processor, events: new WebhookEvents(orm, processor, audit, logger), consumer: () => consumer },
      routes: [
        {
          kind: 'raw',
          path: '/webhook/:channel',
          methods: ['POST'],
          handle: webhookRoute({
            ingestion,
            logger,
            observe: (status, seconds) => httpDuration.labels('/webhook/:channel', 'POST', String(status)).observe(seconds),
          }),
        },
      ],
      // The processes WEBHOOK_PROCESSING names consume stored events, woken by NOTIFY.
      async start() {
        if (ctx.role === config.WEBHOOK_PROCESSING) consumer = await WebhookConsumer.start(processor, config.DATABASE_URL, logger);
      },
      async stop() {
        await consumer?.stop();
      },
    };
  },
});
