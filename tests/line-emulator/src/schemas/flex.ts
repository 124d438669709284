import type { z } from 'zod';
import { action } from './actions.js';

// Structure-level checks of Flex Message containers
// (https://developers.line.biz/en/reference/messaging-api/#flex-message): container and component
// types, required properties per component, carousel size, action validity and JSON size. Styling
// values (sizes, colours, margins) are not checked: LINE accepts many forms and the product's own
// builder produces them.

type Path = (string | number)[];

const COMPONENT_TYPES = new Set(['box', 'button', 'image', 'video', 'icon', 'text', 'span', 'separator', 'filler']);
const BUBBLE_BLOCKS = ['header', 'hero', 'body', 'footer'] as const;
/** LINE: a bubble may be at most 30 KB of JSON, a carousel 50 KB: bytes of UTF-8, so a kana is three. */
const MAX_BUBBLE_BYTES = 30_000;
const MAX_CAROUSEL_BYTES = 50_000;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const MAX_CAROUSEL_BUBBLES = 12;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issue(ctx: z.RefinementCtx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function checkAction(value: unknown, path: Path, ctx: z.RefinementCtx): void {
  const parsed = action.safeParse(value);
  if (!parsed.success) for (const inner of parsed.error.issues) issue(ctx, [...path, ...(inner.path as Path)], inner.message);
}

function checkComponent(value: unknown, path: Path, ctx: z.RefinementCtx, parentLayout?: string): void {
  if (!isRecord(value)) return issue(ctx, path, 'Must be a flex component object');
  const type = value.type;
  if (typeof type !== 'string' || !COMPONENT_TYPES.has(type)) return issue(ctx, [...path, 'type'], 'Invalid flex component type');
  if (value.action !== undefined) checkAction(value.action, [...path, 'action'], ctx);
  switch (type) {
    case 'box':
      return checkBox(value, path, ctx);
    case 'text':
      if (typeof value.text !== 'string' && !Array.isArray(value.contents)) issue(ctx, [...path, 'text'], 'May not be empty');
      if (Array.isArray(value.contents))
        value.contents.forEach((span, index) => {
          if (!isRecord(span) || span.type !== 'span' || typeof span.text !== 'string')
            issue(ctx, [...path, 'contents', index], 'Must be a span component with text');
        });
      return;
    case 'span':
      if (typeof value.text !== 'string') issue(ctx, [...path, 'text'], 'May not be empty');
      return;
    case 'image':
    case 'icon':
      if (typeof value.url !== 'string' || !value.url.startsWith('https://')) issue(ctx, [...path, 'url'], 'Must be a valid HTTPS URL');
      if (type === 'icon' && parentLayout !== 'baseline') issue(ctx, path, 'An icon may only be placed in a baseline box');
      return;
    case 'video':
      if (typeof value.url !== 'string' || !value.url.startsWith('https://')) issue(ctx, [...path, 'url'], 'Must be a valid HTTPS URL');
      if (typeof value.previewUrl !== 'string' || !value.previewUrl.startsWith('https://'))
        issue(ctx, [...path, 'previewUrl'], 'Must be a valid HTTPS URL');
      if (value.altContent === undefined) issue(ctx, [...path, 'altContent'], 'May not be empty');
      else checkComponent(value.altContent, [...path, 'altContent'], ctx);
      return;
    case 'button':
      if (value.action === undefined) issue(ctx, [...path, 'action'], 'May not be empty');
      return;
    default:
      return;
  }
}

function checkBox(value: Record<string, unknown>, path: Path, ctx: z.RefinementCtx): void {
  const layout = value.layout;
  if (layout !== 'horizontal' && layout !== 'vertical' && layout !== 'baseline')
    issue(ctx, [...path, 'layout'], 'Must be one of horizontal, vertical or baseline');
  if (!Array.isArray(value.contents)) return issue(ctx, [...path, 'contents'], 'May not be empty');
  value.contents.forEach((child, index) => checkComponent(child, [...path, 'contents', index], ctx, layout as string));
}

function checkBubble(value: unknown, path: Path, ctx: z.RefinementCtx): void {
  if (!isRecord(value) || value.type !== 'bubble') return issue(ctx, [...path, 'type'], 'Must be a bubble');
  for (const block of BUBBLE_BLOCKS) {
    const content = value[block];
    if (content === undefined) continue;
    if (block === 'hero') checkComponent(content, [...path, block], ctx);
    else if (!isRecord(content) || content.type !== 'box') issue(ctx, [...path, block], 'Must be a box component');
    else checkBox(content, [...path, block], ctx);
  }
  if (value.action !== undefined) checkAction(value.action, [...path, 'action'], ctx);
  if (jsonBytes(value) > MAX_BUBBLE_BYTES) issue(ctx, path, 'A bubble may not exceed 30 KB');
}

/** Adds an issue for every structural problem of a Flex container at `path`. */
export function checkFlexContainer(value: unknown, path: Path, ctx: z.RefinementCtx): void {
  if (!isRecord(value)) return issue(ctx, path, 'May not be empty');
  if (value.type === 'bubble') return checkBubble(value, path, ctx);
  if (value.type === 'carousel') {
    const bubbles = value.contents;
    if (!Array.isArray(bubbles) || bubbles.length < 1 || bubbles.length > MAX_CAROUSEL_BUBBLES)
      return issue(ctx, [...path, 'contents'], `Size must be between 1 and ${MAX_CAROUSEL_BUBBLES}`);
    bubbles.forEach((bubble, index) => checkBubble(bubble, [...path, 'contents', index], ctx));
    if (jsonBytes(value) > MAX_CAROUSEL_BYTES) issue(ctx, path, 'A carousel may not exceed 50 KB');
    return;
  }
  issue(ctx, [...path, 'type'], 'Must be bubble or carousel');
}
