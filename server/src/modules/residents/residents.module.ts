import { defineModule } from '../../platform/modules/feature-module.js';
import { dateParam, textParam } from '../../platform/http/query-params.js';
import { ResidentEvents, type GreetingExtension } from './resident-events.service.js';
import { ResidentFollowEvent } from './resident-follow-event.entity.js';
import { ResidentNameToken } from './resident-name-token.entity.js';
import { ResidentProfiles } from './resident-profile.service.js';
import { ResidentSession } from './resident-session.entity.js';
import { ResidentAuthService } from './resident-auth.service.js';
import { ResidentAdminResolver } from './resident.admin.resolver.js';
import { Resident } from './resident.entity.js';
import { ResidentSessionResolver } from './resident.resolver.js';
import { ResidentService } from './resident.service.js';
import { residentPermissions } from './residents.permissions.js';
import { TalkLogEntry } from './talk-log-entry.entity.js';
import { TalkLog } from './talk-log.service.js';

export interface ResidentServices {
  readonly residents: ResidentService;
  readonly profiles: ResidentProfiles;
  readonly talkLog: TalkLog;
  readonly residentAuth: ResidentAuthService;
  /** Other features add messages to the follow greeting's reply (RES-07). */
  readonly followGreeting: { extend(extension: GreetingExtension): void };
}

/** LINE friends per channel: follow state, profile (with name search), tags, talk log, LIFF sign-in. */
export const residentsModule = defineModule({
  name: 'residents',
  needs: ['audit', 'channels'],
  entities: [Resident, ResidentSession, ResidentFollowEvent, TalkLogEntry, ResidentNameToken],
  permissions: [residentPermissions],
  resolvers: [ResidentSessionResolver, ResidentAdminResolver],
  jobs: {
    feature: 'residents',
    jobs: [
      {
        // LINE names and pictures change: refresh the week-old ones daily.
        name: 'residents.refreshProfiles',
        concurrency: 1,
        async run(_job, { services, logger }) {
          const refreshed = await services.profiles.refreshStale();
          logger.info({ refreshed }, 'refreshed resident profiles');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('10 4 * * *', 'residents.refreshProfiles', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { lineChannels } = ctx.module('channels');
    const { orm, keyring, lineGateway, logger, config, rateLimiter } = ctx;
    const profiles = new ResidentProfiles(orm, keyring, lineGateway, lineChannels, audit, logger);
    const talkLog = new TalkLog(orm, audit, logger);
    const events = new ResidentEvents(orm, keyring, lineGateway, lineChannels, profiles, talkLog, logger);
    return {
      services: {
        residents: new ResidentService(profiles, audit, logger),
        profiles,
        talkLog,
        residentAuth: new ResidentAuthService(orm, config, rateLimiter, profiles, logger),
        followGreeting: { extend: (extension) => events.extendGreeting(extension) },
      },
      webhookHandlers: events.handlers(),
      routes: [
        {
          kind: 'download',
          path: '/api/talk-log.csv',
          filePrefix: 'talk-log',
          produce: (c, req) =>
            talkLog.exportCsv(c, {
              from: dateParam(req.query['from']),
              to: dateParam(req.query['to']),
              channelId: textParam(req.query['channelId']),
            }),
        },
      ],
    };
  },
});
