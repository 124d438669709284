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
    return false;
  }

  /**
   * Change detection compares what the values say, not their ciphertexts: every encryption uses a
   * fresh IV, so comparing ciphertexts would rewrite (and re-encrypt) every encrypted column on
   * every flush.
   */
  override compareValues(a: string | null | undefined, b: string | null | undefined): boolean {
    if (a === b) return true;
    if (a === null || a === undefined || b === null || b === undefined) return false;
    return keyring().decrypt(a) === keyring().decrypt(b);
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
