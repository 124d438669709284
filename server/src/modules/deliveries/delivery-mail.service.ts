import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE, unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import type { AuditService } from '../audit/index.js';
import type { MailListService, MailMirrorService, MirrorResult } from '../mail-lists/index.js';
import { toPlainText, type ComposedMessage } from '../messages/index.js';
import { Delivery, DeliveryRun, DeliveryRunKind, DeliveryRunStatus } from './delivery.entity.js';
import { UUID } from './delivery-owner.js';

/** Queues a real run's mail to its lists (SEG-05); idempotent per run and subscriber. */
export const MAIL_JOB = 'deliveries.mail';
export const MAX_MAIL_LISTS = 10;
const MAIL_SUBJECT_MAX = 150;
/** A run whose mail is still unqueued this long after it started lost its job (a crash): the resume job queues it again. */
const MAIL_RESUME_AFTER = '10 minutes';

const SYSTEM =
  "a real run's mail is system work for the staff member who started the run; the lists were checked when the delivery was saved";

/** What a real run mails, fixed when it starts (as its LINE messages are). */
export interface RunMail {
  mailListIds: string[];
  mailSubject: string;
  mailText: string;
}

/**
 * The email mirror of deliveries (SEG-05): a delivery names mail lists of its own department;
 * when a real run starts, the lists' confirmed subscribers get the Japanese content as plain
 * text, by the mail-lists module's mirror through the outbox. The mail is queued by a job after
 * the run is committed (never inside its transaction), and the resume job finds runs whose job
 * was lost. Test runs mail nobody: testers are LINE friends, and a list's subscribers are real
 * residents; staff see the mail's text in the editor instead.
 */
export class DeliveryMailService {
  constructor(
    private readonly orm: MikroORM,
    private readonly lists: MailListService,
    private readonly mirror: MailMirrorService,
    private readonly scheduler: Scheduler,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** The lists a delivery of `departmentId` may mail: active, its department's and within the actor's scope. */
  async checkLists(ctx: ServiceContext, departmentId: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (unique.length > MAX_MAIL_LISTS) throw badInput({ mailListIds: `メール配信のリストは${MAX_MAIL_LISTS}個まで選べます。` });
    const usable = await this.usableLists(ctx, departmentId, unique);
    if (usable.length !== unique.length)
      throw badInput({
        mailListIds: '選べないメール配信リストが含まれています。この配信と同じ部署の、停止していないリストを選んでください。',
      });
    return unique;
  }

  /** Those of the lists a delivery of `departmentId` may still mail (a copy keeps these). */
  async usableLists(ctx: ServiceContext, departmentId: string, ids: readonly string[]): Promise<string[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return [];
    const own = new Set((await this.lists.usable(ctx, valid)).filter((l) => l.department.id === departmentId).map((l) => l.id));
    return valid.filter((id) => own.has(id));
  }

  /** The mail's subject as saved: null (the title) when blank. */
  subject(value: string | null): string | null {
    const subject = value?.trim() ?? '';
    if (!subject) return null;
    if ([...subject].length > MAIL_SUBJECT_MAX)
      throw badInput({ mailSubject: `メールの件名は${MAIL_SUBJECT_MAX}文字以内で入力してください。` });
    return subject;
  }

  /**
   * The mail a real run of the delivery sends, from its Japanese messages (`variants`: the run's,
   * whose links to the delivery's form name the run, so that answers from the mail count for it
   * too; the delivery's own by default); null without lists.
   */
  runMail(
    delivery: Delivery,
    variants: ReadonlyArray<{ language: string; messages: readonly unknown[] }> = delivery.variants,
  ): RunMail | null {
    if (!delivery.mailListIds.length) return null;
    const japanese = variants.find((v) => v.language === 'ja');
    return {
      mailListIds: [...delivery.mailListIds],
      mailSubject: delivery.mailSubject ?? delivery.title,
      mailText: toPlainText((japanese?.messages ?? []) as ComposedMessage[]),
    };
  }

  /** Queues the run's mail job (after the run is committed); nothing for a test run or a run without lists. */
  async enqueue(run: Pick<DeliveryRun, 'id' | 'kind' | 'mailListIds'>): Promise<void> {
    if (run.kind !== DeliveryRunKind.REAL || !run.mailListIds.length) return;
    await this.scheduler.now(MAIL_JOB, { runId: run.id });
  }

  /**
   * The job: mails the run's lists once. A paused run waits (resuming queues the job again); a
   * canceled one mails nobody more. Mails already queued for the run are never queued again (the
   * mirror records each subscriber per run), so a retried or repeated job is harmless.
   */
  async mailRun(runId: string, touch: () => Promise<void> = async () => undefined): Promise<MirrorResult | null> {
    const em = unscopedFork(this.orm.em);
    const run = UUID.test(runId) ? await em.findOne(DeliveryRun, { id: runId }) : null;
    if (!run || run.kind !== DeliveryRunKind.REAL || !run.mailListIds.length || run.mailQueuedAt || run.mailText === null) return null;
    if (run.status === DeliveryRunStatus.PAUSED || run.status === DeliveryRunStatus.CANCELED) return null;
    // Scoped to the delivery's department: a list moved elsewhere since is not mailed.
    const scoped = this.orm.em.fork();
    scoped.setFilterParams(DEPARTMENT_SCOPE, { all: false, departmentIds: [run.department.id] });
    const result = await this.mirror.enqueueMirror(
      scoped,
      { deliveryId: run.delivery.id, runId: run.id, listIds: run.mailListIds, subject: run.mailSubject ?? '', text: run.mailText },
      touch,
    );
    const ctx: ServiceContext = {
      em: em.fork(),
      actor: { kind: 'system', name: 'deliveries.mail' },
      meta: { requestId: `deliveries-mail-${randomUUID()}`, ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    await inTransaction(
      ctx,
      async (tx) => {
        const marked = await unscopedSql<{ id: string }>(
          tx.em,
          SYSTEM,
          `update delivery_run set mail_queued_at = now(), mail_recipients = ?, updated_at = now()
           where id = ? and mail_queued_at is null returning id`,
          [result.recipients, run.id],
        );
        if (!marked.length) return;
        await this.audit.record(tx, {
          action: 'deliveries.run.mail',
          targetType: 'DeliveryRun',
          targetId: run.id,
          summary: { deliveryId: run.delivery.id, listIds: run.mailListIds, recipients: result.recipients, queued: result.queued },
          departmentId: run.department.id,
        });
      },
      this.logger,
    );
    return result;
  }

  /** Real runs whose mail was never queued although they went out (a worker died before the job ran): their job again. */
  async resumeAll(): Promise<number> {
    const rows = await unscopedSql<{ id: string }>(
      unscopedFork(this.orm.em),
      SYSTEM,
      `select id from delivery_run
       where mail_queued_at is null and cardinality(mail_list_ids) > 0 and kind = 'REAL'
         and status in ('SENDING', 'COMPLETED') and created_at < now() - interval '${MAIL_RESUME_AFTER}'`,
    );
    for (const row of rows) await this.scheduler.now(MAIL_JOB, { runId: row.id });
    return rows.length;
  }
}
