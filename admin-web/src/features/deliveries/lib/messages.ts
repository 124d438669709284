import { LIMITS, MESSAGE_TYPES, eventNotice, linkMenu, reminderCard } from '@machi/message-compose';
import type { ComposedFlexMessage } from '@machi/message-compose';
import { imagemapBaseSize } from './line-image-upload';

/**
 * The messages of a delivery as the editor holds them: one draft per LINE message, with its fields
 * as staff type them (strings), the JSON-edited ones (Flex, imagemap) as their text. `compose`
 * turns a draft back into the message the server validates; properties the editor does not edit
 * (a quick reply) ride along in `extra` unchanged.
 */

export type MessageType = (typeof MESSAGE_TYPES)[number];
export { MESSAGE_TYPES };

/** Up to five messages a delivery sends at once (LINE's limit for one push). */
export const MAX_MESSAGES = LIMITS.messages.max;

interface DraftBase {
  /** Stable within the editor (React keys, problems that belong to this message). */
  key: string;
  /** Properties of the stored message the editor does not edit, sent back as they were. */
  extra: Record<string, unknown>;
}

export interface EmojiDraft {
  productId: string;
  emojiId: string;
}

export interface TextDraft extends DraftBase {
  type: 'text';
  text: string;
  /** The n-th LINE emoji takes the place of the n-th `$` of the text. */
  emojis: EmojiDraft[];
}
export interface StickerDraft extends DraftBase {
  type: 'sticker';
  packageId: string;
  stickerId: string;
}
export interface ImageDraft extends DraftBase {
  type: 'image';
  originalContentUrl: string;
  previewImageUrl: string;
}
export interface VideoDraft extends DraftBase {
  type: 'video';
  originalContentUrl: string;
  previewImageUrl: string;
  trackingId: string;
}
export interface CardDraft extends DraftBase {
  type: 'card';
  title: string;
  text: string;
  imageUrl: string;
  buttonLabel: string;
  url: string;
}
export interface FlexDraft extends DraftBase {
  type: 'flex';
  altText: string;
  /** The container (`{"type":"bubble",…}`) as JSON text. */
  contents: string;
}
export interface ImagemapDraft extends DraftBase {
  type: 'imagemap';
  /** The message without its `type` (baseUrl, altText, baseSize, actions) as JSON text. */
  json: string;
}

export type MessageDraft = TextDraft | StickerDraft | ImageDraft | VideoDraft | CardDraft | FlexDraft | ImagemapDraft;

let nextKey = 0;
export function newKey(): string {
  nextKey += 1;
  return `m${nextKey}`;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** An imagemap to start from: a 1040×1040 image in two halves, each a link. */
export const IMAGEMAP_SKELETON = {
  baseUrl: 'https://example.jp/images/imagemap',
  altText: '（代替テキスト）',
  baseSize: { width: 1040, height: 1040 },
  actions: [
    { type: 'uri', label: '左', linkUri: 'https://example.jp/left', area: { x: 0, y: 0, width: 520, height: 1040 } },
    { type: 'uri', label: '右', linkUri: 'https://example.jp/right', area: { x: 520, y: 0, width: 520, height: 1040 } },
  ],
};

/** A new, empty message of a type. */
export function emptyMessage(type: MessageType): MessageDraft {
  const base = { key: newKey(), extra: {} };
  switch (type) {
    case 'text':
      return { ...base, type, text: '', emojis: [] };
    case 'sticker':
      return { ...base, type, packageId: '', stickerId: '' };
    case 'image':
      return { ...base, type, originalContentUrl: '', previewImageUrl: '' };
    case 'video':
      return { ...base, type, originalContentUrl: '', previewImageUrl: '', trackingId: '' };
    case 'card':
      return { ...base, type, title: '', text: '', imageUrl: '', buttonLabel: '', url: '' };
    case 'flex':
      return flexDraft(TEMPLATES.eventNotice());
    case 'imagemap':
      return { ...base, type, json: pretty(IMAGEMAP_SKELETON) };
  }
}

export const TEMPLATE_KEYS = ['eventNotice', 'reminderCard', 'linkMenu'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/**
 * The messages module's Flex templates (the server's own code), filled with sample words that
 * staff replace: イベントのお知らせ, リマインダー, リンクメニュー.
 */
export const TEMPLATES: Record<TemplateKey, () => ComposedFlexMessage> = {
  eventNotice: () =>
    eventNotice({
      title: '（イベント名）',
      date: '12月5日（土）10:00〜12:00',
      place: '（会場）',
      body: '（お知らせの本文）',
      buttonLabel: '詳しく見る',
      url: 'https://example.jp/',
    }),
  reminderCard: () =>
    reminderCard({
      title: '（健診・予約などの名前）',
      when: '12月5日（土）9:30までに受付',
      bring: '（持ち物）',
      url: 'https://example.jp/',
      buttonLabel: '詳しく見る',
    }),
  linkMenu: () =>
    linkMenu({
      title: '（メニューの名前）',
      links: [
        { label: '（リンク1）', url: 'https://example.jp/1' },
        { label: '（リンク2）', url: 'https://example.jp/2' },
        { label: '（リンク3）', url: 'https://example.jp/3' },
      ],
    }),
};

export function flexDraft(message: ComposedFlexMessage, key: string = newKey()): FlexDraft {
  const { altText, contents, type: _type, ...extra } = message;
  return { key, extra, type: 'flex', altText, contents: pretty(contents) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function omit(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** A stored message (validated by the server when it was saved) as a draft. */
export function toDraft(message: unknown): MessageDraft {
  const m = isRecord(message) ? message : {};
  const key = newKey();
  switch (m['type']) {
    case 'text': {
      const emojis = Array.isArray(m['emojis']) ? m['emojis'].filter(isRecord) : [];
      return {
        key,
        type: 'text',
        text: str(m['text']),
        emojis: [...emojis]
          .sort((a, b) => Number(a['index']) - Number(b['index']))
          .map((e) => ({ productId: str(e['productId']), emojiId: str(e['emojiId']) })),
        extra: omit(m, ['type', 'text', 'emojis']),
      };
    }
    case 'sticker':
      return {
        key,
        type: 'sticker',
        packageId: str(m['packageId']),
        stickerId: str(m['stickerId']),
        extra: omit(m, ['type', 'packageId', 'stickerId']),
      };
    case 'image':
      return {
        key,
        type: 'image',
        originalContentUrl: str(m['originalContentUrl']),
        previewImageUrl: str(m['previewImageUrl']),
        extra: omit(m, ['type', 'originalContentUrl', 'previewImageUrl']),
      };
    case 'video':
      return {
        key,
        type: 'video',
        originalContentUrl: str(m['originalContentUrl']),
        previewImageUrl: str(m['previewImageUrl']),
        trackingId: str(m['trackingId']),
        extra: omit(m, ['type', 'originalContentUrl', 'previewImageUrl', 'trackingId']),
      };
    case 'card':
      return {
        key,
        type: 'card',
        title: str(m['title']),
        text: str(m['text']),
        imageUrl: str(m['imageUrl']),
        buttonLabel: str(m['buttonLabel']),
        url: str(m['url']),
        extra: omit(m, ['type', 'title', 'text', 'imageUrl', 'buttonLabel', 'url']),
      };
    case 'flex':
      return {
        key,
        type: 'flex',
        altText: str(m['altText']),
        contents: pretty(m['contents'] ?? {}),
        extra: omit(m, ['type', 'altText', 'contents']),
      };
    case 'imagemap':
      return { key, type: 'imagemap', json: pretty(omit(m, ['type'])), extra: {} };
    default:
      // Never stored (the server accepts only the types above); kept visible as text rather than dropped.
      return { key, type: 'text', text: JSON.stringify(message), emojis: [], extra: {} };
  }
}

/** The indexes of `$` in a text, in UTF-16 code units as LINE counts them. */
export function dollarIndexes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '$') out.push(i);
  return out;
}

/** What a JSON text holds, or the line where it stops being JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; line: number | null } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Engines word their errors differently (some give no position), so find the place ourselves.
    const offset = jsonErrorOffset(text);
    return { ok: false, line: offset === null ? null : text.slice(0, offset).split('\n').length };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The offset of the first character that makes a text not JSON (a small recursive reader), or null when it is JSON. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i] as string)) i++;
        else fail();
      } else i++;
    }
    expect('"');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) return void (i += literal.length);
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof RangeError) return Number(error.message);
    throw error;
  }
}

/** A problem the editor finds before the server's checks can say anything (its JSON is not JSON, emoji without `$`). */
export type DraftProblem = { kind: 'json'; line: number | null } | { kind: 'emojiCount'; emojis: number; dollars: number };

export interface Composed {
  /** The message for the server (and the shared checks). */
  message: Record<string, unknown>;
  /** What stops it from being one. */
  problem: DraftProblem | null;
}

/** A draft as the message the server takes: empty optional fields left out, emoji at their `$`. */
export function compose(draft: MessageDraft): Composed {
  switch (draft.type) {
    case 'text': {
      const dollars = dollarIndexes(draft.text);
      const emojis = draft.emojis
        .slice(0, dollars.length)
        .map((e, i) => ({ index: dollars[i] as number, productId: e.productId, emojiId: e.emojiId }));
      return {
        message: { type: 'text', text: draft.text, ...(emojis.length ? { emojis } : {}), ...draft.extra },
        problem: draft.emojis.length > dollars.length ? { kind: 'emojiCount', emojis: draft.emojis.length, dollars: dollars.length } : null,
      };
    }
    case 'sticker':
      return {
        message: { type: 'sticker', packageId: draft.packageId.trim(), stickerId: draft.stickerId.trim(), ...draft.extra },
        problem: null,
      };
    case 'image':
      return {
        message: {
          type: 'image',
          originalContentUrl: draft.originalContentUrl.trim(),
          previewImageUrl: draft.previewImageUrl.trim(),
          ...draft.extra,
        },
        problem: null,
      };
    case 'video':
      return {
        message: {
          type: 'video',
          originalContentUrl: draft.originalContentUrl.trim(),
          previewImageUrl: draft.previewImageUrl.trim(),
          ...(draft.trackingId.trim() ? { trackingId: draft.trackingId.trim() } : {}),
          ...draft.extra,
        },
        problem: null,
      };
    case 'card':
      return {
        message: {
          type: 'card',
          title: draft.title,
          ...(draft.text.trim() ? { text: draft.text } : {}),
          ...(draft.imageUrl.trim() ? { imageUrl: draft.imageUrl.trim() } : {}),
          buttonLabel: draft.buttonLabel,
          url: draft.url.trim(),
          ...draft.extra,
        },
        problem: null,
      };
    case 'flex': {
      const parsed = parseJson(draft.contents);
      return {
        message: { type: 'flex', altText: draft.altText, ...(parsed.ok ? { contents: parsed.value } : {}), ...draft.extra },
        problem: parsed.ok ? null : { kind: 'json', line: parsed.line },
      };
    }
    case 'imagemap': {
      const parsed = parseJson(draft.json);
      const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
      return {
        message: { ...body, type: 'imagemap' },
        problem: parsed.ok ? (isRecord(parsed.value) ? null : { kind: 'json', line: null }) : { kind: 'json', line: parsed.line },
      };
    }
  }
}

/**
 * An imagemap's JSON with an uploaded image as its picture: the image's baseUrl (the server serves
 * LINE's widths under it) and its size at LINE's 1040 width; the rest as it was. Null when the
 * JSON is not an object, so nothing of what staff wrote is lost.
 */
export function imagemapWithImage(json: string, image: { imagemapBaseUrl: string | null; width: number; height: number }): string | null {
  const parsed = parseJson(json);
  if (!parsed.ok || !isRecord(parsed.value) || !image.imagemapBaseUrl) return null;
  return pretty({ ...parsed.value, baseUrl: image.imagemapBaseUrl, baseSize: imagemapBaseSize(image) });
}
