import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { confirmationTokenHash, newConfirmationToken, UnsubscribeTokens } from './mail-list-tokens.js';

describe('mail list tokens', () => {
  it('keeps only the hash of a confirmation token and refuses anything not shaped like one', () => {
    const { token, hash } = newConfirmationToken();
    expect(hash).not.toContain(token);
    expect(confirmationTokenHash(token)).toBe(hash);
    expect(confirmationTokenHash(`${token}x`)).toBeNull();
    expect(confirmationTokenHash("' or 1=1 --")).toBeNull();
  });

  it('makes unsubscribe tokens only the key holder can make, and reads the subscriber back', () => {
    const tokens = new UnsubscribeTokens(randomBytes(32));
    const id = randomUUID();
    const token = tokens.create(id);
    expect(tokens.verify(token)).toBe(id);
    // Another subscriber's id with this MAC, or a token under another key, is nobody's.
    const other = randomUUID().replace(/-/g, '');
    expect(tokens.verify(`${other}${token.slice(32)}`)).toBeNull();
    expect(new UnsubscribeTokens(randomBytes(32)).verify(token)).toBeNull();
    expect(tokens.verify(token.slice(0, 63))).toBeNull();
  });
});
