import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { Resident } from './resident.entity.js';

/** A resident's browser session after LIFF sign-in; the cookie token is stored as its SHA-256. */
@Entity({ tableName: 'resident_session' })
export class ResidentSession extends BaseEntity<'revokedAt'> {
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  @ManyToOne(() => Resident, { deleteRule: 'cascade' })
  @Index()
  resident!: Resident;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
