/**
 * Composing a delivery's LINE messages: validation against LINE's limits with Japanese problems by
 * path, resident variables, Flex templates, link collection for click tracking, and the final
 * compilation to LINE's message objects. Pure TypeScript without Node, ORM or DOM imports, so the
 * console can run the same checks.
 *
 * A delivery's path: validateMessages (before saving) → rewriteUris (tracking links, then validate
 * again) → per resident, or once when !usesResidentVariables: substitute → toLineMessages → send.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { ComposedMessage } from './message.schema.js';
import { cardToFlex } from './templates.js';

export { validateMessages, type ValidateMessagesResult } from './validate.js';
export type { MessageProblem } from './problems.js';
export {
  MESSAGE_TYPES,
  type ComposedMessage,
  type ComposedTextMessage,
  type ComposedStickerMessage,
  type ComposedImageMessage,
  type ComposedVideoMessage,
  type ComposedImagemapMessage,
  type ComposedFlexMessage,
  type ComposedCardMessage,
} from './message.schema.js';
export type { ComposedFlexContainer, ComposedFlexBubble, ComposedFlexBox, ComposedFlexComponent } from './flex.schema.js';
export type { ComposedAction, ComposedQuickReply, ComposedQuickReplyAction } from './message-parts.js';
export { LIMITS, lineLength } from './limits.js';
export { RESIDENT_VARIABLES, type ResidentVariable, placeholders, usesResidentVariables, substitute } from './substitute.js';
export {
  COLORS,
  LINK_MENU_MAX_LINKS,
  eventNotice,
  reminderCard,
  linkMenu,
  cardToFlex,
  type EventNoticeInput,
  type ReminderInput,
  type LinkMenuInput,
} from './templates.js';
export { collectUris, rewriteUris, type CollectedUri } from './uris.js';
export { toPlainText } from './plain-text.js';

/** LINE's message objects for composed messages: a card becomes its Flex bubble, the others are LINE's already. */
export function toLineMessages(messages: readonly ComposedMessage[]): messagingApi.Message[] {
  return messages.map((message) => (message.type === 'card' ? cardToFlex(message) : message));
}
