import type { EntityManager } from '@mikro-orm/postgresql';
import { LineChannel, LineChannelPurpose } from './line-channel.entity.js';

export interface DemoLineChannelInput {
  messagingChannelId: string;
  channelSecret: string;
  channelAccessToken: string;
  loginChannelId: string;
}

/**
 * For the embedded default: the LINE emulator's demo channel, registered once as a training
 * channel, so the product works end to end without LINE credentials. Returns its id.
 */
export async function seedDemoChannel(em: EntityManager, input: DemoLineChannelInput): Promise<{ id: string; created: boolean }> {
  const existing = await em.findOne(LineChannel, { messagingChannelId: input.messagingChannelId });
  if (existing) return { id: existing.id, created: false };
  const channel = em.create(LineChannel, {
    name: 'デモ市 公式アカウント（LINEエミュレーター）',
    purpose: LineChannelPurpose.TRAINING,
    messagingChannelId: input.messagingChannelId,
    channelSecret: input.channelSecret,
    channelAccessToken: input.channelAccessToken,
    credentialsUpdatedAt: new Date(),
    loginChannelId: input.loginChannelId,
  });
  await em.persist(channel).flush();
  return { id: channel.id, created: true };
}
