import { isAnswered, summarizeAnswer, DISPLAY_FIELD_TYPES, type AnswerValue, type FormDefinition, type FormField } from './engine/index.js';
import type { FormSubmission, StoredAnswers } from './form-submission.entity.js';

/** Every field of a definition, page by page, in order. */
export function allFields(definition: FormDefinition): FormField[] {
  return definition.pages.flatMap((page) => page.fields);
}

/** One answer as the API shows it (SubmissionAnswer). */
export interface AnswerView {
  fieldId: string;
  label: string;
  type: string;
  value: { value: AnswerValue } | null;
  text: string;
  personal: boolean;
  masked: boolean;
}

export function parseStored(json: string | null): StoredAnswers {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StoredAnswers) : {};
  } catch {
    return {};
  }
}

/** A submission's answers (resident's or staff's), personal ones decrypted only when `withPersonal`. */
export function storedAnswersOf(submission: FormSubmission, which: 'resident' | 'admin', withPersonal: boolean): StoredAnswers {
  const plain = which === 'resident' ? submission.answers : submission.adminAnswers;
  if (!withPersonal) return { ...plain };
  const personal = parseStored(which === 'resident' ? submission.personalAnswers : submission.personalAdminAnswers);
  return { ...plain, ...personal };
}

export function answerFields(definition: FormDefinition, which: 'resident' | 'admin'): FormField[] {
  return allFields(definition).filter((f) => !DISPLAY_FIELD_TYPES.has(f.type) && (which === 'admin') === (f.adminOnly === true));
}

/**
 * Every answerable field of the version, in definition order, with its answer; personal ones
 * masked (no value, no text) unless the viewer may read personal data.
 */
export function answerViews(
  definition: FormDefinition,
  submission: FormSubmission,
  which: 'resident' | 'admin',
  canReadPersonal: boolean,
): AnswerView[] {
  const stored = storedAnswersOf(submission, which, canReadPersonal);
  return answerFields(definition, which).map((field) => {
    const personal = field.personal === true;
    if (personal && !canReadPersonal) {
      return { fieldId: field.id, label: field.label, type: field.type, value: null, text: '', personal, masked: true };
    }
    const value = stored[field.id];
    return {
      fieldId: field.id,
      label: field.label,
      type: field.type,
      value: isAnswered(value) ? { value: value ?? null } : null,
      text: summarizeAnswer(field, value),
      personal,
      masked: false,
    };
  });
}
