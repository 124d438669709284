import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { buildChannel, createChannelInput, updateChannelInput } from '../channels.js';
import type { EmulatorContext } from '../context.js';
import { createFriendsInput, FriendConflictError, friendMessageInput, friendPostbackInput } from '../residents.js';
import { quickReplyAction, type LineAction } from '../schemas/actions.js';
import type { ChannelState, Friend } from '../store.js';
import { menuShownTo } from './richmenus.js';

// The emulator's own control API (JSON, no authentication: it only runs in development and tests):
// channels, simulated residents and what they do, fault injection, reset, live change events.

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ControlError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

const faultInput = z.object({
  operation: z.string().min(1),
  channelId: z.string().optional(),
  kind: z.enum(['error', 'rateLimit', 'delay']),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  phase: z.enum(['before', 'after']).optional(),
  count: z.number().int().min(1).default(1),
});

/** A rate-limit window to fill (used defaults to the whole limit: the next call is answered 429). */
const rateLimitInput = z.object({
  operation: z.string().min(1),
  channelId: z.string().min(1),
  used: z.number().int().min(0).optional(),
});

const actionInput = z.object({
  action: quickReplyAction,
  /** The received message the action belongs to (template/flex/imagemap buttons): records a click for insight. */
  messageId: z.string().optional(),
});

const tapInput = z.object({ areaIndex: z.number().int().min(0) });
const idTokenInput = z.object({ nonce: z.string().optional() });

export function controlRouter(context: EmulatorContext): Router {
  const router = Router();
  const { store, residents } = context;

  const handle =
    (work: (req: Request, res: Response) => unknown) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const result = await work(req, res);
        if (!res.headersSent) res.json(result ?? {});
      } catch (error) {
        if (error instanceof ControlError) res.status(error.status).json({ message: error.message });
        else if (error instanceof FriendConflictError) res.status(409).json({ message: error.message });
        else throw error;
      }
    };

  const channelOf = (req: Request): ChannelState => {
    const channelState = store.channel(String(req.params.channelId));
    if (!channelState) throw new ControlError(404, `channel ${String(req.params.channelId)} not found`);
    return channelState;
  };

  const friendOf = (req: Request): [ChannelState, Friend] => {
    const channelState = channelOf(req);
    const friend = channelState.friends[String(req.params.userId)];
    if (!friend) throw new ControlError(404, `friend ${String(req.params.userId)} not found`);
    return [channelState, friend];
  };

  const friendSummary = (friend: Friend) => {
    const { chat, ...rest } = friend;
    return { ...rest, unread: chat.filter((entry) => entry.direction === 'received' && entry.readAt === undefined).length };
  };

  const richMenuView = (channelState: ChannelState, userId: string) => {
    const shown = menuShownTo(channelState, userId);
    if (!shown) return null;
    return {
      richMenuId: shown.richMenuId,
      ...shown.menu,
      imageUrl: shown.image ? `/_emulator/channels/${channelState.channel.channelId}/richmenus/${shown.richMenuId}/image` : null,
    };
  };

  /** Does what LINE's app does when the resident taps an action. */
  const performAction = (channelState: ChannelState, friend: Friend, action: LineAction, messageId?: string) => {
    switch (action.type) {
      case 'postback':
        // displayText shows in the chat as the resident's words but is not a message event.
        residents.postback(channelState, friend, { data: action.data, ...(action.displayText ? { displayText: action.displayText } : {}) });
        return { performed: 'postback' };
      case 'message':
        residents.sendMessage(channelState, friend, { type: 'text', text: action.text });
        return { performed: 'message' };
      case 'uri': {
        const entry = messageId ? friend.chat.find((candidate) => candidate.id === messageId) : undefined;
        if (entry) {
          entry.clicks = [...(entry.clicks ?? []), { url: action.uri, at: Date.now() }];
          store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
        }
        return { performed: 'uri', open: action.uri };
      }
      case 'datetimepicker': {
        const now = new Date(Date.now() + 9 * 3_600_000).toISOString();
        const value = action.mode === 'date' ? now.slice(0, 10) : action.mode === 'time' ? now.slice(11, 16) : now.slice(0, 16);
        residents.postback(channelState, friend, { data: action.data, params: { [action.mode]: value } });
        return { performed: 'postback' };
      }
      case 'richmenuswitch': {
        const target = channelState.richMenuAliases[action.richMenuAliasId];
        if (target) {
          friend.switchedRichMenuId = target;
          store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
        }
        residents.postback(channelState, friend, {
          data: action.data,
          params: { newRichMenuAliasId: action.richMenuAliasId, status: target ? 'SUCCESS' : 'RICHMENU_ALIAS_ID_NOTFOUND' },
        });
        return { performed: 'richmenuswitch', richMenuId: target ?? null };
      }
      case 'clipboard':
        return { performed: 'clipboard', text: action.clipboardText };
      case 'camera':
      case 'cameraRoll':
        residents.sendMessage(channelState, friend, { type: 'image', width: 320, height: 240 });
        return { performed: 'image' };
      case 'location':
        residents.sendMessage(channelState, friend, {
          type: 'location',
          title: '現在地',
          address: '東京都千代田区霞が関1-1-1',
          latitude: 35.6764,
          longitude: 139.7503,
        });
        return { performed: 'location' };
    }
  };

  router.get('/_emulator/health', (_req, res) => {
    res.json({ ok: true });
  });

  router.post(
    '/_emulator/reset',
    handle(() => {
      store.reset();
      context.faults.clear();
      context.rateLimiter.reset();
      context.replyTokens.clear();
      return {};
    }),
  );

  router.get(
    '/_emulator/channels',
    handle(() => ({ channels: store.channels().map((channelState) => channelState.channel) })),
  );

  router.post(
    '/_emulator/channels',
    handle((req, res) => {
      const input = parse(createChannelInput, req.body);
      if (input.channelId && store.channel(input.channelId)) throw new ControlError(409, `channel ${input.channelId} exists`);
      if (input.accessToken && store.channelByAccessToken(input.accessToken)) throw new ControlError(409, 'access token in use');
      const channelState = store.addChannel(buildChannel(input));
      res.status(201);
      return channelState.channel;
    }),
  );

  router.get(
    '/_emulator/channels/:channelId',
    handle((req) => channelOf(req).channel),
  );

  router.patch(
    '/_emulator/channels/:channelId',
    handle((req) => {
      const channelState = channelOf(req);
      const input = parse(updateChannelInput, req.body);
      Object.assign(channelState.channel, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
      if (input.chatMode) channelState.channel.markAsReadMode = input.chatMode === 'bot' ? 'auto' : 'manual';
      store.changed({ channelId: channelState.channel.channelId });
      return channelState.channel;
    }),
  );

  router.get(
    '/_emulator/channels/:channelId/friends',
    handle((req) => ({ friends: Object.values(channelOf(req).friends).map(friendSummary) })),
  );

  router.post(
    '/_emulator/channels/:channelId/friends',
    handle((req, res) => {
      const channelState = channelOf(req);
      const created = residents.create(channelState, parse(createFriendsInput, req.body));
      res.status(201);
      return { friends: created.map(friendSummary) };
    }),
  );

  router.get(
    '/_emulator/channels/:channelId/friends/:userId',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      return { friend: friendSummary(friend), chat: friend.chat, richMenu: richMenuView(channelState, friend.userId) };
    }),
  );

  router.get(
    '/_emulator/channels/:channelId/friends/:userId/received',
    handle((req) => {
      const [, friend] = friendOf(req);
      return { messages: friend.chat.filter((entry) => entry.direction === 'received') };
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/follow',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      residents.follow(channelState, friend);
      return friendSummary(friend);
    }),
  );

  for (const verb of ['block', 'unfollow']) {
    router.post(
      `/_emulator/channels/:channelId/friends/:userId/${verb}`,
      handle((req) => {
        const [channelState, friend] = friendOf(req);
        residents.block(channelState, friend);
        return friendSummary(friend);
      }),
    );
  }

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/messages',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      return residents.sendMessage(channelState, friend, parse(friendMessageInput, req.body));
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/postback',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      return residents.postback(channelState, friend, parse(friendPostbackInput, req.body));
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/actions',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      const input = parse(actionInput, req.body);
      return performAction(channelState, friend, input.action, input.messageId);
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/richmenu/tap',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      const { areaIndex } = parse(tapInput, req.body);
      const area = menuShownTo(channelState, friend.userId)?.menu.areas[areaIndex];
      if (!area) throw new ControlError(404, 'no such rich menu area');
      return performAction(channelState, friend, area.action);
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/read',
    handle((req) => {
      const [channelState, friend] = friendOf(req);
      const now = Date.now();
      let read = 0;
      for (const entry of friend.chat)
        if (entry.direction === 'received' && entry.readAt === undefined) {
          entry.readAt = now;
          read += 1;
        }
      if (read > 0) store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
      return { read };
    }),
  );

  router.post(
    '/_emulator/channels/:channelId/friends/:userId/id-token',
    handle(async (req) => {
      const [channelState, friend] = friendOf(req);
      const { nonce } = parse(idTokenInput, req.body);
      const idToken = await context.login.mint(channelState.channel.loginChannelId, friend, {
        lifetimeSeconds: context.options.idTokenLifetimeSeconds,
        ...(nonce ? { nonce } : {}),
      });
      return { idToken, loginChannelId: channelState.channel.loginChannelId };
    }),
  );

  router.get('/_emulator/channels/:channelId/richmenus/:richMenuId/image', (req, res) => {
    const image = store.channel(String(req.params.channelId))?.richMenus[String(req.params.richMenuId)]?.image;
    if (!image) {
      res.status(404).json({ message: 'no image' });
      return;
    }
    res.type(image.contentType).send(Buffer.from(image.base64, 'base64'));
  });

  router.get(
    '/_emulator/channels/:channelId/webhook-attempts',
    handle((req) => ({ attempts: channelOf(req).webhookAttempts })),
  );

  router.get(
    '/_emulator/channels/:channelId/requests',
    handle((req) => ({ requests: Object.values(channelOf(req).sentRequests) })),
  );

  router.get(
    '/_emulator/faults',
    handle(() => ({ faults: context.faults.list() })),
  );

  router.post(
    '/_emulator/faults',
    handle((req, res) => {
      const input = parse(faultInput, req.body);
      context.faults.add({
        operation: input.operation,
        kind: input.kind,
        count: input.count,
        ...(input.channelId ? { channelId: input.channelId } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.delayMs !== undefined ? { delayMs: input.delayMs } : {}),
        ...(input.phase ? { phase: input.phase } : {}),
      });
      res.status(201);
      return { faults: context.faults.list() };
    }),
  );

  router.delete(
    '/_emulator/faults',
    handle(() => {
      context.faults.clear();
      return {};
    }),
  );

  router.post(
    '/_emulator/rate-limits',
    handle((req) => {
      const input = parse(rateLimitInput, req.body);
      return context.rateLimiter.fill(input.channelId, input.operation, input.used);
    }),
  );

  router.delete(
    '/_emulator/rate-limits',
    handle(() => {
      context.rateLimiter.reset();
      return {};
    }),
  );

  /** Server-sent events: one "change" per state change, for the phones UI. */
  router.get('/_emulator/events', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const channelFilter = typeof req.query.channelId === 'string' ? req.query.channelId : undefined;
    const listener = (notice: { channelId: string; userId?: string }) => {
      if (channelFilter && notice.channelId !== channelFilter && notice.channelId !== '*') return;
      res.write(`event: change\ndata: ${JSON.stringify(notice)}\n\n`);
    };
    store.on('change', listener);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      store.off('change', listener);
    });
  });

  return router;
}
