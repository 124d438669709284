import sharp, { type Metadata, type Sharp } from 'sharp';
import { readPhotoFacts, type PhotoFacts } from './exif.js';
import { fileRefused, MediaRefusal } from './media.errors.js';
import { DEFAULT_MAX_INPUT_PIXELS, type ImageOptions, type MediaContentType } from './media-policy.js';

/** What an uploaded image becomes: re-encoded, upright, within the policy's edge, without EXIF. */
export interface NormalisedImage {
  readonly body: Buffer;
  /** JPEG stays JPEG and PNG stays PNG; WebP and AVIF become JPEG (what LINE and every browser take). */
  readonly contentType: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
  /** In the same format, within the thumbnail edge; null when the policy wants none. */
  readonly thumbnail: Buffer | null;
  /** Read from EXIF before it was dropped, when the policy asked; otherwise both null. */
  readonly facts: PhotoFacts;
}

/** sharp's name for each format file-type detects (AVIF is a HEIF container). */
const SHARP_FORMAT: Partial<Record<MediaContentType, Metadata['format']>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'heif',
};

const UNREADABLE = '画像を読み込めませんでした。ファイルが壊れていないか確認してください。';

function unreadable() {
  return fileRefused(MediaRefusal.IMAGE_UNREADABLE, UNREADABLE);
}

/** sharp's own refusal of an image over `limitInputPixels` (it reads the header, decodes nothing). */
function isPixelLimit(err: unknown): boolean {
  return err instanceof Error && /exceeds pixel limit/i.test(err.message);
}

function tooManyPixels(limit: number) {
  const label = limit >= 10_000 ? `${Math.floor(limit / 10_000)}万画素` : `${limit}画素`;
  return fileRefused(
    MediaRefusal.IMAGE_TOO_MANY_PIXELS,
    `画像の画素数が大きすぎます（上限 ${label}）。小さくしてからアップロードしてください。`,
  );
}

/**
 * Decodes an image of the detected type and writes it again: auto-oriented from EXIF
 * (`rotate()`), shrunk to fit the policy's edge, re-encoded with no metadata at all (sharp keeps
 * none unless asked: no EXIF, GPS, XMP or ICC leaves here), plus a thumbnail. Images with more
 * pixels than the limit are refused from their header, before any decoding; corrupt ones (sharp
 * fails on warnings, as it advises for untrusted input) are refused as unreadable.
 */
export async function normaliseImage(bytes: Buffer, detected: MediaContentType, options: ImageOptions): Promise<NormalisedImage> {
  const expected = SHARP_FORMAT[detected];
  if (!expected) throw new Error(`${detected} is not an image type`);
  const limit = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const input = () => sharp(bytes, { failOn: 'warning', limitInputPixels: limit });

  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch (err) {
    throw isPixelLimit(err) ? tooManyPixels(limit) : unreadable();
  }
  if (meta.format !== expected || !meta.width || !meta.height) throw unreadable();
  if (meta.width * meta.height > limit) throw tooManyPixels(limit);
  const facts = options.readLocationAndTime ? readPhotoFacts(meta.exif) : { takenAt: null, location: null };

  const png = detected === 'image/png';
  const encode = (image: Sharp) =>
    png
      ? image.png({ compressionLevel: 9, adaptiveFiltering: true })
      : image.flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true });
  const fit = (edge: number) => ({ width: edge, height: edge, fit: 'inside' as const, withoutEnlargement: true });

  try {
    const { data, info } = await encode(input().rotate().resize(fit(options.maxEdge))).toBuffer({ resolveWithObject: true });
    const thumbnail = options.thumbnailEdge > 0 ? await encode(sharp(data).resize(fit(options.thumbnailEdge))).toBuffer() : null;
    return { body: data, contentType: png ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, thumbnail, facts };
  } catch (err) {
    throw isPixelLimit(err) ? tooManyPixels(limit) : unreadable();
  }
}

/**
 * A stored image (already normalised) at one of LINE's imagemap widths, its height in proportion:
 * LINE draws the variant across the talk's width, so a narrower original is enlarged too.
 */
export async function imagemapImage(stored: Buffer, contentType: string, width: number): Promise<Buffer> {
  const image = sharp(stored, { failOn: 'warning' }).resize({ width });
  return contentType === 'image/png'
    ? image.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
    : image.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}
