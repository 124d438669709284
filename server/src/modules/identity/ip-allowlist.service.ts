import ipaddr from 'ipaddr.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { IpAllowlistEntry } from './ip-allowlist-entry.entity.js';

const CHANGED = 'identity.ipAllowlistChanged';
type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses "203.0.113.5", "203.0.113.0/24" or "2001:db8::/32" into canonical CIDR form. */
export function canonicalCidr(input: string): string | null {
  const text = input.trim();
  try {
    const [addr, bits] = text.includes('/')
      ? ipaddr.parseCIDR(text)
      : (() => {
          const a = ipaddr.process(text);
          return [a, a.kind() === 'ipv4' ? 32 : 128] as Range;
        })();
    const network =
      addr.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`);
    return `${network.toString()}/${bits}`;
  } catch {
    return null;
  }
}

function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    return ipaddr.process(ip); // unwraps IPv4-mapped IPv6 (::ffff:203.0.113.5)
  } catch {
    return null;
  }
}

export function ipInRanges(ip: string | null, ranges: readonly Range[]): boolean {
  if (!ip) return false;
  const addr = parseIp(ip);
  if (!addr) return false;
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * The console's IP allowlist (ADM-15). Every staff request and IP-restricted API key is checked
 * against it; an empty list means no restriction. Changes take effect at once on every instance
 * (cache invalidated through PubSub).
 */
export class IpAllowlistService {
  private cache?: Promise<Range[]>;

  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditService,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {
    void (async () => {
      for await (const _ of pubsub.subscribe(CHANGED)) this.cache = undefined;
    })();
  }

  /** Forgets the ranges here at once (the PubSub's own delivery may lag), and on every other instance. */
  private changed(): void {
    this.cache = undefined;
    this.pubsub.publish(CHANGED, {});
  }

  private ranges(): Promise<Range[]> {
    this.cache ??= this.orm.em
      .fork()
      .find(IpAllowlistEntry, {})
      .then((rows) => rows.map((r) => ipaddr.parseCIDR(r.cidr)))
      .catch((err: unknown) => {
        this.cache = undefined;
        throw err;
      });
    return this.cache;
  }

  async isAllowed(ip: string | null): Promise<boolean> {
    const ranges = await this.ranges();
    return ranges.length === 0 || ipInRanges(ip, ranges);
  }

  async list(ctx: ServiceContext): Promise<IpAllowlistEntry[]> {
    requirePermission(ctx.actor, 'ipallowlist.read');
    return ctx.em.find(IpAllowlistEntry, {}, { orderBy: { cidr: 'asc' } });
  }

  async add(ctx: ServiceContext, input: { cidr: string; description?: string | null }): Promise<IpAllowlistEntry> {
    requirePermission(ctx.actor, 'ipallowlist.write');
    const cidr = canonicalCidr(input.cidr);
    if (!cidr) throw badInput({ cidr: 'IPアドレスまたはCIDR（例: 203.0.113.0/24、2001:db8::/32）の形式で入力してください。' });
    const entry = await inTransaction(
      ctx,
      async (tx) => {
        const existing = await tx.em.findOne(IpAllowlistEntry, { cidr });
        if (existing) throw conflict(`${cidr} は既に登録されています。`, 'DUPLICATE_CIDR');
        const all = await tx.em.find(IpAllowlistEntry, {});
        this.ensureCallerStaysAllowed(ctx, [...all.map((e) => e.cidr), cidr]);
        const created = tx.em.create(IpAllowlistEntry, { cidr, description: input.description?.trim() || null });
        tx.em.persist(created);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.ipAllowlist.add',
          targetType: 'IpAllowlistEntry',
          targetId: created.id,
          summary: { cidr, description: created.description },
        });
        tx.afterCommit(() => this.changed());
        return created;
      },
      this.logger,
    );
    this.cache = undefined;
    return entry;
  }

  async remove(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'ipallowlist.write');
    await inTransaction(
      ctx,
      async (tx) => {
        const entry = await tx.em.findOne(IpAllowlistEntry, { id });
        if (!entry) throw notFound('許可IPアドレス');
        const rest = (await tx.em.find(IpAllowlistEntry, {})).filter((e) => e.id !== id);
        if (rest.length > 0)
          this.ensureCallerStaysAllowed(
            ctx,
            rest.map((e) => e.cidr),
          );
        tx.em.remove(entry);
        await this.audit.record(tx, {
          action: 'identity.ipAllowlist.remove',
          targetType: 'IpAllowlistEntry',
          targetId: id,
          summary: { cidr: entry.cidr },
        });
        tx.afterCommit(() => this.changed());
      },
      this.logger,
    );
    this.cache = undefined;
    return id;
  }

  /** Refuses a change that would shut out the staff member making it. */
  private ensureCallerStaysAllowed(ctx: ServiceContext, cidrs: string[]): void {
    if (ctx.actor.kind !== 'staff') return;
    if (
      !ipInRanges(
        ctx.meta.ip,
        cidrs.map((c) => ipaddr.parseCIDR(c)),
      )
    ) {
      throw preconditionFailed(
        `この設定にすると、現在お使いの端末（IPアドレス ${ctx.meta.ip ?? '不明'}）から管理画面を利用できなくなります。先に現在のIPアドレスを含む範囲を登録してください。`,
        'WOULD_LOCK_OUT',
      );
    }
  }
}
