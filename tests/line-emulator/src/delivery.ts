import { newMessageId, newQuoteToken } from './ids.js';
import type { LineMessage } from './schemas/messages.js';
import type { DemographicFilter } from './schemas/requests.js';
import { tokyoMonth, type ChannelState, type DeliveryKind, type Demographics, type EmulatorStore, type Friend } from './store.js';

// Putting messages into residents' chats, and the monthly message count LINE keeps.

/** Message types that can later be quoted, for which LINE returns a quoteToken. */
const QUOTABLE = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

export interface SentMessage {
  id: string;
  quoteToken?: string;
}

export interface Delivery {
  kind: DeliveryKind;
  requestId: string;
  notificationDisabled: boolean;
  customAggregationUnit?: string;
}

/** Appends the messages to one friend's chat and returns LINE's sentMessages for them. */
export function deliverToFriend(
  store: EmulatorStore,
  channelState: ChannelState,
  friend: Friend,
  messages: LineMessage[],
  delivery: Delivery,
): SentMessage[] {
  const now = Date.now();
  const sent = messages.map((message) => {
    const id = newMessageId();
    friend.chat.push({ id, direction: 'received', at: now, message: { ...message }, delivery: { ...delivery } });
    return QUOTABLE.has(message.type) ? { id, quoteToken: newQuoteToken() } : { id };
  });
  store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
  return sent;
}

export function usedThisMonth(channelState: ChannelState, now = Date.now()): number {
  return channelState.quotaUsage[tokyoMonth(now)] ?? 0;
}

/** Messages still allowed this month under the target limit (Infinity without one). */
export function remainingQuota(channelState: ChannelState, now = Date.now()): number {
  const limit = channelState.channel.monthlyMessageLimit;
  return limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - usedThisMonth(channelState, now));
}

/** LINE counts one message per recipient per request, whatever the number of message objects. */
export function countAgainstQuota(channelState: ChannelState, recipients: number, now = Date.now()): void {
  const month = tokyoMonth(now);
  channelState.quotaUsage[month] = (channelState.quotaUsage[month] ?? 0) + recipients;
}

const DAY = 86_400_000;

function subscriptionDays(friend: Friend, now: number): number {
  const lastFollow = [...friend.followHistory].reverse().find((entry) => entry.type === 'follow');
  return lastFollow ? (now - lastFollow.at) / DAY : 0;
}

function ageBound(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.replace('age_', ''));
}

function dayBound(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.replace('day_', ''));
}

/** Whether a friend matches a narrowcast demographic filter (friends without the attribute never match it). */
export function matchesDemographic(friend: Friend, filter: DemographicFilter, now = Date.now()): boolean {
  const demographics: Demographics = friend.demographics;
  switch (filter.type) {
    case 'age': {
      if (demographics.age === undefined) return false;
      const gte = ageBound(filter.gte);
      const lt = ageBound(filter.lt);
      return (gte === undefined || demographics.age >= gte) && (lt === undefined || demographics.age < lt);
    }
    case 'gender':
      return demographics.gender !== undefined && filter.oneOf.includes(demographics.gender);
    case 'area':
      return demographics.area !== undefined && filter.oneOf.includes(demographics.area);
    case 'appType':
      return demographics.appType !== undefined && filter.oneOf.includes(demographics.appType);
    case 'subscriptionPeriod': {
      const days = subscriptionDays(friend, now);
      const gte = dayBound(filter.gte);
      const lt = dayBound(filter.lt);
      return (gte === undefined || days >= gte) && (lt === undefined || days < lt);
    }
    case 'operator':
      return (
        (filter.and === undefined || filter.and.every((inner) => matchesDemographic(friend, inner, now))) &&
        (filter.or === undefined || filter.or.some((inner) => matchesDemographic(friend, inner, now))) &&
        (filter.not === undefined || !matchesDemographic(friend, filter.not, now))
      );
  }
}
