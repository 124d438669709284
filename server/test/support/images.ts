import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * Test images made with sharp: a phone photo with EXIF (orientation, shooting time, GPS), a PNG, a
 * WebP with transparency, and hostile files (a decompression bomb's header, a truncated JPEG).
 */

/** A 64×32 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6): shown upright it is 32×64. */
export async function phonePhoto(options: { width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 64;
  const height = options.height ?? 32;
  // Left half red, right half blue, so the orientation can be seen in the pixels too.
  const left = await sharp({ create: { width: width / 2, height, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .withExif({
      IFD0: { Make: 'MachiCam', Model: 'Test 1' },
      IFD2: { DateTimeOriginal: '2026:11:03 14:25:36', OffsetTimeOriginal: '+09:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 2250/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 45/1 3600/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function png(width = 40, height = 30, background = '#33aa55'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();
}

export function transparentWebp(): Promise<Buffer> {
  return sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .webp()
    .toBuffer();
}

/** The smallest PDF file-type recognises. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A PNG whose header claims width × height pixels (a decompression bomb's first bytes). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first part of a real JPEG: its header is fine, its pixels stop half way. */
export async function truncatedJpeg(): Promise<Buffer> {
  const noise = Buffer.alloc(200 * 200 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  const jpeg = await sharp(noise, { raw: { width: 200, height: 200, channels: 3 } })
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
}
