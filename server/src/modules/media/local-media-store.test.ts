import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalMediaStore } from './local-media-store.js';
import { InvalidMediaKeyError, mediaKey } from './media-store.js';

const parent = mkdtempSync(join(tmpdir(), 'machi-media-unit-'));
const dir = join(parent, 'media');
const store = new LocalMediaStore(dir);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

function files(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

describe('LocalMediaStore', () => {
  it('keeps objects under server-made keys, two hex characters of the id first', async () => {
    const id = randomUUID();
    const key = mediaKey(id, 'original');
    expect(key).toBe(`${id.slice(0, 2)}/${id}/original`);
    await store.put(key, Buffer.from('bytes'), { contentType: 'image/png', byteSize: 5 });
    expect(files(dir)).toEqual([key]);
  });

  it('refuses every key it did not make, so no path can leave the folder', async () => {
    writeFileSync(join(parent, 'secret.txt'), 'outside');
    const hostile = [
      '../secret.txt',
      '../../etc/passwd',
      '/etc/passwd',
      `ab/${randomUUID()}/../../../secret.txt`,
      `..\\secret.txt`,
      'ab/%2e%2e/secret.txt',
      `ab/${randomUUID()}/original\0`,
      `AB/${randomUUID()}/original`,
      `ab/${randomUUID()}/other`,
      '',
    ];
    for (const key of hostile) {
      await expect(store.getBuffer(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain', byteSize: 1 })).rejects.toBeInstanceOf(
        InvalidMediaKeyError,
      );
      await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
      await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
    }
    expect(() => mediaKey('../../x', 'original')).toThrow(InvalidMediaKeyError);
    expect(files(parent)).toContain('secret.txt');
  });

  it('writes nothing when a stream is not the length it was declared', async () => {
    const before = files(dir);
    const key = mediaKey(randomUUID(), 'original');
    await expect(store.put(key, Readable.from([Buffer.from('abc')]), { contentType: 'image/png', byteSize: 10 })).rejects.toThrow(
      /3 bytes, not 10/,
    );
    await expect(
      store.put(key, Readable.from([Buffer.alloc(8), Buffer.alloc(8)]), { contentType: 'image/png', byteSize: 10 }),
    ).rejects.toThrow(/longer than 10/);
    await expect(store.put(key, Buffer.from('abc'), { contentType: 'image/png', byteSize: 4 })).rejects.toThrow(/3 bytes, not 4/);
    expect(await store.exists(key)).toBe(false);
    expect(files(dir)).toEqual(before);
  });
});
