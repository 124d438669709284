import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { countAgainstQuota, deliverToFriend, matchesDemographic, remainingQuota, usedThisMonth, type SentMessage } from '../delivery.js';
import { LineError, lineEndpoint, parseBody, type EndpointCall, type EndpointResult } from '../endpoint.js';
import { UUID_PATTERN } from '../ids.js';
import type { LineMessage } from '../schemas/messages.js';
import {
  broadcastRequest,
  multicastRequest,
  narrowcastRequest,
  pushMessageRequest,
  replyMessageRequest,
  validateMessageRequest,
  type Recipient,
} from '../schemas/requests.js';
import type { ChannelState, Friend, NarrowcastProgress } from '../store.js';

// Sending messages: reply, push, multicast, narrowcast (+ progress), broadcast, message validation,
// and the monthly quota endpoints.

const MONTHLY_LIMIT_REACHED = { message: 'You have reached your monthly limit.' };

/**
 * X-Line-Retry-Key (push, multicast, narrowcast, broadcast): a UUID; a key LINE already accepted
 * in the last 24 hours answers 409 with the accepted request's id in x-line-accepted-request-id and
 * nothing is sent again. Only accepted (2xx) requests consume a key.
 */
async function withRetryKey(
  context: EmulatorContext,
  call: EndpointCall,
  work: () => Promise<{ result: EndpointResult; sentMessages?: SentMessage[] }> | { result: EndpointResult; sentMessages?: SentMessage[] },
): Promise<EndpointResult> {
  const key = call.req.header('x-line-retry-key');
  if (key !== undefined) {
    if (!UUID_PATTERN.test(key)) throw new LineError(400, { message: 'The value of the X-Line-Retry-Key header is invalid' });
    const accepted = context.store.acceptedRetryKey(call.channelState, key);
    if (accepted)
      throw new LineError(
        409,
        { message: 'The retry key is already accepted', ...(accepted.sentMessages ? { sentMessages: accepted.sentMessages } : {}) },
        { 'x-line-accepted-request-id': accepted.requestId },
      );
  }
  const { result, sentMessages } = await work();
  if (key !== undefined && result.status >= 200 && result.status < 300)
    context.store.acceptRetryKey(call.channelState, key, {
      requestId: call.requestId,
      acceptedAt: Date.now(),
      ...(sentMessages ? { sentMessages } : {}),
    });
  return result;
}

/** The friend with this user id, if any (an own property only: a lookup that misses costs a tenth as much as `friends[id]`). */
function knownFriend(channelState: ChannelState, userId: string): Friend | undefined {
  return Object.hasOwn(channelState.friends, userId) ? channelState.friends[userId] : undefined;
}

function followingFriend(channelState: ChannelState, userId: string): Friend | undefined {
  const friend = knownFriend(channelState, userId);
  return friend?.status === 'following' ? friend : undefined;
}

function recordRequest(
  context: EmulatorContext,
  channelState: ChannelState,
  call: EndpointCall,
  kind: 'push' | 'multicast' | 'narrowcast' | 'broadcast' | 'reply',
  recipients: string[],
  messages: LineMessage[],
  customAggregationUnit?: string,
  narrowcast?: NarrowcastProgress,
): void {
  channelState.sentRequests[call.requestId] = {
    requestId: call.requestId,
    kind,
    at: Date.now(),
    recipients,
    messageCount: messages.length,
    ...(customAggregationUnit ? { customAggregationUnit } : {}),
    ...(narrowcast ? { narrowcast } : {}),
  };
  context.store.changed({ channelId: channelState.channel.channelId });
}

/** Resolves a narrowcast recipient object to user ids (audiences do not exist in the emulator). */
function resolveRecipient(channelState: ChannelState, recipient: Recipient): Set<string> {
  switch (recipient.type) {
    case 'audience':
      throw new LineError(400, { message: `Audience group ${recipient.audienceGroupId} does not exist` });
    case 'redelivery': {
      const earlier = channelState.sentRequests[recipient.requestId];
      if (!earlier || (earlier.kind !== 'narrowcast' && earlier.kind !== 'broadcast'))
        throw new LineError(400, { message: `Request ${recipient.requestId} is not a narrowcast or broadcast request` });
      return new Set(earlier.recipients);
    }
    case 'operator': {
      let result = new Set(Object.keys(channelState.friends));
      if (recipient.and) for (const inner of recipient.and) result = intersect(result, resolveRecipient(channelState, inner));
      if (recipient.or) {
        const union = new Set<string>();
        for (const inner of recipient.or) for (const id of resolveRecipient(channelState, inner)) union.add(id);
        result = intersect(result, union);
      }
      if (recipient.not) {
        const excluded = resolveRecipient(channelState, recipient.not);
        result = new Set([...result].filter((id) => !excluded.has(id)));
      }
      return result;
    }
  }
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((id) => b.has(id)));
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function messagesRouter(context: EmulatorContext): Router {
  const router = Router();
  const { store } = context;

  router.post(
    '/v2/bot/message/reply',
    lineEndpoint(context, 'replyMessage', (call) => {
      const body = parseBody(replyMessageRequest, call.req.body);
      const userId = context.replyTokens.consume(call.channelState.channel.channelId, body.replyToken);
      if (!userId) throw new LineError(400, { message: 'Invalid reply token' });
      const friend = followingFriend(call.channelState, userId);
      const delivery = { kind: 'reply' as const, requestId: call.requestId, notificationDisabled: body.notificationDisabled ?? false };
      const sentMessages = friend
        ? deliverToFriend(store, call.channelState, friend, body.messages, delivery)
        : body.messages.map(() => ({ id: '0' }));
      recordRequest(context, call.channelState, call, 'reply', friend ? [userId] : [], body.messages);
      return { status: 200, body: { sentMessages } };
    }),
  );

  router.post(
    '/v2/bot/message/push',
    lineEndpoint(context, 'pushMessage', (call) =>
      withRetryKey(context, call, () => {
        const body = parseBody(pushMessageRequest, call.req.body);
        const known = knownFriend(call.channelState, body.to);
        // LINE refuses ids it does not know (also group and room ids: the emulator has none).
        if (!known) throw new LineError(400, { message: 'Failed to send messages' });
        const friend = followingFriend(call.channelState, body.to);
        if (friend && remainingQuota(call.channelState) < 1) throw new LineError(429, MONTHLY_LIMIT_REACHED);
        const unit = body.customAggregationUnits?.[0];
        const delivery = {
          kind: 'push' as const,
          requestId: call.requestId,
          notificationDisabled: body.notificationDisabled ?? false,
          ...(unit ? { customAggregationUnit: unit } : {}),
        };
        // A friend who blocked the account gets nothing, and LINE does not count it, but answers 200.
        const sentMessages = friend
          ? deliverToFriend(store, call.channelState, friend, body.messages, delivery)
          : body.messages.map(() => ({ id: '0' }));
        if (friend) countAgainstQuota(call.channelState, 1);
        recordRequest(context, call.channelState, call, 'push', friend ? [friend.userId] : [], body.messages, unit);
        return { result: { status: 200, body: { sentMessages } }, sentMessages };
      }),
    ),
  );

  router.post(
    '/v2/bot/message/multicast',
    lineEndpoint(context, 'multicast', (call) =>
      withRetryKey(context, call, () => {
        const body = parseBody(multicastRequest, call.req.body);
        // Unknown and blocking recipients are skipped silently, as LINE does.
        const recipients = body.to.map((id) => followingFriend(call.channelState, id)).filter((friend) => friend !== undefined);
        if (recipients.length > remainingQuota(call.channelState)) throw new LineError(429, MONTHLY_LIMIT_REACHED);
        const unit = body.customAggregationUnits?.[0];
        const delivery = {
          kind: 'multicast' as const,
          requestId: call.requestId,
          notificationDisabled: body.notificationDisabled ?? false,
          ...(unit ? { customAggregationUnit: unit } : {}),
        };
        for (const friend of recipients) deliverToFriend(store, call.channelState, friend, body.messages, delivery);
        countAgainstQuota(call.channelState, recipients.length);
        recordRequest(
          context,
          call.channelState,
          call,
          'multicast',
          recipients.map((friend) => friend.userId),
          body.messages,
          unit,
        );
        return { result: { status: 200, body: {} } };
      }),
    ),
  );

  router.post(
    '/v2/bot/message/broadcast',
    lineEndpoint(context, 'broadcast', (call) =>
      withRetryKey(context, call, () => {
        const body = parseBody(broadcastRequest, call.req.body);
        const recipients = Object.values(call.channelState.friends).filter((friend) => friend.status === 'following');
        if (recipients.length > remainingQuota(call.channelState)) throw new LineError(429, MONTHLY_LIMIT_REACHED);
        const delivery = {
          kind: 'broadcast' as const,
          requestId: call.requestId,
          notificationDisabled: body.notificationDisabled ?? false,
        };
        for (const friend of recipients) deliverToFriend(store, call.channelState, friend, body.messages, delivery);
        countAgainstQuota(call.channelState, recipients.length);
        recordRequest(
          context,
          call.channelState,
          call,
          'broadcast',
          recipients.map((friend) => friend.userId),
          body.messages,
        );
        return { result: { status: 200, body: {} } };
      }),
    ),
  );

  router.post(
    '/v2/bot/message/narrowcast',
    lineEndpoint(context, 'narrowcast', (call) =>
      withRetryKey(context, call, () => {
        const body = parseBody(narrowcastRequest, call.req.body);
        const { channelState } = call;
        // Recipient errors (unknown audience, unknown request) are reported synchronously.
        const candidates = body.recipient ? resolveRecipient(channelState, body.recipient) : new Set(Object.keys(channelState.friends));
        const progress: NarrowcastProgress = { phase: 'waiting', acceptedTime: new Date().toISOString() };
        recordRequest(context, channelState, call, 'narrowcast', [], body.messages, undefined, progress);
        // LINE accepts (202) and sends in the background; progress moves waiting → sending → succeeded/failed.
        setImmediate(() => {
          const now = Date.now();
          const demographic = body.filter?.demographic;
          let targets = [...candidates]
            .map((id) => followingFriend(channelState, id))
            .filter((friend) => friend !== undefined)
            .filter((friend) => !demographic || matchesDemographic(friend, demographic, now));
          const targetCount = targets.length;
          if (body.limit?.max !== undefined && targets.length > body.limit.max) targets = shuffled(targets).slice(0, body.limit.max);
          const remaining = remainingQuota(channelState);
          const finish = (update: Partial<NarrowcastProgress>) => {
            Object.assign(progress, { completedTime: new Date().toISOString(), targetCount, ...update });
            store.changed({ channelId: channelState.channel.channelId });
          };
          if (targets.length > remaining) {
            if (!body.limit?.upToRemainingQuota) return finish({ phase: 'failed', failedDescription: 'insufficient quota', errorCode: 1 });
            if (body.limit.forbidPartialDelivery)
              return finish({ phase: 'failed', failedDescription: 'partial delivery forbidden', errorCode: 5 });
            targets = shuffled(targets).slice(0, remaining);
          }
          progress.phase = 'sending';
          const delivery = {
            kind: 'narrowcast' as const,
            requestId: call.requestId,
            notificationDisabled: body.notificationDisabled ?? false,
          };
          for (const friend of targets) deliverToFriend(store, channelState, friend, body.messages, delivery);
          countAgainstQuota(channelState, targets.length);
          const record = channelState.sentRequests[call.requestId];
          if (record) record.recipients = targets.map((friend) => friend.userId);
          finish({ phase: 'succeeded', successCount: targets.length, failureCount: 0 });
        });
        return { result: { status: 202, body: {} } };
      }),
    ),
  );

  router.get(
    '/v2/bot/message/progress/narrowcast',
    lineEndpoint(context, 'getNarrowcastProgress', (call) => {
      const requestId = call.req.query.requestId;
      if (typeof requestId !== 'string' || requestId === '')
        throw new LineError(400, {
          message: 'The request has 1 error(s)',
          details: [{ message: 'May not be empty', property: 'requestId' }],
        });
      const progress = call.channelState.sentRequests[requestId]?.narrowcast;
      if (!progress) throw new LineError(404, { message: 'Not found' });
      return { status: 200, body: progress };
    }),
  );

  for (const kind of ['reply', 'push', 'multicast', 'narrowcast', 'broadcast'] as const) {
    const operationId = `validate${kind[0]!.toUpperCase()}${kind.slice(1)}`;
    router.post(
      `/v2/bot/message/validate/${kind}`,
      lineEndpoint(context, operationId, (call) => {
        parseBody(validateMessageRequest, call.req.body);
        return { status: 200, body: {} };
      }),
    );
  }

  router.get(
    '/v2/bot/message/quota',
    lineEndpoint(context, 'getMessageQuota', ({ channelState }) => {
      const limit = channelState.channel.monthlyMessageLimit;
      return { status: 200, body: limit === null ? { type: 'none' } : { type: 'limited', value: limit } };
    }),
  );

  router.get(
    '/v2/bot/message/quota/consumption',
    lineEndpoint(context, 'getMessageQuotaConsumption', ({ channelState }) => ({
      status: 200,
      body: { totalUsage: usedThisMonth(channelState) },
    })),
  );

  return router;
}
