import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { EncryptedType, KeyedHashType } from '../../platform/crypto/column-types.js';

/**
 * A resident known through LINE. The LINE user id is personal data: it is stored encrypted and
 * found through its keyed hash.
 */
@Entity({ tableName: 'resident' })
export class Resident extends BaseEntity<'displayName' | 'pictureUrl' | 'language' | 'lastSignedInAt'> {
  @Property({ type: KeyedHashType })
  @Unique()
  lineUserIdHash!: string;

  @Property({ type: EncryptedType })
  lineUserId!: string;

  @Property({ type: EncryptedType, nullable: true })
  displayName?: string | null;

  @Property({ type: EncryptedType, nullable: true })
  pictureUrl?: string | null;

  @Property({ type: 'string', length: 10, default: 'ja' })
  language: string = 'ja';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastSignedInAt?: Date | null;
}
