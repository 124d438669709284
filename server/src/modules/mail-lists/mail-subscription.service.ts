import type { MikroORM } from '@mikro-orm/postgresql';
import { ANONYMOUS } from '../../platform/context/actor.js';
import type { RequestMeta, ServiceContext, TxContext } from '../../platform/context/context.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, rateLimited } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { INVALID_ADDRESS_MESSAGE } from '../../platform/mail/message.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import { normaliseAddress } from './mail-address.js';
import { MailList } from './mail-list.entity.js';
import { CONFIRMATION_TTL_MS, confirmationTokenHash, newConfirmationToken, type UnsubscribeTokens } from './mail-list-tokens.js';
import { MailListConfirmation, MailSubscriber, MailSubscriberStatus } from './mail-subscriber.entity.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLIC = 'the public sign-up page offers every department’s public, active lists';
const OWN = 'a resident acts on their own subscription (proved by a token), whichever departments its lists belong to';
const PURGE = 'the retention purge covers every department’s lists';

/** Sign-ups one address (a phone carrier's shared address, a kiosk) and one mailbox may ask for per window. */
export const SIGN_UP_LIMIT = { perIp: 20, perAddress: 3, windowSeconds: 3600 } as const;
/** A sign-up or import nobody confirmed is forgotten after this many days. */
export const UNCONFIRMED_RETENTION_DAYS = 30;
/** Lists one sign-up may choose (more than any city offers; bounds the request). */
const MAX_LISTS = 50;

export type RequestInfo = Pick<RequestMeta, 'requestId' | 'ip' | 'userAgent'>;

/** What a confirmation link is, for its page. */
export interface ConfirmationView {
  state: 'valid' | 'confirmed' | 'used' | 'expired' | 'unknown';
  /** The lists it confirms (or confirmed). */
  lists: string[];
}

export interface UnsubscribeView {
  state: 'valid' | 'unsubscribed' | 'unknown';
  /** The lists it stops (or stopped). */
  lists: string[];
}

/** A list as a confirmation needs it. */
export interface ListRef {
  id: string;
  name: string;
  departmentId: string;
}

export interface PurgeResult {
  confirmations: number;
  memberships: number;
  subscribers: number;
}

/**
 * Residents' own side of the mail lists (SEG-05), from the public pages: signing up (double
 * opt-in: a one-time link, kept only as its hash, valid 24 hours), confirming, and stopping every
 * list from the link in any list mail. The sign-up answers the same whether or not the address is
 * known, and is rate limited per client address and per mailbox. Every mail goes through the
 * mail module's outbox in the same transaction.
 */
export class MailSubscriptionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
    private readonly unsubscribeTokens: UnsubscribeTokens,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  /** The page residents sign up on. */
  get signUpUrl(): string {
    return `${this.publicUrl}/mail-lists`;
  }

  /** The link every list mail carries (one per subscriber, good for as long as the subscriber exists). */
  unsubscribeUrl(subscriberId: string): string {
    return `${this.publicUrl}/mail-lists/unsubscribe?token=${this.unsubscribeTokens.create(subscriberId)}`;
  }

  /** The lists the sign-up page offers: public and active, of every department. */
  async publicLists(): Promise<MailList[]> {
    const em = unscopedFork(this.orm.em);
    return em.find(MailList, { isPublic: true, active: true }, { populate: ['department'], orderBy: { name: 'asc', id: 'asc' } });
  }

  /**
   * A sign-up from the public page. Refused (BAD_USER_INPUT) only for what the form itself shows:
   * an address that is not one address, or no list chosen. Otherwise the answer is the same
   * whatever the address: the subscriber is found or created, the chosen lists wait on it
   * unconfirmed, and a confirmation link is mailed. Past the per-mailbox limit nothing is sent,
   * with the same answer (the limit must not become a way to tell addresses apart).
   */
  async signUp(request: RequestInfo, input: { email: string; listIds: readonly string[] }): Promise<void> {
    const perIp = await this.rateLimiter.hit(
      `mail-lists-signup:ip:${request.ip ?? 'unknown'}`,
      SIGN_UP_LIMIT.perIp,
      SIGN_UP_LIMIT.windowSeconds,
    );
    if (!perIp.allowed) throw rateLimited(perIp.retryAfterSeconds);
    const address = normaliseAddress(input.email.slice(0, 300));
    const ids = [...new Set(input.listIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))].slice(0, MAX_LISTS);
    const fields: Record<string, string> = {};
    if (!address) fields['email'] = INVALID_ADDRESS_MESSAGE;
    const ctx = this.publicContext(request);
    const lists = ids.length ? await ctx.em.find(MailList, { id: { $in: ids }, isPublic: true, active: true }) : [];
    if (!lists.length) fields['lists'] = '受け取りたいメールを1つ以上選んでください。';
    if (!address || !lists.length) throw badInput(fields);

    const perAddress = await this.rateLimiter.hit(
      `mail-lists-signup:address:${this.keyring.hash(address)}`,
      SIGN_UP_LIMIT.perAddress,
      SIGN_UP_LIMIT.windowSeconds,
    );
    if (!perAddress.allowed) {
      this.logger.info({ requestId: request.requestId }, 'mail list sign-up over the per-address limit; nothing sent');
      return;
    }
    const refs = lists.map((l) => ({ id: l.id, name: l.name, departmentId: l.department.id }));
    await inTransaction(
      ctx,
      async (tx) => {
        const subscriber = await this.findOrCreate(tx, address);
        await this.addUnconfirmed(tx, subscriber.id, refs);
        await this.requestConfirmation(tx, { id: subscriber.id, email: address }, refs);
        await this.audit.record(tx, {
          action: 'mail_lists.sign_up',
          targetType: 'MailSubscriber',
          targetId: subscriber.id,
          summary: { listIds: refs.map((l) => l.id) },
          departmentId: singleDepartment(refs),
        });
      },
      this.logger,
    );
  }

  /**
   * The subscriber for an address (normalised), created PENDING if new (one statement, so two
   * sign-ups at once cannot both create it). One that had unsubscribed is PENDING again: it
   * receives nothing until it confirms.
   */
  async findOrCreate(tx: TxContext, address: string): Promise<{ id: string; status: MailSubscriberStatus }> {
    const hash = this.keyring.hash(address);
    await unscopedSql(
      tx.em,
      OWN,
      `insert into mail_subscriber (id, email, email_hash) values (gen_random_uuid(), ?, ?) on conflict (email_hash) do nothing`,
      [this.keyring.encrypt(address), hash],
    );
    const rows = await unscopedSql<{ id: string; status: MailSubscriberStatus }>(
      tx.em,
      OWN,
      `update mail_subscriber set status = case when status = 'UNSUBSCRIBED' then 'PENDING' else status end,
         updated_at = case when status = 'UNSUBSCRIBED' then now() else updated_at end
       where email_hash = ? returning id, status`,
      [hash],
    );
    return rows[0]!;
  }

  /** Puts the subscriber on the lists, unconfirmed where it is not on them yet. */
  async addUnconfirmed(tx: TxContext, subscriberId: string, lists: readonly ListRef[]): Promise<void> {
    await unscopedSql(
      tx.em,
      OWN,
      `insert into mail_list_member (id, list_id, subscriber_id, department_id)
       select gen_random_uuid(), l.id, ?::uuid, l.department_id from mail_list l where l.id = any(?::uuid[])
       on conflict (list_id, subscriber_id) do nothing`,
      [subscriberId, uuidArray(lists.map((l) => l.id))],
    );
  }

  /**
   * Mails a one-time link that confirms the address and these lists (the outbox, in the caller's
   * transaction). Written through a fork in the same transaction, so a long import does not make
   * each flush compare every mail queued before it.
   */
  async requestConfirmation(tx: TxContext, subscriber: { id: string; email: string }, lists: readonly ListRef[]): Promise<void> {
    const { token, hash } = newConfirmationToken();
    const em = tx.em.fork({ keepTransactionContext: true });
    em.persist(
      em.create(MailListConfirmation, {
        subscriber: em.getReference(MailSubscriber, subscriber.id),
        tokenHash: hash,
        listIds: lists.map((l) => l.id),
        expiresAt: new Date(Date.now() + CONFIRMATION_TTL_MS),
      }),
    );
    await em.flush();
    await this.mail.queue(
      { ...tx, em },
      {
        to: subscriber.email,
        subject: 'メール配信の登録の確認',
        text: [
          'メール配信の登録のお申し込みを受け付けました。',
          '次のリンクを開き、「登録を確定する」を押すと登録が完了します（このリンクは24時間有効です）。',
          '',
          `${this.publicUrl}/mail-lists/confirm?token=${token}`,
          '',
          '登録するメール:',
          ...lists.map((l) => `・${l.name}`),
          '',
          'このメールに心当たりがない場合は、何もせずにこのメールを破棄してください。登録は行われません。',
        ].join('\n'),
      },
      { purpose: 'mail_lists.confirm', departmentId: singleDepartment(lists) },
    );
  }

  /** What a confirmation link is (its page, before the resident presses the button). */
  async inspectConfirmation(token: string): Promise<ConfirmationView> {
    const hash = confirmationTokenHash(token);
    if (!hash) return { state: 'unknown', lists: [] };
    const em = unscopedFork(this.orm.em);
    const found = await em.findOne(MailListConfirmation, { tokenHash: hash });
    if (!found) return { state: 'unknown', lists: [] };
    const lists = await this.listNames(em, found.listIds);
    if (found.usedAt) return { state: 'used', lists };
    if (found.expiresAt.getTime() <= Date.now()) return { state: 'expired', lists };
    return { state: 'valid', lists };
  }

  /**
   * Confirms a link once: the address becomes CONFIRMED and the link's lists (those still active)
   * confirmed on it. A link used before, expired or unknown changes nothing.
   */
  async confirm(request: RequestInfo, token: string): Promise<ConfirmationView> {
    const hash = confirmationTokenHash(token);
    if (!hash) return { state: 'unknown', lists: [] };
    return inTransaction(
      this.publicContext(request),
      async (tx) => {
        const rows = await unscopedSql<{ id: string; subscriber_id: string; list_ids: string[]; used: boolean; expired: boolean }>(
          tx.em,
          OWN,
          `select id, subscriber_id, list_ids::text[] as list_ids, used_at is not null as used, expires_at <= now() as expired
           from mail_list_confirmation where token_hash = ? for update`,
          [hash],
        );
        const found = rows[0];
        if (!found) return { state: 'unknown' as const, lists: [] };
        const names = await this.listNames(tx.em, found.list_ids);
        if (found.used) return { state: 'used' as const, lists: names };
        if (found.expired) return { state: 'expired' as const, lists: names };
        await unscopedSql(tx.em, OWN, `update mail_list_confirmation set used_at = now() where id = ?`, [found.id]);
        await unscopedSql(
          tx.em,
          OWN,
          `update mail_subscriber set status = 'CONFIRMED', confirmed_at = now(), updated_at = now() where id = ?`,
          [found.subscriber_id],
        );
        const confirmed = await unscopedSql<{ list_id: string; name: string; department_id: string }>(
          tx.em,
          OWN,
          `insert into mail_list_member (id, list_id, subscriber_id, department_id, confirmed_at, confirmed_via)
           select gen_random_uuid(), l.id, ?::uuid, l.department_id, now(), 'LINK'
           from mail_list l where l.id = any(?::uuid[]) and l.active
           on conflict (list_id, subscriber_id) do update
             set confirmed_at = coalesce(mail_list_member.confirmed_at, now()),
                 confirmed_via = coalesce(mail_list_member.confirmed_via, 'LINK'),
                 updated_at = now()
           returning list_id, (select name from mail_list where id = list_id) as name, department_id`,
          [found.subscriber_id, uuidArray(found.list_ids)],
        );
        await this.audit.record(tx, {
          action: 'mail_lists.confirm',
          targetType: 'MailSubscriber',
          targetId: found.subscriber_id,
          summary: { listIds: confirmed.map((c) => c.list_id) },
          departmentId: singleDepartment(confirmed.map((c) => ({ departmentId: c.department_id }))),
        });
        return { state: 'confirmed' as const, lists: confirmed.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'ja')) };
      },
      this.logger,
    );
  }

  /** What an unsubscribe link would stop (its page, before the button). */
  async inspectUnsubscribe(token: string): Promise<UnsubscribeView> {
    const id = this.unsubscribeTokens.verify(token);
    if (!id) return { state: 'unknown', lists: [] };
    const em = unscopedFork(this.orm.em);
    const subscriber = await em.findOne(MailSubscriber, { id });
    if (!subscriber) return { state: 'unknown', lists: [] };
    if (subscriber.status === MailSubscriberStatus.UNSUBSCRIBED) return { state: 'unsubscribed', lists: [] };
    return { state: 'valid', lists: await this.memberListNames(em, id) };
  }

  /**
   * Stops every list for the subscriber (one click from any list mail, RFC 8058's POST included):
   * UNSUBSCRIBED, off every list, its open confirmation links void. Doing it twice is the same.
   */
  async unsubscribe(request: RequestInfo, token: string): Promise<UnsubscribeView> {
    const id = this.unsubscribeTokens.verify(token);
    if (!id) return { state: 'unknown', lists: [] };
    return inTransaction(
      this.publicContext(request),
      async (tx) => {
        const rows = await unscopedSql<{ status: MailSubscriberStatus }>(
          tx.em,
          OWN,
          `select status from mail_subscriber where id = ? for update`,
          [id],
        );
        if (!rows[0]) return { state: 'unknown' as const, lists: [] };
        if (rows[0].status === MailSubscriberStatus.UNSUBSCRIBED) return { state: 'unsubscribed' as const, lists: [] };
        const removed = await unscopedSql<{ list_id: string; name: string; department_id: string }>(
          tx.em,
          OWN,
          `delete from mail_list_member m using mail_list l where l.id = m.list_id and m.subscriber_id = ?
           returning m.list_id, l.name, m.department_id`,
          [id],
        );
        await unscopedSql(tx.em, OWN, `delete from mail_list_confirmation where subscriber_id = ?`, [id]);
        await unscopedSql(
          tx.em,
          OWN,
          `update mail_subscriber set status = 'UNSUBSCRIBED', unsubscribed_at = now(), updated_at = now() where id = ?`,
          [id],
        );
        await this.audit.record(tx, {
          action: 'mail_lists.unsubscribe',
          targetType: 'MailSubscriber',
          targetId: id,
          summary: { listIds: removed.map((r) => r.list_id) },
          departmentId: singleDepartment(removed.map((r) => ({ departmentId: r.department_id }))),
        });
        return { state: 'unsubscribed' as const, lists: removed.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'ja')) };
      },
      this.logger,
    );
  }

  /**
   * Retention (the daily job): links expired over a day ago; lists asked for and never confirmed
   * within UNCONFIRMED_RETENTION_DAYS; then addresses that never confirmed and are on no list.
   */
  async purge(now = new Date()): Promise<PurgeResult> {
    const em = unscopedFork(this.orm.em);
    const cutoff = new Date(now.getTime() - UNCONFIRMED_RETENTION_DAYS * 86_400_000);
    return em.transactional(async (tx) => {
      const confirmations = await unscopedSql<{ id: string }>(
        tx,
        PURGE,
        `delete from mail_list_confirmation where expires_at < ?::timestamptz - interval '1 day' returning id`,
        [now],
      );
      const memberships = await unscopedSql<{ id: string }>(
        tx,
        PURGE,
        `delete from mail_list_member m where m.confirmed_at is null and m.created_at < ?
           and not exists (select 1 from mail_list_confirmation c
                           where c.subscriber_id = m.subscriber_id and c.used_at is null and c.expires_at > ?)
         returning m.id`,
        [cutoff, now],
      );
      const subscribers = await unscopedSql<{ id: string }>(
        tx,
        PURGE,
        `delete from mail_subscriber s where s.status = 'PENDING' and s.created_at < ?
           and not exists (select 1 from mail_list_member m where m.subscriber_id = s.id)
           and not exists (select 1 from mail_list_confirmation c where c.subscriber_id = s.id)
         returning s.id`,
        [cutoff],
      );
      return { confirmations: confirmations.length, memberships: memberships.length, subscribers: subscribers.length };
    });
  }

  private publicContext(request: RequestInfo): ServiceContext {
    return { em: unscopedFork(this.orm.em), actor: ANONYMOUS, meta: { ...request, trace: { auditWrites: 0 } } };
  }

  private async listNames(em: ServiceContext['em'], ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await unscopedSql<{ name: string }>(em, PUBLIC, `select name from mail_list where id = any(?::uuid[]) order by name`, [
      uuidArray(ids),
    ]);
    return rows.map((r) => r.name);
  }

  private async memberListNames(em: ServiceContext['em'], subscriberId: string): Promise<string[]> {
    const rows = await unscopedSql<{ name: string }>(
      em,
      OWN,
      `select l.name from mail_list_member m join mail_list l on l.id = m.list_id where m.subscriber_id = ? order by l.name`,
      [subscriberId],
    );
    return rows.map((r) => r.name);
  }
}

/** The one department all these lists belong to (the outbox and audit row's), or null when several. */
export function singleDepartment(lists: ReadonlyArray<{ departmentId: string }>): string | null {
  const ids = new Set(lists.map((l) => l.departmentId));
  return ids.size === 1 ? [...ids][0]! : null;
}
