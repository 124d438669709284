import { ArrayType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EncryptedType } from '../../platform/crypto/column-types.js';

/**
 * A resident's current attribute values, one narrow row (ADR 0012): the option ids of every
 * choice, area (with ancestors), yes/no and consent in one sorted int[] under an intarray GIN
 * index; numbers in a small JSONB by attribute id; free texts and personal values encrypted.
 * `attributeIds` lists which attributes have a value at all. Written with SQL by the attribute
 * service (the array operators are the point); declared here so the schema knows the table.
 */
@Entity({ tableName: 'resident_attribute_doc' })
export class ResidentAttributeDoc {
  [OptionalProps]?: 'channelId' | 'options' | 'attributeIds' | 'numbers' | 'texts' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  @Property({ type: 'uuid', nullable: true })
  channelId: string | null = null;

  @Property({ type: new ArrayType<number>((i) => Number(i)), columnType: 'int[]', default: '{}' })
  options: number[] = [];

  @Property({ type: new ArrayType<number>((i) => Number(i)), columnType: 'int[]', default: '{}' })
  attributeIds: number[] = [];

  @Property({ type: 'json', default: '{}' })
  numbers: Record<string, number> = {};

  /** JSON of { attributeId: value } for texts and personal attributes, encrypted as one value. */
  @Property({ type: EncryptedType, nullable: true })
  texts: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** One date of a date or date-list attribute, for "born between" and "any child aged" (ADR 0012). */
@Entity({ tableName: 'resident_attribute_date' })
@Index({ properties: ['attributeId', 'value', 'residentId'] })
export class ResidentAttributeDate {
  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  @PrimaryKey({ type: 'integer' })
  attributeId!: number;

  /** Order within a date list (twins share a birth date, so the date alone is no key). */
  @PrimaryKey({ type: 'smallint' })
  position!: number;

  @Property({ type: 'date' })
  value!: string;
}

export enum AttributeChangeActor {
  STAFF = 'STAFF',
  RESIDENT = 'RESIDENT',
  FORM = 'FORM',
}

/**
 * Who set an attribute value and when, with the value before and after (as option keys and
 * dates), written in the same transaction as the change. Values are encrypted: a personal
 * attribute's history is as personal as its value.
 */
@Entity({ tableName: 'resident_attribute_change' })
@Index({ properties: ['residentId', 'changedAt'] })
export class ResidentAttributeChange {
  [OptionalProps]?: 'changedAt' | 'staffId' | 'formSubmissionId' | 'oldValue' | 'newValue';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  residentId!: string;

  @Property({ type: 'integer' })
  @Index()
  attributeId!: number;

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Date = new Date();

  @Enum({ items: () => AttributeChangeActor, type: 'string', length: 10 })
  actorKind!: AttributeChangeActor;

  @Property({ type: 'uuid', nullable: true })
  staffId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  formSubmissionId: string | null = null;

  /** The staff member's login ID, 住民本人 or フォーム回答, as it was at the time. */
  @Property({ type: 'string', length: 200 })
  actorLabel!: string;

  @Property({ type: EncryptedType, nullable: true })
  oldValue: string | null = null;

  @Property({ type: EncryptedType, nullable: true })
  newValue: string | null = null;
}
