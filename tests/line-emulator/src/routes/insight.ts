import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { LineError, lineEndpoint } from '../endpoint.js';
import { tokyoDate, tokyoMonth, type ChannelState, type ChatEntry } from '../store.js';

// Insight from what the simulated residents actually did: a message counts as an impression when
// the resident looked at it (phones UI or control API), a click when they opened one of its URLs.
// Counts below the privacy threshold are null, as LINE reports them (LINE: fewer than 20).

const DATE = /^\d{8}$/;

function queryError(property: string, message = 'Invalid value'): LineError {
  return new LineError(400, { message: 'The request has 1 error(s)', details: [{ message, property }] });
}

/** "20250131" → "2025-01-31". */
function isoDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

interface EntryWithUser {
  userId: string;
  entry: ChatEntry;
}

/** Per-message and per-URL statistics over chat entries sharing message positions. */
function statistics(entries: EntryWithUser[], threshold: number) {
  const hide = (count: number) => (count < threshold ? null : count);
  // Entries of one request are appended in message order per user: their position is the seq.
  const seqByEntry = new Map<ChatEntry, number>();
  const byUser = new Map<string, ChatEntry[]>();
  for (const { userId, entry } of entries) byUser.set(userId, [...(byUser.get(userId) ?? []), entry]);
  for (const list of byUser.values()) list.forEach((entry, index) => seqByEntry.set(entry, index + 1));
  const maxSeq = Math.max(0, ...seqByEntry.values());
  const messages = Array.from({ length: maxSeq }, (_, index) => {
    const seq = index + 1;
    const impressions = entries.filter(({ entry }) => seqByEntry.get(entry) === seq && entry.readAt !== undefined).length;
    return {
      seq,
      impression: hide(impressions),
      mediaPlayed: null,
      mediaPlayed25Percent: null,
      mediaPlayed50Percent: null,
      mediaPlayed75Percent: null,
      mediaPlayed100Percent: null,
      uniqueMediaPlayed: null,
      uniqueMediaPlayed25Percent: null,
      uniqueMediaPlayed50Percent: null,
      uniqueMediaPlayed75Percent: null,
      uniqueMediaPlayed100Percent: null,
    };
  });
  const clickKeys = new Map<string, { seq: number; url: string; clicks: number; users: Set<string> }>();
  for (const { userId, entry } of entries)
    for (const click of entry.clicks ?? []) {
      const seq = seqByEntry.get(entry) ?? 1;
      const key = `${seq} ${click.url}`;
      const aggregate = clickKeys.get(key) ?? { seq, url: click.url, clicks: 0, users: new Set<string>() };
      aggregate.clicks += 1;
      aggregate.users.add(userId);
      clickKeys.set(key, aggregate);
    }
  const clickingUsers = new Set(entries.filter(({ entry }) => (entry.clicks ?? []).length > 0).map(({ userId }) => userId));
  const clicks = [...clickKeys.values()].map((aggregate) => ({
    seq: aggregate.seq,
    url: aggregate.url,
    click: hide(aggregate.clicks),
    uniqueClick: hide(aggregate.users.size),
    uniqueClickOfRequest: hide(clickingUsers.size),
  }));
  const viewers = new Set(entries.filter(({ entry }) => entry.readAt !== undefined).map(({ userId }) => userId));
  return {
    overview: {
      uniqueImpression: hide(viewers.size),
      uniqueClick: hide(clickingUsers.size),
      uniqueMediaPlayed: null,
      uniqueMediaPlayed100Percent: null,
    },
    messages,
    clicks,
  };
}

function entriesWhere(channelState: ChannelState, predicate: (entry: ChatEntry) => boolean): EntryWithUser[] {
  const found: EntryWithUser[] = [];
  for (const friend of Object.values(channelState.friends))
    for (const entry of friend.chat) if (entry.direction === 'received' && predicate(entry)) found.push({ userId: friend.userId, entry });
  return found;
}

export function insightRouter(context: EmulatorContext): Router {
  const router = Router();
  const threshold = () => context.options.insightPrivacyThreshold;

  router.get(
    '/v2/bot/insight/message/event',
    lineEndpoint(context, 'getMessageEvent', ({ req, channelState }) => {
      const requestId = req.query.requestId;
      if (typeof requestId !== 'string' || requestId === '') throw queryError('requestId', 'May not be empty');
      const request = channelState.sentRequests[requestId];
      if (!request || (request.kind !== 'narrowcast' && request.kind !== 'broadcast')) throw new LineError(404, { message: 'Not found' });
      const stats = statistics(
        entriesWhere(channelState, (entry) => entry.delivery?.requestId === requestId),
        threshold(),
      );
      return {
        status: 200,
        body: {
          overview: { requestId, timestamp: Math.floor(request.at / 1000), delivered: request.recipients.length, ...stats.overview },
          messages: stats.messages,
          clicks: stats.clicks,
        },
      };
    }),
  );

  router.get(
    '/v2/bot/insight/message/event/aggregation',
    lineEndpoint(context, 'getStatisticsPerUnit', ({ req, channelState }) => {
      const { customAggregationUnit: unit, from, to } = req.query;
      if (typeof unit !== 'string' || !/^[a-zA-Z0-9_]{1,30}$/.test(unit)) throw queryError('customAggregationUnit');
      if (typeof from !== 'string' || !DATE.test(from)) throw queryError('from');
      if (typeof to !== 'string' || !DATE.test(to)) throw queryError('to');
      const fromDate = isoDate(from);
      const toDate = isoDate(to);
      const stats = statistics(
        entriesWhere(channelState, (entry) => {
          const date = tokyoDate(entry.at);
          return entry.delivery?.customAggregationUnit === unit && date >= fromDate && date <= toDate;
        }),
        threshold(),
      );
      return {
        status: 200,
        body: {
          ...stats,
          messages: stats.messages.map(({ seq, impression, ...media }) => ({ seq, impression, uniqueImpression: impression, ...media })),
        },
      };
    }),
  );

  const unitsThisMonth = (channelState: ChannelState) => {
    const month = tokyoMonth(Date.now());
    const units = new Set<string>();
    for (const request of Object.values(channelState.sentRequests))
      if (request.customAggregationUnit && tokyoMonth(request.at) === month) units.add(request.customAggregationUnit);
    return [...units].sort();
  };

  router.get(
    '/v2/bot/message/aggregation/info',
    lineEndpoint(context, 'getAggregationUnitUsage', ({ channelState }) => ({
      status: 200,
      body: { numOfCustomAggregationUnits: unitsThisMonth(channelState).length },
    })),
  );

  router.get(
    '/v2/bot/message/aggregation/list',
    lineEndpoint(context, 'getAggregationUnitNameList', ({ req, channelState }) => {
      const units = unitsThisMonth(channelState);
      const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 100) || 100));
      const start = typeof req.query.start === 'string' ? Number(Buffer.from(req.query.start, 'base64url').toString()) || 0 : 0;
      const next = start + limit < units.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
      return { status: 200, body: { customAggregationUnits: units.slice(start, start + limit), ...(next ? { next } : {}) } };
    }),
  );

  router.get(
    '/v2/bot/insight/followers',
    lineEndpoint(context, 'getNumberOfFollowers', ({ req, channelState }) => {
      const date = req.query.date;
      if (date !== undefined && (typeof date !== 'string' || !DATE.test(date))) throw queryError('date');
      const today = tokyoDate(Date.now());
      const day = typeof date === 'string' ? isoDate(date) : today;
      // LINE computes a day's numbers after it ends (Tokyo time).
      if (day >= today) return { status: 200, body: { status: 'unready' } };
      const endOfDay = Date.parse(`${day}T23:59:59.999+09:00`);
      let followers = 0;
      let blocks = 0;
      for (const friend of Object.values(channelState.friends)) {
        const history = friend.followHistory.filter((entry) => entry.at <= endOfDay);
        if (history.length === 0) continue;
        followers += 1;
        if (history.at(-1)!.type === 'unfollow') blocks += 1;
      }
      // Every simulated resident has a known age, gender, area and app: all are targeted reaches.
      return { status: 200, body: { status: 'ready', followers, targetedReaches: followers - blocks, blocks } };
    }),
  );

  return router;
}
