import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const key = Buffer.alloc(32, 7).toString('base64');
const valid = {
  DATABASE_URL: 'postgres://localhost/machi',
  ENCRYPTION_KEYS: `k1:${key}`,
  ENCRYPTION_ACTIVE_KEY_ID: 'k1',
  HASH_KEY: key,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('accepts a minimal valid environment and applies defaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(4000);
    expect(config.jobStore).toBe('postgres');
    expect(config.secureCookies).toBe(false);
    expect(config.AUDIT_RETENTION_MONTHS).toBe(24);
  });

  it('names every missing variable', () => {
    expect(problems({})).toEqual(
      expect.arrayContaining([
        'DATABASE_URL is required',
        'ENCRYPTION_KEYS is required',
        'ENCRYPTION_ACTIVE_KEY_ID is required',
        'HASH_KEY is required',
      ]),
    );
  });

  it('explains bad values', () => {
    const found = problems({ ...valid, PORT: 'eighty', DATABASE_URL: 'mysql://x', HASH_KEY: 'short', MONGODB_URL: 'http://x' });
    expect(found).toEqual(
      expect.arrayContaining([
        'PORT must be a number',
        'DATABASE_URL must be a postgres:// or postgresql:// URL',
        expect.stringMatching(/^HASH_KEY must be 32 bytes/),
        'MONGODB_URL must be a mongodb:// or mongodb+srv:// URL',
      ]),
    );
  });

  it('requires the active key to be one of the configured keys', () => {
    expect(problems({ ...valid, ENCRYPTION_ACTIVE_KEY_ID: 'k9' })).toEqual([
      'ENCRYPTION_ACTIVE_KEY_ID must be one of the key ids in ENCRYPTION_KEYS (k1)',
    ]);
  });

  it('requires HTTPS in production', () => {
    expect(problems({ ...valid, NODE_ENV: 'production', PUBLIC_URL: 'http://line.example.jp' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL must be https:\/\/ in production/),
    ]);
  });

  it('turns on secure cookies and the MongoDB job store when configured', () => {
    const config = loadConfig({ ...valid, PUBLIC_URL: 'https://line.example.jp', MONGODB_URL: 'mongodb://db/agenda' });
    expect(config.secureCookies).toBe(true);
    expect(config.jobStore).toBe('mongodb');
  });

  it('keeps media in a local folder by default and checks what an S3 store needs', () => {
    expect(loadConfig(valid)).toMatchObject({ MEDIA_STORE: 'local', MEDIA_DIR: '.data/media', MEDIA_S3_FORCE_PATH_STYLE: false });
    expect(problems({ ...valid, MEDIA_STORE: 's3' })).toEqual([
      'MEDIA_S3_BUCKET must be set when MEDIA_STORE is s3',
      'MEDIA_S3_REGION must be set when MEDIA_STORE is s3 on AWS (no MEDIA_S3_ENDPOINT)',
    ]);
    expect(problems({ ...valid, MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'media', MEDIA_S3_ACCESS_KEY_ID: 'AKIA' })).toEqual([
      'MEDIA_S3_REGION must be set when MEDIA_STORE is s3 on AWS (no MEDIA_S3_ENDPOINT)',
      expect.stringMatching(/^MEDIA_S3_SECRET_ACCESS_KEY MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY must be set together/),
    ]);
    expect(problems({ ...valid, MEDIA_STORE: 'ftp', MEDIA_S3_ENDPOINT: 'ftp://x', MEDIA_S3_BUCKET: 'My_Bucket' })).toEqual([
      'MEDIA_STORE must be local or s3',
      'MEDIA_S3_ENDPOINT must be an http:// or https:// URL such as https://s3.example.jp',
      'MEDIA_S3_BUCKET must be a bucket name: 3-63 lower-case letters, digits, dots or hyphens',
    ]);
    const s3 = loadConfig({
      ...valid,
      MEDIA_STORE: 's3',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_BUCKET: 'media',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3).toMatchObject({ MEDIA_STORE: 's3', MEDIA_S3_FORCE_PATH_STYLE: true });
  });

  it('lets delivery lanes send several batches at once only with a pool that has room for them', () => {
    expect(loadConfig(valid).DELIVERY_SENDS_PER_LANE).toBe(1);
    expect(problems({ ...valid, DELIVERY_SENDS_PER_LANE: '2' })).toEqual([
      'DELIVERY_SENDS_PER_LANE needs DATABASE_POOL_MAX of at least 4 × DELIVERY_SENDS_PER_LANE + 5 (13); it is 10',
    ]);
    expect(loadConfig({ ...valid, DELIVERY_SENDS_PER_LANE: '2', DATABASE_POOL_MAX: '13' }).DELIVERY_SENDS_PER_LANE).toBe(2);
    expect(problems({ ...valid, DELIVERY_SENDS_PER_LANE: '9', DATABASE_POOL_MAX: '200' })).toEqual([
      'DELIVERY_SENDS_PER_LANE must be at most 8',
    ]);
  });
});
