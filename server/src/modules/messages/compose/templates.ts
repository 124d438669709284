import type { messagingApi } from '@line/bot-sdk';
import type { ComposedFlexBox, ComposedFlexBubble } from './flex.schema.js';
import type { ComposedCardMessage, ComposedFlexMessage } from './message.schema.js';

// Flex layouts a city sends often. Calm colours with AA contrast on white, large type for the
// title, labels in grey beside their values, one clear button. Every text wraps: residents read
// these on small phones with large font settings. The inputs may hold resident variables
// ({nickname}); the result still goes through validateMessages like any composed message.

export const COLORS = {
  /** Buttons, accents and the menu header: a municipal blue (6.7:1 on white). */
  primary: '#0B5CAD',
  /** Reminders: a green that reads as "do not forget" rather than an alarm (5.3:1 on white). */
  reminder: '#1E7A46',
  text: '#1F2937',
  /** Labels beside values: 5.8:1 on white, 5.3:1 on the panel. */
  muted: '#5F6673',
  headerText: '#FFFFFF',
  panel: '#F3F6FA',
} as const;

type Component = messagingApi.FlexComponent;

function heroImage(url: string): NonNullable<ComposedFlexBubble['hero']> {
  return { type: 'image', url, size: 'full', aspectRatio: '20:13', aspectMode: 'cover' };
}

/** 「日時」 beside 「12月5日（土）10:00〜」: a grey label column and a wrapping value. */
function labelledRow(label: string, value: string): ComposedFlexBox {
  return {
    type: 'box',
    layout: 'baseline',
    spacing: 'sm',
    contents: [
      { type: 'text', text: label, size: 'sm', color: COLORS.muted, flex: 2 },
      { type: 'text', text: value, size: 'sm', color: COLORS.text, wrap: true, flex: 5 },
    ],
  };
}

function buttonFooter(label: string, url: string, color: string): ComposedFlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    contents: [{ type: 'button', style: 'primary', color, height: 'sm', action: { type: 'uri', label, uri: url } }],
  };
}

function kicker(text: string, color: string): messagingApi.FlexText {
  return { type: 'text', text, size: 'xs', weight: 'bold', color };
}

function title(text: string): messagingApi.FlexText {
  return { type: 'text', text, size: 'xl', weight: 'bold', wrap: true, color: COLORS.text };
}

export interface EventNoticeInput {
  readonly title: string;
  /** As residents should read it: 「12月5日（土）10:00〜12:00」. */
  readonly date: string;
  readonly place: string;
  readonly body: string;
  readonly imageUrl?: string;
  readonly buttonLabel: string;
  readonly url: string;
}

/** An event notice: optional photo, 「イベントのお知らせ」, title, 日時 and 場所, the body and one button. */
export function eventNotice(input: EventNoticeInput): ComposedFlexMessage {
  const contents: Component[] = [
    kicker('イベントのお知らせ', COLORS.primary),
    title(input.title),
    {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      margin: 'lg',
      contents: [labelledRow('日時', input.date), labelledRow('場所', input.place)],
    },
    { type: 'separator', margin: 'lg' },
    { type: 'text', text: input.body, size: 'sm', wrap: true, color: COLORS.text, margin: 'lg' },
  ];
  const bubble: ComposedFlexBubble = {
    type: 'bubble',
    ...(input.imageUrl !== undefined && { hero: heroImage(input.imageUrl) }),
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents },
    footer: buttonFooter(input.buttonLabel, input.url, COLORS.primary),
  };
  return { type: 'flex', altText: `【イベント】${input.title}（${input.date}）`, contents: bubble };
}

export interface ReminderInput {
  readonly title: string;
  /** 「12月5日（土）9:30までに受付」. */
  readonly when: string;
  /** 「母子健康手帳、問診票」. */
  readonly bring: string;
  readonly url?: string;
  /** The button's text when there is a url; 「詳しく見る」 by default. */
  readonly buttonLabel?: string;
}

/** A reminder (健診, 予約, ごみの日): 「お忘れなく」, title, 日時 and 持ち物 on a light panel, an optional button. */
export function reminderCard(input: ReminderInput): ComposedFlexMessage {
  const bubble: ComposedFlexBubble = {
    type: 'bubble',
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        kicker('お忘れなく', COLORS.reminder),
        title(input.title),
        {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          margin: 'lg',
          paddingAll: 'md',
          cornerRadius: 'md',
          backgroundColor: COLORS.panel,
          contents: [labelledRow('日時', input.when), labelledRow('持ち物', input.bring)],
        },
      ],
    },
    ...(input.url !== undefined && { footer: buttonFooter(input.buttonLabel ?? '詳しく見る', input.url, COLORS.reminder) }),
  };
  return { type: 'flex', altText: `【リマインド】${input.title}（${input.when}）`, contents: bubble };
}

export interface LinkMenuInput {
  readonly title: string;
  /** 1 to 6 links, each a row the resident taps. */
  readonly links: readonly { readonly label: string; readonly url: string }[];
}

export const LINK_MENU_MAX_LINKS = 6;

/** A menu of links (「子育て支援メニュー」): a blue header and up to six tappable rows with a chevron. */
export function linkMenu(input: LinkMenuInput): ComposedFlexMessage {
  if (input.links.length < 1 || input.links.length > LINK_MENU_MAX_LINKS)
    throw new RangeError(`リンクは1〜${LINK_MENU_MAX_LINKS}件で指定してください（${input.links.length}件あります）`);
  const rows: Component[] = [];
  input.links.forEach((link, index) => {
    if (index > 0) rows.push({ type: 'separator' });
    rows.push({
      type: 'box',
      layout: 'horizontal',
      paddingTop: 'lg',
      paddingBottom: 'lg',
      action: { type: 'uri', uri: link.url },
      contents: [
        { type: 'text', text: link.label, size: 'md', color: COLORS.text, wrap: true, flex: 1, gravity: 'center' },
        { type: 'text', text: '›', size: 'xl', color: COLORS.primary, flex: 0, gravity: 'center' },
      ],
    });
  });
  const bubble: ComposedFlexBubble = {
    type: 'bubble',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: COLORS.primary,
      contents: [{ type: 'text', text: input.title, size: 'lg', weight: 'bold', wrap: true, color: COLORS.headerText }],
    },
    body: { type: 'box', layout: 'vertical', paddingTop: 'sm', paddingBottom: 'sm', contents: rows },
  };
  return { type: 'flex', altText: input.title, contents: bubble };
}

/** Our link card as LINE receives it: optional photo, the title, the text in grey, one button; its quick reply kept. */
export function cardToFlex(card: ComposedCardMessage): ComposedFlexMessage {
  const body: Component[] = [{ type: 'text', text: card.title, size: 'lg', weight: 'bold', wrap: true, color: COLORS.text }];
  if (card.text !== undefined) body.push({ type: 'text', text: card.text, size: 'sm', wrap: true, color: COLORS.muted });
  const bubble: ComposedFlexBubble = {
    type: 'bubble',
    ...(card.imageUrl !== undefined && { hero: heroImage(card.imageUrl) }),
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: body },
    footer: buttonFooter(card.buttonLabel, card.url, COLORS.primary),
  };
  return { type: 'flex', altText: card.title, contents: bubble, ...(card.quickReply && { quickReply: card.quickReply }) };
}
