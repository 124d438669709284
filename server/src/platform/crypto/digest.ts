import { createHash } from 'node:crypto';

/** Hex SHA-256, for values that are already high-entropy (session tokens) or content fingerprints. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
