import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestMeta, ServiceContext } from '../../platform/context/context.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { headerText } from '../../platform/mail/message.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import { MailList } from './mail-list.entity.js';
import { MailSubscriber } from './mail-subscriber.entity.js';
import { singleDepartment, type MailSubscriptionService } from './mail-subscription.service.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SYSTEM = 'a delivery run mails every confirmed subscriber of the lists it was given; the caller chose them within its department';
/** Subscribers handled per transaction. */
export const MIRROR_BATCH = 1000;

/** A delivery run's email mirror (SEG-05): the same content, by mail, to the lists' confirmed subscribers. */
export interface MirrorInput {
  readonly deliveryId: string;
  /** Mail is sent at most once per run and subscriber, however often this is called for the run. */
  readonly runId: string;
  readonly listIds: readonly string[];
  readonly subject: string;
  /** Plain text (the outbox sends plain-text mail only); the footer with the unsubscribe link is added here. */
  readonly text: string;
}

export interface MirrorResult {
  /** Confirmed subscribers of the lists (each once, whatever lists they are on). */
  readonly recipients: number;
  /** Mails queued by this call (the others were queued by an earlier call for the run). */
  readonly queued: number;
}

/**
 * The email mirror of a delivery: one outbox mail per CONFIRMED subscriber on a confirmed place
 * on any of the lists, in batches of MIRROR_BATCH subscribers in subscriber-id order, each batch
 * one transaction that records (run, subscriber) in `mail_list_send` (unique) and queues the mails
 * of the rows it could insert. A second call for the run, or a call resumed after a crash, queues
 * nothing twice. Lists that are inactive, deleted or outside the EntityManager's scope are skipped.
 */
export class MailMirrorService {
  constructor(
    private readonly subscriptions: MailSubscriptionService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs its own transactions (one per batch): call it after the run is committed, outside a
   * transaction, with an EntityManager scoped to the delivery's department (or unscoped). `touch`
   * runs after each batch, for a job that must keep its lock (a batch of 1,000 takes seconds).
   */
  async enqueueMirror(em: EntityManager, input: MirrorInput, touch: () => Promise<void> = async () => undefined): Promise<MirrorResult> {
    if (!UUID.test(input.deliveryId) || !UUID.test(input.runId)) throw new TypeError('enqueueMirror needs the delivery and run ids');
    const subject = headerText(input.subject, 150);
    if (!subject) throw badInput({ subject: '件名を入力してください。' });
    const ids = [...new Set(input.listIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const lists = ids.length ? await em.find(MailList, { id: { $in: ids }, active: true }) : [];
    if (!lists.length) return { recipients: 0, queued: 0 };
    const listIds = uuidArray(lists.map((l) => l.id));
    const names = new Map(lists.map((l) => [l.id, l.name]));
    const departmentId = singleDepartment(lists.map((l) => ({ departmentId: l.department.id })));
    const meta: RequestMeta = { requestId: `mirror:${input.runId}`, ip: null, userAgent: null, trace: { auditWrites: 0 } };

    let after: string | null = null;
    let recipients = 0;
    let queued = 0;
    for (;;) {
      const ctx: ServiceContext = { em: em.fork(), actor: { kind: 'system', name: 'mail-lists.mirror' }, meta };
      const batch = await inTransaction(
        ctx,
        async (tx) => {
          const rows = await unscopedSql<{ id: string }>(
            tx.em,
            SYSTEM,
            `select s.id from mail_subscriber s
             where s.status = 'CONFIRMED' ${after ? 'and s.id > ?::uuid' : ''}
               and exists (select 1 from mail_list_member m
                           where m.subscriber_id = s.id and m.list_id = any(?::uuid[]) and m.confirmed_at is not null)
             order by s.id limit ${MIRROR_BATCH}`,
            [...(after ? [after] : []), listIds],
          );
          if (!rows.length) return { seen: 0, last: after, queued: 0 };
          const fresh = await unscopedSql<{ subscriber_id: string }>(
            tx.em,
            SYSTEM,
            `insert into mail_list_send (run_id, subscriber_id, delivery_id)
             select ?::uuid, s.id, ?::uuid from unnest(?::uuid[]) as s(id)
             on conflict (run_id, subscriber_id) do nothing
             returning subscriber_id`,
            [input.runId, input.deliveryId, uuidArray(rows.map((r) => r.id))],
          );
          if (fresh.length) {
            const freshIds = uuidArray(fresh.map((f) => f.subscriber_id));
            const subscribers = await tx.em.find(MailSubscriber, { id: { $in: fresh.map((f) => f.subscriber_id) } });
            const memberships = await unscopedSql<{ subscriber_id: string; list_id: string }>(
              tx.em,
              SYSTEM,
              `select subscriber_id, list_id from mail_list_member
               where subscriber_id = any(?::uuid[]) and list_id = any(?::uuid[]) and confirmed_at is not null`,
              [freshIds, listIds],
            );
            const listsOf = new Map<string, string[]>();
            for (const m of memberships) listsOf.set(m.subscriber_id, [...(listsOf.get(m.subscriber_id) ?? []), names.get(m.list_id)!]);
            const sent: Array<{ subscriber: string; mail: string }> = [];
            for (const subscriber of subscribers) {
              // A fork in the same transaction: each flush sees one mail, not every mail of the batch.
              const mailEm = tx.em.fork({ keepTransactionContext: true });
              const mail = await this.mail.queue(
                { ...tx, em: mailEm },
                {
                  to: subscriber.email,
                  subject,
                  text: this.body(input.text, subscriber.id, listsOf.get(subscriber.id) ?? []),
                  listUnsubscribe: this.subscriptions.unsubscribeUrl(subscriber.id),
                },
                { purpose: 'mail_lists.mirror', departmentId },
              );
              sent.push({ subscriber: subscriber.id, mail: mail.id });
            }
            await unscopedSql(
              tx.em,
              SYSTEM,
              `update mail_list_send s set outbound_mail_id = v.mail
               from jsonb_to_recordset(?::jsonb) as v(subscriber uuid, mail uuid)
               where s.run_id = ?::uuid and s.subscriber_id = v.subscriber`,
              [JSON.stringify(sent), input.runId],
            );
            await this.audit.record(tx, {
              action: 'mail_lists.mirror',
              targetType: 'DeliveryRun',
              targetId: input.runId,
              summary: { deliveryId: input.deliveryId, listIds: lists.map((l) => l.id), queued: sent.length },
              departmentId,
            });
          }
          return { seen: rows.length, last: rows[rows.length - 1]!.id, queued: fresh.length };
        },
        this.logger,
      );
      recipients += batch.seen;
      queued += batch.queued;
      if (batch.seen < MIRROR_BATCH) break;
      await touch();
      after = batch.last;
    }
    this.logger.info({ runId: input.runId, recipients, queued }, 'delivery mirrored by mail');
    return { recipients, queued };
  }

  /** The delivery's text, then which lists it came through and the links to stop them or sign up for more. */
  private body(text: string, subscriberId: string, lists: readonly string[]): string {
    return [
      text.replace(/\s+$/, ''),
      '',
      '――――――――――――――――',
      `このメールは、メール配信${[...lists]
        .sort((a, b) => a.localeCompare(b, 'ja'))
        .map((n) => `「${n}」`)
        .join('')}に登録された方にお送りしています。`,
      '配信の停止（すべてのメール配信を停止します）:',
      this.subscriptions.unsubscribeUrl(subscriberId),
      'ほかのメール配信の登録:',
      this.subscriptions.signUpUrl,
    ].join('\n');
  }
}
