import type { AppConfig } from '../../config/config.js';
import { LocalMediaStore } from './local-media-store.js';
import type { MediaStore } from './media-store.js';
import { S3MediaStore } from './s3-media-store.js';

type StoreConfig = Pick<
  AppConfig,
  | 'MEDIA_STORE'
  | 'MEDIA_DIR'
  | 'MEDIA_S3_ENDPOINT'
  | 'MEDIA_S3_BUCKET'
  | 'MEDIA_S3_REGION'
  | 'MEDIA_S3_ACCESS_KEY_ID'
  | 'MEDIA_S3_SECRET_ACCESS_KEY'
  | 'MEDIA_S3_FORCE_PATH_STYLE'
>;

/** The store MEDIA_STORE names (config.ts has already checked the settings it needs). */
export function createMediaStore(config: StoreConfig): MediaStore {
  switch (config.MEDIA_STORE) {
    case 'local':
      return new LocalMediaStore(config.MEDIA_DIR);
    case 's3':
      return new S3MediaStore({
        bucket: config.MEDIA_S3_BUCKET!,
        ...(config.MEDIA_S3_ENDPOINT ? { endpoint: config.MEDIA_S3_ENDPOINT } : {}),
        // S3-compatible stores ignore the region, but requests are signed with one.
        region: config.MEDIA_S3_REGION ?? 'us-east-1',
        ...(config.MEDIA_S3_ACCESS_KEY_ID && config.MEDIA_S3_SECRET_ACCESS_KEY
          ? { credentials: { accessKeyId: config.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: config.MEDIA_S3_SECRET_ACCESS_KEY } }
          : {}),
        forcePathStyle: config.MEDIA_S3_FORCE_PATH_STYLE,
      });
  }
}
