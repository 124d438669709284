/** The channels module's public surface: other modules and the composition root import only this. */
import type { ChannelServices } from './channels.module.js';

export { channelsModule, type ChannelServices } from './channels.module.js';
export { LineChannel, LineChannelPurpose } from './line-channel.entity.js';
export type { KnownChannel, LineChannelService } from './line-channel.service.js';
export { seedDemoChannel, type DemoLineChannelInput } from './channels.seed.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    channels: ChannelServices;
  }
}
