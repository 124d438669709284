import type { TFunction, TOptions } from 'i18next';
import { ja } from '../i18n/ja';
import type { SharedTranslation } from '../i18n/ja';
import { SERVER_LANGUAGE, isKnownReason } from './graphql-errors';
import type { ApiErrorInfo, KnownReason } from './graphql-errors';

type HintReason = keyof SharedTranslation['errors']['hints'];
type ValidationKey = keyof SharedTranslation['validation'];

const HINT_REASONS = new Set<string>(Object.keys(ja.errors.hints));

function hasHint(reason: KnownReason): reason is HintReason {
  return HINT_REASONS.has(reason);
}

interface MessageTemplate {
  key: ValidationKey;
  pattern: RegExp;
  names: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `'{{max}}文字以内で入力してください。'` → /^(.+?)文字以内で入力してください。$/ and ['max']. */
function compileTemplate(key: ValidationKey, text: string): MessageTemplate {
  const names: string[] = [];
  const source = text
    .split(/\{\{(\w+)\}\}/)
    .map((part, index) => {
      if (index % 2 === 0) return escapeRegExp(part);
      names.push(part);
      return '(.+?)';
    })
    .join('');
  return { key, pattern: new RegExp(`^${source}$`), names };
}

/** The server words its generic field messages like the console's Japanese `validation.*`. */
const FIELD_TEMPLATES: readonly MessageTemplate[] = (Object.entries(ja.validation) as Array<[ValidationKey, string]>).map(([key, text]) =>
  compileTemplate(key, text),
);

/**
 * A per-field message of the server in the console's language: a generic one (too long, a NUL
 * character, a stale cursor, ...) from `validation.*`; any other stays the server's own words.
 */
export function localiseFieldMessage(message: string, t: TFunction, language: string): string {
  if (language === SERVER_LANGUAGE) return message;
  for (const template of FIELD_TEMPLATES) {
    const match = template.pattern.exec(message);
    if (!match) continue;
    const values: TOptions = Object.fromEntries(template.names.map((name, index) => [name, match[index + 1] ?? '']));
    // The key is picked at run time and its values come out of the server's text: no static check to keep.
    const translate = t as unknown as (key: string, options: TOptions) => string;
    return translate(`validation.${template.key}`, values);
  }
  return message;
}

export function localiseFieldMessages(fields: Record<string, string>, t: TFunction, language: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, localiseFieldMessage(message, t, language)]));
}

export function errorTitle(info: ApiErrorInfo, t: TFunction): string {
  if (info.kind === 'network') return t('errors.titles.NETWORK');
  if (info.code === null) return t('errors.titles.UNKNOWN');
  return t(`errors.titles.${info.code}`);
}

/**
 * The sentences that explain an error, then what to do next. In the server's language its own
 * message comes first (it is the most specific); in any other language the console says it by
 * reason, or else by code, so no Japanese is left in an English console.
 */
export function errorSentences(info: ApiErrorInfo, t: TFunction, language: string): string[] {
  if (info.kind === 'network') return [t('errors.network')];
  if (info.kind === 'unknown' || info.code === null) return [t('errors.unknown')];
  const reason = isKnownReason(info.reason) ? info.reason : null;
  const sentences: string[] = [];
  if (language === SERVER_LANGUAGE && info.message) {
    sentences.push(info.message);
  } else if (reason) {
    sentences.push(t(`errors.reasons.${reason}`));
  } else {
    sentences.push(t(`errors.messages.${info.code}`));
    if (info.code === 'RATE_LIMITED' && info.retryAfterSeconds !== null) {
      sentences.push(t('errors.retryAfter', { seconds: info.retryAfterSeconds }));
    }
  }
  if (reason && hasHint(reason)) {
    const hint = t(`errors.hints.${reason}`);
    if (!sentences.includes(hint)) sentences.push(hint);
  }
  return sentences;
}

export interface ApiErrorText {
  title: string;
  sentences: string[];
  /** BAD_USER_INPUT's per-field messages, in the console's language where they are generic ones. */
  fields: Record<string, string>;
}

/** Everything the UI shows about an API error, in the console's language. */
export function apiErrorText(info: ApiErrorInfo, t: TFunction, language: string): ApiErrorText {
  return {
    title: errorTitle(info, t),
    sentences: errorSentences(info, t, language),
    fields: localiseFieldMessages(info.fields, t, language),
  };
}
