/** The parts of the form engine the talk-screen surveys use, from the forms module's public surface. */
import { formEngine } from '../forms/index.js';

export const {
  answerableFields,
  computeVisibility,
  isAnswered,
  messages,
  summarizeAnswer,
  talkEligibility,
  todayInJapan,
  validateField,
  visibleOptions,
  QUICK_REPLY_MAX_ITEMS,
} = formEngine;
export type AnswerValue = formEngine.AnswerValue;
export type Answers = formEngine.Answers;
export type FieldId = formEngine.FieldId;
export type FormDefinition = formEngine.FormDefinition;
export type FormField = formEngine.FormField;
