/**
 * The form engine: one definition, the same branching and validation in the console, on the
 * resident's page (comfort) and on the server (truth). Pure TypeScript with no Node, ORM or DOM
 * imports, so admin-web and liff-app bundle it as it is.
 */
export * from './definition.js';
export { isAnswered, normalizeText } from './answers.js';
export { isRealDate, isTime, japaneseDate, todayInJapan } from './dates.js';
export {
  evaluateCondition,
  visiblePages,
  residentPages,
  isResidentPage,
  isFieldVisible,
  visibleOptions,
  answerableFields,
  computeVisibility,
} from './visibility.js';
export type { Visibility } from './visibility.js';
export { validateField, validatePage, validateAnswers, isEmail, normalizePostalCode, LIMITS, DEFAULT_MAX_FILES } from './validate.js';
export type { FieldContext } from './validate.js';
export { normalizePhone } from './phone.js';
export { messages } from './messages.js';
export { checkDefinition, DEFINITION_LIMITS } from './check-definition.js';
export type { DefinitionProblem } from './check-definition.js';
export { formatReceiptNumber, checkReceiptFormat, DEFAULT_RECEIPT_FORMAT } from './receipt.js';
export { talkEligibility, QUICK_REPLY_MAX_ITEMS, QUICK_REPLY_MAX_LABEL } from './talk.js';
export { summarizeAnswer, UNANSWERED_TEXT } from './summary.js';
