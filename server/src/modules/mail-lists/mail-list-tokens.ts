import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto/digest.js';

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;

const CONFIRMATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UNSUBSCRIBE_TOKEN = /^[0-9a-f]{64}$/;

/** A confirmation link's token (256 random bits) and what is kept of it (its SHA-256). */
export function newConfirmationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

/** The stored hash of a token from a link, or null when it cannot be one of ours. */
export function confirmationTokenHash(token: string): string | null {
  return CONFIRMATION_TOKEN.test(token) ? sha256Hex(token) : null;
}

/**
 * Unsubscribe links: the subscriber id with a MAC under a key derived for this purpose, so every
 * list mail can carry one without storing a token per mail, and nobody can make one for someone
 * else. The link keeps working for as long as the subscriber exists.
 */
export class UnsubscribeTokens {
  constructor(private readonly key: Buffer) {}

  create(subscriberId: string): string {
    const id = subscriberId.replace(/-/g, '').toLowerCase();
    return `${id}${this.mac(id)}`;
  }

  /** The subscriber id the token was made for, or null. */
  verify(token: string): string | null {
    if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
    const id = token.slice(0, 32);
    const expected = Buffer.from(this.mac(id));
    const given = Buffer.from(token.slice(32));
    if (!timingSafeEqual(expected, given)) return null;
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(`unsubscribe:${id}`).digest('hex').slice(0, 32);
  }
}
