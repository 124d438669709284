import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertMediaKey, type MediaStore } from './media-store.js';

export interface S3MediaStoreOptions {
  readonly bucket: string;
  /** Unset: AWS itself. Set for any S3-compatible store (MinIO, a cloud provider's, s3rver in tests). */
  readonly endpoint?: string;
  readonly region: string;
  /** Unset: the SDK's default chain (environment, instance or task role). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `http://host/bucket/key` rather than `http://bucket.host/key` (most S3-compatible stores want it). */
  readonly forcePathStyle: boolean;
}

/** Media in an S3 bucket (or an S3-compatible store), through @aws-sdk/client-s3. */
export class S3MediaStore implements MediaStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3MediaStoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: S3-compatible stores do not all understand the
      // SDK's default trailing checksums (aws-chunked bodies), and each object's SHA-256 is ours.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer | Readable, meta: { contentType: string; byteSize: number }): Promise<void> {
    assertMediaKey(key);
    if (Buffer.isBuffer(body) && body.length !== meta.byteSize) throw new Error(`media body is ${body.length} bytes, not ${meta.byteSize}`);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: meta.contentType, ContentLength: meta.byteSize }),
    );
  }

  async getStream(key: string): Promise<{ body: Readable; byteSize: number } | null> {
    assertMediaKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error('the S3 client returned no stream');
      return { body: out.Body, byteSize: out.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    assertMediaKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) throw new Error('the S3 client returned no body');
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertMediaKey(key);
    // S3 answers 204 for a key that is not there too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertMediaKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  /** Closes the client's sockets (at shutdown). */
  close(): void {
    this.client.destroy();
  }
}

function isMissing(err: unknown): boolean {
  // A missing bucket is a configuration mistake to report, not an absent object.
  if (!(err instanceof S3ServiceException) || err.name === 'NoSuchBucket') return false;
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404;
}
