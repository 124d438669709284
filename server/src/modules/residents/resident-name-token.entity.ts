import { Entity, Index, ManyToOne, PrimaryKey } from '@mikro-orm/core';
import { Resident } from './resident.entity.js';

/**
 * A blind index for searching encrypted display names: keyed hashes of every character and
 * character pair of the normalised name. A search hashes the query the same way, so staff can
 * find 「山田」 without the database ever holding the name in plain text.
 */
@Entity({ tableName: 'resident_name_token' })
@Index({ properties: ['tokenHash'] })
export class ResidentNameToken {
  @ManyToOne(() => Resident, { primary: true, deleteRule: 'cascade' })
  resident!: Resident;

  @PrimaryKey({ type: 'string', length: 67 })
  tokenHash!: string;
}
