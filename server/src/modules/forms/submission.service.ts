import { randomBytes, timingSafeEqual } from 'node:crypto';
import { requirePermission } from '../../platform/auth/require.js';
import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { scopedSql, unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import {
  AppError,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  notFound,
  preconditionFailed,
  rateLimited,
  unauthenticated,
} from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { AttributeService, AttributeValueInput } from '../attributes/index.js';
import type { AuditService } from '../audit/index.js';
import type { LineChannelService } from '../channels/index.js';
import type { MailService } from '../mail/index.js';
import { MediaObject, type MediaService } from '../media/index.js';
import { Resident, TalkDirection, type ResidentServices } from '../residents/index.js';
import { allFields, answerFields, answerViews, parseStored, storedAnswersOf, type AnswerView } from './answers-view.js';
import { formatReceiptNumber, isEmail, validateAnswers, type Answers, type FormDefinition, type FormField } from './engine/index.js';
import {
  FormAnswerDraft,
  FormSubmission,
  FormSubmissionStatusChange,
  FormSubmitterMessage,
  SubmitterMessageChannel,
  type StoredAnswers,
} from './form-submission.entity.js';
import { Form, FormVersion } from './form.entity.js';
import type { FormService } from './form.service.js';
import { UUID } from './form.service.js';
import type { FormVia } from './form-via.js';
import {
  FormAccess,
  FormAnswerPolicy,
  FormAudience,
  FormStatus,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_TRANSITIONS,
  SubmissionStatus,
} from './forms.enums.js';
import { withinJsonLimits } from '../../platform/graphql/json-object.js';

/** Submissions one address may send without signing in, per window (anonymous browser residents). */
export const ANONYMOUS_SUBMIT_LIMIT = { submissions: 10, windowSeconds: 600 } as const;
/** Submission pages one address may open by a browser key, per window (a key is not guessable; this keeps strangers from trying). */
export const BROWSER_KEY_LOOKUP_LIMIT = { lookups: 60, windowSeconds: 600 } as const;
/** The media owner type of files attached to submissions. */
export const SUBMISSION_MEDIA_OWNER = 'forms.submission';
/** FORM-17: what LINE carries, whatever staff wrote: a notice and a link to our page (NFR-25). */
export const SUBMITTER_NOTICE = 'お申し込みについて市からお知らせがあります。こちらからご確認ください';
const MESSAGE_MAX = 2000;
/** Residents' forms and submissions belong to departments a resident is not in: these reads are by the resident's own keys. */
const NO_SCOPE = { filters: { [DEPARTMENT_SCOPE]: false } } as const;
const COUNTER = 'receipt counters are per form; the form was found in scope or is the one being answered';

export interface Availability {
  open: boolean;
  reason: string | null;
  code: string | null;
}

export interface SubmitInput {
  formId: string;
  versionId: string;
  answers: Record<string, unknown>;
  contactEmail?: string | null;
  uploadToken?: string | null;
  /** The form link's `via` parameter: a delivery run's signed reference, recorded when valid, else ignored. */
  via?: string | null;
}

export interface SubmissionFilterInput {
  status?: SubmissionStatus | null;
  search?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface ResidentFormView {
  form: Form;
  version: FormVersion;
  availability: Availability;
  prefill: Record<string, unknown>;
  draft: { answers: Record<string, unknown>; pageId: string | null; savedAt: Date } | null;
}

export interface SubmitResult {
  submission: FormSubmission;
  thankYouMessage: string | null;
  /** Browser submissions only: the key to the submitter's own page, shown once. */
  accessKey: string | null;
}

export interface MySubmissionView {
  id: string;
  receiptNumber: string;
  formId: string;
  formTitle: string;
  status: SubmissionStatus;
  submittedAt: Date;
  answers: AnswerView[];
  messages: Array<{ id: string; body: string; sentAt: Date; byName: string | null; readAt: Date | null }>;
}

const open: Availability = { open: true, reason: null, code: null };
const shut = (code: string, reason: string): Availability => ({ open: false, code, reason });

function dateTimeJa(date: Date): string {
  const parts = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return parts;
}

/**
 * The resident's side (the form, drafts, submitting, "my answers") and the staff's work on
 * submissions (list, status workflow, staff-only answers, a message to one submitter).
 */
export class SubmissionService {
  constructor(
    private readonly forms: FormService,
    private readonly via: FormVia,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly media: MediaService,
    private readonly attributes: AttributeService,
    private readonly lineChannels: LineChannelService,
    private readonly lineGateway: LineGateway,
    private readonly talkLog: ResidentServices['talkLog'],
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
    private readonly publicUrl: string,
  ) {}

  /**
   * The answers each delivery run's form card brought (its signed reference, FormVia), counted in
   * the actor's departments; runs without any are left out. A count, no answer: the caller (the
   * deliveries module's statistics) checks its own permission.
   */
  async answersByDeliveryRun(ctx: ServiceContext, runIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(runIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (!ids.length) return new Map();
    const rows = await scopedSql<{ run_id: string; answers: number }>(
      ctx,
      `select delivery_run_id as run_id, count(*)::int as answers from form_submission
        where delivery_run_id = any(?::uuid[]) and {{scope:department_id}} group by 1`,
      [`{${ids.join(',')}}`],
    );
    return new Map(rows.map((r) => [r.run_id, Number(r.answers)]));
  }

  // --- the resident's side -------------------------------------------------------------------

  /** A published form as a resident (or a browser) sees it; NOT_FOUND while it was never published. */
  async residentForm(ctx: ServiceContext, id: string): Promise<ResidentFormView> {
    const { form, version } = await this.publishedForm(ctx, id);
    const residentId = ctx.actor.kind === 'resident' ? ctx.actor.residentId : null;
    const availability = await this.availability(ctx, form, true);
    let prefill: Record<string, unknown> = {};
    let draft: ResidentFormView['draft'] = null;
    if (residentId) {
      prefill = await this.prefill(ctx, form, version.definition, residentId);
      const saved = await ctx.em.findOne(FormAnswerDraft, { resident: residentId, form: form.id }, NO_SCOPE);
      if (saved) draft = { answers: parseStored(saved.answers), pageId: saved.pageId, savedAt: saved.savedAt };
    }
    return { form, version, availability, prefill, draft };
  }

  private async publishedForm(ctx: ServiceContext, id: string): Promise<{ form: Form; version: FormVersion }> {
    const form = UUID.test(id) ? await ctx.em.findOne(Form, { id }, NO_SCOPE) : null;
    if (!form || form.status === FormStatus.DRAFT || !form.publishedVersionId) throw notFound('フォーム');
    const version = await ctx.em.findOneOrFail(FormVersion, { id: form.publishedVersionId }, NO_SCOPE);
    return { form, version };
  }

  /** Whether this actor may answer now, and why not (FormAvailability). */
  async availability(ctx: ServiceContext, form: Form, includeAnswered: boolean, now = new Date()): Promise<Availability> {
    if (form.audience === FormAudience.STAFF_ONLY) return shut('STAFF_ONLY', 'このフォームは職員専用のため、ここからは回答できません。');
    if (form.status === FormStatus.CLOSED || (form.closesAt && form.closesAt <= now))
      return shut('CLOSED', 'このフォームの受付は終了しました。');
    if (form.opensAt && form.opensAt > now) return shut('NOT_OPEN_YET', `このフォームの受付は${dateTimeJa(form.opensAt)}からです。`);
    const resident = ctx.actor.kind === 'resident' ? ctx.actor.residentId : null;
    if (!resident && (form.access === FormAccess.LINE_REQUIRED || form.audience === FormAudience.CONDITION))
      return shut('SIGN_IN_REQUIRED', 'このフォームは、LINEの公式アカウントのメニューから開いて回答してください。');
    if (resident && form.audience === FormAudience.CONDITION && form.audienceCondition) {
      const values = await this.attributes.valuesOf(ctx.em, resident);
      const held = values[form.audienceCondition.attributeKey];
      const keys = Array.isArray(held) ? held : typeof held === 'string' ? [held] : [];
      if (!keys.some((k) => form.audienceCondition!.optionKeys.includes(k)))
        return shut('OUT_OF_AUDIENCE', 'このフォームは対象の方だけが回答できます。');
    }
    if (includeAnswered && resident && form.answerPolicy === FormAnswerPolicy.ONCE) {
      const answered = await ctx.em.count(FormSubmission, { form: form.id, resident }, NO_SCOPE);
      if (answered) return shut('ALREADY_ANSWERED', 'このフォームには回答済みです。');
    }
    return open;
  }

  /** Bound attributes' values, and under OVERWRITE the previous answer (which wins). */
  private async prefill(ctx: ServiceContext, form: Form, definition: FormDefinition, residentId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const fields = allFields(definition).filter((f) => !f.adminOnly);
    if (fields.some((f) => f.attributeKey)) {
      const values = await this.attributes.valuesOf(ctx.em, residentId);
      for (const f of fields) if (f.attributeKey && values[f.attributeKey] !== undefined) out[f.id] = values[f.attributeKey];
    }
    if (form.answerPolicy === FormAnswerPolicy.OVERWRITE) {
      const previous = await this.latestOf(ctx, form.id, residentId);
      if (previous) {
        const stored = storedAnswersOf(previous, 'resident', true);
        const ids = new Set(fields.map((f) => f.id));
        for (const [key, value] of Object.entries(stored)) if (ids.has(key)) out[key] = value;
      }
    }
    return out;
  }

  private latestOf(ctx: ServiceContext, formId: string, residentId: string): Promise<FormSubmission | null> {
    return ctx.em.findOne(
      FormSubmission,
      { form: formId, resident: residentId },
      { ...NO_SCOPE, orderBy: { submittedAt: 'desc', id: 'desc' } },
    );
  }

  async saveDraft(ctx: ServiceContext, formId: string, answers: Record<string, unknown>, pageId: string | null) {
    if (ctx.actor.kind !== 'resident') throw unauthenticated();
    const residentId = ctx.actor.residentId;
    if (!withinJsonLimits(answers)) throw badInput({ answers: '入力内容が大きすぎます。' });
    if (pageId !== null && !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(pageId)) throw badInput({ pageId: 'ページの指定が正しくありません。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const { form } = await this.publishedForm(tx, formId);
        const savedAt = new Date();
        const draft = await tx.em.findOne(FormAnswerDraft, { resident: residentId, form: form.id }, NO_SCOPE);
        if (draft) {
          draft.answers = JSON.stringify(answers);
          draft.pageId = pageId;
          draft.savedAt = savedAt;
        } else {
          tx.em.persist(
            tx.em.create(FormAnswerDraft, {
              resident: tx.em.getReference(Resident, residentId),
              form,
              answers: JSON.stringify(answers),
              pageId,
              savedAt,
            }),
          );
        }
        await tx.em.flush();
        return { answers, pageId, savedAt };
      },
      this.logger,
    );
  }

  /**
   * Submits answers in one transaction: the form's availability and answer policy, the answers
   * validated as a resident (per-field Japanese messages), uploaded files claimed, bound
   * attributes updated, a receipt number, the department's notification mail and the contact
   * confirmation queued, the audit event, the draft removed. Anything refused changes nothing.
   */
  async submit(ctx: ServiceContext, input: SubmitInput): Promise<SubmitResult> {
    const actor = ctx.actor;
    if (actor.kind !== 'resident' && actor.kind !== 'anonymous')
      throw forbidden('フォームへの回答は住民の画面（LINEまたはブラウザ）から行ってください。');
    if (actor.kind === 'anonymous') {
      const hit = await this.rateLimiter.hit(
        `forms-submit:ip:${ctx.meta.ip ?? 'unknown'}`,
        ANONYMOUS_SUBMIT_LIMIT.submissions,
        ANONYMOUS_SUBMIT_LIMIT.windowSeconds,
      );
      if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
    }
    if (!UUID.test(input.formId) || !UUID.test(input.versionId)) throw notFound('フォーム');
    if (!withinJsonLimits(input.answers)) throw badInput({ answers: '入力内容が大きすぎます。' });
    const residentId = actor.kind === 'resident' ? actor.residentId : null;

    return inTransaction(
      ctx,
      async (tx) => {
        const { form, version } = await this.publishedForm(tx, input.formId);
        if (residentId) {
          // One resident's answers to one form, one at a time: "once" and "overwrite" hold under double taps.
          await unscopedSql(tx.em, COUNTER, 'select pg_advisory_xact_lock(hashtext(?))', [`forms:${form.id}:${residentId}`]);
        }
        const availability = await this.availability(tx, form, false);
        if (!availability.open) throw preconditionFailed(availability.reason!, availability.code!);
        if (input.versionId !== version.id)
          throw conflict('フォームの内容が更新されました。ページを読み込み直してから、もう一度送信してください。', 'VERSION_CHANGED');

        const definition = version.definition;
        const result = validateAnswers(definition, input.answers as Answers, { answerer: 'resident' });
        if (!result.ok) {
          const fields: Record<string, string> = {};
          for (const e of result.errors) fields[e.field] ??= e.message;
          throw badInput(fields, `入力内容に誤りがあります（${Object.keys(fields).length}件）。`);
        }
        let contactEmail: string | null = null;
        if (form.askContactEmail && input.contactEmail?.trim()) {
          contactEmail = input.contactEmail.trim();
          if (!isEmail(contactEmail)) throw badInput({ contactEmail: 'メールアドレスの形式が正しくありません（例: taro@example.jp）。' });
        }

        const previous = residentId ? await this.latestOf(tx, form.id, residentId) : null;
        if (previous && form.answerPolicy === FormAnswerPolicy.ONCE)
          throw conflict('このフォームには回答済みです。回答は1回だけです。', 'ALREADY_ANSWERED');
        const fields = allFields(definition);
        const plain: StoredAnswers = {};
        const personal: StoredAnswers = {};
        for (const [key, value] of Object.entries(result.values)) {
          const field = fields.find((f) => f.id === key)!;
          (field.personal ? personal : plain)[key] = value as StoredAnswers[string];
        }

        // A reference that is not this form's run (altered, made up, another form's) is no reference:
        // the answer is taken all the same, only not counted for a delivery.
        const source = this.via.verify(form.id, input.via);
        const now = new Date();
        let submission: FormSubmission;
        const overwrite = Boolean(previous && form.answerPolicy === FormAnswerPolicy.OVERWRITE);
        if (overwrite) {
          submission = previous!;
          submission.version = version;
          submission.answers = plain;
          submission.personalAnswers = Object.keys(personal).length ? JSON.stringify(personal) : null;
          if (contactEmail) submission.contactEmail = contactEmail;
          // The answer now stands for the round that brought it back; without a reference it keeps its first.
          if (source) {
            submission.deliveryId = source.deliveryId;
            submission.deliveryRunId = source.runId;
          }
          if (submission.status === SubmissionStatus.RETURNED) {
            tx.em.persist(
              tx.em.create(FormSubmissionStatusChange, {
                submission,
                fromStatus: SubmissionStatus.RETURNED,
                toStatus: SubmissionStatus.REVIEWING,
                comment: '申請者が再提出しました',
                at: now,
              }),
            );
            submission.status = SubmissionStatus.REVIEWING;
          }
        } else {
          submission = tx.em.create(FormSubmission, {
            form,
            version,
            department: form.department,
            resident: residentId ? tx.em.getReference(Resident, residentId) : null,
            receiptNumber: await this.nextReceiptNumber(tx, form, now),
            answers: plain,
            personalAnswers: Object.keys(personal).length ? JSON.stringify(personal) : null,
            contactEmail,
            viaBrowser: !residentId,
            browserAccessKey: residentId ? null : randomBytes(24).toString('base64url'),
            submittedAt: now,
            deliveryId: source?.deliveryId ?? null,
            deliveryRunId: source?.runId ?? null,
          });
          tx.em.persist(submission);
          tx.em.persist(tx.em.create(FormSubmissionStatusChange, { submission, toStatus: SubmissionStatus.RECEIVED, at: now }));
        }
        await tx.em.flush();

        await this.claimFiles(tx, definition, result.values, submission, input.uploadToken ?? undefined);
        if (residentId) await this.applyBoundAttributes(tx, definition, result.values, input.answers, residentId, submission.id);
        await this.notifyDepartment(tx, form, submission, overwrite);
        if (contactEmail) await this.confirmToSubmitter(tx, form, submission, contactEmail);
        await this.audit.record(tx, {
          action: overwrite ? 'forms.resubmit' : 'forms.submit',
          targetType: 'FormSubmission',
          targetId: submission.id,
          summary: { formId: form.id, version: version.number, receiptNumber: submission.receiptNumber, viaBrowser: !residentId },
          departmentId: form.department.id,
        });
        if (residentId) await tx.em.nativeDelete(FormAnswerDraft, { resident: residentId, form: form.id }, NO_SCOPE);
        return { submission, thankYouMessage: form.thankYouMessage, accessKey: submission.browserAccessKey };
      },
      this.logger,
    );
  }

  /**
   * A receipt number (FORM-18): the counter of the form and the format's date period is bumped in
   * the submitting transaction, so numbers have no gaps and a refused submission uses none. The
   * counter row stays locked until the commit, so submissions to one form line up for the last few
   * statements only; it must not take a second connection while holding this one, or a full pool
   * deadlocks. A number that an older format already produced (the format was changed back) is
   * skipped.
   */
  private async nextReceiptNumber(tx: TxContext, form: Form, now: Date): Promise<string> {
    const period = formatReceiptNumber(form.receiptFormat.replace(/\{SEQ(?::\d{1,2})?\}/g, '#'), { date: now, sequence: 0 }).slice(0, 80);
    for (let attempt = 0; attempt < 50; attempt++) {
      const rows = await unscopedSql<{ value: string }>(
        tx.em,
        COUNTER,
        `insert into form_receipt_counter (form_id, period, value) values (?, ?, 1)
           on conflict (form_id, period) do update set value = form_receipt_counter.value + 1
           returning value`,
        [form.id, period],
      );
      const number = formatReceiptNumber(form.receiptFormat, { date: now, sequence: Number(rows[0]!.value) });
      const taken = await unscopedSql(tx.em, COUNTER, 'select 1 from form_submission where form_id = ? and receipt_number = ?', [
        form.id,
        number,
      ]);
      if (!taken.length) return number;
    }
    throw conflict('受付番号を発行できませんでした。受付番号の形式を確認してください。', 'RECEIPT_NUMBER_EXHAUSTED');
  }

  /** File answers are the submitter's own uploads under the attachment policy, of the field's types. */
  private async claimFiles(
    tx: TxContext,
    definition: FormDefinition,
    values: Readonly<Record<string, unknown>>,
    submission: FormSubmission,
    uploadToken: string | undefined,
  ): Promise<void> {
    const problems: Record<string, string> = {};
    for (const field of allFields(definition)) {
      if (field.type !== 'file') continue;
      const ids = values[field.id];
      if (!Array.isArray(ids)) continue;
      for (const id of ids as string[]) {
        const media = UUID.test(id) ? await tx.em.findOne(MediaObject, { id }) : null;
        const allowed =
          media?.policy === 'attachment' &&
          (media.contentType.startsWith('image/') || (field.accept === 'imageOrPdf' && media.contentType === 'application/pdf'));
        if (!media || !allowed) {
          problems[field.id] ??=
            field.accept === 'image' ? '画像ファイルをアップロードしてください。' : '画像またはPDFのファイルをアップロードしてください。';
          continue;
        }
        try {
          await this.media.attach(tx, id, SUBMISSION_MEDIA_OWNER, submission.id, uploadToken ? { uploadToken } : {});
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== ErrorCode.NOT_FOUND) throw err;
          problems[field.id] ??= 'アップロードしたファイルが見つかりません。もう一度ファイルを選んでください。';
        }
      }
    }
    if (Object.keys(problems).length) throw badInput(problems, `入力内容に誤りがあります（${Object.keys(problems).length}件）。`);
  }

  /** Answers to bound fields update the resident's attributes; a bound field left empty (and shown) clears it. */
  private async applyBoundAttributes(
    tx: TxContext,
    definition: FormDefinition,
    values: Readonly<Record<string, unknown>>,
    raw: Record<string, unknown>,
    residentId: string,
    submissionId: string,
  ): Promise<void> {
    const bound = answerFields(definition, 'resident').filter((f): f is FormField & { attributeKey: string } => Boolean(f.attributeKey));
    const visible = new Set(Object.keys(values));
    const updates: AttributeValueInput[] = [];
    const fieldOf = new Map<string, string>();
    for (const field of bound) {
      const answered = visible.has(field.id);
      // Hidden fields say nothing about the attribute; a visible one the resident emptied clears it.
      if (!answered && !(field.id in raw)) continue;
      updates.push({ attributeKey: field.attributeKey, value: (values[field.id] as AttributeValueInput['value']) ?? null });
      fieldOf.set(field.attributeKey, field.id);
    }
    if (!updates.length) return;
    try {
      await this.attributes.applyValues(tx.em, { residentId, values: updates, actor: { kind: 'form', submissionId } });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.BAD_USER_INPUT && err.options.fields) {
        const fields: Record<string, string> = {};
        for (const [key, message] of Object.entries(err.options.fields)) fields[fieldOf.get(key) ?? key] = message;
        throw badInput(fields, err.message);
      }
      throw err;
    }
  }

  /** FORM-19: the department's addresses learn that something arrived, and where to read it; never the answers. */
  private async notifyDepartment(tx: TxContext, form: Form, submission: FormSubmission, overwrite: boolean): Promise<void> {
    const link = `${this.publicUrl}/admin/forms/${form.id}/submissions/${submission.id}`;
    for (const to of form.notificationEmails) {
      await this.mail.queue(
        tx,
        {
          to,
          subject: `【${overwrite ? '回答更新' : '受付'}】${form.title}（受付番号 ${submission.receiptNumber}）`,
          text: [
            `「${form.title}」に${overwrite ? '回答の更新' : '新しい回答'}がありました。`,
            '',
            `受付番号: ${submission.receiptNumber}`,
            `受付日時: ${dateTimeJa(submission.submittedAt)}`,
            '',
            '内容は管理画面で確認してください（このメールには回答の内容を載せていません）。',
            link,
          ].join('\n'),
        },
        { purpose: 'forms.notification', departmentId: form.department.id },
      );
    }
  }

  private async confirmToSubmitter(tx: TxContext, form: Form, submission: FormSubmission, to: string): Promise<void> {
    await this.mail.queue(
      tx,
      {
        to,
        subject: `【受付完了】${form.title}（受付番号 ${submission.receiptNumber}）`,
        text: [
          `「${form.title}」を受け付けました。`,
          '',
          `受付番号: ${submission.receiptNumber}`,
          `受付日時: ${dateTimeJa(submission.submittedAt)}`,
          '',
          ...(form.thankYouMessage ? [form.thankYouMessage, ''] : []),
          '受付の状況と市からのお知らせは、次のページで確認できます（このリンクは他の人に教えないでください）。',
          this.pageLink(submission),
          '',
          'お問い合わせの際は、受付番号をお知らせください。',
          '心当たりがない場合は、このメールを破棄してください。',
        ].join('\n'),
      },
      { purpose: 'forms.receipt', departmentId: form.department.id },
    );
  }

  async mySubmissions(ctx: ServiceContext, formId: string | null): Promise<MySubmissionView[]> {
    if (ctx.actor.kind !== 'resident') throw unauthenticated();
    if (formId !== null && !UUID.test(formId)) return [];
    const found = await ctx.em.find(
      FormSubmission,
      { resident: ctx.actor.residentId, ...(formId ? { form: formId } : {}) },
      { ...NO_SCOPE, orderBy: { submittedAt: 'desc', id: 'desc' }, limit: 200, populate: ['form', 'version'] },
    );
    return Promise.all(found.map((s) => this.mine(ctx, s, false)));
  }

  /**
   * One of my submissions: a resident's own by their session, a browser submitter's by the key they
   * were given (rate limited per address). Anything else is NOT_FOUND, never "not yours".
   */
  async mySubmission(ctx: ServiceContext, id: string, accessKey: string | null = null): Promise<MySubmissionView> {
    if (ctx.actor.kind === 'resident') {
      const submission = UUID.test(id)
        ? await ctx.em.findOne(FormSubmission, { id, resident: ctx.actor.residentId }, { ...NO_SCOPE, populate: ['form', 'version'] })
        : null;
      if (!submission) throw notFound('回答');
      return this.mine(ctx, submission, true);
    }
    if (accessKey === null) throw unauthenticated();
    const hit = await this.rateLimiter.hit(
      `forms-key:ip:${ctx.meta.ip ?? 'unknown'}`,
      BROWSER_KEY_LOOKUP_LIMIT.lookups,
      BROWSER_KEY_LOOKUP_LIMIT.windowSeconds,
    );
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
    const submission =
      UUID.test(id) && accessKey.length <= 64
        ? await ctx.em.findOne(FormSubmission, { id, viaBrowser: true }, { ...NO_SCOPE, populate: ['form', 'version', 'browserAccessKey'] })
        : null;
    if (!submission?.browserAccessKey || !sameKey(submission.browserAccessKey, accessKey)) throw notFound('回答');
    return this.mine(ctx, submission, true);
  }

  /** The submitter's own page: by their LINE session, or (browser submissions) by the key in the link. */
  private pageLink(submission: FormSubmission): string {
    const page = `${this.publicUrl}/liff/submissions/${submission.id}`;
    return submission.browserAccessKey ? `${page}#key=${submission.browserAccessKey}` : page;
  }

  private async mine(ctx: ServiceContext, submission: FormSubmission, markRead: boolean): Promise<MySubmissionView> {
    const messages = await ctx.em.find(
      FormSubmitterMessage,
      { submission: submission.id },
      { ...NO_SCOPE, orderBy: { sentAt: 'asc', id: 'asc' } },
    );
    const views = messages.map((m) => ({ id: m.id, body: m.body, sentAt: m.sentAt, byName: m.byName, readAt: m.readAt }));
    if (markRead && messages.some((m) => !m.readAt)) {
      // Staff see when the submitter opened the message (FORM-17).
      await unscopedSql(
        ctx.em,
        'messages of the resident’s own submission, found by its id and resident',
        'update form_submitter_message set read_at = now() where submission_id = ? and read_at is null',
        [submission.id],
      );
    }
    return {
      id: submission.id,
      receiptNumber: submission.receiptNumber,
      formId: submission.form.id,
      formTitle: submission.form.title,
      status: submission.status,
      submittedAt: submission.submittedAt,
      answers: answerViews(submission.version.definition, submission, 'resident', true),
      messages: views,
    };
  }

  // --- the staff's side --------------------------------------------------------------------------

  async list(
    ctx: ServiceContext,
    formId: string | null,
    filter: SubmissionFilterInput,
    args: ConnectionArgs,
  ): Promise<Page<FormSubmission>> {
    requirePermission(ctx.actor, 'forms.submissions.read');
    const where: Record<string, unknown> = {};
    if (formId !== null) {
      const form = UUID.test(formId) ? await ctx.em.findOne(Form, { id: formId }) : null;
      if (!form) throw notFound('フォーム');
      where['form'] = form.id;
    }
    if (filter.status) where['status'] = filter.status;
    if (filter.from || filter.to)
      where['submittedAt'] = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const search = filter.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await scopedSql<{ id: string }>(
        ctx,
        `select id from form_submission
          where {{scope:department_id}} ${formId !== null ? 'and form_id = ?' : ''}
            and (receipt_number ilike ? or answers::text ilike ? or admin_answers::text ilike ?)
          order by submitted_at desc limit 5000`,
        [...(formId !== null ? [formId] : []), like, like, like],
      );
      where['id'] = { $in: rows.map((r) => r.id) };
    }
    return paginate(ctx.em, FormSubmission, where, args, { submittedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<FormSubmission> {
    requirePermission(ctx.actor, 'forms.submissions.read');
    return this.load(ctx, id);
  }

  private async load(ctx: ServiceContext, id: string): Promise<FormSubmission> {
    const submission = UUID.test(id) ? await ctx.em.findOne(FormSubmission, { id }) : null;
    if (!submission) throw notFound('回答');
    return submission;
  }

  /** Answers for staff: personal ones masked without forms.personal.read. */
  async answersFor(ctx: ServiceContext, submission: FormSubmission, which: 'resident' | 'admin'): Promise<AnswerView[]> {
    const version = await ctx.em.findOneOrFail(FormVersion, { id: submission.version.id });
    return answerViews(version.definition, submission, which, hasPermission(ctx.actor, 'forms.personal.read'));
  }

  async history(ctx: ServiceContext, submission: FormSubmission) {
    const changes = await ctx.em.find(FormSubmissionStatusChange, { submission: submission.id }, { orderBy: { at: 'asc', id: 'asc' } });
    return changes.map((c) => ({ from: c.fromStatus, to: c.toStatus, comment: c.comment, at: c.at, byName: c.byName }));
  }

  async messages(ctx: ServiceContext, submission: FormSubmission) {
    const found = await ctx.em.find(FormSubmitterMessage, { submission: submission.id }, { orderBy: { sentAt: 'asc', id: 'asc' } });
    return found.map((m) => ({ id: m.id, body: m.body, sentAt: m.sentAt, byName: m.byName, readAt: m.readAt }));
  }

  /**
   * Moves an application along the workflow. With `notify`, the submitter gets the change as a
   * message on their page (the comment included) and, in LINE or by mail, only the notice and the
   * link (FORM-17, NFR-25).
   */
  async changeStatus(
    ctx: ServiceContext,
    id: string,
    status: SubmissionStatus,
    comment: string | null,
    notify = false,
  ): Promise<FormSubmission> {
    requirePermission(ctx.actor, 'forms.submissions.write');
    const note = comment?.trim() || null;
    if (note && note.length > 1000) throw badInput({ comment: 'コメントは1000文字以内で入力してください。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const submission = await this.load(tx, id);
        const from = submission.status;
        if (!SUBMISSION_TRANSITIONS[from].includes(status)) {
          throw conflict(
            `「${SUBMISSION_STATUS_LABELS[from]}」の申請は「${SUBMISSION_STATUS_LABELS[status]}」にできません。` +
              `変更できるのは ${SUBMISSION_TRANSITIONS[from].map((s) => `「${SUBMISSION_STATUS_LABELS[s]}」`).join('')} です。`,
            'INVALID_STATUS_TRANSITION',
          );
        }
        submission.status = status;
        tx.em.persist(
          tx.em.create(FormSubmissionStatusChange, {
            submission,
            fromStatus: from,
            toStatus: status,
            comment: note,
            at: new Date(),
            byName: await this.forms.actorName(tx),
          }),
        );
        await tx.em.flush();
        const via = notify
          ? await this.messageSubmitter(
              tx,
              submission,
              [`申請の状況が「${SUBMISSION_STATUS_LABELS[status]}」になりました。`, ...(note ? ['', note] : [])].join('\n'),
            )
          : null;
        await this.audit.record(tx, {
          action: 'forms.submission.status',
          targetType: 'FormSubmission',
          targetId: submission.id,
          summary: { from, to: status, notifiedVia: via },
          departmentId: submission.department.id,
        });
        return submission;
      },
      this.logger,
    );
  }

  /** Staff-only fields (受付メモ …), validated as staff; only those fields may be sent. */
  async updateAdminAnswers(ctx: ServiceContext, id: string, answers: Record<string, unknown>): Promise<FormSubmission> {
    requirePermission(ctx.actor, 'forms.submissions.write');
    if (!withinJsonLimits(answers)) throw badInput({ answers: '入力内容が大きすぎます。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const submission = await this.load(tx, id);
        const version = await tx.em.findOneOrFail(FormVersion, { id: submission.version.id });
        const adminFields = new Map(answerFields(version.definition, 'admin').map((f) => [f.id, f]));
        const fields: Record<string, string> = {};
        for (const key of Object.keys(answers)) if (!adminFields.has(key)) fields[key] = 'この項目は職員記入欄ではありません。';
        if (Object.keys(fields).length) throw badInput(fields);
        const canPersonal = hasPermission(tx.actor, 'forms.personal.read');
        for (const f of adminFields.values())
          if (f.personal && !canPersonal && f.id in answers) fields[f.id] = '個人情報の項目を編集する権限がありません。';
        if (Object.keys(fields).length) throw badInput(fields);
        // Conditions of staff fields may look at the resident's answers: validate over both, keep the staff fields' outcome.
        const resident = storedAnswersOf(submission, 'resident', true);
        const merged = { ...resident, ...storedAnswersOf(submission, 'admin', true), ...answers } as Answers;
        const result = validateAnswers(version.definition, merged, { answerer: 'staff' });
        for (const e of result.errors) if (adminFields.has(e.field)) fields[e.field] ??= e.message;
        if (Object.keys(fields).length) throw badInput(fields, `入力内容に誤りがあります（${Object.keys(fields).length}件）。`);
        const plain: StoredAnswers = {};
        const personal: StoredAnswers = {};
        for (const f of adminFields.values()) {
          const value = result.values[f.id];
          if (value !== undefined) (f.personal ? personal : plain)[f.id] = value as StoredAnswers[string];
        }
        submission.adminAnswers = plain;
        submission.personalAdminAnswers = Object.keys(personal).length ? JSON.stringify(personal) : null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.submission.adminAnswers',
          targetType: 'FormSubmission',
          targetId: submission.id,
          summary: { fields: Object.keys(answers) },
          departmentId: submission.department.id,
        });
        return submission;
      },
      this.logger,
    );
  }

  /**
   * FORM-17: a message to this submission's submitter only. The message stays on our page; the
   * submitter's LINE gets a fixed notice and the link (pushed to the submission's own resident,
   * once the message is committed), a browser submitter with an address a mail with the link.
   */
  async notifySubmitter(ctx: ServiceContext, id: string, message: string): Promise<FormSubmission> {
    requirePermission(ctx.actor, 'forms.submissions.write');
    const body = message.trim();
    if (!body) throw badInput({ message: 'お知らせの内容を入力してください。' });
    if (body.length > MESSAGE_MAX) throw badInput({ message: `お知らせは${MESSAGE_MAX}文字以内で入力してください。` });
    return inTransaction(
      ctx,
      async (tx) => {
        const submission = await this.load(tx, id);
        const via = await this.messageSubmitter(tx, submission, body);
        await this.audit.record(tx, {
          action: 'forms.submission.notify',
          targetType: 'FormSubmission',
          targetId: submission.id,
          summary: { via, length: body.length },
          departmentId: submission.department.id,
        });
        return submission;
      },
      this.logger,
    );
  }

  /**
   * Stores a message on the submitter's page and tells them where to read it: a LINE resident by a
   * push of the fixed notice and the link, once committed (to the submission's own resident and
   * nobody else); a browser submitter with an address by a mail with the same. Returns the way used.
   */
  private async messageSubmitter(tx: TxContext, submission: FormSubmission, body: string): Promise<SubmitterMessageChannel> {
    const form = await tx.em.findOneOrFail(Form, { id: submission.form.id });
    if (submission.viaBrowser) await tx.em.populate(submission, ['browserAccessKey']);
    const link = this.pageLink(submission);
    const resident = submission.resident ? await tx.em.findOne(Resident, { id: submission.resident.id }, { populate: ['channel'] }) : null;
    const via = resident?.channel
      ? SubmitterMessageChannel.LINE
      : submission.contactEmail
        ? SubmitterMessageChannel.MAIL
        : SubmitterMessageChannel.NONE;
    const saved = tx.em.create(FormSubmitterMessage, {
      submission,
      body,
      sentAt: new Date(),
      byName: await this.forms.actorName(tx),
      notifiedVia: via,
    });
    tx.em.persist(saved);
    await tx.em.flush();
    if (via === SubmitterMessageChannel.MAIL) {
      await this.mail.queue(
        tx,
        {
          to: submission.contactEmail!,
          subject: `【お知らせ】${form.title}（受付番号 ${submission.receiptNumber}）`,
          text: [SUBMITTER_NOTICE, link, '', `受付番号: ${submission.receiptNumber}`, '（このリンクは他の人に教えないでください）'].join(
            '\n',
          ),
        },
        { purpose: 'forms.message', departmentId: submission.department.id },
      );
    }
    if (via === SubmitterMessageChannel.LINE && resident?.channel) {
      const channel = resident.channel;
      const to = resident.lineUserId;
      const residentId = resident.id;
      const text = `${SUBMITTER_NOTICE}\n${link}`;
      tx.afterCommit(async () => {
        try {
          await this.lineGateway.push(
            this.lineChannels.credentialsOf(channel),
            { to, messages: [{ type: 'text', text }] },
            { ref: `forms.message:${saved.id}` },
          );
          // The talk history shows what LINE carried (the notice), like every other message the account sent.
          await this.talkLog.record({
            residentId,
            direction: TalkDirection.OUTGOING,
            messageType: 'text',
            content: text,
            origin: 'forms.message',
            occurredAt: new Date(),
            sourceEventId: `forms.message:${saved.id}`,
          });
        } catch (err) {
          // The message is on our page either way; staff see it as unread.
          this.logger.warn({ err, submissionId: submission.id }, 'could not push the submitter notice');
        }
      });
    }
    return via;
  }

  /** Who may read the files attached to a submission (media owner policy). */
  async canReadFiles(ctx: ServiceContext, submissionId: string): Promise<boolean> {
    const actor = ctx.actor;
    if (actor.kind === 'resident') {
      return (await ctx.em.count(FormSubmission, { id: submissionId, resident: actor.residentId }, NO_SCOPE)) > 0;
    }
    if (!hasPermission(actor, 'forms.submissions.read')) return false;
    const submission = await ctx.em.findOne(FormSubmission, { id: submissionId }, { populate: ['version'] });
    if (!submission) return false;
    const personalFiles = allFields(submission.version.definition).some((f) => f.type === 'file' && f.personal);
    return !personalFiles || hasPermission(actor, 'forms.personal.read');
  }
}

/** Compares a presented key with the stored one in constant time. */
function sameKey(stored: string, presented: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
