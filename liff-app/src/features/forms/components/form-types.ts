import type { FormDefinition } from '@machi/form-engine';
import type { AnswerMap } from '../lib/answer-storage';

/** What the form page needs of `residentForm` (the query's result, with the definition typed). */
export interface ResidentFormView {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  versionId: string;
  definition: FormDefinition;
  askContactEmail: boolean;
  thankYouMessage: string | null;
  prefill: AnswerMap;
  draft: { answers: AnswerMap; pageId: string | null; savedAt: string } | null;
}

export interface SubmitInput {
  answers: AnswerMap;
  contactEmail: string | null;
  /** Set when a browser resident attached files: the token their uploads were made with. */
  uploadToken: string | null;
}

export type SubmitOutcome =
  | {
      kind: 'ok';
      submissionId: string;
      receiptNumber: string;
      thankYouMessage: string | null;
      /** A browser submission's key to its own page (no session to find it by). */
      accessKey: string | null;
    }
  /** BAD_USER_INPUT: the server's per-field messages, keyed by field id (or `contactEmail`). */
  | { kind: 'fieldErrors'; errors: Record<string, string> }
  | { kind: 'failed'; message: string };
