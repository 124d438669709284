import type { messagingApi } from '@line/bot-sdk';
import { z } from 'zod';
import { LIMITS, jsonBytes } from './limits.js';
import { action, httpsUrl, requireLabel, templatedText, unionError } from './message-parts.js';
import { say } from './problems.js';
import { worstCaseContainer } from './substitute.js';

// Flex Message containers (messaging-api.yml FlexBubble … FlexFiller, and the reference's prose):
// every property the OpenAPI document lists and nothing else, required properties, enumerations,
// where each component may stand (an icon only in a baseline box, a span only in a text, a video
// only as the hero), colours and sizes in the forms LINE takes, actions, and the JSON size limits.

const KEYWORDS = ['none', 'xs', 'sm', 'md', 'lg', 'xl', 'xxl'] as const;
const FONT_SIZES = ['xxs', 'xs', 'sm', 'md', 'lg', 'xl', 'xxl', '3xl', '4xl', '5xl'] as const;
const BORDER_WIDTHS = ['none', 'light', 'normal', 'medium', 'semi-bold', 'bold'] as const;
const PIXELS = /^\d+(\.\d+)?px$/;
const PERCENT = /^\d+(\.\d+)?%$/;

/** A style value: one of LINE's keywords, or pixels / a percentage where LINE takes them. */
function styleValue(keywords: readonly string[], forms: { px?: boolean; percent?: boolean } = {}) {
  return z.string().superRefine((value, ctx) => {
    if (keywords.includes(value) || (forms.px && PIXELS.test(value)) || (forms.percent && PERCENT.test(value))) return;
    ctx.addIssue({ code: 'custom', message: say.flexValue(value), input: value });
  });
}

const color = z.string().regex(/^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, { error: say.color });
const flexRatio = z.int().min(0);
const margin = styleValue(KEYWORDS, { px: true });
const offset = styleValue(KEYWORDS, { px: true, percent: true });
const position = {
  position: z.enum(['relative', 'absolute']).optional(),
  offsetTop: offset.optional(),
  offsetBottom: offset.optional(),
  offsetStart: offset.optional(),
  offsetEnd: offset.optional(),
};
const gravity = z.enum(['top', 'bottom', 'center']);
const align = z.enum(['start', 'end', 'center']);

/** `{width}:{height}`, each 1–100000, the height at most three times the width. */
const aspectRatio = z.string().superRefine((value, ctx) => {
  const match = /^(\d+):(\d+)$/.exec(value);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (match && width >= 1 && width <= 100_000 && height >= 1 && height <= 100_000 && height <= width * 3) return;
  ctx.addIssue({ code: 'custom', message: say.aspectRatio, input: value });
});

const span = z.strictObject({
  type: z.literal('span'),
  text: templatedText(),
  size: styleValue(FONT_SIZES, { px: true }).optional(),
  color: color.optional(),
  weight: z.enum(['regular', 'bold']).optional(),
  style: z.enum(['normal', 'italic']).optional(),
  decoration: z.enum(['none', 'underline', 'line-through']).optional(),
});

const text = z
  .strictObject({
    type: z.literal('text'),
    text: templatedText().optional(),
    contents: z.array(span).optional(),
    flex: flexRatio.optional(),
    size: styleValue(FONT_SIZES, { px: true }).optional(),
    align: align.optional(),
    gravity: gravity.optional(),
    color: color.optional(),
    weight: z.enum(['regular', 'bold']).optional(),
    style: z.enum(['normal', 'italic']).optional(),
    decoration: z.enum(['none', 'underline', 'line-through']).optional(),
    wrap: z.boolean().optional(),
    lineSpacing: styleValue([], { px: true }).optional(),
    margin: margin.optional(),
    ...position,
    action: action.optional(),
    maxLines: z.int().min(0).optional(),
    adjustMode: z.literal('shrink-to-fit').optional(),
    scaling: z.boolean().optional(),
  })
  .superRefine((node, ctx) => {
    // LINE shows the spans when there are any, the text otherwise: one of them is needed.
    if (node.text === undefined && (node.contents === undefined || node.contents.length === 0))
      ctx.addIssue({ code: 'custom', path: ['text'], message: say.textOrSpans, input: node });
  });

const button = z
  .strictObject({
    type: z.literal('button'),
    action,
    flex: flexRatio.optional(),
    color: color.optional(),
    style: z.enum(['primary', 'secondary', 'link']).optional(),
    gravity: gravity.optional(),
    margin: margin.optional(),
    ...position,
    height: z.enum(['md', 'sm']).optional(),
    adjustMode: z.literal('shrink-to-fit').optional(),
    scaling: z.boolean().optional(),
  })
  .superRefine(requireLabel);

const image = z.strictObject({
  type: z.literal('image'),
  url: httpsUrl(LIMITS.mediaUrl),
  flex: flexRatio.optional(),
  margin: margin.optional(),
  ...position,
  align: align.optional(),
  gravity: gravity.optional(),
  size: styleValue([...FONT_SIZES, 'full'], { px: true, percent: true }).optional(),
  aspectRatio: aspectRatio.optional(),
  aspectMode: z.enum(['fit', 'cover']).optional(),
  backgroundColor: color.optional(),
  action: action.optional(),
  animated: z.boolean().optional(),
});

const icon = z.strictObject({
  type: z.literal('icon'),
  url: httpsUrl(LIMITS.mediaUrl),
  size: styleValue(FONT_SIZES, { px: true }).optional(),
  aspectRatio: aspectRatio.optional(),
  margin: margin.optional(),
  ...position,
  scaling: z.boolean().optional(),
});

const separator = z.strictObject({ type: z.literal('separator'), margin: margin.optional(), color: color.optional() });
const filler = z.strictObject({ type: z.literal('filler'), flex: flexRatio.optional() });

const linearGradient = z.strictObject({
  type: z.literal('linearGradient'),
  angle: z.string().regex(/^-?\d+(\.\d+)?deg$/, { error: say.angle }),
  startColor: color,
  endColor: color,
  centerColor: color.optional(),
  centerPosition: styleValue([], { percent: true }).optional(),
});

const BASELINE_CHILDREN = new Set(['icon', 'text', 'filler']);

const box = z.strictObject({
  type: z.literal('box'),
  layout: z.enum(['horizontal', 'vertical', 'baseline']),
  // Typed as LINE's component so the recursion has a name; boxChild's output is a subset of it.
  get contents(): z.ZodArray<z.ZodType<messagingApi.FlexComponent>> {
    return z.array(boxChild);
  },
  flex: flexRatio.optional(),
  spacing: styleValue(KEYWORDS, { px: true }).optional(),
  margin: margin.optional(),
  ...position,
  backgroundColor: color.optional(),
  borderColor: color.optional(),
  borderWidth: styleValue(BORDER_WIDTHS, { px: true }).optional(),
  cornerRadius: styleValue(KEYWORDS, { px: true }).optional(),
  width: styleValue([], { px: true, percent: true }).optional(),
  maxWidth: styleValue([], { px: true, percent: true }).optional(),
  height: styleValue([], { px: true, percent: true }).optional(),
  maxHeight: styleValue([], { px: true, percent: true }).optional(),
  paddingAll: offset.optional(),
  paddingTop: offset.optional(),
  paddingBottom: offset.optional(),
  paddingStart: offset.optional(),
  paddingEnd: offset.optional(),
  action: action.optional(),
  justifyContent: z.enum(['center', 'flex-start', 'flex-end', 'space-between', 'space-around', 'space-evenly']).optional(),
  alignItems: z.enum(['center', 'flex-start', 'flex-end']).optional(),
  background: linearGradient.optional(),
});

const BOX_CHILD_TYPES = ['box', 'button', 'image', 'icon', 'text', 'separator', 'filler'] as const;
const boxChild = z.discriminatedUnion('type', [box, button, image, icon, text, separator, filler], { error: unionError(BOX_CHILD_TYPES) });

const video = z.strictObject({
  type: z.literal('video'),
  url: httpsUrl(LIMITS.mediaUrl),
  previewUrl: httpsUrl(LIMITS.mediaUrl),
  altContent: z.discriminatedUnion('type', [box, image], { error: unionError(['box', 'image']) }),
  aspectRatio: aspectRatio.optional(),
  action: action.optional(),
});

const hero = z.discriminatedUnion('type', [box, image, video], { error: unionError(['box', 'image', 'video']) });

const blockStyle = z.strictObject({
  backgroundColor: color.optional(),
  separator: z.boolean().optional(),
  separatorColor: color.optional(),
});

const BLOCKS = ['header', 'hero', 'body', 'footer'] as const;

/** Where a component may stand depends on its box's layout, which the recursive schema cannot see: checked from the bubble. */
function checkPlacement(component: messagingApi.FlexComponent, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (component.type === 'video') return checkPlacement(component.altContent, [...path, 'altContent'], ctx);
  if (component.type !== 'box') return;
  const inBaseline = component.layout === 'baseline';
  component.contents.forEach((child, index) => {
    const at = [...path, 'contents', index];
    if (!inBaseline && child.type === 'icon') ctx.addIssue({ code: 'custom', path: at, message: say.iconOutsideBaseline, input: child });
    if (inBaseline && !BASELINE_CHILDREN.has(child.type))
      ctx.addIssue({ code: 'custom', path: at, message: say.notInBaseline, input: child });
    checkPlacement(child, at, ctx);
  });
}

function checkSize(container: z.output<typeof bubble> | z.output<typeof carousel>, limit: number, ctx: z.RefinementCtx): void {
  // Measured with every resident variable at its longest, so a substituted message fits too.
  const bytes = jsonBytes(worstCaseContainer(container));
  if (bytes > limit) ctx.addIssue({ code: 'custom', message: say.tooLarge(limit, bytes), input: container });
}

const bubble = z
  .strictObject({
    type: z.literal('bubble'),
    direction: z.enum(['ltr', 'rtl']).optional(),
    size: z.enum(['nano', 'micro', 'deca', 'hecto', 'kilo', 'mega', 'giga']).optional(),
    styles: z
      .strictObject({
        header: blockStyle.optional(),
        hero: blockStyle.optional(),
        body: blockStyle.optional(),
        footer: blockStyle.optional(),
      })
      .optional(),
    header: box.optional(),
    hero: hero.optional(),
    body: box.optional(),
    footer: box.optional(),
    action: action.optional(),
  })
  .superRefine((node, ctx) => {
    if (BLOCKS.every((block) => node[block] === undefined)) return ctx.addIssue({ code: 'custom', message: say.bubbleEmpty, input: node });
    for (const block of BLOCKS) {
      const component = node[block];
      if (component) checkPlacement(component, [block], ctx);
    }
    checkSize(node, LIMITS.bubbleBytes, ctx);
  });

const carousel = z
  .strictObject({
    type: z.literal('carousel'),
    contents: z.array(bubble).min(1).max(LIMITS.carouselBubbles),
  })
  .superRefine((node, ctx) => checkSize(node, LIMITS.carouselBytes, ctx));

export const flexContainer = z.discriminatedUnion('type', [bubble, carousel], { error: unionError(['bubble', 'carousel']) });

export type ComposedFlexContainer = z.output<typeof flexContainer>;
export type ComposedFlexBubble = z.output<typeof bubble>;
export type ComposedFlexBox = z.output<typeof box>;
export type ComposedFlexComponent = z.output<typeof boxChild> | z.output<typeof video>;
