// Named so the declaration emit can refer to bot-sdk's Flex types, which the Flex schemas produce.
import type { messagingApi as _lineTypes } from '@line/bot-sdk';
import { z } from 'zod';
import { flexContainer } from './flex.schema.js';
import { LIMITS } from './limits.js';
import { actionUri, httpsUrl, lineText, quickReply, templatedText, unionError } from './message-parts.js';
import { say } from './problems.js';

// The messages staff compose for a delivery: LINE's text, sticker, image, video, imagemap and Flex
// messages (messaging-api.yml's Message schemas with the reference's prose limits), and our `card`.
// Only what a delivery sends is accepted: no audio, location, template, coupon, text v2, sender or
// quote token; every object refuses properties it does not list.

const common = { quickReply: quickReply.optional() };

const digits = z.string().regex(/^\d{1,100}$/, { error: say.digits });

const emoji = z.strictObject({
  index: z.int().min(0),
  productId: lineText(LIMITS.emojiId),
  emojiId: lineText(LIMITS.emojiId),
});

export const textMessage = z
  .strictObject({
    type: z.literal('text'),
    text: templatedText(LIMITS.text),
    emojis: z.array(emoji).max(LIMITS.emojis).optional(),
    ...common,
  })
  .superRefine((message, ctx) => {
    // Each LINE emoji replaces one `$` of the text, at its UTF-16 index.
    const seen = new Set<number>();
    message.emojis?.forEach((item, index) => {
      if (item.index < 0) return;
      if (message.text[item.index] !== '$')
        ctx.addIssue({ code: 'custom', path: ['emojis', index, 'index'], message: say.emojiNotOnDollar, input: item.index });
      else if (seen.has(item.index))
        ctx.addIssue({ code: 'custom', path: ['emojis', index, 'index'], message: say.emojiSameIndex, input: item.index });
      seen.add(item.index);
    });
  });

export const stickerMessage = z.strictObject({
  type: z.literal('sticker'),
  packageId: digits,
  stickerId: digits,
  ...common,
});

export const imageMessage = z.strictObject({
  type: z.literal('image'),
  originalContentUrl: httpsUrl(LIMITS.mediaUrl),
  previewImageUrl: httpsUrl(LIMITS.mediaUrl),
  ...common,
});

export const videoMessage = z.strictObject({
  type: z.literal('video'),
  originalContentUrl: httpsUrl(LIMITS.mediaUrl),
  previewImageUrl: httpsUrl(LIMITS.mediaUrl),
  trackingId: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { error: say.printableAscii })
    .max(LIMITS.trackingId)
    .optional(),
  ...common,
});

const area = z.strictObject({
  x: z.int().min(0),
  y: z.int().min(0),
  width: z.int().min(1),
  height: z.int().min(1),
});

const imagemapLabel = lineText(LIMITS.imagemapLabel).optional();

const imagemapAction = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('uri'), label: imagemapLabel, linkUri: actionUri(), area }),
    z.strictObject({ type: z.literal('message'), label: imagemapLabel, text: lineText(LIMITS.imagemapMessageText), area }),
  ],
  { error: unionError(['uri', 'message']) },
);

export const imagemapMessage = z
  .strictObject({
    type: z.literal('imagemap'),
    baseUrl: httpsUrl(LIMITS.mediaUrl),
    altText: templatedText(LIMITS.altText),
    // LINE scales imagemaps from a design 1040 pixels wide.
    baseSize: z.strictObject({ width: z.literal(LIMITS.imagemapBaseWidth), height: z.int().min(1) }),
    actions: z.array(imagemapAction).min(1).max(LIMITS.imagemapActions),
    ...common,
  })
  .superRefine((message, ctx) => {
    const { width, height } = message.baseSize;
    message.actions.forEach(({ area }, index) => {
      if (area.x + area.width > width || area.y + area.height > height)
        ctx.addIssue({ code: 'custom', path: ['actions', index, 'area'], message: say.outsideImage(width, height), input: area });
    });
  });

export const flexMessage = z.strictObject({
  type: z.literal('flex'),
  altText: templatedText(LIMITS.altText),
  contents: flexContainer,
  ...common,
});

/**
 * Our link card to a form or LIFF page: a title, an optional text and image, and one button.
 * It compiles to a Flex bubble (templates.ts cardToFlex); the console edits it as a form.
 */
export const cardMessage = z.strictObject({
  type: z.literal('card'),
  title: templatedText(LIMITS.card.title, { after: 'writing' }),
  text: templatedText(LIMITS.card.text, { after: 'writing' }).optional(),
  imageUrl: httpsUrl(LIMITS.mediaUrl).optional(),
  buttonLabel: lineText(LIMITS.actionLabel, 'graphemes'),
  url: httpsUrl(LIMITS.actionUri),
  ...common,
});

export const MESSAGE_TYPES = ['text', 'sticker', 'image', 'video', 'imagemap', 'flex', 'card'] as const;

export const composedMessage = z.discriminatedUnion(
  'type',
  [textMessage, stickerMessage, imageMessage, videoMessage, imagemapMessage, flexMessage, cardMessage],
  { error: unionError(MESSAGE_TYPES) },
);

export const composedMessages = z
  .array(composedMessage)
  .min(LIMITS.messages.min, { error: say.tooFewMessages(LIMITS.messages.min) })
  .max(LIMITS.messages.max, { error: say.tooManyMessages(LIMITS.messages.max) });

export type ComposedTextMessage = z.output<typeof textMessage>;
export type ComposedStickerMessage = z.output<typeof stickerMessage>;
export type ComposedImageMessage = z.output<typeof imageMessage>;
export type ComposedVideoMessage = z.output<typeof videoMessage>;
export type ComposedImagemapMessage = z.output<typeof imagemapMessage>;
export type ComposedFlexMessage = z.output<typeof flexMessage>;
export type ComposedCardMessage = z.output<typeof cardMessage>;
/** A validated message as a delivery stores it; `toLineMessages` turns it into what LINE takes. */
export type ComposedMessage = z.output<typeof composedMessage>;
