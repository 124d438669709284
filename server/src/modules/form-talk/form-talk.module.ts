import { defineModule } from '../../platform/modules/feature-module.js';
import { FormOnboardingSetting, FormRegistrationReminder, FormTalkSession } from './form-talk.entities.js';
import { FormTalkResolver } from './form-talk.resolver.js';
import { FormTalkService } from './form-talk.service.js';
import { formsPort } from './forms-adapter.js';
import { Migration20261206100000 } from './migrations/Migration20261206100000.js';
import { OnboardingService } from './onboarding.service.js';

export interface FormTalkServices {
  readonly talk: FormTalkService;
  readonly onboarding: OnboardingService;
}

export const REMIND_JOB = 'formTalk.remind';
export const PURGE_JOB = 'formTalk.purgeSessions';

/**
 * The forms seen from the LINE talk screen: the follow greeting's link to the registration form
 * and one reminder for friends who have not registered (RES-07), and surveys answered step by
 * step in the talk (FORM-14). Its own module beside forms, which it uses only through forms'
 * public services, so the forms module knows nothing of LINE conversations.
 */
export const formTalkModule = defineModule({
  name: 'formTalk',
  needs: ['audit', 'channels', 'residents', 'forms'],
  entities: [FormOnboardingSetting, FormRegistrationReminder, FormTalkSession],
  migrations: [{ name: 'Migration20261206100000', class: Migration20261206100000 }],
  resolvers: [FormTalkResolver],
  jobs: {
    feature: 'formTalk',
    jobs: [
      {
        name: REMIND_JOB,
        concurrency: 1,
        async run(_job, { services, logger }) {
          const result = await services.onboarding.sendDueReminders();
          if (result.sent || result.failed) logger.info(result, 'registration reminders');
        },
      },
      {
        name: PURGE_JOB,
        concurrency: 1,
        async run(_job, { services, logger }) {
          const purged = await services.talk.purgeExpired();
          if (purged) logger.info({ purged }, 'forgot talk surveys left alone for a day');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('*/15 * * * *', REMIND_JOB);
      await scheduler.every('20 * * * *', PURGE_JOB);
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { lineChannels, publicUrl } = ctx.module('channels');
    const residents = ctx.module('residents');
    const forms = formsPort(ctx.orm, ctx.module('forms'));
    const talk = new FormTalkService(ctx.orm, ctx.lineGateway, lineChannels, residents, forms, publicUrl, ctx.logger);
    const onboarding = new OnboardingService(
      ctx.orm,
      ctx.lineGateway,
      lineChannels,
      residents,
      forms,
      audit,
      (id) => talk.formUrl(id),
      ctx.logger,
    );
    residents.followGreeting.extend((channel) => onboarding.greetingMessages(channel));
    return { services: { talk, onboarding }, webhookHandlers: talk.handlers() };
  },
});
