import { z } from 'zod';
import { action, quickReplyAction } from './actions.js';
import { checkFlexContainer } from './flex.js';
import {
  httpsUrl,
  lineArray,
  lineInteger,
  lineLength,
  lineNumber,
  lineString,
  MAY_NOT_BE_EMPTY,
  unknownTypeMessage,
  USER_ID,
} from './common.js';

// Message objects (https://developers.line.biz/en/reference/messaging-api/#message-objects), written
// from messaging-api.yml's Message schemas plus the limits LINE's reference states in prose (the
// OpenAPI document does not carry most of them, e.g. text ≤5000 characters). Lengths are counted as
// LINE counts them: UTF-16 code units, template titles and texts grapheme clusters.

const quickReply = z.object({
  items: lineArray(z.object({ type: z.literal('action'), imageUrl: httpsUrl(2000).optional(), action: quickReplyAction }), 1, 13),
});

const sender = z.object({ name: lineString(1, 20).optional(), iconUrl: httpsUrl(2000).optional() });

const common = { quickReply: quickReply.optional(), sender: sender.optional() };

export const textMessage = z.object({
  type: z.literal('text'),
  text: lineString(1, 5000),
  emojis: lineArray(
    z.object({ index: lineInteger(0, 5000), productId: lineString(1, 100), emojiId: lineString(1, 100) }),
    0,
    20,
  ).optional(),
  quoteToken: z.string().optional(),
  ...common,
});

const substitution = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('mention'),
      mentionee: z.discriminatedUnion('type', [
        z.object({ type: z.literal('user'), userId: USER_ID }),
        z.object({ type: z.literal('all') }),
      ]),
    }),
    z.object({ type: z.literal('emoji'), productId: lineString(1, 100), emojiId: lineString(1, 100) }),
  ],
  { error: unknownTypeMessage('substitution') },
);

export const textMessageV2 = z
  .object({
    type: z.literal('textV2'),
    text: lineString(1, 5000),
    substitution: z.record(z.string().regex(/^[a-zA-Z0-9_]{1,20}$/), substitution).optional(),
    quoteToken: z.string().optional(),
    ...common,
  })
  .superRefine((message, ctx) => {
    // Every {key} placeholder needs a substitution (text v2 reference); "{{" escapes a brace.
    const placeholders = message.text.replace(/\{\{|\}\}/g, '').matchAll(/\{([a-zA-Z0-9_]{1,20})\}/g);
    for (const [, key] of placeholders)
      if (!message.substitution || !(key! in message.substitution))
        ctx.addIssue({ code: 'custom', path: ['substitution', key!], message: MAY_NOT_BE_EMPTY });
  });

export const stickerMessage = z.object({
  type: z.literal('sticker'),
  packageId: lineString(1, 100),
  stickerId: lineString(1, 100),
  quoteToken: z.string().optional(),
  ...common,
});

export const imageMessage = z.object({
  type: z.literal('image'),
  originalContentUrl: httpsUrl(2000),
  previewImageUrl: httpsUrl(2000),
  ...common,
});

export const videoMessage = z.object({
  type: z.literal('video'),
  originalContentUrl: httpsUrl(2000),
  previewImageUrl: httpsUrl(2000),
  trackingId: lineString(1, 100).optional(),
  ...common,
});

export const audioMessage = z.object({
  type: z.literal('audio'),
  originalContentUrl: httpsUrl(2000),
  duration: lineInteger(1, Number.MAX_SAFE_INTEGER),
  ...common,
});

export const locationMessage = z.object({
  type: z.literal('location'),
  title: lineString(1, 100),
  address: lineString(1, 100),
  latitude: lineNumber.min(-90).max(90),
  longitude: lineNumber.min(-180).max(180),
  ...common,
});

const imagemapArea = z.object({
  x: lineInteger(0, 2_147_483_647),
  y: lineInteger(0, 2_147_483_647),
  width: lineInteger(1, 2_147_483_647),
  height: lineInteger(1, 2_147_483_647),
});

export const imagemapMessage = z.object({
  type: z.literal('imagemap'),
  baseUrl: httpsUrl(2000),
  altText: lineString(1, 1500),
  // Imagemap images are designed at a base width of 1040 px.
  baseSize: z.object({ width: z.literal(1040, { error: 'Must be 1040' }), height: lineInteger(1, 2_147_483_647) }),
  video: z
    .object({
      originalContentUrl: httpsUrl(2000),
      previewImageUrl: httpsUrl(2000),
      area: imagemapArea,
      externalLink: z.object({ linkUri: httpsUrl(1000), label: lineString(1, 30) }).optional(),
    })
    .optional(),
  actions: lineArray(
    z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('uri'), label: lineString(1, 100).optional(), linkUri: lineString(1, 1000), area: imagemapArea }),
        z.object({ type: z.literal('message'), label: lineString(1, 100).optional(), text: lineString(1, 400), area: imagemapArea }),
        z.object({
          type: z.literal('clipboard'),
          label: lineString(1, 100).optional(),
          clipboardText: lineString(1, 1000),
          area: imagemapArea,
        }),
      ],
      { error: unknownTypeMessage('imagemap action') },
    ),
    1,
    50,
  ),
  ...common,
});

const templateImage = {
  thumbnailImageUrl: httpsUrl(2000).optional(),
  imageBackgroundColor: z.string().optional(),
};

const buttonsTemplate = z
  .object({
    type: z.literal('buttons'),
    ...templateImage,
    imageAspectRatio: z.enum(['rectangle', 'square']).optional(),
    imageSize: z.enum(['cover', 'contain']).optional(),
    title: lineString(1, 40, 'graphemes').optional(),
    text: lineString(1, 160, 'graphemes'),
    defaultAction: action.optional(),
    actions: lineArray(action, 1, 4),
  })
  .superRefine((template, ctx) => {
    // With an image or a title the text may only be 60 characters.
    if ((template.thumbnailImageUrl || template.title) && lineLength(template.text, 'graphemes') > 60)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'Length must be between 1 and 60' });
  });

const confirmTemplate = z.object({ type: z.literal('confirm'), text: lineString(1, 240, 'graphemes'), actions: lineArray(action, 2, 2) });

const carouselTemplate = z.object({
  type: z.literal('carousel'),
  imageAspectRatio: z.enum(['rectangle', 'square']).optional(),
  imageSize: z.enum(['cover', 'contain']).optional(),
  columns: lineArray(
    z.object({
      ...templateImage,
      title: lineString(1, 40, 'graphemes').optional(),
      text: lineString(1, 120, 'graphemes'),
      defaultAction: action.optional(),
      actions: lineArray(action, 1, 3),
    }),
    1,
    10,
  ),
});

const imageCarouselTemplate = z.object({
  type: z.literal('image_carousel'),
  columns: lineArray(z.object({ imageUrl: httpsUrl(2000), action }), 1, 10),
});

export const templateMessage = z.object({
  type: z.literal('template'),
  altText: lineString(1, 400),
  template: z.discriminatedUnion('type', [buttonsTemplate, confirmTemplate, carouselTemplate, imageCarouselTemplate], {
    error: unknownTypeMessage('template'),
  }),
  ...common,
});

export const flexMessage = z.object({
  type: z.literal('flex'),
  altText: lineString(1, 1500),
  contents: z
    .record(z.string(), z.unknown(), { error: MAY_NOT_BE_EMPTY })
    .superRefine((contents, ctx) => checkFlexContainer(contents, [], ctx)),
  ...common,
});

/** One message object. Coupon messages are not emulated (the product does not send them). */
export const message = z.discriminatedUnion(
  'type',
  [
    textMessage,
    textMessageV2,
    stickerMessage,
    imageMessage,
    videoMessage,
    audioMessage,
    locationMessage,
    imagemapMessage,
    templateMessage,
    flexMessage,
  ],
  { error: unknownTypeMessage('message') },
);

export type LineMessage = z.infer<typeof message>;

/** 1 to 5 message objects per request. */
export const messages = lineArray(message, 1, 5);
