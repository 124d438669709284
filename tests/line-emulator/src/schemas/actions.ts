import { z } from 'zod';
import { actionUri, lineString, MAY_NOT_BE_EMPTY } from './common.js';

// Action objects (https://developers.line.biz/en/reference/messaging-api/#action-objects).
// Limits from LINE's reference: label ≤20, postback data ≤300, displayText ≤300, message text ≤300,
// uri ≤1000, clipboardText ≤1000, richMenuAliasId ≤32. LINE counts labels and the postback and
// message action texts in grapheme clusters, everything else in UTF-16 code units.

const label = lineString(1, 20, 'graphemes');

export const postbackAction = z.object({
  type: z.literal('postback'),
  label: label.optional(),
  data: lineString(0, 300),
  displayText: lineString(1, 300, 'graphemes').optional(),
  text: lineString(1, 300, 'graphemes').optional(),
  inputOption: z.enum(['closeRichMenu', 'openRichMenu', 'openKeyboard', 'openVoice']).optional(),
  fillInText: lineString(0, 300, 'graphemes').optional(),
});

export const messageAction = z.object({ type: z.literal('message'), label: label.optional(), text: lineString(1, 300, 'graphemes') });

export const uriAction = z.object({
  type: z.literal('uri'),
  label: label.optional(),
  uri: actionUri(1000),
  altUri: z.object({ desktop: actionUri(1000) }).optional(),
});

export const datetimePickerAction = z.object({
  type: z.literal('datetimepicker'),
  label: label.optional(),
  data: lineString(0, 300),
  mode: z.enum(['date', 'time', 'datetime'], { error: MAY_NOT_BE_EMPTY }),
  initial: z.string().optional(),
  max: z.string().optional(),
  min: z.string().optional(),
});

export const richMenuSwitchAction = z.object({
  type: z.literal('richmenuswitch'),
  label: label.optional(),
  richMenuAliasId: lineString(1, 32),
  data: lineString(0, 300),
});

export const clipboardAction = z.object({ type: z.literal('clipboard'), label: label.optional(), clipboardText: lineString(1, 1000) });

// Camera, camera roll and location actions only make sense in quick reply buttons, where LINE requires a label.
export const cameraAction = z.object({ type: z.literal('camera'), label });
export const cameraRollAction = z.object({ type: z.literal('cameraRoll'), label });
export const locationAction = z.object({ type: z.literal('location'), label });

const actionTypeError = (issue: { input?: unknown }) => (issue.input === undefined ? MAY_NOT_BE_EMPTY : 'Invalid action type');

/** Actions allowed in templates, flex, imagemap-free places and rich menus. */
export const action = z.discriminatedUnion(
  'type',
  [postbackAction, messageAction, uriAction, datetimePickerAction, richMenuSwitchAction, clipboardAction],
  { error: actionTypeError },
);

/** Quick reply buttons additionally allow camera, cameraRoll and location. */
export const quickReplyAction = z.discriminatedUnion(
  'type',
  [
    postbackAction,
    messageAction,
    uriAction,
    datetimePickerAction,
    richMenuSwitchAction,
    clipboardAction,
    cameraAction,
    cameraRollAction,
    locationAction,
  ],
  { error: actionTypeError },
);

export type LineAction = z.infer<typeof quickReplyAction>;
