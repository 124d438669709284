import express, { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { LineError, lineEndpoint, parseBody } from '../endpoint.js';
import { newRichMenuId } from '../ids.js';
import { readImageInfo } from '../images.js';
import { MAX_REQUEST_BODY_BYTES } from '../limits.js';
import {
  createRichMenuAliasRequest,
  RICH_MENU_IMAGE_RULES,
  richMenuBulkLinkRequest,
  richMenuBulkUnlinkRequest,
  richMenuRequest,
  updateRichMenuAliasRequest,
} from '../schemas/richmenus.js';
import type { ChannelState, StoredRichMenu } from '../store.js';

// Rich menus: objects, images, aliases (tabs), the default menu and per-user links.

const NOT_FOUND = { message: 'Not found' };

function richMenuResponse(stored: StoredRichMenu) {
  return { richMenuId: stored.richMenuId, ...stored.menu };
}

function existingMenu(channelState: ChannelState, richMenuId: string): StoredRichMenu {
  const stored = channelState.richMenus[richMenuId];
  if (!stored) throw new LineError(404, NOT_FOUND);
  return stored;
}

/** LINE refuses to show a menu that has no image yet. */
function menuWithImage(channelState: ChannelState, richMenuId: string): StoredRichMenu {
  const stored = existingMenu(channelState, richMenuId);
  if (!stored.image) throw new LineError(400, { message: 'must upload richmenu image before applying it to user' });
  return stored;
}

export function richMenusRouter(context: EmulatorContext): Router {
  const router = Router();
  const { store } = context;
  const changed = (channelState: ChannelState) => store.changed({ channelId: channelState.channel.channelId });

  router.post(
    '/v2/bot/richmenu',
    lineEndpoint(context, 'createRichMenu', ({ req, channelState }) => {
      const menu = parseBody(richMenuRequest, req.body);
      const richMenuId = newRichMenuId();
      channelState.richMenus[richMenuId] = { richMenuId, menu, createdAt: Date.now() };
      changed(channelState);
      return { status: 200, body: { richMenuId } };
    }),
  );

  router.post(
    '/v2/bot/richmenu/validate',
    lineEndpoint(context, 'validateRichMenuObject', ({ req }) => {
      parseBody(richMenuRequest, req.body);
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/richmenu/list',
    lineEndpoint(context, 'getRichMenuList', ({ channelState }) => ({
      status: 200,
      body: { richmenus: Object.values(channelState.richMenus).map(richMenuResponse) },
    })),
  );

  router.post(
    '/v2/bot/richmenu/bulk/link',
    lineEndpoint(context, 'linkRichMenuIdToUsers', ({ req, channelState }) => {
      const body = parseBody(richMenuBulkLinkRequest, req.body);
      menuWithImage(channelState, body.richMenuId);
      for (const userId of body.userIds) {
        const friend = channelState.friends[userId];
        if (friend) friend.linkedRichMenuId = body.richMenuId;
      }
      changed(channelState);
      return { status: 202, body: {} };
    }),
  );

  router.post(
    '/v2/bot/richmenu/bulk/unlink',
    lineEndpoint(context, 'unlinkRichMenuIdFromUsers', ({ req, channelState }) => {
      const body = parseBody(richMenuBulkUnlinkRequest, req.body);
      for (const userId of body.userIds) {
        const friend = channelState.friends[userId];
        if (friend) friend.linkedRichMenuId = null;
      }
      changed(channelState);
      return { status: 202, body: {} };
    }),
  );

  router.post(
    '/v2/bot/richmenu/alias',
    lineEndpoint(context, 'createRichMenuAlias', ({ req, channelState }) => {
      const body = parseBody(createRichMenuAliasRequest, req.body);
      if (channelState.richMenuAliases[body.richMenuAliasId]) throw new LineError(400, { message: 'conflict richmenu alias id' });
      menuWithImage(channelState, body.richMenuId);
      channelState.richMenuAliases[body.richMenuAliasId] = body.richMenuId;
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/richmenu/alias/list',
    lineEndpoint(context, 'getRichMenuAliasList', ({ channelState }) => ({
      status: 200,
      body: {
        aliases: Object.entries(channelState.richMenuAliases).map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })),
      },
    })),
  );

  const aliasNotFound = { message: 'richmenu alias not found' };

  router.get(
    '/v2/bot/richmenu/alias/:richMenuAliasId',
    lineEndpoint(context, 'getRichMenuAlias', ({ req, channelState }) => {
      const richMenuAliasId = String(req.params.richMenuAliasId);
      const richMenuId = channelState.richMenuAliases[richMenuAliasId];
      if (!richMenuId) throw new LineError(404, aliasNotFound);
      return { status: 200, body: { richMenuAliasId, richMenuId } };
    }),
  );

  router.post(
    '/v2/bot/richmenu/alias/:richMenuAliasId',
    lineEndpoint(context, 'updateRichMenuAlias', ({ req, channelState }) => {
      const richMenuAliasId = String(req.params.richMenuAliasId);
      const body = parseBody(updateRichMenuAliasRequest, req.body);
      if (!channelState.richMenuAliases[richMenuAliasId]) throw new LineError(404, aliasNotFound);
      menuWithImage(channelState, body.richMenuId);
      channelState.richMenuAliases[richMenuAliasId] = body.richMenuId;
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.delete(
    '/v2/bot/richmenu/alias/:richMenuAliasId',
    lineEndpoint(context, 'deleteRichMenuAlias', ({ req, channelState }) => {
      const richMenuAliasId = String(req.params.richMenuAliasId);
      if (!channelState.richMenuAliases[richMenuAliasId]) throw new LineError(404, aliasNotFound);
      delete channelState.richMenuAliases[richMenuAliasId];
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/richmenu/:richMenuId/content',
    lineEndpoint(context, 'getRichMenuImage', ({ req, channelState }) => {
      const stored = existingMenu(channelState, String(req.params.richMenuId));
      if (!stored.image) throw new LineError(404, NOT_FOUND);
      return { status: 200, body: Buffer.from(stored.image.base64, 'base64'), contentType: stored.image.contentType };
    }),
  );

  router.post(
    '/v2/bot/richmenu/:richMenuId/content',
    // Up to LINE's request limit (a larger body is LINE's 413 from the parser), so the handler can
    // report an image over the 1 MB image limit as such.
    express.raw({ type: () => true, limit: MAX_REQUEST_BODY_BYTES }),
    lineEndpoint(context, 'setRichMenuImage', ({ req, channelState }) => {
      const stored = existingMenu(channelState, String(req.params.richMenuId));
      if (stored.image) throw new LineError(400, { message: 'An image has already been uploaded to the richmenu' });
      const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(RICH_MENU_IMAGE_RULES.contentTypes as readonly string[]).includes(contentType))
        throw new LineError(415, { message: 'The content type must be image/jpeg or image/png' });
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (data.length > RICH_MENU_IMAGE_RULES.maxBytes) throw new LineError(413, { message: 'The image must be 1 MB or smaller' });
      const info = readImageInfo(data);
      if (!info || `image/${info.format}` !== contentType)
        throw new LineError(400, { message: 'The image is not a valid JPEG or PNG image' });
      const { minWidth, maxWidth, minHeight, minAspectRatio } = RICH_MENU_IMAGE_RULES;
      if (info.width < minWidth || info.width > maxWidth || info.height < minHeight || info.width / info.height < minAspectRatio)
        throw new LineError(400, {
          message: `Image size ${info.width}x${info.height} is invalid: width 800 to 2500, height at least 250, width/height at least 1.45`,
        });
      if (info.width !== stored.menu.size.width || info.height !== stored.menu.size.height)
        throw new LineError(400, { message: 'The image size must match the size of the rich menu' });
      stored.image = { contentType, base64: data.toString('base64'), width: info.width, height: info.height };
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/richmenu/:richMenuId',
    lineEndpoint(context, 'getRichMenu', ({ req, channelState }) => ({
      status: 200,
      body: richMenuResponse(existingMenu(channelState, String(req.params.richMenuId))),
    })),
  );

  router.delete(
    '/v2/bot/richmenu/:richMenuId',
    lineEndpoint(context, 'deleteRichMenu', ({ req, channelState }) => {
      const richMenuId = existingMenu(channelState, String(req.params.richMenuId)).richMenuId;
      delete channelState.richMenus[richMenuId];
      // A deleted menu disappears from everyone's screen, from the default and from aliases.
      for (const friend of Object.values(channelState.friends)) {
        if (friend.linkedRichMenuId === richMenuId) friend.linkedRichMenuId = null;
        if (friend.switchedRichMenuId === richMenuId) friend.switchedRichMenuId = null;
      }
      if (channelState.defaultRichMenuId === richMenuId) channelState.defaultRichMenuId = null;
      for (const [aliasId, target] of Object.entries(channelState.richMenuAliases))
        if (target === richMenuId) delete channelState.richMenuAliases[aliasId];
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.post(
    '/v2/bot/user/all/richmenu/:richMenuId',
    lineEndpoint(context, 'setDefaultRichMenu', ({ req, channelState }) => {
      channelState.defaultRichMenuId = menuWithImage(channelState, String(req.params.richMenuId)).richMenuId;
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/user/all/richmenu',
    lineEndpoint(context, 'getDefaultRichMenuId', ({ channelState }) => {
      if (!channelState.defaultRichMenuId) throw new LineError(404, { message: 'no default richmenu' });
      return { status: 200, body: { richMenuId: channelState.defaultRichMenuId } };
    }),
  );

  router.delete(
    '/v2/bot/user/all/richmenu',
    lineEndpoint(context, 'cancelDefaultRichMenu', ({ channelState }) => {
      channelState.defaultRichMenuId = null;
      changed(channelState);
      return { status: 200, body: {} };
    }),
  );

  router.post(
    '/v2/bot/user/:userId/richmenu/:richMenuId',
    lineEndpoint(context, 'linkRichMenuIdToUser', ({ req, channelState }) => {
      const friend = channelState.friends[String(req.params.userId)];
      if (!friend) throw new LineError(400, { message: 'The user is not a friend of the account' });
      friend.linkedRichMenuId = menuWithImage(channelState, String(req.params.richMenuId)).richMenuId;
      friend.switchedRichMenuId = null;
      store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
      return { status: 200, body: {} };
    }),
  );

  router.get(
    '/v2/bot/user/:userId/richmenu',
    lineEndpoint(context, 'getRichMenuIdOfUser', ({ req, channelState }) => {
      const friend = channelState.friends[String(req.params.userId)];
      // Only per-user links count here: the default menu is not reported as the user's.
      if (!friend?.linkedRichMenuId) throw new LineError(404, { message: 'the user has no richmenu' });
      return { status: 200, body: { richMenuId: friend.linkedRichMenuId } };
    }),
  );

  router.delete(
    '/v2/bot/user/:userId/richmenu',
    lineEndpoint(context, 'unlinkRichMenuIdFromUser', ({ req, channelState }) => {
      const friend = channelState.friends[String(req.params.userId)];
      if (friend) {
        friend.linkedRichMenuId = null;
        friend.switchedRichMenuId = null;
        store.changed({ channelId: channelState.channel.channelId, userId: friend.userId });
      }
      return { status: 200, body: {} };
    }),
  );

  return router;
}

/** The menu a friend sees: one they switched to, else their linked menu, else the default. */
export function menuShownTo(channelState: ChannelState, userId: string): StoredRichMenu | undefined {
  const friend = channelState.friends[userId];
  if (!friend) return undefined;
  const id = friend.switchedRichMenuId ?? friend.linkedRichMenuId ?? channelState.defaultRichMenuId;
  return id ? channelState.richMenus[id] : undefined;
}
