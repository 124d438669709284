import type { ComposedMessage } from './message.schema.js';
import { substitute } from './substitute.js';

// A delivery's messages as plain text, for the mail that mirrors it (SEG-05): what a reader
// without LINE can use of each message. Texts are kept as written; what is only a picture in LINE
// becomes a line with its link or its alternative text.

/** One message as lines of text; none for a sticker, which says nothing without LINE. */
function linesOf(message: ComposedMessage): string[] {
  switch (message.type) {
    case 'text': {
      // Each LINE emoji stands on a `$` of the text (at a UTF-16 index); mail has no LINE emoji, so the `$` goes too.
      const emojiAt = new Set(message.emojis?.map((emoji) => emoji.index));
      let text = '';
      for (let i = 0; i < message.text.length; i++) if (!(emojiAt.has(i) && message.text[i] === '$')) text += message.text[i];
      return [text];
    }
    case 'card':
      return [message.title, ...(message.text ? [message.text] : []), `${message.buttonLabel}: ${message.url}`];
    case 'image':
      return [`画像: ${message.originalContentUrl}`];
    case 'video':
      return [`動画: ${message.originalContentUrl}`];
    case 'imagemap':
      return [
        message.altText,
        ...message.actions.flatMap((action) =>
          action.type === 'uri' ? [action.label ? `${action.label}: ${action.linkUri}` : action.linkUri] : [],
        ),
      ];
    case 'flex':
      return [message.altText];
    case 'sticker':
      return [];
  }
}

/**
 * The messages as one plain text, a blank line between messages: resident variables take their
 * fallback (a mail reader is no resident we know) and `{{` becomes `{`, as in LINE. Empty when no
 * message has anything to say by mail (only stickers).
 */
export function toPlainText(messages: readonly ComposedMessage[]): string {
  return substitute(messages, {})
    .map((message) => linesOf(message).join('\n'))
    .filter((block) => block.trim().length > 0)
    .join('\n\n');
}
