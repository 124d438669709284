import type { FormDefinition, FormField } from './definition.js';
import { textLength } from './answers.js';
import { allFields, isDisplayField } from './visibility.js';

/** LINE's quick reply: at most 13 buttons, each label at most 20 characters. */
export const QUICK_REPLY_MAX_ITEMS = 13;
export const QUICK_REPLY_MAX_LABEL = 20;

/**
 * FORM-14 / NFR-25: a form may also be answered step by step in the LINE talk screen only when
 * nothing in it is personal, every question can be answered with a typed line or quick-reply
 * buttons, and nothing needs our page (files, postal-code address completion). Staff-only fields
 * are never asked, so they do not count.
 */
export function talkEligibility(definition: FormDefinition): { eligible: boolean; reasons: string[] } {
  const reasons: string[] = [];
  for (const field of allFields(definition)) {
    if (isDisplayField(field) || field.adminOnly) continue;
    if (field.personal) {
      reasons.push(`「${field.label}」は個人情報の項目のため、トーク画面では聞けません`);
      continue;
    }
    const kind = talkUnsupportedKind(field);
    if (kind) {
      reasons.push(`「${field.label}」は${kind}のため、トーク画面では答えられません`);
      continue;
    }
    if (field.type === 'singleChoice' || field.type === 'multipleChoice') {
      if (field.options.length > QUICK_REPLY_MAX_ITEMS)
        reasons.push(`「${field.label}」の選択肢が${QUICK_REPLY_MAX_ITEMS}個を超えています`);
      for (const option of field.options) {
        if (textLength(option.label) > QUICK_REPLY_MAX_LABEL)
          reasons.push(`「${field.label}」の選択肢「${option.label}」が${QUICK_REPLY_MAX_LABEL}文字を超えています`);
      }
    }
  }
  return { eligible: reasons.length === 0, reasons };
}

function talkUnsupportedKind(field: FormField): string | null {
  switch (field.type) {
    case 'file':
      return 'ファイルの添付';
    case 'postalCode':
      return '郵便番号';
    case 'email':
      return 'メールアドレス';
    case 'phone':
      return '電話番号';
    case 'dateList':
      return '複数の日付の入力';
    case 'text':
      return field.multiline ? '複数行の文章' : null;
    default:
      return null;
  }
}
