import { defineModule } from '../../platform/modules/feature-module.js';
import { DeliveryRunner, LANES_PER_RUN, PREPARE_JOB, SEND_JOB } from './delivery-runner.js';
import { Delivery, DeliveryRun } from './delivery.entity.js';
import { DeliveryService } from './delivery.service.js';
import { deliveryPermissions } from './deliveries.permissions.js';
import { DeliveryResolver, DeliveryRunResolver } from './deliveries.resolver.js';
import { DeliveryRunSendModeResolver, DeliverySendModeResolver } from './delivery-broadcast.resolver.js';
import { Migration20261210090000 } from './migrations/Migration20261210090000.js';
import { DeliveryHistoryExport } from './delivery-history-export.js';
import { DELIVERY_LINK_OWNER, deliveryLinkOwner } from './delivery-link-owner.js';
import { DeliveryStat } from './delivery-stat.entity.js';
import { COLLECT_STATS_JOB, DeliveryStatsService } from './delivery-stats.service.js';
import { DeliveryRunStatsResolver, DeliveryStatsResolver } from './delivery-stats.resolver.js';
import { deliveryHistoryRoutes } from './delivery-stats.routes.js';
import { Migration20261211143000 } from './migrations/Migration20261211143000.js';
import { DeliveryStepPlan } from './delivery-step.entity.js';
import { DeliveryStepService, STEPS_JOB } from './delivery-step.service.js';
import { DeliveryStepPlanResolver } from './delivery-steps.resolver.js';
import { RecurringImportResolver } from './recurring-import.resolver.js';
import { recurringImportRoutes } from './recurring-import.routes.js';
import { RecurringImportService } from './recurring-import.service.js';
import { Migration20261211090000 } from './migrations/Migration20261211090000.js';
import { Migration20261213090000 } from './migrations/Migration20261213090000.js';
import { Migration20261214090000 } from './migrations/Migration20261214090000.js';
import { Migration20261215134200 } from './migrations/Migration20261215134200.js';
import { Migration20261216090000 } from './migrations/Migration20261216090000.js';
import { Migration20261219090000 } from './migrations/Migration20261219090000.js';
import { DeliveryFormService } from './delivery-form.service.js';
import { DeliveryAnswerCounts } from './delivery-answers.js';
import { deliveryFormDirectory } from './delivery-form-directory.js';
import { DeliveryMailService, MAIL_JOB } from './delivery-mail.service.js';

/** Starts again the runs whose lanes or preparer died with a worker. */
const RESUME_JOB = 'deliveries.resume';

export interface DeliveryServices {
  readonly deliveries: DeliveryService;
  readonly runner: DeliveryRunner;
  readonly stats: DeliveryStatsService;
  readonly steps: DeliveryStepService;
  readonly imports: RecurringImportService;
  /** SEG-05: the mail to a delivery's lists when a real run starts. */
  readonly mail: DeliveryMailService;
}

/**
 * Segment delivery (SEG-01..17): compose up to five LINE messages per language, target all
 * friends, segments or a list, send now, at a time or by a rule; runs are prepared into
 * multicast batches and sent by lanes on any worker (docs/adr/0014). A delivery may carry a form
 * (FORM-08) and be mirrored by mail to mail lists (SEG-05).
 */
export const deliveriesModule = defineModule({
  name: 'deliveries',
  needs: ['audit', 'channels', 'residents', 'attributes', 'segments', 'links', 'forms', 'mailLists'],
  entities: [Delivery, DeliveryRun, DeliveryStat, DeliveryStepPlan],
  migrations: [
    { name: 'Migration20261210090000', class: Migration20261210090000 },
    { name: 'Migration20261211143000', class: Migration20261211143000 },
    { name: 'Migration20261211090000', class: Migration20261211090000 },
    { name: 'Migration20261213090000', class: Migration20261213090000 },
    { name: 'Migration20261214090000', class: Migration20261214090000 },
    // FORM-08: the form a run's cards linked to with its reference
    { name: 'Migration20261215134200', class: Migration20261215134200 },
    { name: 'Migration20261216090000', class: Migration20261216090000 },
    // docs/adr/0014: batches carry their sealed LINE user ids; preparation's reader groups in PostgreSQL
    { name: 'Migration20261219090000', class: Migration20261219090000 },
  ],
  permissions: [deliveryPermissions],
  resolvers: [
    DeliveryResolver,
    DeliveryRunResolver,
    DeliveryStatsResolver,
    DeliveryRunStatsResolver,
    DeliveryStepPlanResolver,
    RecurringImportResolver,
    DeliverySendModeResolver,
    DeliveryRunSendModeResolver,
  ],
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
        // SEG-05: after the run is committed; a retry or a second run of it queues no mail twice.
        name: MAIL_JOB,
        concurrency: 2,
        lockLifetimeMs: 60_000,
        retry: { attempts: 5, firstDelayMs: 5_000 },
        async run(job, { services }) {
          await services.mail.mailRun(String(job.data['runId']), () => job.touch());
        },
      },
      {
        name: RESUME_JOB,
        concurrency: 1,
        async run(_job, { services, logger }) {
          const resumed = await services.runner.resumeAll();
          if (resumed) logger.info({ resumed }, 'delivery runs resumed');
          const mailed = await services.mail.resumeAll();
          if (mailed) logger.info({ mailed }, "delivery runs' mail queued again");
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
      {
        // LINE's opens and clicks for the runs of the last two weeks (SEG-14/15), within its 60 calls an hour.
        name: COLLECT_STATS_JOB,
        concurrency: 1,
        async run(_job, { services, logger }) {
          logger.info(await services.stats.collect(), 'delivery statistics collected');
        },
      },
      {
        // Step messages (SEG-11): what fell due in the last five minutes, exactly once per child's date.
        name: STEPS_JOB,
        concurrency: 1,
        async run(job, { services, logger }) {
          const result = await services.steps.runDue(new Date(), () => job.touch());
          if (result.queued || result.batchesSent || result.batchesFailed) logger.info(result, 'step messages sent');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('1 minute', 'deliveries.tick');
      await scheduler.every('20 * * * *', COLLECT_STATS_JOB, undefined, { timezone: 'Asia/Tokyo' });
      await scheduler.every('5 minutes', STEPS_JOB);
      // Runs whose lanes or preparer died with a worker go on at once (a job: reconcilers only schedule).
      await scheduler.now(RESUME_JOB);
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { lineChannels } = ctx.module('channels');
    const { segments } = ctx.module('segments');
    const { links } = ctx.module('links');
    // Segments name a delivery by the staff member's department scope (who opened its links, docs/adr/0016).
    links.registerOwner(DELIVERY_LINK_OWNER, deliveryLinkOwner);
    // Segments name a delivery's form answerers by the deliveries that carry a form (FORM-08).
    segments.registerDeliveryForms(deliveryFormDirectory);
    const { attributes } = ctx.module('attributes');
    const { forms, via, submissions } = ctx.module('forms');
    const mailLists = ctx.module('mailLists');
    const runner = new DeliveryRunner(ctx.orm, ctx.lineGateway, lineChannels, segments, audit, ctx.scheduler, ctx.pubsub, ctx.logger, {
      sendsPerLane: ctx.config.DELIVERY_SENDS_PER_LANE,
    });
    const answers = new DeliveryAnswerCounts(submissions);
    const stats = new DeliveryStatsService(ctx.orm, ctx.lineGateway, lineChannels, links, ctx.logger, answers);
    const steps = new DeliveryStepService(ctx.orm, ctx.lineGateway, lineChannels, segments, attributes, links, audit, ctx.logger);
    const imports = new RecurringImportService(segments, audit, ctx.logger);
    const mail = new DeliveryMailService(ctx.orm, mailLists.lists, mailLists.mirror, ctx.scheduler, audit, ctx.logger);
    const deliveryForms = new DeliveryFormService(forms, via, ctx.config.PUBLIC_URL.replace(/\/$/, ''));
    const deliveries = new DeliveryService(runner, segments, links, deliveryForms, mail, audit, ctx.logger);
    return {
      services: { runner, deliveries, stats, steps, imports, mail },
      routes: [
        ...deliveryHistoryRoutes(new DeliveryHistoryExport(stats, answers, audit, ctx.logger), ctx.config.PUBLIC_URL, ctx.logger),
        ...recurringImportRoutes(imports),
      ],
    };
  },
});
