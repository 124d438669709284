import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { phonePhoto, png, pngClaiming, transparentWebp, truncatedJpeg } from '../../../test/support/images.js';
import { normaliseImage } from './media-image.js';
import { detectType } from './media.service.js';

const OPTIONS = { maxEdge: 2048, thumbnailEdge: 16 };

async function refusal(work: Promise<unknown>): Promise<{ reason: unknown; message: string }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return { reason: err.extensions['reason'], message: err.message };
    throw err;
  }
  throw new Error('was not refused');
}

describe('normaliseImage', () => {
  it('applies the EXIF orientation, then stores no EXIF, GPS, XMP or ICC at all', async () => {
    const photo = await phonePhoto();
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const out = await normaliseImage(photo, 'image/jpeg', OPTIONS);
    expect(out.contentType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([32, 64]);
    const meta = await sharp(out.body).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(out.body.includes(Buffer.from('MachiCam'))).toBe(false);
    // Upright: the red half (the photo's left) is now on top.
    const { data } = await sharp(out.body).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);
    const thumb = await sharp(out.thumbnail!).metadata();
    expect(Math.max(thumb.width, thumb.height)).toBe(16);
    expect(thumb.exif).toBeUndefined();
  });

  it('reads the shooting time and position only when the policy asks', async () => {
    const photo = await phonePhoto();
    expect((await normaliseImage(photo, 'image/jpeg', OPTIONS)).facts).toEqual({ takenAt: null, location: null });
    expect((await normaliseImage(photo, 'image/jpeg', { ...OPTIONS, readLocationAndTime: true })).facts).toEqual({
      takenAt: new Date('2026-11-03T05:25:36Z'),
      location: { latitude: 35.6895833, longitude: 139.76 },
    });
  });

  it('shrinks to the edge, keeps PNG as PNG, turns WebP into JPEG on white, and makes no thumbnail when asked for none', async () => {
    const big = await normaliseImage(await png(400, 100), 'image/png', { maxEdge: 200, thumbnailEdge: 0 });
    expect(big).toMatchObject({ contentType: 'image/png', width: 200, height: 50, thumbnail: null });
    expect((await sharp(big.body).metadata()).format).toBe('png');
    const small = await normaliseImage(await png(40, 30), 'image/png', { maxEdge: 200, thumbnailEdge: 100 });
    expect([small.width, small.height]).toEqual([40, 30]);
    const webp = await normaliseImage(await transparentWebp(), 'image/webp', OPTIONS);
    expect(webp.contentType).toBe('image/jpeg');
    const { data } = await sharp(webp.body).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    expect(await detectType(bomb)).toBe('image/png');
    expect(await refusal(normaliseImage(bomb, 'image/png', OPTIONS))).toEqual({
      reason: 'IMAGE_TOO_MANY_PIXELS',
      message: '画像の画素数が大きすぎます（上限 4000万画素）。小さくしてからアップロードしてください。',
    });
    // Within sharp's own limit but over the policy's.
    expect((await refusal(normaliseImage(pngClaiming(300, 300), 'image/png', { ...OPTIONS, maxInputPixels: 50_000 }))).reason).toBe(
      'IMAGE_TOO_MANY_PIXELS',
    );
  });

  it('refuses truncated and corrupt images, and bytes that are not the detected format', async () => {
    const unreadable = { reason: 'IMAGE_UNREADABLE', message: '画像を読み込めませんでした。ファイルが壊れていないか確認してください。' };
    expect(await refusal(normaliseImage(await truncatedJpeg(), 'image/jpeg', OPTIONS))).toEqual(unreadable);
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)]);
    expect(await detectType(garbage)).toBe('image/jpeg');
    expect(await refusal(normaliseImage(garbage, 'image/jpeg', OPTIONS))).toEqual(unreadable);
    expect(await refusal(normaliseImage(await png(), 'image/jpeg', OPTIONS))).toEqual(unreadable);
  });
});

describe('detectType', () => {
  it('goes by the bytes alone and knows nothing it cannot handle', async () => {
    expect(await detectType(await png())).toBe('image/png');
    expect(await detectType(await phonePhoto())).toBe('image/jpeg');
    expect(await detectType(await transparentWebp())).toBe('image/webp');
    expect(await detectType(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBe('application/pdf');
    expect(await detectType(Buffer.from('just some text, whatever the file was called'))).toBeNull();
    expect(await detectType(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toBeNull();
  });
});
