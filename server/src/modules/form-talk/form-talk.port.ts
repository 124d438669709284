import type { ServiceContext } from '../../platform/context/context.js';
import type { FormKind, FormStatus } from '../forms/index.js';
import type { FormDefinition } from './engine.js';

/**
 * What this module needs from the forms module, in its terms. `forms-adapter.ts` implements it
 * with the forms module's public services, so the talk never reaches into forms' tables to read
 * or write a form or a submission.
 */
export interface FormSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: FormKind;
  readonly status: FormStatus;
}

export type ResidentFormAccess =
  | { readonly kind: 'notFound' }
  /** Closed, not open yet, out of audience, already answered under ONCE ...: `reason` is for the resident. */
  | { readonly kind: 'unavailable'; readonly title: string; readonly reason: string }
  | {
      readonly kind: 'open';
      readonly form: FormSummary;
      readonly versionId: string;
      readonly definition: FormDefinition;
    };

export interface TalkSubmitResult {
  readonly receiptNumber: string;
  readonly thankYouMessage: string | null;
}

export interface FormsPort {
  summary(formId: string): Promise<FormSummary | null>;
  /** A form as staff see it (forms.read, department scope: NOT_FOUND otherwise), with its published definition. */
  forStaff(ctx: ServiceContext, formId: string): Promise<{ form: FormSummary; published: FormDefinition | null }>;
  /** Registration forms, for the channel settings page's choice. */
  registrationForms(): Promise<FormSummary[]>;
  /** The published form as this resident may answer it now. */
  forResident(residentId: string, formId: string): Promise<ResidentFormAccess>;
  /** The definition of one published version (a talk keeps answering the version it started). */
  version(formId: string, versionId: string): Promise<{ form: FormSummary; definition: FormDefinition } | null>;
  /** The forms module's own submit path: same validation, transaction, receipt number, mails. Throws its AppErrors. */
  submit(residentId: string, input: { formId: string; versionId: string; answers: Record<string, unknown> }): Promise<TalkSubmitResult>;
}
