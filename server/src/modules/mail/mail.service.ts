import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/config.js';
import { requirePermission } from '../../platform/auth/require.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { actorLabel } from '../../platform/context/actor.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import {
  bodyText,
  headerText,
  INVALID_ADDRESS_MESSAGE,
  isListUnsubscribeUrl,
  isMailAddress,
  type MailMessage,
} from '../../platform/mail/message.js';
import { MailDeliveryError, type SmtpMailer } from '../../platform/mail/smtp.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import type { AuditService } from '../audit/index.js';
import { Department } from '../identity/index.js';
import { OutboundMail, OutboundMailStatus } from './outbound-mail.entity.js';

export const DELIVER_JOB = 'mail.deliver';
/** A SENDING mail older than this had its worker die mid-send: it is tried again (at least once). */
const STUCK_MS = 10 * 60_000;

export interface QueueOptions {
  /** Which feature sends it: `forms.receipt`, `mail.test` … */
  readonly purpose: string;
  /** The department it belongs to (who may read it on the console); null: system administrators only. */
  readonly departmentId?: string | null;
}

export interface MailFilter {
  status?: OutboundMailStatus | null;
}

export interface MailSettings {
  configured: boolean;
  destination: string | null;
  from: string;
}

/**
 * The outbox (transactional): features call `queue` inside their own transaction, so a mail exists
 * exactly when what it tells of was committed; the job runner delivers it, retrying temporary
 * failures with backoff, and marks it SENT or FAILED.
 */
export class MailService {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly mailer: SmtpMailer,
    private readonly scheduler: Scheduler,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** Queues a mail in the caller's transaction; delivery starts once it commits. */
  async queue(tx: TxContext, message: MailMessage, options: QueueOptions): Promise<OutboundMail> {
    const to = message.to.trim();
    if (!isMailAddress(to)) throw badInput({ to: INVALID_ADDRESS_MESSAGE });
    if (message.replyTo !== undefined && !isMailAddress(message.replyTo)) throw badInput({ replyTo: INVALID_ADDRESS_MESSAGE });
    if (message.listUnsubscribe !== undefined && !isListUnsubscribeUrl(message.listUnsubscribe))
      throw new TypeError('mail: the List-Unsubscribe URL is not one http(s) URL');
    const subject = headerText(message.subject, 150);
    if (!subject) throw badInput({ subject: '件名を入力してください。' });
    const mail = tx.em.create(OutboundMail, {
      purpose: options.purpose,
      department: options.departmentId ? tx.em.getReference(Department, options.departmentId) : null,
      toAddress: to,
      replyTo: message.replyTo ?? null,
      subject,
      body: bodyText(message.text),
      listUnsubscribe: message.listUnsubscribe ?? null,
      requestedBy: actorLabel(tx.actor).slice(0, 200),
    });
    tx.em.persist(mail);
    await tx.em.flush();
    tx.afterCommit(() => this.enqueue(mail.id));
    return mail;
  }

  private async enqueue(id: string): Promise<void> {
    try {
      await this.scheduler.now(DELIVER_JOB, { id });
    } catch (err) {
      // The reconciler finds PENDING mail every few minutes: a lost job only delays it.
      this.logger.warn({ err, mailId: id }, 'could not start a mail delivery job; the reconciler will');
    }
  }

  settings(ctx: ServiceContext): MailSettings {
    requirePermission(ctx.actor, 'mail.read');
    return { configured: this.mailer.configured, destination: this.mailer.destination, from: this.config.MAIL_FROM };
  }

  list(ctx: ServiceContext, filter: MailFilter, args: ConnectionArgs): Promise<Page<OutboundMail>> {
    requirePermission(ctx.actor, 'mail.read');
    return paginate(ctx.em, OutboundMail, filter.status ? { status: filter.status } : {}, args, { createdAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<OutboundMail> {
    requirePermission(ctx.actor, 'mail.read');
    return (await ctx.em.findOne(OutboundMail, { id })) ?? Promise.reject(notFound('メール'));
  }

  /** A test mail from the console, to check the SMTP settings (ADM: the administrator's own check). */
  async sendTest(ctx: ServiceContext, to: string): Promise<OutboundMail> {
    requirePermission(ctx.actor, 'mail.send');
    return inTransaction(
      ctx,
      async (tx) => {
        const mail = await this.queue(
          tx,
          {
            to,
            subject: 'テストメール（LINE配信システム）',
            text: 'このメールは、管理画面の「送信メール」から送信したテストメールです。\n受け取れていれば、メールの送信設定は正しく動いています。\n\n心当たりがない場合は、このメールを破棄してください。',
          },
          { purpose: 'mail.test', departmentId: null },
        );
        await this.audit.record(tx, { action: 'mail.test', targetType: 'OutboundMail', targetId: mail.id, summary: {} });
        return mail;
      },
      this.logger,
    );
  }

  /** Sends a FAILED mail again from the start (its attempts begin anew). */
  async retry(ctx: ServiceContext, id: string): Promise<OutboundMail> {
    requirePermission(ctx.actor, 'mail.send');
    return inTransaction(
      ctx,
      async (tx) => {
        const found = await tx.em.findOne(OutboundMail, { id });
        if (!found) throw notFound('メール');
        if (found.status !== OutboundMailStatus.FAILED) {
          throw preconditionFailed('送信に失敗したメールだけを再送できます。', 'MAIL_NOT_FAILED');
        }
        found.status = OutboundMailStatus.PENDING;
        found.attempts = 0;
        found.lastError = null;
        await tx.em.flush();
        tx.afterCommit(() => this.enqueue(found.id));
        await this.audit.record(tx, {
          action: 'mail.retry',
          targetType: 'OutboundMail',
          targetId: found.id,
          summary: { purpose: found.purpose },
        });
        return found;
      },
      this.logger,
    );
  }

  /**
   * Hands one mail to SMTP (the job's work). Claims it first (PENDING → SENDING in one statement),
   * so two workers never send the same mail; a temporary failure puts it back to PENDING and throws
   * (the job retries with backoff); a permanent one, or the last attempt, marks it FAILED.
   */
  async deliver(id: string): Promise<OutboundMailStatus | 'SKIPPED'> {
    if (!this.mailer.configured) return 'SKIPPED'; // held until SMTP_URL is set; the reconciler sends it then
    const em = unscopedFork(this.orm.em);
    const claimed = await unscopedSql<{ id: string }>(
      em,
      'the job runner delivers every department’s mail',
      `update outbound_mail set status = 'SENDING', attempts = attempts + 1, updated_at = now()
        where id = ? and (status = 'PENDING' or (status = 'SENDING' and updated_at < now() - make_interval(secs => ?)))
        returning id`,
      [id, STUCK_MS / 1000],
    );
    if (claimed.length === 0) return 'SKIPPED'; // sent, failed, gone, or another worker has it
    const mail = await em.findOneOrFail(OutboundMail, { id });
    try {
      const { messageId } = await this.mailer.send(
        {
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.body,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          ...(mail.listUnsubscribe ? { listUnsubscribe: mail.listUnsubscribe } : {}),
        },
        { 'X-Machi-Mail-Id': mail.id, 'X-Machi-Purpose': mail.purpose },
      );
      mail.status = OutboundMailStatus.SENT;
      mail.sentAt = new Date();
      mail.messageId = messageId.slice(0, 255) || null;
      mail.lastError = null;
      await em.flush();
      return mail.status;
    } catch (err) {
      const failure = err instanceof MailDeliveryError ? err : new MailDeliveryError(String(err), false);
      const final = failure.permanent || mail.attempts >= this.config.MAIL_MAX_ATTEMPTS;
      mail.status = final ? OutboundMailStatus.FAILED : OutboundMailStatus.PENDING;
      mail.lastError = failure.message.slice(0, 1000);
      await em.flush();
      if (final) {
        this.logger.warn({ mailId: mail.id, purpose: mail.purpose, attempts: mail.attempts }, 'mail delivery failed for good');
        return mail.status;
      }
      throw failure;
    }
  }

  /** PENDING mail with no job (a lost job, or SMTP configured since), and stuck SENDING mail: queued again. */
  async requeueWaiting(): Promise<number> {
    if (!this.mailer.configured) return 0;
    const rows = await unscopedSql<{ id: string }>(
      unscopedFork(this.orm.em),
      'the reconciler looks for every department’s waiting mail',
      `select id from outbound_mail
        where (status = 'PENDING' and updated_at < now() - interval '1 minute')
           or (status = 'SENDING' and updated_at < now() - make_interval(secs => ?))
        order by created_at limit 1000`,
      [STUCK_MS / 1000],
    );
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }

  /** Deletes mail older than MAIL_RETENTION_DAYS (sent or failed; waiting mail is kept). */
  async purgeOld(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.MAIL_RETENTION_DAYS * 86_400_000);
    return unscopedFork(this.orm.em).nativeDelete(OutboundMail, {
      status: { $in: [OutboundMailStatus.SENT, OutboundMailStatus.FAILED] },
      createdAt: { $lt: cutoff },
    });
  }
}
