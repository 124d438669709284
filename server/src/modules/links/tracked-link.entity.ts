import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';

/**
 * A click-tracked link (SEG-15): `/r/<token>` redirects to `url` and counts the click. The owner
 * is named, not related (`ownerType` + `ownerId`, no foreign key): a delivery's links are made
 * before the delivery row exists and stay countable after it is gone. One link per owner and URL.
 */
@Entity({ tableName: 'tracked_link' })
@Unique({ properties: ['ownerType', 'ownerId', 'url'] })
export class TrackedLink {
  [OptionalProps]?: 'createdAt' | 'label' | 'identifiedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Random and URL-safe (crypto, base64url): the only part of a link a resident sees. */
  @Unique()
  @Property({ type: 'string', length: 64 })
  token!: string;

  /** Where the link leads, normalised (see link-url.ts): http or https only. */
  @Property({ type: 'string', length: 2000 })
  url!: string;

  /** What owns the link, e.g. 'delivery'. */
  @Property({ type: 'string', length: 60 })
  ownerType!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  /** What the owner calls the link (e.g. the message and position it appears at). */
  @Property({ type: 'string', length: 200, nullable: true })
  label: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /**
   * The last time its owner sent it through the LIFF app, where the resident who opens it is known
   * (docs/adr/0016); null when it was only ever sent as a plain `/r/<token>` redirect.
   */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  identifiedAt: Date | null = null;
}

/** Clicks on one link on one day (Asia/Tokyo), added to once a second from the redirect's buffer. */
@Entity({ tableName: 'tracked_link_click' })
export class TrackedLinkClick {
  [PrimaryKeyProp]?: ['link', 'day'];

  @ManyToOne(() => TrackedLink, { primary: true, deleteRule: 'cascade' })
  link!: TrackedLink;

  /** 'YYYY-MM-DD' in Asia/Tokyo. */
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  clicks: number = 0;
}

/**
 * A resident who opened one of an owner's links through the LIFF app (docs/adr/0016): the first
 * link and when, one row per owner and resident. The resident is a plain id here (a foreign key in
 * the migration, deleted with them): links know no residents, only who tapped.
 */
@Entity({ tableName: 'tracked_link_resident_click' })
export class TrackedLinkResidentClick {
  [PrimaryKeyProp]?: ['ownerType', 'ownerId', 'residentId'];
  [OptionalProps]?: 'firstClickedAt';

  @PrimaryKey({ type: 'string', length: 60 })
  ownerType!: string;

  @PrimaryKey({ type: 'uuid' })
  ownerId!: string;

  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  @ManyToOne(() => TrackedLink, { deleteRule: 'cascade' })
  link!: TrackedLink;

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  firstClickedAt: Date = new Date();
}
