import { registerEnumType } from 'type-graphql';

export enum FormKind {
  REGISTRATION = 'REGISTRATION',
  SURVEY = 'SURVEY',
  APPLICATION = 'APPLICATION',
  PUBLIC_COMMENT = 'PUBLIC_COMMENT',
}
registerEnumType(FormKind, { name: 'FormKind' });

export enum FormStatus {
  /** Never published: residents cannot open it. */
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  /** Closed by staff: residents see it refuse with a reason; reopening publishes it again. */
  CLOSED = 'CLOSED',
}
registerEnumType(FormStatus, { name: 'FormStatus' });

/** FORM-06/07: one answer per resident, any number, or a new answer replacing the previous one. */
export enum FormAnswerPolicy {
  ONCE = 'ONCE',
  REPEAT = 'REPEAT',
  OVERWRITE = 'OVERWRITE',
}
registerEnumType(FormAnswerPolicy, { name: 'FormAnswerPolicy' });

export enum FormAudience {
  EVERYONE = 'EVERYONE',
  /** `audienceCondition = { attributeKey, optionKeys }`: the resident has one of the options. */
  CONDITION = 'CONDITION',
  STAFF_ONLY = 'STAFF_ONLY',
}
registerEnumType(FormAudience, { name: 'FormAudience' });

/** FORM-01: inside LINE only, or from any browser too. */
export enum FormAccess {
  LINE_REQUIRED = 'LINE_REQUIRED',
  BROWSER_ALLOWED = 'BROWSER_ALLOWED',
}
registerEnumType(FormAccess, { name: 'FormAccess' });

/** 受付 確認中 差戻し 完了 却下 */
export enum SubmissionStatus {
  RECEIVED = 'RECEIVED',
  REVIEWING = 'REVIEWING',
  RETURNED = 'RETURNED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
}
registerEnumType(SubmissionStatus, { name: 'SubmissionStatus' });

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  RECEIVED: '受付',
  REVIEWING: '確認中',
  RETURNED: '差戻し',
  COMPLETED: '完了',
  REJECTED: '却下',
};

/**
 * The status workflow of applications: where each status may go. COMPLETED and REJECTED are final
 * except for reopening (back to 確認中).
 */
export const SUBMISSION_TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  RECEIVED: [SubmissionStatus.REVIEWING, SubmissionStatus.REJECTED, SubmissionStatus.COMPLETED],
  REVIEWING: [SubmissionStatus.RETURNED, SubmissionStatus.COMPLETED, SubmissionStatus.REJECTED],
  RETURNED: [SubmissionStatus.REVIEWING],
  COMPLETED: [SubmissionStatus.REVIEWING],
  REJECTED: [SubmissionStatus.REVIEWING],
};

/** FORM-20: the periods a trend groups answers by, on the Japanese calendar (Asia/Tokyo). */
export enum FormTrendPeriod {
  MONTH = 'MONTH',
  /** Fiscal quarters: 第1四半期 is April–June, 第4四半期 January–March of the next calendar year. */
  QUARTER = 'QUARTER',
}
registerEnumType(FormTrendPeriod, { name: 'FormTrendPeriod' });
