import { composedMessages, type ComposedMessage } from './message.schema.js';
import { predicateFor, problemsFromIssues, type MessageProblem } from './problems.js';

export type ValidateMessagesResult =
  { readonly ok: true; readonly messages: ComposedMessage[] } | { readonly ok: false; readonly problems: MessageProblem[] };

/**
 * Checks a delivery's 1 to 5 messages against LINE's limits before they are saved: every problem
 * at once, each with its path (`messages.2.text`) and a Japanese sentence naming the field
 * (「3通目のテキストは5000文字以内で入力してください。」). The messages returned are a copy.
 */
export function validateMessages(input: unknown): ValidateMessagesResult {
  const parsed = composedMessages.safeParse(input, { error: predicateFor });
  if (parsed.success) return { ok: true, messages: parsed.data };
  return { ok: false, problems: problemsFromIssues(parsed.error.issues, input) };
}
