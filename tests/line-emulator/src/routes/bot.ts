import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { LineError, lineEndpoint, parseBody } from '../endpoint.js';
import { setWebhookEndpointRequest, testWebhookEndpointRequest } from '../schemas/requests.js';

// Account and user information, content of what residents sent, and webhook settings.

const NOT_FOUND = { message: 'Not found' };

export function botRouter(context: EmulatorContext): Router {
  const router = Router();
  const { store } = context;

  router.get(
    '/v2/bot/info',
    lineEndpoint(context, 'getBotInfo', ({ channelState: { channel } }) => ({
      status: 200,
      body: {
        userId: channel.botUserId,
        basicId: channel.basicId,
        displayName: channel.displayName,
        ...(channel.pictureUrl ? { pictureUrl: channel.pictureUrl } : {}),
        chatMode: channel.chatMode,
        markAsReadMode: channel.markAsReadMode,
      },
    })),
  );

  router.get(
    '/v2/bot/profile/:userId',
    lineEndpoint(context, 'getProfile', ({ req, channelState }) => {
      const friend = channelState.friends[String(req.params.userId)];
      // LINE only shows profiles of users who are friends (and have not blocked the account).
      if (!friend || friend.status !== 'following') throw new LineError(404, NOT_FOUND);
      return {
        status: 200,
        body: {
          displayName: friend.displayName,
          userId: friend.userId,
          language: friend.language,
          ...(friend.pictureUrl ? { pictureUrl: friend.pictureUrl } : {}),
          ...(friend.statusMessage ? { statusMessage: friend.statusMessage } : {}),
        },
      };
    }),
  );

  router.get(
    '/v2/bot/followers/ids',
    lineEndpoint(context, 'getFollowers', ({ req, channelState }) => {
      const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 300) || 300));
      const start = Number(typeof req.query.start === 'string' ? Buffer.from(req.query.start, 'base64url').toString() : 0) || 0;
      const ids = Object.values(channelState.friends)
        .filter((friend) => friend.status === 'following')
        .map((friend) => friend.userId);
      const page = ids.slice(start, start + limit);
      const next = start + limit < ids.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
      return { status: 200, body: { userIds: page, ...(next ? { next } : {}) } };
    }),
  );

  router.get(
    '/v2/bot/message/:messageId/content',
    lineEndpoint(context, 'getMessageContent', ({ req, channelState }) => {
      const content = channelState.contents[String(req.params.messageId)];
      if (!content) throw new LineError(404, NOT_FOUND);
      return { status: 200, body: Buffer.from(content.base64, 'base64'), contentType: content.contentType };
    }),
  );

  router.get(
    '/v2/bot/channel/webhook/endpoint',
    lineEndpoint(context, 'getWebhookEndpoint', ({ channelState: { channel } }) => {
      if (!channel.webhookUrl) throw new LineError(404, { message: 'The webhook endpoint is not set' });
      return { status: 200, body: { endpoint: channel.webhookUrl, active: channel.webhookActive } };
    }),
  );

  router.put(
    '/v2/bot/channel/webhook/endpoint',
    lineEndpoint(context, 'setWebhookEndpoint', ({ req, channelState }) => {
      const body = parseBody(setWebhookEndpointRequest, req.body);
      channelState.channel.webhookUrl = body.endpoint;
      store.changed({ channelId: channelState.channel.channelId });
      return { status: 200, body: {} };
    }),
  );

  router.post(
    '/v2/bot/channel/webhook/test',
    lineEndpoint(context, 'testWebhookEndpoint', async ({ req, channelState }) => {
      const body = parseBody(testWebhookEndpointRequest, req.body);
      const endpoint = body.endpoint ?? channelState.channel.webhookUrl;
      if (!endpoint) throw new LineError(400, { message: 'The webhook endpoint is not set' });
      return { status: 200, body: await context.webhooks.test(channelState, endpoint) };
    }),
  );

  return router;
}
