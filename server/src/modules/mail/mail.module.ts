import { defineModule } from '../../platform/modules/feature-module.js';
import { SmtpMailer } from '../../platform/mail/smtp.js';
import { mailPermissions } from './mail.permissions.js';
import { MailResolver } from './mail.resolver.js';
import { DELIVER_JOB, MailService } from './mail.service.js';
import { Migration20261202050000 } from './migrations/Migration20261202050000.js';
import { Migration20261218100000 } from './migrations/Migration20261218100000.js';
import { OutboundMail } from './outbound-mail.entity.js';

export interface MailServices {
  readonly mail: MailService;
}

/** Outbound mail: the outbox other features queue into, its delivery job and the 送信メール page. */
export const mailModule = defineModule({
  name: 'mail',
  needs: ['audit'],
  entities: [OutboundMail],
  migrations: [
    { name: 'Migration20261202050000', class: Migration20261202050000 },
    { name: 'Migration20261218100000', class: Migration20261218100000 },
  ],
  permissions: [mailPermissions],
  resolvers: [MailResolver],
  jobs: {
    feature: 'mail',
    jobs: [
      {
        name: DELIVER_JOB,
        concurrency: 4,
        // Temporary SMTP failures: 1 min, 2, 4, 8 … (the mail's own attempt count ends it).
        retry: { attempts: 8, firstDelayMs: 60_000 },
        async run(job, { services, logger }) {
          const status = await services.mail.deliver(String(job.data['id']));
          logger.debug({ mailId: job.data['id'], status }, 'mail delivery');
        },
      },
      {
        name: 'mail.requeue',
        concurrency: 1,
        async run(_job, { services, logger }) {
          const queued = await services.mail.requeueWaiting();
          if (queued) logger.info({ queued }, 'queued waiting mail again');
        },
      },
      {
        name: 'mail.purge',
        concurrency: 1,
        async run(_job, { services, logger }) {
          logger.info({ deleted: await services.mail.purgeOld() }, 'purged old mail');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('*/5 * * * *', 'mail.requeue');
      await scheduler.every('40 3 * * *', 'mail.purge', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const mailer = new SmtpMailer({ url: ctx.config.SMTP_URL, from: ctx.config.MAIL_FROM }, ctx.logger);
    return {
      services: { mail: new MailService(ctx.orm, ctx.config, mailer, ctx.scheduler, audit, ctx.logger) },
      stop: async () => mailer.close(),
    };
  },
});
