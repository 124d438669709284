/**
 * The few EXIF tags a feature may want from a photo before EXIF is removed: when it was taken
 * (DateTimeOriginal with OffsetTimeOriginal) and where (GPS latitude, longitude, altitude).
 * sharp's `metadata().exif` is the raw APP1 payload: `Exif\0\0` and a TIFF structure. The bytes
 * come from strangers, so every offset is bounds-checked and anything malformed reads as absent.
 */

export interface GeoPosition {
  readonly latitude: number;
  readonly longitude: number;
  /** Metres above sea level, when the photo says. */
  readonly altitude?: number;
}

export interface PhotoFacts {
  readonly takenAt: Date | null;
  readonly location: GeoPosition | null;
}

const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const GPS_LATITUDE_REF = 1;
const GPS_LATITUDE = 2;
const GPS_LONGITUDE_REF = 3;
const GPS_LONGITUDE = 4;
const GPS_ALTITUDE_REF = 5;
const GPS_ALTITUDE = 6;

/** Bytes per value of each TIFF field type. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };
const MAX_ENTRIES = 500;

/** When no OffsetTimeOriginal says otherwise, a camera's clock is taken to be Japan time (UTC+9). */
const DEFAULT_OFFSET_MINUTES = 9 * 60;

interface Entry {
  readonly type: number;
  readonly count: number;
  /** Where the values start in the TIFF buffer. */
  readonly at: number;
}

class Tiff {
  private constructor(
    private readonly buf: Buffer,
    private readonly little: boolean,
  ) {}

  static open(exif: Buffer): Tiff | null {
    const buf = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
    if (buf.length < 8) return null;
    const order = buf.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return null;
    const tiff = new Tiff(buf, order === 'II');
    return tiff.u16(2) === 42 ? tiff : null;
  }

  u16(at: number): number | null {
    if (at < 0 || at + 2 > this.buf.length) return null;
    return this.little ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }

  u32(at: number): number | null {
    if (at < 0 || at + 4 > this.buf.length) return null;
    return this.little ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }

  firstIfd(): number | null {
    return this.u32(4);
  }

  /** The entries of the IFD at `offset`, by tag. */
  ifd(offset: number | null): Map<number, Entry> {
    const entries = new Map<number, Entry>();
    if (offset === null || offset < 8) return entries;
    const count = this.u16(offset);
    if (count === null || count > MAX_ENTRIES) return entries;
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      const tag = this.u16(at);
      const type = this.u16(at + 2);
      const n = this.u32(at + 4);
      if (tag === null || type === null || n === null) break;
      const size = TYPE_SIZE[type];
      if (!size) continue;
      const bytes = size * n;
      const valueAt = bytes <= 4 ? at + 8 : this.u32(at + 8);
      if (valueAt === null || valueAt + bytes > this.buf.length) continue;
      entries.set(tag, { type, count: n, at: valueAt });
    }
    return entries;
  }

  ascii(entry: Entry | undefined): string | null {
    if (!entry || entry.type !== 2) return null;
    return this.buf.toString('latin1', entry.at, entry.at + entry.count).replace(/\0[\s\S]*$/, '');
  }

  long(entry: Entry | undefined): number | null {
    if (!entry || entry.count < 1) return null;
    if (entry.type === 4) return this.u32(entry.at);
    if (entry.type === 3) return this.u16(entry.at);
    return null;
  }

  byte(entry: Entry | undefined): number | null {
    if (!entry || entry.count < 1 || (entry.type !== 1 && entry.type !== 7)) return null;
    return this.buf[entry.at] ?? null;
  }

  /** Unsigned rationals (type 5); null when any denominator is zero. */
  rationals(entry: Entry | undefined, count: number): number[] | null {
    if (!entry || entry.type !== 5 || entry.count < count) return null;
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const numerator = this.u32(entry.at + i * 8);
      const denominator = this.u32(entry.at + i * 8 + 4);
      if (numerator === null || !denominator) return null;
      out.push(numerator / denominator);
    }
    return out;
  }
}

/** Degrees, minutes, seconds and a hemisphere to signed degrees within `limit`. */
function degrees(dms: number[] | null, ref: string | null, negative: string, positive: string, limit: number): number | null {
  if (!dms || (ref !== negative && ref !== positive)) return null;
  const [d, m, s] = dms as [number, number, number];
  if (m >= 60 || s >= 60) return null;
  const value = d + m / 60 + s / 3600;
  if (!Number.isFinite(value) || value > limit) return null;
  return Math.round((ref === negative ? -value : value) * 1e7) / 1e7;
}

function location(tiff: Tiff, gpsOffset: number | null): GeoPosition | null {
  const gps = tiff.ifd(gpsOffset);
  const latitude = degrees(tiff.rationals(gps.get(GPS_LATITUDE), 3), tiff.ascii(gps.get(GPS_LATITUDE_REF)), 'S', 'N', 90);
  const longitude = degrees(tiff.rationals(gps.get(GPS_LONGITUDE), 3), tiff.ascii(gps.get(GPS_LONGITUDE_REF)), 'W', 'E', 180);
  // Cameras without a fix write zeros: "null island" is no position.
  if (latitude === null || longitude === null || (latitude === 0 && longitude === 0)) return null;
  const altitude = tiff.rationals(gps.get(GPS_ALTITUDE), 1)?.[0];
  if (altitude === undefined || !Number.isFinite(altitude)) return { latitude, longitude };
  const below = tiff.byte(gps.get(GPS_ALTITUDE_REF)) === 1;
  return { latitude, longitude, altitude: Math.round((below ? -altitude : altitude) * 100) / 100 };
}

function takenAt(tiff: Tiff, exifOffset: number | null): Date | null {
  const exif = tiff.ifd(exifOffset);
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(tiff.ascii(exif.get(TAG_DATE_TIME_ORIGINAL))?.trim() ?? '');
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // A time that does not exist (2026:02:30, 0000:00:00, 25:00:00) would roll over: absent instead.
  const exact =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  if (!exact || y < 1900) return null;
  const offset = /^([+-])(0\d|1[0-4]):([0-5]\d)$/.exec(tiff.ascii(exif.get(TAG_OFFSET_TIME_ORIGINAL))?.trim() ?? '');
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : DEFAULT_OFFSET_MINUTES;
  return new Date(local.getTime() - minutes * 60_000);
}

/** Reads the shooting time and position from a raw EXIF block; absent or malformed parts are null. */
export function readPhotoFacts(exif: Buffer | undefined): PhotoFacts {
  const tiff = exif ? Tiff.open(exif) : null;
  if (!tiff) return { takenAt: null, location: null };
  const ifd0 = tiff.ifd(tiff.firstIfd());
  return {
    takenAt: takenAt(tiff, tiff.long(ifd0.get(TAG_EXIF_IFD))),
    location: location(tiff, tiff.long(ifd0.get(TAG_GPS_IFD))),
  };
}
