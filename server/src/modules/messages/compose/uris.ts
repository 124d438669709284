import type { messagingApi } from '@line/bot-sdk';
import type { ComposedQuickReply } from './message-parts.js';
import type { ComposedMessage } from './message.schema.js';

// The links residents tap, for click tracking: URI actions wherever they stand (imagemap areas,
// Flex bubbles, boxes, buttons, images, texts and videos, quick reply buttons), a card's button and
// the plain URLs LINE turns into links in a text message. Only http and https: line://, tel: and
// mailto: open apps, not pages. Media URLs (image, video, icon, imagemap base) are what LINE
// fetches, not what a resident taps, and are never touched.

export interface CollectedUri {
  /** `messages.0.contents.footer.contents.0.action.uri`; `messages.1.text` for a URL in a text. */
  readonly path: string;
  readonly uri: string;
}

type MapUri = (uri: string, path: string) => string;

const isWebUri = (uri: string) => /^https?:\/\//i.test(uri);

/** http(s) URLs as a text message shows them, ending at a space, a full-width character, closing punctuation or a LINE emoji. */
const URL_IN_TEXT = /https?:\/\/[A-Za-z0-9][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*/gi;

interface Span {
  readonly start: number;
  readonly end: number;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Where the URLs of a text are; `stops` are LINE emoji indexes, whose `$` is never part of a URL. */
export function urlsInText(text: string, stops: ReadonlySet<number> = new Set()): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const start = match.index;
    let end = start + match[0].length;
    for (let i = start; i < end; i++)
      if (stops.has(i)) {
        end = i;
        break;
      }
    // A sentence's full stop or an enclosing bracket is not part of the URL.
    for (;;) {
      const url = text.slice(start, end);
      const last = url.at(-1);
      if (last !== undefined && /[.,;:!?'*]/.test(last)) end--;
      else if (last === ')' && count(url, '(') < count(url, ')')) end--;
      else if (last === ']' && count(url, '[') < count(url, ']')) end--;
      else break;
    }
    if (/^https?:\/\/[A-Za-z0-9]/i.test(text.slice(start, end))) spans.push({ start, end });
  }
  return spans;
}

function mapText(message: Extract<ComposedMessage, { type: 'text' }>, base: string, map: MapUri): typeof message {
  const emojiIndexes = new Set(message.emojis?.map((emoji) => emoji.index));
  const spans = urlsInText(message.text, emojiIndexes);
  if (spans.length === 0) return message;
  let text = '';
  let from = 0;
  // [source end, growth so far] of each replaced URL, to move the LINE emoji behind it.
  const shifts: [number, number][] = [];
  for (const { start, end } of spans) {
    const replaced = map(message.text.slice(start, end), `${base}.text`);
    text += message.text.slice(from, start) + replaced;
    shifts.push([end, text.length - end]);
    from = end;
  }
  text += message.text.slice(from);
  const shifted = (index: number) => index + (shifts.filter(([end]) => end <= index).at(-1)?.[1] ?? 0);
  return {
    ...message,
    text,
    ...(message.emojis && { emojis: message.emojis.map((emoji) => ({ ...emoji, index: shifted(emoji.index) })) }),
  };
}

function mapAction<A extends messagingApi.Action>(action: A, path: string, map: MapUri): A {
  if (action.type !== 'uri') return action;
  const uri: messagingApi.URIAction = action;
  const desktop = uri.altUri?.desktop;
  return {
    ...uri,
    ...(uri.uri !== undefined && isWebUri(uri.uri) && { uri: map(uri.uri, `${path}.uri`) }),
    ...(desktop !== undefined && isWebUri(desktop) && { altUri: { desktop: map(desktop, `${path}.altUri.desktop`) } }),
  } as A;
}

function mapComponent(component: messagingApi.FlexComponent, path: string, map: MapUri): messagingApi.FlexComponent {
  const withAction =
    'action' in component && component.action ? { ...component, action: mapAction(component.action, `${path}.action`, map) } : component;
  switch (withAction.type) {
    case 'box':
      return { ...withAction, contents: withAction.contents.map((child, index) => mapComponent(child, `${path}.contents.${index}`, map)) };
    case 'video':
      return { ...withAction, altContent: mapComponent(withAction.altContent, `${path}.altContent`, map) };
    default:
      return withAction;
  }
}

const BLOCKS = ['header', 'hero', 'body', 'footer'] as const;

function mapBubble(bubble: messagingApi.FlexBubble, path: string, map: MapUri): messagingApi.FlexBubble {
  const mapped: messagingApi.FlexBubble = { ...bubble, ...(bubble.action && { action: mapAction(bubble.action, `${path}.action`, map) }) };
  for (const block of BLOCKS) {
    const component = bubble[block];
    if (component === undefined) continue;
    if (block === 'hero') mapped.hero = mapComponent(component, `${path}.hero`, map);
    else mapped[block] = mapComponent(component, `${path}.${block}`, map) as messagingApi.FlexBox;
  }
  return mapped;
}

function mapContainer<C extends messagingApi.FlexContainer>(container: C, path: string, map: MapUri): C {
  if (container.type === 'bubble') return mapBubble(container, path, map) as C;
  return { ...container, contents: container.contents.map((bubble, index) => mapBubble(bubble, `${path}.contents.${index}`, map)) };
}

function mapQuickReply(quickReply: ComposedQuickReply, base: string, map: MapUri): ComposedQuickReply {
  return {
    items: quickReply.items.map((item, index) => ({
      ...item,
      action: mapAction(item.action, `${base}.quickReply.items.${index}.action`, map),
    })),
  };
}

function mapMessage(message: ComposedMessage, base: string, map: MapUri): ComposedMessage {
  const mapped = ((): ComposedMessage => {
    switch (message.type) {
      case 'text':
        return mapText(message, base, map);
      case 'imagemap':
        return {
          ...message,
          actions: message.actions.map((action, index) =>
            action.type === 'uri' && isWebUri(action.linkUri)
              ? { ...action, linkUri: map(action.linkUri, `${base}.actions.${index}.linkUri`) }
              : action,
          ),
        };
      case 'flex':
        return { ...message, contents: mapContainer(message.contents, `${base}.contents`, map) };
      case 'card':
        return isWebUri(message.url) ? { ...message, url: map(message.url, `${base}.url`) } : message;
      case 'sticker':
      case 'image':
      case 'video':
        return message;
    }
  })();
  return message.quickReply ? { ...mapped, quickReply: mapQuickReply(message.quickReply, base, map) } : mapped;
}

/** Every http(s) link a resident can tap in the messages, in message order. */
export function collectUris(messages: readonly ComposedMessage[]): CollectedUri[] {
  const found: CollectedUri[] = [];
  messages.forEach((message, index) =>
    mapMessage(message, `messages.${index}`, (uri, path) => {
      found.push({ path, uri });
      return uri;
    }),
  );
  return found;
}

/**
 * The messages with each collected link replaced by `map(uri)` (a tracking redirect, say), LINE
 * emoji indexes moved with the text. A longer URI can push a text or an action past LINE's limits:
 * validate the result again before sending it.
 */
export function rewriteUris(messages: readonly ComposedMessage[], map: (uri: string) => string): ComposedMessage[] {
  return messages.map((message, index) => structuredClone(mapMessage(message, `messages.${index}`, (uri) => map(uri))));
}
