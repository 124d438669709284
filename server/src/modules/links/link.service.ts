import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
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

  constructor(
    private readonly orm: MikroORM,
    private readonly publicUrl: string,
  ) {}

  /** The address residents are sent: `${PUBLIC_URL}/r/<token>`. */
  redirectUrl(token: string): string {
    return `${this.publicUrl}/r/${token}`;
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
   * instead (`redirectUrl`). Refuses the whole list if one URL is not http or https
   * (BAD_USER_INPUT on `urls.<index>`).
   */
  async trackMany(em: EntityManager, owner: LinkOwner, urls: readonly string[]): Promise<Map<string, string>> {
    checkOwner(owner);
    const normalised = urls.map((u, i) => normaliseLinkUrl(u, `urls.${i}`));
    const distinct = [...new Set(normalised)];
    const result = new Map<string, string>();
    if (distinct.length === 0) return result;
    const rows = await unscopedSql<{ token: string; url: string }>(
      em,
      OWNED_ELSEWHERE,
      `insert into tracked_link (id, token, url, owner_type, owner_id)
       select v.id, v.token, v.url, ?, ?
         from unnest(array[?]::uuid[], array[?]::text[], array[?]::text[]) as v(id, token, url)
       on conflict (owner_type, owner_id, url) do update set owner_type = excluded.owner_type
       returning token, url`,
      [owner.ownerType, owner.ownerId, distinct.map(() => randomUUID()), distinct.map(newToken), distinct],
    );
    const tokenByUrl = new Map(rows.map((r) => [r.url, r.token]));
    urls.forEach((given, i) => {
      const token = tokenByUrl.get(normalised[i]!);
      if (!token) throw new Error('links: the upsert returned no row for a URL');
      result.set(given, this.redirectUrl(token));
    });
    return result;
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
    const lookup = unscopedRawQuery<LinkTarget>(this.orm, REDIRECT, `select id, url from tracked_link where token = ?`, [token])
      .then(([row]) => {
        if (row) this.known.set(token, { id: row.id, url: row.url });
        else this.unknown.set(token, true);
        return row ? { id: row.id, url: row.url } : null;
      })
      .finally(() => this.pending.delete(token));
    this.pending.set(token, lookup);
    return lookup;
  }
}
