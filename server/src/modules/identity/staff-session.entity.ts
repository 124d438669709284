import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { StaffUser } from './staff-user.entity.js';

/**
 * A console session. The browser holds a random token in an httpOnly cookie; the row holds only
 * its SHA-256, so a leaked database does not yield usable sessions.
 */
@Entity({ tableName: 'staff_session' })
export class StaffSession extends BaseEntity<'revokedAt' | 'ip' | 'userAgent'> {
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  @ManyToOne(() => StaffUser, { deleteRule: 'cascade' })
  @Index()
  staff!: StaffUser;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  lastSeenAt!: Date;

  /** Absolute expiry; idle expiry is lastSeenAt + SESSION_IDLE_MINUTES. */
  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'string', length: 45, nullable: true })
  ip?: string | null;

  @Property({ type: 'string', length: 400, nullable: true })
  userAgent?: string | null;
}
