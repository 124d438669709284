import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertMediaKey, type MediaStore } from './media-store.js';

/**
 * Media in a folder (MEDIA_DIR, default `.data/media` under the working directory). Writes go to
 * a temporary file renamed into place, so a reader never sees half an object.
 */
export class LocalMediaStore implements MediaStore {
  readonly kind = 'local';
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** The file of a key, which must lie inside the folder (the key pattern already makes sure). */
  private pathOf(key: string): string {
    assertMediaKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error('media key resolves outside the media folder');
    return path;
  }

  async put(key: string, body: Buffer | Readable, meta: { contentType: string; byteSize: number }): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.part`;
    try {
      if (Buffer.isBuffer(body)) {
        if (body.length !== meta.byteSize) throw new Error(`media body is ${body.length} bytes, not ${meta.byteSize}`);
        const file = await open(temporary, 'wx');
        try {
          await file.writeFile(body);
          await file.sync();
        } finally {
          await file.close();
        }
      } else {
        let written = 0;
        const count = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            written += chunk.length;
            done(written > meta.byteSize ? new Error(`media stream is longer than ${meta.byteSize} bytes`) : null, chunk);
          },
        });
        await pipeline(body, count, createWriteStream(temporary, { flags: 'wx' }));
        if (written !== meta.byteSize) throw new Error(`media stream is ${written} bytes, not ${meta.byteSize}`);
      }
      await rename(temporary, path);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async getStream(key: string): Promise<{ body: Readable; byteSize: number } | null> {
    const path = this.pathOf(key);
    let file: FileHandle;
    try {
      // Opened before answering, so a missing file is null here rather than a stream error later.
      file = await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    try {
      const { size } = await file.stat();
      return { body: file.createReadStream({ autoClose: true }), byteSize: size };
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
