import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';

const key = () => randomBytes(32);
const rings: Keyring[] = [];
const ring = (keys: Array<[string, Buffer]>, active: string) => {
  const made = new Keyring(new Map(keys), active, key());
  rings.push(made);
  return made;
};
const workersOf = (keyring: Keyring) => (keyring as unknown as { workers: Array<{ broken: boolean }> }).workers;
/** Whether decryptMany handed its values to worker threads that are still usable. */
const usesWorker = (keyring: Keyring) => workersOf(keyring).length > 0 && workersOf(keyring).every((w) => !w.broken);

afterEach(async () => {
  await Promise.all(rings.splice(0).map((r) => r.close()));
});

describe('Keyring.decryptMany', () => {
  it('opens many values on a worker thread, in order, whichever key sealed each', async () => {
    const k1 = key();
    const before = ring([['k1', k1]], 'k1');
    const after = ring(
      [
        ['k1', k1],
        ['k2', key()],
      ],
      'k2',
    );
    const plain = Array.from({ length: 700 }, (_, i) => `U${i.toString(16).padStart(32, '0')} ${i % 3 === 0 ? '山田' : ''}`);
    const sealed = plain.map((value, i) => (i % 2 === 0 ? before : after).encrypt(value));
    expect(await after.decryptMany(sealed)).toEqual(plain);
    expect(usesWorker(after)).toBe(true);
    // Requests at once go to a second worker, each answered with its own values.
    const halves = await Promise.all([after.decryptMany(sealed.slice(0, 350)), after.decryptMany(sealed.slice(350))]);
    expect(halves.flat()).toEqual(plain);
    expect(workersOf(after)).toHaveLength(2);
  });

  it('rejects as decrypt does when one of the values was tampered with', async () => {
    const keyring = ring([['k1', key()]], 'k1');
    const sealed = Array.from({ length: 100 }, (_, i) => keyring.encrypt(`value ${i}`));
    const parts = sealed[42]!.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    sealed[42] = parts.join('.');
    await expect(keyring.decryptMany(sealed)).rejects.toThrow();
    expect(() => keyring.decrypt(sealed[42]!)).toThrow();
    // A bad value is the caller's problem, not the worker's: it goes on.
    expect(await keyring.decryptMany(sealed.filter((_, i) => i !== 42))).toHaveLength(99);
    expect(usesWorker(keyring)).toBe(true);
  });

  it('opens a few values in this thread, without a worker', async () => {
    const keyring = ring([['k1', key()]], 'k1');
    expect(await keyring.decryptMany([keyring.encrypt('a'), keyring.encrypt('b')])).toEqual(['a', 'b']);
    expect(workersOf(keyring)).toEqual([]);
  });
});
