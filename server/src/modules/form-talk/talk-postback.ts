/**
 * The postback data of talk-screen surveys (FORM-14). Deliveries and rich menus start a survey with
 * `action=form.talk.start&form=<id>`; the buttons of each question carry the form, the question and
 * the value, so a tap on an old button is recognised instead of answering the wrong question.
 * LINE allows 300 characters of data; form ids are UUIDs and field and option ids are short.
 */

export const TALK_ACTIONS = ['start', 'answer', 'pick', 'done', 'skip', 'date', 'submit', 'restart', 'cancel'] as const;
export type TalkAction = (typeof TALK_ACTIONS)[number];

export interface TalkPostback {
  readonly action: TalkAction;
  readonly formId: string;
  readonly field?: string;
  readonly value?: string;
}

const PREFIX = 'form.talk.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The postback data that starts the survey in the talk screen, for deliveries, rich menus and staff to copy. */
export function startPostbackData(formId: string): string {
  return talkPostbackData({ action: 'start', formId });
}

export function talkPostbackData(postback: TalkPostback): string {
  const params = new URLSearchParams({ action: `${PREFIX}${postback.action}`, form: postback.formId });
  if (postback.field !== undefined) params.set('field', postback.field);
  if (postback.value !== undefined) params.set('value', postback.value);
  return params.toString();
}

/** Our postback, or null for anyone else's (other features' postbacks pass by untouched). */
export function parseTalkPostback(data: string): TalkPostback | null {
  if (data.length > 300) return null;
  const params = new URLSearchParams(data);
  const raw = params.get('action');
  if (!raw?.startsWith(PREFIX)) return null;
  const action = raw.slice(PREFIX.length) as TalkAction;
  const formId = params.get('form') ?? '';
  if (!TALK_ACTIONS.includes(action) || !UUID.test(formId)) return null;
  const field = params.get('field');
  const value = params.get('value');
  return { action, formId: formId.toLowerCase(), ...(field !== null ? { field } : {}), ...(value !== null ? { value } : {}) };
}
