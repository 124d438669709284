import { defineModule } from '../../platform/modules/feature-module.js';
import { MailList } from './mail-list.entity.js';
import { MailListService } from './mail-list.service.js';
import { UnsubscribeTokens } from './mail-list-tokens.js';
import { mailListPermissions } from './mail-lists.permissions.js';
import { MailListResolver } from './mail-lists.resolver.js';
import { mailListRoutes } from './mail-lists.routes.js';
import { MailMirrorService } from './mail-mirror.service.js';
import { MailListConfirmation, MailListMember, MailSubscriber } from './mail-subscriber.entity.js';
import { MailSubscriptionService } from './mail-subscription.service.js';
import { Migration20261212100000 } from './migrations/Migration20261212100000.js';

export interface MailListServices {
  /** Staff: lists, counts, subscribers, import; `usable` for features that mail to lists. */
  readonly lists: MailListService;
  /** Residents' sign-up, confirmation and unsubscribe (the public pages), and retention. */
  readonly subscriptions: MailSubscriptionService;
  /** A delivery run's email mirror. */
  readonly mirror: MailMirrorService;
}

/**
 * Mail lists (SEG-05): residents who do not use LINE subscribe by mail (double opt-in on a public
 * page, one-click unsubscribe in every mail), staff manage their department's lists and import
 * subscribers, and deliveries mirror their content to the lists' confirmed subscribers through the
 * mail module's outbox.
 */
export const mailListsModule = defineModule({
  name: 'mailLists',
  needs: ['audit', 'mail'],
  entities: [MailList, MailSubscriber, MailListMember, MailListConfirmation],
  migrations: [{ name: 'Migration20261212100000', class: Migration20261212100000 }],
  permissions: [mailListPermissions],
  resolvers: [MailListResolver],
  jobs: {
    feature: 'mailLists',
    jobs: [
      {
        // Retention: expired links, lists never confirmed, addresses that never confirmed.
        name: 'mailLists.purge',
        concurrency: 1,
        async run(_job, { services, logger }) {
          logger.info(await services.subscriptions.purge(), 'purged unconfirmed mail list sign-ups');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('50 3 * * *', 'mailLists.purge', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { mail } = ctx.module('mail');
    const publicUrl = ctx.config.PUBLIC_URL.replace(/\/$/, '');
    const subscriptions = new MailSubscriptionService(
      ctx.orm,
      ctx.keyring,
      mail,
      audit,
      ctx.rateLimiter,
      new UnsubscribeTokens(ctx.keyring.deriveKey('mail-lists-unsubscribe')),
      publicUrl,
      ctx.logger,
    );
    const lists = new MailListService(subscriptions, ctx.keyring, audit, ctx.logger);
    const mirror = new MailMirrorService(subscriptions, mail, audit, ctx.logger);
    return { services: { lists, subscriptions, mirror }, routes: mailListRoutes(subscriptions, ctx.logger) };
  },
});
