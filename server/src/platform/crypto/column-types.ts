import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';
import { keyring } from './keyring.js';

/**
 * A string column stored encrypted (AES-256-GCM). The entity holds plaintext; the row holds
 * `v1.<keyId>...`. Never query by it: use a KeyedHashType column beside it.
 */
export class EncryptedType extends Type<string | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return keyring().encrypt(value);
  }

  override convertToJSValue(value: string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return keyring().decrypt(value);
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }

  override ensureComparable(): boolean {
    // Compare plaintexts for change detection; ciphertexts differ on every write.
    return false;
  }
}

const HASH_PATTERN = /^h1:[0-9a-f]{64}$/;

/**
 * A keyed-hash column for equality look-ups over personal data: assign (and query with) the
 * normalised plaintext and the database only ever sees HMAC-SHA256 of it. Values already in hash
 * form pass through, so loaded entities round-trip unchanged.
 */
export class KeyedHashType extends Type<string | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return HASH_PATTERN.test(value) ? value : keyring().hash(value);
  }

  override convertToJSValue(value: string | null | undefined): string | null | undefined {
    return value;
  }

  override getColumnType(): string {
    return 'varchar(67)';
  }
}
