import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { ClickCounter } from './click-counter.js';
import { LinkRefusal, linkRefused } from './links.errors.js';
import { normaliseLinkUrl } from './link-url.js';
import { TrackedLink } from './tracked-link.entity.js';

/** Links belong to no department: the owning feature has checked access to the owners it names. */
const OWNED_ELSEWHERE = 'links belong to no department; the owning feature checks access to its owners before it asks';
/** The redirect is nobody's action: a resident's browser following a link it was sent. */
const REDIRECT = 'the click redirect: anonymous, by a random token, before any actor exists';

/** 12 random bytes: 16 base64url characters (96 bits), short enough for a LINE message. */
const TOKEN_BYTES = 12;
/** What a token looks like (longer ones are accepted should the length ever grow). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OWNER_TYPE = /^[a-z][a-z0-9_.-]{0,59}$/;
const MAX_LABEL = 200;

/** Links kept in memory for the redirect, and for how long (a link never changes; the bound is for deletions). */
const KNOWN_MAX = 50_000;
const KNOWN_TTL_MS = 10 * 60_000;
/** Tokens of the right shape that name no link: strangers choose these, so fewer and briefer. */
const UNKNOWN_MAX = 10_000;
const UNKNOWN_TTL_MS = 30_000;

export interface LinkOwner {
  /** What owns the links, e.g. 'delivery'. */
  readonly ownerType: string;
  readonly ownerId: string;
}

export interface TrackInput extends LinkOwner {
  readonly url: string;
  readonly label?: string | null;
}

/** What the redirect needs of a link. */
export interface LinkTarget {
  readonly id: string;
  readonly url: string;
  readonly ownerType: string;
  readonly ownerId: string;
}

export interface TrackOptions {
  /**
   * Send the links through the LIFF app (`https://liff.line.me/<LIFF_ID>/r/<token>`), where the
   * resident who opens one is known (docs/adr/0016). Ignored without a LIFF_ID: the plain redirect.
   */
  readonly identify?: boolean;
}

/**
 * What a feature that owns links says about its owners, for staff who name them (a segment
 * condition on a delivery's clicks): which of `ids` the actor may see, each with the name staff
 * know it by. Leave out owners the actor may not see exactly as those that do not exist.
 */
export interface LinkOwnerPolicy {
  describe(ctx: ServiceContext, ids: readonly string[]): Promise<ReadonlyArray<{ id: string; title: string }>>;
}

/** An owner the actor may see, as staff pick it: whether its links were sent through LIFF and who opened them there. */
export interface DescribedOwner {
  readonly ownerId: string;
  readonly title: string;
  /** The last time its links were sent through the LIFF app; null: never (no resident is known for its clicks). */
  readonly identifiedAt: Date | null;
  /** Residents who opened one of its links through the LIFF app. */
  readonly residents: number;
}

/** What opening a link through the LIFF app answers: where to go, and whether the resident was recorded. */
export interface OpenedLink {
  readonly url: string;
  readonly identified: boolean;
}

export interface LinkClicks {
  readonly linkId: string;
  readonly token: string;
  readonly url: string;
  readonly label: string | null;
  readonly clicks: number;
}

export interface OwnerClicks {
  readonly ownerId: string;
  readonly total: number;
  /** The owner's links in the order they were made, each with its clicks. */
  readonly links: readonly LinkClicks[];
}

export interface DayClicks {
  /** 'YYYY-MM-DD', Asia/Tokyo. */
  readonly day: string;
  readonly clicks: number;
}

interface LinkRow {
  id: string;
  token: string;
  url: string;
  owner_type: string;
  owner_id: string;
  label: string | null;
  created_at: Date;
}

function checkOwner(owner: LinkOwner): void {
  // Named by another module's code, never by a user: a wrong one is a bug, not input.
  if (!OWNER_TYPE.test(owner.ownerType)) throw new TypeError(`links: malformed owner type ${JSON.stringify(owner.ownerType)}`);
  if (!UUID.test(owner.ownerId)) throw new TypeError(`links: owner id must be a UUID, got ${JSON.stringify(owner.ownerId)}`);
}

function checkLabel(label: string | null | undefined): string | null {
  const text = label?.trim() ?? '';
  if (text.length > MAX_LABEL) {
    throw linkRefused(LinkRefusal.LINK_LABEL_TOO_LONG, `リンクの名前が長すぎます（${MAX_LABEL}文字まで）。`, 'label');
  }
  return text || null;
}

const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

/**
 * Click-tracked links (SEG-15): the feature that sends a URL asks for its tracked form, the
 * redirect at `/r/<token>` looks the token up here (through a bounded in-process cache), and the
 * owner reads the clicks back per link and per day.
 */
export class LinkService {
  private readonly known = new LRUCache<string, LinkTarget>({ max: KNOWN_MAX, ttl: KNOWN_TTL_MS });
  private readonly unknown = new LRUCache<string, true>({ max: UNKNOWN_MAX, ttl: UNKNOWN_TTL_MS });
  /** Look-ups in flight, so a burst of clicks on a new link asks the database once. */
  private readonly pending = new Map<string, Promise<LinkTarget | null>>();

  private readonly owners = new Map<string, LinkOwnerPolicy>();

  constructor(
    private readonly orm: MikroORM,
    private readonly publicUrl: string,
    /** The LIFF app's id (LIFF_ID); without one, no link can be sent identified. */
    private readonly liffId: string | null = null,
    private readonly counter: ClickCounter | null = null,
  ) {}

  /** The address residents are sent: `${PUBLIC_URL}/r/<token>`. */
  redirectUrl(token: string): string {
    return `${this.publicUrl}/r/${token}`;
  }

  /** The address residents are sent for an identified link: the LIFF app's `/r/<token>` page. */
  liffUrl(token: string): string | null {
    return this.liffId ? `https://liff.line.me/${this.liffId}/r/${token}` : null;
  }

  /** Whether links can be sent identified here (a LIFF app is configured). */
  get canIdentify(): boolean {
    return this.liffId !== null;
  }

  /** A feature says which of its owners staff may see and name (`delivery`). */
  registerOwner(ownerType: string, policy: LinkOwnerPolicy): void {
    if (!OWNER_TYPE.test(ownerType)) throw new TypeError(`links: malformed owner type ${JSON.stringify(ownerType)}`);
    if (this.owners.has(ownerType)) throw new Error(`links: owner type ${ownerType} is registered twice`);
    this.owners.set(ownerType, policy);
  }

  /**
   * The owner's link to `url`, made if it is new (one statement; the same owner and URL give the
   * same link, also when two callers race). The URL must be http or https (BAD_USER_INPUT on
   * `url` otherwise). An existing link keeps its label; a label given now only fills in a missing one.
   */
  async track(em: EntityManager, input: TrackInput): Promise<TrackedLink> {
    checkOwner(input);
    const url = normaliseLinkUrl(input.url);
    const label = checkLabel(input.label);
    const [row] = await unscopedSql<LinkRow>(
      em,
      OWNED_ELSEWHERE,
      `insert into tracked_link (id, token, url, owner_type, owner_id, label)
       values (?, ?, ?, ?, ?, ?)
       on conflict (owner_type, owner_id, url) do update set label = coalesce(tracked_link.label, excluded.label)
       returning id, token, url, owner_type, owner_id, label, created_at`,
      [randomUUID(), newToken(), url, input.ownerType, input.ownerId, label],
    );
    return em.map(TrackedLink, row!);
  }

  /**
   * The owner's links to each of `urls` in one statement: each URL as given → the address to send
   * instead (`redirectUrl`, or with `identify` and a LIFF app the LIFF page, `liffUrl`). Refuses the
   * whole list if one URL is not http or https (BAD_USER_INPUT on `urls.<index>`).
   */
  async trackMany(em: EntityManager, owner: LinkOwner, urls: readonly string[], options: TrackOptions = {}): Promise<Map<string, string>> {
    checkOwner(owner);
    const normalised = urls.map((u, i) => normaliseLinkUrl(u, `urls.${i}`));
    const distinct = [...new Set(normalised)];
    const result = new Map<string, string>();
    if (distinct.length === 0) return result;
    const identify = options.identify === true && this.liffId !== null;
    const rows = await unscopedSql<{ token: string; url: string }>(
      em,
      OWNED_ELSEWHERE,
      `insert into tracked_link (id, token, url, owner_type, owner_id, identified_at)
       select v.id, v.token, v.url, ?, ?, case when ? then now() end
         from unnest(array[?]::uuid[], array[?]::text[], array[?]::text[]) as v(id, token, url)
       on conflict (owner_type, owner_id, url) do update set identified_at = coalesce(excluded.identified_at, tracked_link.identified_at)
       returning token, url`,
      [owner.ownerType, owner.ownerId, identify, distinct.map(() => randomUUID()), distinct.map(newToken), distinct],
    );
    const tokenByUrl = new Map(rows.map((r) => [r.url, r.token]));
    urls.forEach((given, i) => {
      const token = tokenByUrl.get(normalised[i]!);
      if (!token) throw new Error('links: the upsert returned no row for a URL');
      result.set(given, identify ? this.liffUrl(token)! : this.redirectUrl(token));
    });
    return result;
  }

  /**
   * A resident's tap on a link, opened through the LIFF app's `/r/<token>` page (docs/adr/0016):
   * counted as the redirect counts it, and, for a signed-in resident, recorded once per owner with
   * the first link and time. Answers the URL stored for the token (never one from the request);
   * NOT_FOUND for a token that names no link. Staff and API keys trying a link are counted, never
   * recorded as a resident.
   */
  async open(ctx: ServiceContext, token: string): Promise<OpenedLink> {
    const link = await this.target(token);
    if (!link) throw notFound('リンク');
    this.counter?.record(link.id, ctx.meta.ip);
    if (ctx.actor.kind !== 'resident') {
      // Nobody's data changed: a tap is not an audited action.
      ctx.meta.trace.unchanged = true;
      return { url: link.url, identified: false };
    }
    await unscopedSql(
      ctx.em,
      REDIRECT,
      `insert into tracked_link_resident_click (owner_type, owner_id, resident_id, link_id)
       values (?, ?, ?, ?)
       on conflict (owner_type, owner_id, resident_id) do nothing`,
      [link.ownerType, link.ownerId, ctx.actor.residentId, link.id],
    );
    return { url: link.url, identified: true };
  }

  /**
   * The owners of `ownerType` the actor may see (the owning feature's policy; none when it has
   * registered none), each with when its links were last sent identified and how many residents
   * opened one. With `ids`, those among them; else the owners whose links were sent identified,
   * most recently sent first, at most `limit`.
   */
  async describeOwners(
    ctx: ServiceContext,
    ownerType: string,
    options: { ids?: readonly string[]; limit?: number } = {},
  ): Promise<DescribedOwner[]> {
    const policy = this.owners.get(ownerType);
    if (!policy) return [];
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    let ids: string[];
    if (options.ids) {
      ids = [...new Set(options.ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    } else {
      // More than asked for: the policy may leave some out (other departments').
      const recent = await unscopedSql<{ owner_id: string }>(
        ctx.em,
        OWNED_ELSEWHERE,
        `select owner_id from tracked_link where owner_type = ? and identified_at is not null
          group by owner_id order by max(identified_at) desc limit ?`,
        [ownerType, limit * 5],
      );
      ids = recent.map((r) => r.owner_id);
    }
    if (ids.length === 0) return [];
    const visible = await policy.describe(ctx, ids);
    if (visible.length === 0) return [];
    const stats = await unscopedSql<{ owner_id: string; identified_at: Date | string | null; residents: number }>(
      ctx.em,
      OWNED_ELSEWHERE,
      `select o.owner_id,
              (select max(l.identified_at) from tracked_link l where l.owner_type = ? and l.owner_id = o.owner_id) as identified_at,
              (select count(*) from tracked_link_resident_click c where c.owner_type = ? and c.owner_id = o.owner_id)::int as residents
         from unnest(?::uuid[]) as o(owner_id)`,
      [ownerType, ownerType, `{${visible.map((v) => v.id).join(',')}}`],
    );
    const byId = new Map(stats.map((r) => [r.owner_id, r]));
    const described = visible.map((v) => {
      const row = byId.get(v.id.toLowerCase());
      // Raw rows carry timestamps as the driver gives them.
      const at = row?.identified_at ?? null;
      return { ownerId: v.id, title: v.title, identifiedAt: at === null ? null : new Date(at), residents: Number(row?.residents ?? 0) };
    });
    if (options.ids) return described;
    return described
      .filter((d) => d.identifiedAt !== null)
      .sort((a, b) => b.identifiedAt!.getTime() - a.identifiedAt!.getTime())
      .slice(0, limit);
  }

  /**
   * Clicks of each owner's links, counted up to the last flush (at most about a second behind):
   * every owner asked for is in the map, with zero and no links when it has none.
   */
  async clicks(em: EntityManager, ownerType: string, ownerIds: readonly string[]): Promise<Map<string, OwnerClicks>> {
    const ids = [...new Set(ownerIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const out = new Map<string, OwnerClicks>();
    if (ids.length === 0 || !OWNER_TYPE.test(ownerType)) {
      for (const id of ownerIds) out.set(id, { ownerId: id, total: 0, links: [] });
      return out;
    }
    const rows = await unscopedSql<{ id: string; owner_id: string; token: string; url: string; label: string | null; clicks: number }>(
      em,
      OWNED_ELSEWHERE,
      `select l.id, l.owner_id, l.token, l.url, l.label, coalesce(c.clicks, 0)::int as clicks
         from tracked_link l
         left join (select link_id, sum(clicks) as clicks from tracked_link_click group by link_id) c on c.link_id = l.id
        where l.owner_type = ? and l.owner_id in (?)
        order by l.owner_id, l.created_at, l.url`,
      [ownerType, ids],
    );
    const byOwner = new Map<string, LinkClicks[]>();
    for (const r of rows) {
      const links = byOwner.get(r.owner_id) ?? [];
      links.push({ linkId: r.id, token: r.token, url: r.url, label: r.label, clicks: Number(r.clicks) });
      byOwner.set(r.owner_id, links);
    }
    for (const id of ownerIds) {
      const links = UUID.test(id) ? (byOwner.get(id.toLowerCase()) ?? []) : [];
      out.set(id, { ownerId: id, total: links.reduce((sum, l) => sum + l.clicks, 0), links });
    }
    return out;
  }

  /** An owner's clicks per day (Asia/Tokyo), oldest first, days without clicks left out. */
  async clicksByDay(em: EntityManager, ownerType: string, ownerId: string): Promise<DayClicks[]> {
    if (!OWNER_TYPE.test(ownerType) || !UUID.test(ownerId)) return [];
    const rows = await unscopedSql<{ day: string; clicks: number }>(
      em,
      OWNED_ELSEWHERE,
      `select to_char(c.day, 'YYYY-MM-DD') as day, sum(c.clicks)::int as clicks
         from tracked_link_click c join tracked_link l on l.id = c.link_id
        where l.owner_type = ? and l.owner_id = ?
        group by c.day
        order by c.day`,
      [ownerType, ownerId],
    );
    return rows.map((r) => ({ day: r.day, clicks: Number(r.clicks) }));
  }

  /**
   * The link a token names, for the redirect: from memory when it can be (links never change),
   * else one indexed look-up shared by every click waiting for the same token. Null for a token of
   * the wrong shape or one that names no link.
   */
  target(token: string): LinkTarget | null | Promise<LinkTarget | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hit = this.known.get(token);
    if (hit) return hit;
    if (this.unknown.has(token)) return null;
    const inFlight = this.pending.get(token);
    if (inFlight) return inFlight;
    const lookup = unscopedRawQuery<{ id: string; url: string; owner_type: string; owner_id: string }>(
      this.orm,
      REDIRECT,
      `select id, url, owner_type, owner_id from tracked_link where token = ?`,
      [token],
    )
      .then(([row]) => {
        const found = row ? { id: row.id, url: row.url, ownerType: row.owner_type, ownerId: row.owner_id } : null;
        if (found) this.known.set(token, found);
        else this.unknown.set(token, true);
        return found;
      })
      .finally(() => this.pending.delete(token));
    this.pending.set(token, lookup);
    return lookup;
  }
}
