import { randomBytes } from 'node:crypto';

export interface ServerSecrets {
  ENCRYPTION_KEYS: string;
  ENCRYPTION_ACTIVE_KEY_ID: string;
  HASH_KEY: string;
}

/** Fresh field-encryption and hash keys in the format the server's configuration expects. */
export function generateSecrets(): ServerSecrets {
  return {
    ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'e2e',
    HASH_KEY: randomBytes(32).toString('base64'),
  };
}
