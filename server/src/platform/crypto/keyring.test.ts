import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Keyring } from './keyring.js';

const key = () => randomBytes(32);

describe('Keyring', () => {
  it('round-trips a value and never stores the plaintext', () => {
    const ring = new Keyring(new Map([['k1', key()]]), 'k1', key());
    const sealed = ring.encrypt('山田太郎 090-1234-5678');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('山田');
    expect(ring.decrypt(sealed)).toBe('山田太郎 090-1234-5678');
  });

  it('decrypts values sealed with an older key after rotation and seals new ones with the active key', () => {
    const k1 = key();
    const old = new Keyring(new Map([['k1', k1]]), 'k1', key());
    const sealed = old.encrypt('secret');
    const rotated = new Keyring(
      new Map([
        ['k1', k1],
        ['k2', key()],
      ]),
      'k2',
      key(),
    );
    expect(rotated.decrypt(sealed)).toBe('secret');
    expect(Keyring.keyIdOf(rotated.encrypt('secret'))).toBe('k2');
  });

  it('rejects a tampered ciphertext', () => {
    const ring = new Keyring(new Map([['k1', key()]]), 'k1', key());
    const parts = ring.encrypt('hello').split('.');
    parts[4] = Buffer.from('hellx').toString('base64url');
    expect(() => ring.decrypt(parts.join('.'))).toThrow();
  });

  it('gives equal keyed hashes for equal values and different ones under another hash key', () => {
    const ring = new Keyring(new Map([['k1', key()]]), 'k1', key());
    expect(ring.hash('U123')).toBe(ring.hash('U123'));
    expect(ring.hash('U123')).not.toBe(ring.hash('U124'));
    expect(new Keyring(new Map([['k1', key()]]), 'k1', key()).hash('U123')).not.toBe(ring.hash('U123'));
  });

  it('never reuses an IV, across refills of its random pool', () => {
    const ring = new Keyring(new Map([['k1', key()]]), 'k1', key());
    const ivs = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const sealed = ring.encrypt('same text');
      ivs.add(sealed.split('.')[2]!);
      if (i % 500 === 0) expect(ring.decrypt(sealed)).toBe('same text');
    }
    expect(ivs.size).toBe(2_000);
  });
});
