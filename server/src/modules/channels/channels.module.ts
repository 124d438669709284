import { defineModule } from '../../platform/modules/feature-module.js';
import { channelPermissions } from './channels.permissions.js';
import { LineChannel } from './line-channel.entity.js';
import { LineChannelResolver } from './line-channel.resolver.js';
import { LineChannelService } from './line-channel.service.js';

export interface ChannelServices {
  readonly lineChannels: LineChannelService;
  /** Where LINE reaches us, for the webhook URL staff paste into the LINE Developers console. */
  readonly publicUrl: string;
}

/** The municipality's LINE channels (production and training) with encrypted credentials. */
export const channelsModule = defineModule({
  name: 'channels',
  needs: ['audit'],
  entities: [LineChannel],
  permissions: [channelPermissions],
  resolvers: [LineChannelResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    return {
      services: {
        lineChannels: new LineChannelService(ctx.orm, ctx.lineGateway, audit, ctx.logger),
        publicUrl: ctx.config.PUBLIC_URL.replace(/\/$/, ''),
      },
    };
  },
});
