import type { messagingApi } from '@line/bot-sdk';
import type { ComposedMessage } from './message.schema.js';

/**
 * Resident variables: `{nickname}` in a message becomes each resident's value when the delivery
 * sends it; `{{` writes a literal `{`. Variables work in the texts a resident reads: a text
 * message's text, a card's title and text, Flex text and span nodes, and the alternative text of
 * Flex and imagemap messages. Anywhere else braces are plain characters.
 *
 * Only values LINE itself already holds belong here. The display name comes from the resident's
 * LINE profile. Personal data that residents entered on our pages (name, address, area, phone,
 * birthdates, answers, receipt numbers) is never inserted: the national guideline for local
 * governments using LINE, and our NFR-25, keep such data off LINE's servers, so it stays on the
 * LIFF and web pages served by us.
 */
export const RESIDENT_VARIABLES = {
  nickname: {
    label: 'LINEの表示名',
    /** LINE allows display names of 20 characters; an emoji character is two UTF-16 units. */
    maxLength: 40,
    /** Sent when the delivery has no display name for the resident (LINE returned no profile). */
    fallback: '',
  },
} as const satisfies Record<string, { label: string; maxLength: number; fallback: string }>;

export type ResidentVariable = keyof typeof RESIDENT_VARIABLES;

export function isResidentVariable(name: string): name is ResidentVariable {
  return Object.hasOwn(RESIDENT_VARIABLES, name);
}

/** `{{`, or `{name}` with a name of 1–30 characters without braces, spaces or `$` (LINE emoji's placeholder). */
const TOKEN = /\{\{|\{([^{}\s$]{1,30})\}/g;

interface Expanded {
  readonly text: string;
  /** Where a character outside every token, at `index` in the source, ends up in `text`. */
  mapIndex(index: number): number;
}

function expand(source: string, valueOf: (name: string) => string | undefined): Expanded {
  let text = '';
  let from = 0;
  // [source start, output start] of each literal stretch, in order.
  const stretches: [number, number][] = [];
  for (const match of source.matchAll(TOKEN)) {
    stretches.push([from, text.length]);
    text += source.slice(from, match.index);
    const name = match[1];
    text += name === undefined ? '{' : (valueOf(name) ?? match[0]);
    from = match.index + match[0].length;
  }
  stretches.push([from, text.length]);
  text += source.slice(from);
  return {
    text,
    mapIndex(index) {
      let offset = 0;
      for (const [sourceStart, outputStart] of stretches) if (sourceStart <= index) offset = outputStart - sourceStart;
      return index + offset;
    },
  };
}

/** The variable names a text uses, known or not, each once, in order of first use. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(TOKEN)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

export function unknownPlaceholders(text: string): string[] {
  return placeholders(text).filter((name) => !isResidentVariable(name));
}

/** Cuts a value to the variable's length without splitting a surrogate pair, so a substituted message stays within LINE's limits. */
function fit(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const cut = value.slice(0, maxLength);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function resolver(values: Readonly<Record<string, string>>) {
  return (name: string): string | undefined => {
    if (!isResidentVariable(name)) return undefined;
    const variable = RESIDENT_VARIABLES[name];
    return fit(values[name] ?? variable.fallback, variable.maxLength);
  };
}

/** Every variable at its longest (a kana is three bytes of UTF-8, the most per UTF-16 unit): what validation measures. */
const WORST_CASE: Record<string, string> = Object.fromEntries(
  Object.entries(RESIDENT_VARIABLES).map(([name, variable]) => [name, 'あ'.repeat(variable.maxLength)]),
);

export function worstCaseText(text: string): string {
  return expand(text, resolver(WORST_CASE)).text;
}

export function substituteText(text: string, values: Readonly<Record<string, string>>): string {
  return expand(text, resolver(values)).text;
}

type Resolve = (name: string) => string | undefined;

function substituteComponent(component: messagingApi.FlexComponent, resolve: Resolve): messagingApi.FlexComponent {
  switch (component.type) {
    case 'box':
      return { ...component, contents: component.contents.map((child) => substituteComponent(child, resolve)) };
    case 'text':
      return {
        ...component,
        ...(component.text !== undefined && { text: expand(component.text, resolve).text }),
        ...(component.contents && {
          contents: component.contents.map((span) => ({
            ...span,
            ...(span.text !== undefined && { text: expand(span.text, resolve).text }),
          })),
        }),
      };
    case 'span':
      return { ...component, ...(component.text !== undefined && { text: expand(component.text, resolve).text }) };
    case 'video':
      return { ...component, altContent: substituteComponent(component.altContent, resolve) };
    default:
      return component;
  }
}

function substituteBubble(bubble: messagingApi.FlexBubble, resolve: Resolve): messagingApi.FlexBubble {
  return {
    ...bubble,
    ...(bubble.header && { header: substituteComponent(bubble.header, resolve) as messagingApi.FlexBox }),
    ...(bubble.hero && { hero: substituteComponent(bubble.hero, resolve) }),
    ...(bubble.body && { body: substituteComponent(bubble.body, resolve) as messagingApi.FlexBox }),
    ...(bubble.footer && { footer: substituteComponent(bubble.footer, resolve) as messagingApi.FlexBox }),
  };
}

function substituteContainer<C extends messagingApi.FlexContainer>(container: C, resolve: Resolve): C {
  if (container.type === 'bubble') return substituteBubble(container, resolve) as C;
  return { ...container, contents: container.contents.map((bubble) => substituteBubble(bubble, resolve)) };
}

/** A Flex container with every variable at its longest, for measuring its size against LINE's limit. */
export function worstCaseContainer<C extends messagingApi.FlexContainer>(container: C): C {
  return substituteContainer(container, resolver(WORST_CASE));
}

function substituteMessage(message: ComposedMessage, resolve: Resolve): ComposedMessage {
  switch (message.type) {
    case 'text': {
      const expanded = expand(message.text, resolve);
      return {
        ...message,
        text: expanded.text,
        ...(message.emojis && { emojis: message.emojis.map((emoji) => ({ ...emoji, index: expanded.mapIndex(emoji.index) })) }),
      };
    }
    case 'card':
      return {
        ...message,
        title: expand(message.title, resolve).text,
        ...(message.text !== undefined && { text: expand(message.text, resolve).text }),
      };
    case 'imagemap':
      return { ...message, altText: expand(message.altText, resolve).text };
    case 'flex':
      return { ...message, altText: expand(message.altText, resolve).text, contents: substituteContainer(message.contents, resolve) };
    case 'sticker':
    case 'image':
    case 'video':
      return message;
  }
}

/**
 * The messages as one resident receives them: each variable replaced by its value (or its
 * fallback), `{{` by `{`, LINE emoji indexes moved with the text. Run it once per send on the
 * stored messages, also when no variable is used (it unescapes `{{`), never on its own output.
 */
export function substitute(messages: readonly ComposedMessage[], values: Readonly<Record<string, string>>): ComposedMessage[] {
  const resolve = resolver(values);
  return messages.map((message) => structuredClone(substituteMessage(message, resolve)));
}

/** The variable names the messages' templated texts use, known or not. */
function variablesIn(message: ComposedMessage): Set<string> {
  const names = new Set<string>();
  substituteMessage(message, (name) => {
    names.add(name);
    return undefined;
  });
  return names;
}

/** Whether the messages differ per resident, so a delivery must send them one by one instead of by multicast. */
export function usesResidentVariables(messages: readonly ComposedMessage[]): boolean {
  return messages.some((message) => [...variablesIn(message)].some(isResidentVariable));
}
