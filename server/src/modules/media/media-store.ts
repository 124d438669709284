import type { Readable } from 'node:stream';
import type { ImagemapWidth } from './media-policy.js';

/**
 * Where media bytes live: a local folder by default, any S3-compatible store in production. One
 * interface, one contract test for both (server/test/media.int.test.ts). Keys are made by the
 * server (`mediaKey`), never from a file name; each store refuses anything else.
 */
export interface MediaStore {
  readonly kind: 'local' | 's3';
  /** Writes (or replaces) an object. A stream must yield exactly `byteSize` bytes. */
  put(key: string, body: Buffer | Readable, meta: { contentType: string; byteSize: number }): Promise<void>;
  /** The object as a stream with its size, or null when there is none. */
  getStream(key: string): Promise<{ body: Readable; byteSize: number } | null>;
  /** The whole object, or null when there is none. */
  getBuffer(key: string): Promise<Buffer | null>;
  /** Removes an object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Releases connections at shutdown. */
  close?(): void;
}

/**
 * What a store holds per media object: the stored original, its thumbnail, and for images LINE
 * shows as imagemaps the widths made when LINE first asked for them.
 */
export type MediaVariant = 'original' | 'thumbnail' | `imagemap-${ImagemapWidth}`;

/**
 * `ab/<uuid>/original`: two hex characters of the id first, so a folder (or an S3 prefix) never
 * holds more than 1/256 of the objects.
 */
const KEY =
  /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(original|thumbnail|imagemap-(240|300|460|700|1040))$/;

export function mediaKey(id: string, variant: MediaVariant): string {
  const key = `${id.slice(0, 2)}/${id}/${variant}`;
  assertMediaKey(key);
  return key;
}

export class InvalidMediaKeyError extends Error {
  constructor() {
    super('not a media key made by mediaKey()');
    this.name = 'InvalidMediaKeyError';
  }
}

/** Stores call this on every key: nothing but a key `mediaKey` made ever reaches a path or a bucket. */
export function assertMediaKey(key: string): void {
  if (!KEY.test(key)) throw new InvalidMediaKeyError();
}
