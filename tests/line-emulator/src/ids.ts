import { randomBytes, randomInt, randomUUID } from 'node:crypto';

// Identifier formats as LINE issues them, so code under test that checks formats sees realistic values.

export const USER_ID_PATTERN = /^U[0-9a-f]{32}$/;

/** A LINE user id: "U" followed by 32 lowercase hex characters. */
export function newUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

/** x-line-request-id values are UUIDs. */
export function newRequestId(): string {
  return randomUUID();
}

/** Message ids are decimal strings (18 digits today). */
export function newMessageId(): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 18) digits += String(randomInt(0, 10));
  return digits;
}

/** Reply tokens are 32 hex characters. */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/** Quote tokens are opaque URL-safe strings. */
export function newQuoteToken(): string {
  return randomBytes(48).toString('base64url');
}

export function newRichMenuId(): string {
  return `richmenu-${randomBytes(16).toString('hex')}`;
}

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** webhookEventId is a ULID: 10 characters of millisecond time then 16 random characters (Crockford base32). */
export function newWebhookEventId(now = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD_BASE32[remaining % 32]! + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD_BASE32[byte % 32]).join('');
  return time + random;
}

export function newChannelSecret(): string {
  return randomBytes(16).toString('hex');
}

export function newChannelAccessToken(): string {
  return randomBytes(128).toString('base64').replace(/=+$/, '');
}

/** Numeric channel ids such as "1656012345". */
export function newChannelId(): string {
  return String(randomInt(1_600_000_000, 2_000_000_000));
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
