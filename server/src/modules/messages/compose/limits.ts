/**
 * LINE's limits for the messages a delivery sends, from the Messaging API reference
 * (https://developers.line.biz/en/reference/messaging-api/#message-objects) and its prose: the
 * OpenAPI document (messaging-api.yml) carries only a few of them (quick reply ≤13, URL ≤2000).
 * Our own `card` limits are the product's choice: a card compiles to a Flex bubble, and these keep
 * it readable on a phone.
 */
export const LIMITS = {
  messages: { min: 1, max: 5 },
  text: 5000,
  emojis: 20,
  emojiId: 100,
  stickerId: 100,
  mediaUrl: 2000,
  trackingId: 100,
  altText: 1500,
  imagemapBaseWidth: 1040,
  imagemapActions: 50,
  imagemapLabel: 100,
  imagemapMessageText: 400,
  actionLabel: 20,
  actionUri: 1000,
  actionText: 300,
  postbackData: 300,
  clipboardText: 1000,
  quickReplyItems: 13,
  carouselBubbles: 12,
  /** LINE: "the maximum size of JSON data that defines a bubble is 30 KB", a carousel 50 KB. */
  bubbleBytes: 30_000,
  carouselBytes: 50_000,
  card: { title: 40, text: 500 },
} as const;

/**
 * How LINE counts a text's length (docs/messaging-api/text-character-count): in UTF-16 code units
 * (🍎 is two), except action labels and the texts of message and postback actions, which it counts
 * in grapheme clusters (🇯🇵 is one). LINE also counts a LINE emoji's `$` as the emoji's alternative
 * text, which it does not disclose, so a text near 5000 with emoji may still be refused by LINE.
 */
export type LengthUnit = 'utf16' | 'graphemes';

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

export function lineLength(value: string, unit: LengthUnit = 'utf16'): number {
  if (unit === 'utf16') return value.length;
  let count = 0;
  for (const _ of graphemes.segment(value)) count++;
  return count;
}

const encoder = new TextEncoder();

/** LINE measures Flex JSON in bytes of UTF-8: a kana is three. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}
