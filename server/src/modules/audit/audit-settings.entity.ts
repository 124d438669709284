import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Operation-log settings and the chain anchor, one row. After a retention purge the anchor holds
 * the hash of the last purged event, so verification of what remains still starts from a known
 * link.
 */
@Entity({ tableName: 'audit_settings' })
export class AuditSettings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  @Property({ type: 'integer' })
  retentionMonths!: number;

  @Property({ type: 'bigint', nullable: true })
  anchorSeq?: string | null;

  @Property({ type: 'string', length: 64 })
  anchorHash!: string;
}
