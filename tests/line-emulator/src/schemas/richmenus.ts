import { z } from 'zod';
import { action } from './actions.js';
import { lineArray, lineBoolean, lineInteger, lineString, USER_ID } from './common.js';

// Rich menu objects (https://developers.line.biz/en/reference/messaging-api/#rich-menu-object),
// from messaging-api.yml's RichMenuRequest plus the reference's rules: width 800–2500 px, height
// ≥250 px, width/height ≥1.45, 1–20 areas each inside the menu, name ≤300, chatBarText ≤14 (both
// counted in grapheme clusters, docs/messaging-api/text-character-count).

export const RICH_MENU_IMAGE_RULES = {
  minWidth: 800,
  maxWidth: 2500,
  minHeight: 250,
  minAspectRatio: 1.45,
  maxBytes: 1024 * 1024,
  contentTypes: ['image/jpeg', 'image/png'],
} as const;

const bounds = z.object({
  x: lineInteger(0, 2_147_483_647),
  y: lineInteger(0, 2_147_483_647),
  width: lineInteger(1, 2_147_483_647),
  height: lineInteger(1, 2_147_483_647),
});

export const richMenuRequest = z
  .object({
    size: z.object({
      width: lineInteger(RICH_MENU_IMAGE_RULES.minWidth, RICH_MENU_IMAGE_RULES.maxWidth),
      height: lineInteger(RICH_MENU_IMAGE_RULES.minHeight, 2_147_483_647),
    }),
    selected: lineBoolean,
    name: lineString(1, 300, 'graphemes'),
    chatBarText: lineString(1, 14, 'graphemes'),
    areas: lineArray(z.object({ bounds, action }), 1, 20),
  })
  .superRefine((menu, ctx) => {
    if (menu.size.width / menu.size.height < RICH_MENU_IMAGE_RULES.minAspectRatio)
      ctx.addIssue({ code: 'custom', path: ['size'], message: 'The aspect ratio (width / height) must be at least 1.45' });
    menu.areas.forEach((area, index) => {
      const { x, y, width, height } = area.bounds;
      if (x + width > menu.size.width || y + height > menu.size.height)
        ctx.addIssue({ code: 'custom', path: ['areas', index, 'bounds'], message: 'The area must be inside the rich menu' });
    });
  });

export type RichMenuRequest = z.infer<typeof richMenuRequest>;

const aliasId = z.string().regex(/^[a-z0-9_-]{1,32}$/, { error: 'Must consist of 1 to 32 characters among a-z, 0-9, _ and -' });

export const createRichMenuAliasRequest = z.object({ richMenuAliasId: aliasId, richMenuId: lineString(1, 100) });
export const updateRichMenuAliasRequest = z.object({ richMenuId: lineString(1, 100) });
export const richMenuBulkLinkRequest = z.object({ richMenuId: lineString(1, 100), userIds: lineArray(USER_ID, 1, 500) });
export const richMenuBulkUnlinkRequest = z.object({ userIds: lineArray(USER_ID, 1, 500) });
