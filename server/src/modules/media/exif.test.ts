import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { readPhotoFacts } from './exif.js';

async function exifOf(exif: Parameters<Sharp['withExif']>[0]): Promise<Buffer | undefined> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .withExif(exif)
    .jpeg()
    .toBuffer();
  return (await sharp(jpeg).metadata()).exif;
}

/** A big-endian TIFF by hand: IFD0 → GPS IFD with latitude/longitude (as some cameras write them). */
function bigEndianGps(): Buffer {
  const b = Buffer.alloc(200);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4);
  // IFD0 at 8: one entry, GPS pointer → 26
  b.writeUInt16BE(1, 8);
  b.writeUInt16BE(0x8825, 10);
  b.writeUInt16BE(4, 12);
  b.writeUInt32BE(1, 14);
  b.writeUInt32BE(26, 18);
  b.writeUInt32BE(0, 22);
  // GPS IFD at 26: four entries
  b.writeUInt16BE(4, 26);
  const entry = (i: number, tag: number, type: number, count: number, value: number | string) => {
    const at = 28 + i * 12;
    b.writeUInt16BE(tag, at);
    b.writeUInt16BE(type, at + 2);
    b.writeUInt32BE(count, at + 4);
    if (typeof value === 'string') b.write(value, at + 8, 'latin1');
    else b.writeUInt32BE(value, at + 8);
  };
  entry(0, 1, 2, 2, 'S\0');
  entry(1, 2, 5, 3, 100);
  entry(2, 3, 2, 2, 'W\0');
  entry(3, 4, 5, 3, 124);
  const rationals = (at: number, values: Array<[number, number]>) =>
    values.forEach(([n, d], i) => {
      b.writeUInt32BE(n, at + i * 8);
      b.writeUInt32BE(d, at + i * 8 + 4);
    });
  rationals(100, [
    [33, 1],
    [52, 1],
    [0, 1],
  ]);
  rationals(124, [
    [151, 1],
    [12, 1],
    [36, 1],
  ]);
  return b;
}

describe('readPhotoFacts', () => {
  it('reads the shooting time with its offset and the GPS position (little-endian, as libvips writes)', async () => {
    const exif = await exifOf({
      IFD2: { DateTimeOriginal: '2026:11:03 14:25:36', OffsetTimeOriginal: '+09:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 41/1 2250/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '139/1 45/1 3600/100',
        GPSAltitudeRef: '0',
        GPSAltitude: '405/10',
      },
    });
    expect(readPhotoFacts(exif)).toEqual({
      takenAt: new Date('2026-11-03T05:25:36Z'),
      location: { latitude: 35.6895833, longitude: 139.76, altitude: 40.5 },
    });
  });

  it('takes a time without an offset as Japan time, and honours another offset', async () => {
    expect(readPhotoFacts(await exifOf({ IFD2: { DateTimeOriginal: '2026:01:02 03:04:05' } })).takenAt).toEqual(
      new Date('2026-01-01T18:04:05Z'),
    );
    expect(
      readPhotoFacts(await exifOf({ IFD2: { DateTimeOriginal: '2026:01:02 03:04:05', OffsetTimeOriginal: '-05:30' } })).takenAt,
    ).toEqual(new Date('2026-01-02T08:34:05Z'));
  });

  it('reads big-endian TIFF and southern/western hemispheres', () => {
    expect(readPhotoFacts(bigEndianGps()).location).toEqual({ latitude: -33.8666667, longitude: -151.21 });
  });

  it('treats impossible times, zero positions and missing parts as absent', async () => {
    for (const time of ['0000:00:00 00:00:00', '2026:02:30 10:00:00', '2026:13:01 10:00:00', '2026-01-01 10:00:00', '    ']) {
      expect(readPhotoFacts(await exifOf({ IFD2: { DateTimeOriginal: time } })).takenAt).toBeNull();
    }
    const zero = await exifOf({
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' },
    });
    expect(readPhotoFacts(zero).location).toBeNull();
    const noRef = await exifOf({ IFD3: { GPSLatitude: '35/1 0/1 0/1', GPSLongitude: '139/1 0/1 0/1' } });
    expect(readPhotoFacts(noRef).location).toBeNull();
    expect(readPhotoFacts(await exifOf({ IFD0: { Make: 'only a make' } }))).toEqual({ takenAt: null, location: null });
    expect(readPhotoFacts(undefined)).toEqual({ takenAt: null, location: null });
  });

  it('never throws on malformed or hostile bytes', () => {
    const good = bigEndianGps();
    const cases: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from('Exif\0\0'),
      Buffer.from('not a tiff at all'),
      good.subarray(0, 30),
      good.subarray(0, 110),
      Buffer.concat([Buffer.from('MM\0\x2a'), Buffer.from([0xff, 0xff, 0xff, 0xff])]),
    ];
    // An IFD pointing at itself, and entries whose values lie past the end.
    const loop = Buffer.from(good);
    loop.writeUInt32BE(8, 18);
    cases.push(loop);
    const outside = Buffer.from(good);
    outside.writeUInt32BE(0xfffffff0, 28 + 12 + 8);
    cases.push(outside);
    for (let i = 0; i < 200; i++) {
      const fuzzed = Buffer.from(good);
      fuzzed[8 + Math.floor(Math.random() * 150)] = Math.floor(Math.random() * 256);
      cases.push(fuzzed);
    }
    for (const c of cases) expect(() => readPhotoFacts(c)).not.toThrow();
    expect(readPhotoFacts(outside).location).toBeNull();
  });
});
