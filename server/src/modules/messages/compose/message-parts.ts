import { z } from 'zod';
import { LIMITS, lineLength, type LengthUnit } from './limits.js';
import { say } from './problems.js';
import { unknownPlaceholders, worstCaseText, RESIDENT_VARIABLES, placeholders, isResidentVariable } from './substitute.js';

// The building blocks of the message schemas: strings counted as LINE counts them, URLs, actions
// and quick replies. Every check gives a Japanese predicate (problems.ts); zod's own messages are
// replaced by problems.predicateFor at parse time.

type Rule = readonly [check: (value: string) => boolean, predicate: string];

/** A string that reports only the first rule it breaks, so an empty URL says 「入力してください」 and nothing more. */
function ruledString(...rules: Rule[]) {
  return z.string().superRefine((value, ctx) => {
    const broken = rules.find(([check]) => !check(value));
    if (broken) ctx.addIssue({ code: 'custom', message: broken[1], input: value });
  });
}

const notBlank: Rule = [(value) => value.trim().length > 0, say.blank];
const atMost = (max: number, unit: LengthUnit = 'utf16'): Rule => [(value) => lineLength(value, unit) <= max, say.tooLong(max)];

/** A required text of at most `max`, not only spaces. */
export function lineText(max: number, unit: LengthUnit = 'utf16') {
  return ruledString(notBlank, atMost(max, unit));
}

/** A text that may be empty (postback data). */
export function lineTextOrEmpty(max: number, unit: LengthUnit = 'utf16') {
  return ruledString(atMost(max, unit));
}

function hasScheme(value: string, schemes: readonly string[]): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    // A web URL needs a host; line: and tel: URIs have none to check.
    return schemes.includes(url.protocol) && (url.host.length > 0 || !['http:', 'https:'].includes(url.protocol));
  } catch {
    return false;
  }
}

/** Media and icon URLs: LINE fetches them itself and requires HTTPS. */
export function httpsUrl(max: number) {
  return ruledString(notBlank, [(value) => hasScheme(value, ['https:']), say.https], atMost(max));
}

/** URIs a tap may open: http, https, line and tel (LINE's URI action). */
export function actionUri(max: number = LIMITS.actionUri) {
  return ruledString(notBlank, [(value) => hasScheme(value, ['http:', 'https:', 'line:', 'tel:']), say.actionUri], atMost(max));
}

/**
 * A text our resident variables may be inserted into (substitute.ts): an unknown `{name}` is a
 * problem. A LINE limit (`after: 'substitution'`) must hold for the longest value each variable
 * can take; our own limits (a card's title) hold for the text as staff wrote it.
 */
export function templatedText(max?: number, { after }: { after: 'substitution' | 'writing' } = { after: 'substitution' }) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim().length === 0) return ctx.addIssue({ code: 'custom', message: say.blank, input: value });
    for (const name of unknownPlaceholders(value)) ctx.addIssue({ code: 'custom', message: say.unknownVariable(name), input: value });
    if (max === undefined) return;
    if (after === 'writing' && value.length > max) return ctx.addIssue({ code: 'custom', message: say.tooLong(max), input: value });
    if (after === 'writing' || worstCaseText(value).length <= max) return;
    if (value.length > max) return ctx.addIssue({ code: 'custom', message: say.tooLong(max), input: value });
    const notes = placeholders(value)
      .filter(isResidentVariable)
      .map((name) => `{${name}}は最大${RESIDENT_VARIABLES[name].maxLength}文字として数えます`)
      .join('、');
    ctx.addIssue({ code: 'custom', message: say.overflowAfterSubstitution(max, notes), input: value });
  });
}

// Actions (https://developers.line.biz/en/reference/messaging-api/#action-objects). A label is
// optional in the schema; where LINE shows it (Flex buttons, quick reply buttons) requireLabel adds it.

const label = lineText(LIMITS.actionLabel, 'graphemes');

export const uriAction = z.strictObject({
  type: z.literal('uri'),
  label: label.optional(),
  uri: actionUri(),
  altUri: z.strictObject({ desktop: actionUri() }).optional(),
});

export const messageAction = z.strictObject({
  type: z.literal('message'),
  label: label.optional(),
  text: lineText(LIMITS.actionText, 'graphemes'),
});

export const postbackAction = z.strictObject({
  type: z.literal('postback'),
  label: label.optional(),
  data: lineTextOrEmpty(LIMITS.postbackData),
  displayText: lineText(LIMITS.actionText, 'graphemes').optional(),
  inputOption: z.enum(['closeRichMenu', 'openRichMenu', 'openKeyboard', 'openVoice']).optional(),
  fillInText: lineTextOrEmpty(LIMITS.actionText, 'graphemes').optional(),
});

const DATETIME_FORMATS = {
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, shown: 'YYYY-MM-DD' },
  time: { pattern: /^\d{2}:\d{2}$/, shown: 'HH:mm' },
  datetime: { pattern: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/, shown: 'YYYY-MM-DDTHH:mm' },
} as const;

export const datetimePickerAction = z
  .strictObject({
    type: z.literal('datetimepicker'),
    label: label.optional(),
    data: lineTextOrEmpty(LIMITS.postbackData),
    mode: z.enum(['date', 'time', 'datetime']),
    initial: z.string().optional(),
    max: z.string().optional(),
    min: z.string().optional(),
  })
  .superRefine((action, ctx) => {
    const format = DATETIME_FORMATS[action.mode];
    for (const key of ['initial', 'max', 'min'] as const) {
      const value = action[key];
      if (value !== undefined && !format.pattern.test(value))
        ctx.addIssue({ code: 'custom', path: [key], message: say.dateFormat(format.shown), input: value });
    }
  });

export const clipboardAction = z.strictObject({
  type: z.literal('clipboard'),
  label: label.optional(),
  clipboardText: lineText(LIMITS.clipboardText),
});

// Camera, camera roll and location actions exist only on quick reply buttons.
const cameraAction = z.strictObject({ type: z.literal('camera'), label: label.optional() });
const cameraRollAction = z.strictObject({ type: z.literal('cameraRoll'), label: label.optional() });
const locationAction = z.strictObject({ type: z.literal('location'), label: label.optional() });

const ACTION_TYPES = ['uri', 'message', 'postback', 'datetimepicker', 'clipboard'] as const;
const QUICK_REPLY_ACTION_TYPES = [...ACTION_TYPES, 'camera', 'cameraRoll', 'location'] as const;

/** A union's message: a wrong `type` lists the ones allowed here; a value that is no object says so. */
export function unionError(types: readonly string[]) {
  return (issue: z.core.$ZodRawIssue) => {
    if (issue.code !== 'invalid_type') return say.oneOf(types);
    return issue.input === undefined ? say.requiredChoice : say.badShape;
  };
}

/** Actions of Flex components (LINE's rich menu switch action belongs to rich menus only). */
export const action = z.discriminatedUnion('type', [uriAction, messageAction, postbackAction, datetimePickerAction, clipboardAction], {
  error: unionError(ACTION_TYPES),
});

const quickReplyAction = z.discriminatedUnion(
  'type',
  [uriAction, messageAction, postbackAction, datetimePickerAction, clipboardAction, cameraAction, cameraRollAction, locationAction],
  { error: unionError(QUICK_REPLY_ACTION_TYPES) },
);

export type ComposedAction = z.output<typeof action>;
export type ComposedQuickReplyAction = z.output<typeof quickReplyAction>;

/** Adds 「…のラベルを入力してください」 where LINE shows the action's label and so requires it. */
export function requireLabel(holder: { action: { label?: string | undefined } }, ctx: z.RefinementCtx): void {
  if (holder.action.label === undefined) ctx.addIssue({ code: 'custom', path: ['action', 'label'], message: say.required, input: holder });
}

const quickReplyItem = z
  .strictObject({
    type: z.literal('action'),
    imageUrl: httpsUrl(LIMITS.mediaUrl).optional(),
    action: quickReplyAction,
  })
  .superRefine(requireLabel);

export const quickReply = z.strictObject({
  items: z.array(quickReplyItem).min(1).max(LIMITS.quickReplyItems),
});

export type ComposedQuickReply = z.output<typeof quickReply>;
