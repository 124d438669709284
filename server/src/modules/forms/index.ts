/** The forms module's public surface: the composition root and other features (public comment, segment delivery) import only this. */
import type { FormServices } from './forms.module.js';

export { formsModule, type FormServices } from './forms.module.js';
export { seedDemoForms } from './forms.seed.js';
export type { FormService } from './form.service.js';
export type { SubmissionService } from './submission.service.js';
export { VIA_PARAM, type FormVia, type FormViaSource } from './form-via.js';
export { Form, FormVersion, type AudienceCondition } from './form.entity.js';
export { FormSubmission, type StoredAnswers } from './form-submission.entity.js';
export { FormAccess, FormAnswerPolicy, FormAudience, FormKind, FormStatus, SubmissionStatus } from './forms.enums.js';
export { summarizeAnswer, type FormDefinition, type FormField } from './engine/index.js';
/** The whole pure form engine, for features that ask a form's questions elsewhere (form-talk: the LINE talk screen). */
export * as formEngine from './engine/index.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    forms: FormServices;
  }
}
