import type { FilterQuery } from '@mikro-orm/core';
import { requirePermission } from '../../platform/auth/require.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { scopedSql, unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Department } from '../identity/index.js';
import { MailList } from './mail-list.entity.js';
import { MailListMember, MailSubscriberStatus } from './mail-subscriber.entity.js';
import type { ListRef, MailSubscriptionService } from './mail-subscription.service.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import { MAX_IMPORT_ROWS, readAddressCsv } from './subscriber-csv.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOADED = 'the list was loaded in the actor’s department scope above';
const SUBSCRIBERS = 'subscribers belong to no department; only those on a list loaded in scope above are touched';
/** Addresses written per statement during an import. */
const IMPORT_CHUNK = 1000;

export interface MailListFields {
  name?: string | null;
  description?: string | null;
  isPublic?: boolean | null;
  active?: boolean | null;
  departmentId?: string | null;
}

export interface MailListCounts {
  /** Receiving the list's mail: address and list confirmed. */
  confirmed: number;
  /** Waiting for their confirmation link. */
  pending: number;
}

export interface ImportInput {
  listId: string;
  csv: string;
  /** The staff member attests that the city holds these people's consent: they are CONFIRMED without a link. */
  consentHeld: boolean;
}

export interface ImportResult {
  /** Addresses read (repeats counted once). */
  addresses: number;
  /** Put on the list now. */
  added: number;
  /** Confirmed on the list by the attested consent. */
  confirmed: number;
  /** Sent a confirmation link (no attested consent, or they had unsubscribed themselves). */
  confirmationsSent: number;
  /** Already receiving the list. */
  alreadyConfirmed: number;
}

/**
 * Staff's side of the mail lists (SEG-05): the department's lists, their subscriber counts and
 * subscribers (addresses masked without mail_lists.read_personal, see the entity), removing a
 * subscriber, and importing subscribers from a CSV (all rows valid or nothing imported). Lists are
 * department-scoped (another department's answer NOT_FOUND); every change is audited.
 */
export class MailListService {
  constructor(
    private readonly subscriptions: MailSubscriptionService,
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, search: string | null, args: ConnectionArgs): Promise<Page<MailList>> {
    requirePermission(ctx.actor, 'mail_lists.read');
    const where: FilterQuery<MailList> = {};
    const text = search?.trim();
    if (text) where.name = { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    return paginate(ctx.em, MailList, where, args, { updatedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<MailList> {
    requirePermission(ctx.actor, 'mail_lists.read');
    return this.load(ctx, id);
  }

  /**
   * The active lists with these ids that the actor's departments own; for features that mail to
   * lists (a delivery's email mirror), which refuse any id not returned.
   */
  async usable(ctx: ServiceContext, ids: readonly string[]): Promise<MailList[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return [];
    return ctx.em.find(MailList, { id: { $in: valid }, active: true });
  }

  /** Subscriber counts per list (one statement for a page of lists), within the actor's departments. */
  async counts(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, MailListCounts>> {
    requirePermission(ctx.actor, 'mail_lists.read');
    const out = new Map<string, MailListCounts>(ids.map((id) => [id, { confirmed: 0, pending: 0 }]));
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return out;
    const rows = await scopedSql<{ list_id: string; confirmed: number; pending: number }>(
      ctx,
      `select m.list_id,
              count(*) filter (where m.confirmed_at is not null and s.status = 'CONFIRMED')::int as confirmed,
              count(*) filter (where m.confirmed_at is null or s.status <> 'CONFIRMED')::int as pending
       from mail_list_member m join mail_subscriber s on s.id = m.subscriber_id
       where m.list_id = any(?::uuid[]) and {{scope:m.department_id}}
       group by m.list_id`,
      [uuidArray(valid)],
    );
    for (const row of rows) out.set(row.list_id, { confirmed: row.confirmed, pending: row.pending });
    return out;
  }

  async create(ctx: ServiceContext, input: MailListFields): Promise<MailList> {
    requirePermission(ctx.actor, 'mail_lists.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const name = this.name(input.name);
        const department = await this.owningDepartment(tx, input.departmentId ?? null);
        await this.refuseTakenName(tx, department.id, name, null);
        const list = tx.em.create(MailList, {
          name,
          description: input.description?.trim() || null,
          isPublic: input.isPublic ?? false,
          active: input.active ?? true,
          department,
        });
        tx.em.persist(list);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'mail_lists.create',
          targetType: 'MailList',
          targetId: list.id,
          summary: { name, isPublic: list.isPublic, active: list.active },
          departmentId: department.id,
        });
        return list;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, id: string, input: MailListFields): Promise<MailList> {
    requirePermission(ctx.actor, 'mail_lists.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const list = await this.load(tx, id);
        const changed: string[] = [];
        if (input.name !== undefined && input.name !== null) {
          const name = this.name(input.name);
          if (name !== list.name) await this.refuseTakenName(tx, list.department.id, name, list.id);
          list.name = name;
          changed.push('name');
        }
        if (input.description !== undefined) {
          list.description = input.description?.trim() || null;
          changed.push('description');
        }
        if (input.isPublic !== undefined && input.isPublic !== null) {
          list.isPublic = input.isPublic;
          changed.push('isPublic');
        }
        if (input.active !== undefined && input.active !== null) {
          list.active = input.active;
          changed.push('active');
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'mail_lists.update',
          targetType: 'MailList',
          targetId: list.id,
          summary: { changed, isPublic: list.isPublic, active: list.active },
          departmentId: list.department.id,
        });
        return list;
      },
      this.logger,
    );
  }

  /** Deletes a list and everyone's place on it (the subscribers stay, for their other lists). */
  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'mail_lists.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const list = await this.load(tx, id);
        const members = await tx.em.count(MailListMember, { list: list.id });
        await this.audit.record(tx, {
          action: 'mail_lists.delete',
          targetType: 'MailList',
          targetId: list.id,
          summary: { name: list.name, members },
          departmentId: list.department.id,
        });
        tx.em.remove(list);
        await tx.em.flush();
        return id;
      },
      this.logger,
    );
  }

  /** A list's subscribers, newest first; PENDING or CONFIRMED only when asked. */
  async subscribers(
    ctx: ServiceContext,
    listId: string,
    status: MailSubscriberStatus | null,
    args: ConnectionArgs,
  ): Promise<Page<MailListMember>> {
    requirePermission(ctx.actor, 'mail_lists.read');
    const list = await this.load(ctx, listId);
    const where: FilterQuery<MailListMember> = { list: list.id };
    if (status === MailSubscriberStatus.CONFIRMED) {
      where.confirmedAt = { $ne: null };
      where.subscriber = { status: MailSubscriberStatus.CONFIRMED };
    } else if (status === MailSubscriberStatus.PENDING) {
      where.$or = [{ confirmedAt: null }, { subscriber: { status: { $ne: MailSubscriberStatus.CONFIRMED } } }];
    } else if (status === MailSubscriberStatus.UNSUBSCRIBED) {
      // Unsubscribing takes a subscriber off every list: no list has any.
      where.id = { $in: [] };
    }
    return paginate(ctx.em, MailListMember, where, args, { createdAt: 'desc', id: 'desc' }, ['subscriber']);
  }

  /**
   * Takes a subscriber off one list. An address left on no list that never confirmed, or that
   * confirmed but now receives nothing, is deleted (nothing is kept for it); one that unsubscribed
   * itself is kept as UNSUBSCRIBED.
   */
  async removeSubscriber(ctx: ServiceContext, listId: string, subscriberId: string): Promise<string> {
    requirePermission(ctx.actor, 'mail_lists.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const list = await this.load(tx, listId);
        const member = UUID.test(subscriberId) ? await tx.em.findOne(MailListMember, { list: list.id, subscriber: subscriberId }) : null;
        if (!member) throw notFound('登録者');
        tx.em.remove(member);
        await tx.em.flush();
        const forgotten = await unscopedSql<{ id: string }>(
          tx.em,
          SUBSCRIBERS,
          `delete from mail_subscriber s where s.id = ? and s.status <> 'UNSUBSCRIBED'
             and not exists (select 1 from mail_list_member m where m.subscriber_id = s.id)
           returning s.id`,
          [subscriberId],
        );
        await this.audit.record(tx, {
          action: 'mail_lists.subscriber.remove',
          targetType: 'MailSubscriber',
          targetId: subscriberId,
          summary: { listId: list.id, addressDeleted: forgotten.length > 0 },
          departmentId: list.department.id,
        });
        return subscriberId;
      },
      this.logger,
    );
  }

  /**
   * Imports subscribers to one list from a CSV in one transaction: every row is checked first and
   * any bad row imports nothing (BAD_USER_INPUT with a message per line, `csv.<line>`). With the
   * city's consent attested, the addresses are CONFIRMED on the list at once; otherwise they wait,
   * and each is mailed a confirmation link. Someone who unsubscribed themselves is only ever asked
   * again by a link, whatever is attested.
   */
  async importSubscribers(ctx: ServiceContext, input: ImportInput): Promise<ImportResult> {
    requirePermission(ctx.actor, 'mail_lists.manage');
    const read = readAddressCsv(input.csv);
    if (!read.ok) {
      if ('tooMany' in read) throw badInput({ csv: `一度に取り込めるのは${MAX_IMPORT_ROWS.toLocaleString('ja-JP')}件までです。` });
      throw badInput(read.problems, `CSVに誤りがあります（${Object.keys(read.problems).length}行）。何も取り込んでいません。`);
    }
    if (!read.addresses.length) throw badInput({ csv: 'メールアドレスが1件もありません。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const list = await this.load(tx, input.listId);
        const ref: ListRef = { id: list.id, name: list.name, departmentId: list.department.id };
        const result: ImportResult = {
          addresses: read.addresses.length,
          added: 0,
          confirmed: 0,
          confirmationsSent: 0,
          alreadyConfirmed: 0,
        };
        for (let i = 0; i < read.addresses.length; i += IMPORT_CHUNK) {
          const chunk = read.addresses.slice(i, i + IMPORT_CHUNK);
          const hashes = chunk.map((a) => this.keyring.hash(a));
          await unscopedSql(
            tx.em,
            SUBSCRIBERS,
            `insert into mail_subscriber (id, email, email_hash)
             select gen_random_uuid(), v.email, v.hash from unnest(array[?]::text[], array[?]::text[]) as v(email, hash)
             on conflict (email_hash) do nothing`,
            [chunk.map((a) => this.keyring.encrypt(a)), hashes],
          );
          const known = await unscopedSql<{
            id: string;
            email_hash: string;
            status: MailSubscriberStatus;
            on_list: boolean;
            list_confirmed: boolean;
          }>(
            tx.em,
            LOADED,
            `select s.id, s.email_hash, s.status, m.id is not null as on_list, m.confirmed_at is not null as list_confirmed
             from mail_subscriber s left join mail_list_member m on m.subscriber_id = s.id and m.list_id = ?
             where s.email_hash = any(array[?]::text[])`,
            [list.id, hashes],
          );
          const byHash = new Map(known.map((k) => [k.email_hash, k]));
          const consent: string[] = [];
          const ask: Array<{ id: string; email: string }> = [];
          const unconfirmed: string[] = [];
          chunk.forEach((address, j) => {
            const row = byHash.get(hashes[j]!)!;
            if (!row.on_list) result.added++;
            if (row.status === MailSubscriberStatus.CONFIRMED && row.list_confirmed) result.alreadyConfirmed++;
            else if (input.consentHeld && row.status !== MailSubscriberStatus.UNSUBSCRIBED) consent.push(row.id);
            else {
              unconfirmed.push(row.id);
              ask.push({ id: row.id, email: address });
            }
          });
          if (consent.length) {
            await unscopedSql(
              tx.em,
              SUBSCRIBERS,
              `update mail_subscriber set status = 'CONFIRMED', confirmed_at = coalesce(confirmed_at, now()), updated_at = now()
               where id = any(?::uuid[])`,
              [uuidArray(consent)],
            );
            await unscopedSql(
              tx.em,
              LOADED,
              `insert into mail_list_member (id, list_id, subscriber_id, department_id, confirmed_at, confirmed_via)
               select gen_random_uuid(), ?::uuid, s.id, ?::uuid, now(), 'STAFF_CONSENT' from unnest(?::uuid[]) as s(id)
               on conflict (list_id, subscriber_id) do update
                 set confirmed_at = coalesce(mail_list_member.confirmed_at, now()),
                     confirmed_via = coalesce(mail_list_member.confirmed_via, 'STAFF_CONSENT'),
                     updated_at = now()`,
              [list.id, ref.departmentId, uuidArray(consent)],
            );
            result.confirmed += consent.length;
          }
          if (unconfirmed.length) {
            await unscopedSql(
              tx.em,
              SUBSCRIBERS,
              `update mail_subscriber set status = 'PENDING', updated_at = now() where id = any(?::uuid[]) and status = 'UNSUBSCRIBED'`,
              [uuidArray(unconfirmed)],
            );
            await unscopedSql(
              tx.em,
              LOADED,
              `insert into mail_list_member (id, list_id, subscriber_id, department_id)
               select gen_random_uuid(), ?::uuid, s.id, ?::uuid from unnest(?::uuid[]) as s(id)
               on conflict (list_id, subscriber_id) do nothing`,
              [list.id, ref.departmentId, uuidArray(unconfirmed)],
            );
            for (const subscriber of ask) await this.subscriptions.requestConfirmation(tx, subscriber, [ref]);
            result.confirmationsSent += ask.length;
          }
        }
        await this.audit.record(tx, {
          action: 'mail_lists.import',
          targetType: 'MailList',
          targetId: list.id,
          summary: { ...result, consentHeld: input.consentHeld, duplicateRows: read.duplicates },
          departmentId: list.department.id,
        });
        return result;
      },
      this.logger,
    );
  }

  private async load(ctx: ServiceContext, id: string): Promise<MailList> {
    const list = UUID.test(id) ? await ctx.em.findOne(MailList, { id }) : null;
    if (!list) throw notFound('メール配信リスト');
    return list;
  }

  private name(value: string | null | undefined): string {
    const name = value?.trim() ?? '';
    if (!name) throw badInput({ name: 'メール配信リストの名前を入力してください。' });
    if (name.length > 100) throw badInput({ name: 'メール配信リストの名前は100文字以内で入力してください。' });
    return name;
  }

  private async refuseTakenName(ctx: ServiceContext, departmentId: string, name: string, exceptId: string | null): Promise<void> {
    const taken = await ctx.em.findOne(MailList, { department: departmentId, name, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (taken) throw badInput({ name: '同じ名前のメール配信リストがすでにあります。' });
  }

  private async owningDepartment(ctx: ServiceContext, departmentId: string | null): Promise<Department> {
    const actor = ctx.actor;
    const own = actor.kind === 'staff' ? actor.departmentId : actor.kind === 'apiKey' ? actor.departmentId : null;
    const id = departmentId ?? own;
    if (!id) throw badInput({ departmentId: 'メール配信リストを持つ部署を選んでください。' });
    const scope = departmentScope(actor);
    if (!UUID.test(id) || (scope !== 'all' && !scope.includes(id))) throw badInput({ departmentId: '所属していない部署は選べません。' });
    const department = await ctx.em.findOne(Department, { id });
    if (!department) throw badInput({ departmentId: '部署が見つかりません。' });
    return department;
  }
}
