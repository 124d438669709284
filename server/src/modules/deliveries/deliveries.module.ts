import { defineModule } from '../../platform/modules/feature-module.js';
import { DeliveryRunner, LANES_PER_RUN, PREPARE_JOB, SEND_JOB } from './delivery-runner.js';
import { Delivery, DeliveryRun } from './delivery.entity.js';
import { DeliveryService } from './delivery.service.js';
import { deliveryPermissions } from './deliveries.permissions.js';
import { DeliveryResolver, DeliveryRunResolver } from './deliveries.resolver.js';
import { Migration20261210090000 } from './migrations/Migration20261210090000.js';

export interface DeliveryServices {
  readonly deliveries: DeliveryService;
  readonly runner: DeliveryRunner;
}

/**
 * Segment delivery (SEG-01..17): compose up to five LINE messages per language, target all
 * friends, segments or a list, send now, at a time or by a rule; runs are prepared into
 * multicast batches and sent by lanes on any worker (docs/adr/0014).
 */
export const deliveriesModule = defineModule({
  name: 'deliveries',
  needs: ['audit', 'channels', 'residents', 'segments', 'links'],
  entities: [Delivery, DeliveryRun],
  migrations: [{ name: 'Migration20261210090000', class: Migration20261210090000 }],
  permissions: [deliveryPermissions],
  resolvers: [DeliveryResolver, DeliveryRunResolver],
  jobs: {
    feature: 'deliveries',
    jobs: [
      {
        name: PREPARE_JOB,
        concurrency: 2,
        lockLifetimeMs: 60_000,
        retry: { attempts: 5, firstDelayMs: 5_000 },
        async run(job, { services }) {
          await services.runner.prepare(String(job.data['runId']), () => job.touch());
        },
      },
      {
        name: SEND_JOB,
        // Each lane holds a connection while LINE answers; more lanes per worker buy nothing once
        // the gateway's pacing is the limit.
        concurrency: LANES_PER_RUN,
        lockLifetimeMs: 60_000,
        retry: { attempts: 5, firstDelayMs: 5_000 },
        async run(job, { services }) {
          await services.runner.sendLane(String(job.data['runId']), () => job.touch());
        },
      },
      {
        name: 'deliveries.tick',
        concurrency: 1,
        async run(_job, { services, logger }) {
          const started = await services.deliveries.startDue();
          if (started) logger.info({ started }, 'scheduled deliveries started');
        },
      },
    ],
    async reconcile({ scheduler, services, logger }) {
      await scheduler.every('1 minute', 'deliveries.tick');
      // Runs whose lanes or preparer died with a worker go on at once.
      const resumed = await services.runner.resumeAll();
      if (resumed) logger.info({ resumed }, 'delivery runs resumed');
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { lineChannels } = ctx.module('channels');
    const { segments } = ctx.module('segments');
    const { links } = ctx.module('links');
    const runner = new DeliveryRunner(ctx.orm, ctx.lineGateway, lineChannels, segments, audit, ctx.scheduler, ctx.pubsub, ctx.logger);
    return { services: { runner, deliveries: new DeliveryService(runner, segments, links, audit, ctx.logger) } };
  },
});
