import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import type { ServiceContext } from '../src/platform/context/context.js';
import type { Actor } from '../src/platform/context/actor.js';
import { inTransaction } from '../src/platform/db/transaction.js';
import { AppError } from '../src/platform/errors/app-error.js';
import { mediaModule } from '../src/modules/media/index.js';
import { createMediaStore } from '../src/modules/media/create-media-store.js';
import { InvalidMediaKeyError, mediaKey, type MediaStore } from '../src/modules/media/media-store.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { PDF, phonePhoto, png } from './support/images.js';
import { startS3Server, type S3TestServer } from './support/s3-server.js';
import { startTestServer, testEnv, type TestServer } from './support/test-server.js';

const mediaDir = mkdtempSync(join(tmpdir(), 'machi-media-int-'));
let t: TestServer;
let f: Factories;
let s3: S3TestServer;
/** Who may read each test record's media: the record's id → staff and resident ids. */
const readers = new Map<string, Set<string>>();

beforeAll(async () => {
  s3 = await startS3Server();
  t = await startTestServer({ MEDIA_DIR: mediaDir });
  f = new Factories(t);
  const media = t.app.modules.media.media;
  // A feature's owner policy, as forms or reports will register theirs.
  media.registerOwner('test.record', {
    async canRead(ctx, ownerId) {
      const id = ctx.actor.kind === 'resident' ? ctx.actor.residentId : ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
      return id !== null && (readers.get(ownerId)?.has(id) ?? false);
    },
  });
  media.registerUploadPolicy('test.photo', {
    maxBytes: 5 * 1024 * 1024,
    allowedTypes: ['image/jpeg', 'image/png'],
    visibility: 'PRIVATE',
    image: { maxEdge: 1024, thumbnailEdge: 16, readLocationAndTime: true },
    uploaders: { residents: true, anonymous: false },
  });
  // Public like `line-image`, which needs an https PUBLIC_URL (media-line-image.int.test.ts); this server's is http.
  media.registerUploadPolicy('test.public', {
    maxBytes: 5 * 1024 * 1024,
    allowedTypes: ['image/jpeg', 'image/png'],
    visibility: 'PUBLIC',
    image: { maxEdge: 2048, thumbnailEdge: 240 },
    uploaders: { residents: false, anonymous: false },
  });
  media.registerUploadPolicy('test.tiny', {
    maxBytes: 1024,
    allowedTypes: ['image/png', 'application/pdf'],
    visibility: 'PRIVATE',
    image: { maxEdge: 64, thumbnailEdge: 0 },
    uploaders: { residents: true, anonymous: true },
  });
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function storedFiles(): string[] {
  return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(mediaDir, join(e.parentPath, e.name)))
    .sort();
}

async function rows(): Promise<number> {
  return Number((await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from media_object`))[0]!.n);
}

interface Upload {
  status: number;
  body: any;
  headers: Headers;
}

async function upload(
  bytes: Buffer,
  options: { headers?: Record<string, string>; policy?: string; contentType?: string } = {},
): Promise<Upload> {
  const query = options.policy ? `?policy=${encodeURIComponent(options.policy)}` : '';
  const res = await fetch(`${t.url}/media/uploads${query}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/octet-stream', ...options.headers },
    body: bytes,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(`${t.url}${path}`, { headers });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** A POST over node:http, so a body can be sent in chunks and an early answer still be read. */
function rawPost(path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.url}${path}`, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString() || 'null') }));
    });
    // The server may close the connection after answering early: the answer is what counts.
    req.on('error', (err) =>
      (err as { code?: string }).code === 'EPIPE' || (err as { code?: string }).code === 'ECONNRESET' ? undefined : reject(err),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

function contextOf(actor: Actor): ServiceContext {
  return { em: t.app.orm.em.fork(), actor, meta: { requestId: randomUUID(), ip: null, userAgent: null, trace: { auditWrites: 0 } } };
}

async function attachAs(actor: Actor, mediaId: string, ownerId: string, uploadToken?: string) {
  const media = t.app.modules.media.media;
  return inTransaction(contextOf(actor), (tx) => media.attach(tx, mediaId, 'test.record', ownerId, uploadToken ? { uploadToken } : {}));
}

async function codeOf(work: Promise<unknown>): Promise<{ code: unknown; reason: unknown; message: string }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, reason: err.extensions['reason'], message: err.message };
    throw err;
  }
  throw new Error('was not refused');
}

const MEDIA_OBJECT = `query($id: ID!) { mediaObject(id: $id) { id visibility contentType byteSize width height url thumbnailUrl createdAt } }`;

// --- The two stores: one contract ----------------------------------------------------------------

describe.each(['local', 's3'] as const)('the %s media store (one contract, run against both)', (kind) => {
  let store: MediaStore;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'machi-media-contract-'));
    store = createMediaStore(loadConfig(testEnv(t.databaseUrl, kind === 'local' ? { MEDIA_DIR: dir } : s3.env)));
    expect(store.kind).toBe(kind);
  });

  it('stores an object, reads it whole or as a stream, replaces it, and deletes it (twice is fine)', async () => {
    const key = mediaKey(randomUUID(), 'original');
    expect(await store.exists(key)).toBe(false);
    expect(await store.getBuffer(key)).toBeNull();
    expect(await store.getStream(key)).toBeNull();

    const bytes = randomBytes(1_500_000);
    await store.put(key, bytes, { contentType: 'image/jpeg', byteSize: bytes.length });
    expect(await store.exists(key)).toBe(true);
    expect(sha((await store.getBuffer(key))!)).toBe(sha(bytes));
    const opened = (await store.getStream(key))!;
    expect(opened.byteSize).toBe(bytes.length);
    expect(sha(await collect(opened.body))).toBe(sha(bytes));

    await store.put(key, Buffer.from('replaced'), { contentType: 'image/jpeg', byteSize: 8 });
    expect((await store.getBuffer(key))!.toString()).toBe('replaced');

    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.getBuffer(key)).toBeNull();
    await store.delete(key);
  });

  it('takes a stream of the declared length', async () => {
    const key = mediaKey(randomUUID(), 'thumbnail');
    const parts = [randomBytes(70_000), randomBytes(30_000), randomBytes(5)];
    await store.put(key, Readable.from(parts), { contentType: 'image/png', byteSize: 100_005 });
    expect(sha((await store.getBuffer(key))!)).toBe(sha(Buffer.concat(parts)));
    await store.delete(key);
  });

  it('refuses any key the server did not make', async () => {
    for (const key of ['../escape', `ab/${randomUUID()}/../../../escape`, '/etc/passwd', 'photo.jpg']) {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain', byteSize: 1 })).rejects.toBeInstanceOf(
        InvalidMediaKeyError,
      );
      await expect(store.getStream(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
    }
  });
});

// --- Uploads: checked on the bytes ----------------------------------------------------------------

describe('uploads', () => {
  it('detects the type from the bytes: a PNG sent as a PDF is a PNG, text sent as a JPEG is refused and nothing is kept', async () => {
    const staff = await f.newStaff({ permissions: ['media.upload', 'media.read'] });
    const asPdf = await upload(await png(40, 30), { headers: { cookie: staff.cookie }, contentType: 'application/pdf' });
    expect(asPdf.status).toBe(201);
    expect(asPdf.body).toMatchObject({ contentType: 'image/png', width: 40, height: 30 });
    expect(asPdf.body.url).toBe(`${t.config.PUBLIC_URL}/media/${asPdf.body.id}`);

    const before = { rows: await rows(), files: storedFiles() };
    const text = await upload(Buffer.from('これは画像ではありません。ファイル名が photo.jpg でも。'), {
      headers: { cookie: staff.cookie },
      contentType: 'image/jpeg',
    });
    expect(text.status).toBe(400);
    expect(text.body.errors[0]).toMatchObject({
      message: 'ファイルの種類が対応していません（JPEG・PNG・WebP・AVIF・PDF のみ）',
      extensions: { code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' },
    });
    expect(await rows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);

    // A policy's own list: the tiny one takes PNG and PDF only.
    const resident = await f.newResident();
    const tinyJpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    expect(tinyJpeg.length).toBeLessThan(1024);
    const jpeg = await upload(tinyJpeg, { headers: { cookie: resident.cookie }, policy: 'test.tiny' });
    expect(jpeg.body.errors[0].message).toBe('ファイルの種類が対応していません（PNG・PDF のみ）');
  });

  it('refuses a file over the size limit at the HTTP layer (declared or streamed) and in the service, storing nothing', async () => {
    const resident = await f.newResident();
    const before = { rows: await rows(), files: storedFiles() };
    const big = Buffer.concat([await png(8, 8), randomBytes(2000)]);

    const declared = await rawPost(
      '/media/uploads?policy=test.tiny',
      { cookie: resident.cookie, 'content-type': 'image/png', 'content-length': String(big.length) },
      [big],
    );
    expect(declared.status).toBe(413);
    expect(declared.body.errors[0]).toMatchObject({
      message: 'ファイルが大きすぎます（上限 1KB）',
      extensions: { code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' },
    });
    const streamed = await rawPost('/media/uploads?policy=test.tiny', { cookie: resident.cookie, 'content-type': 'image/png' }, [
      big.subarray(0, 700),
      big.subarray(700, 1400),
      big.subarray(1400),
    ]);
    expect(streamed.status).toBe(413);

    // Callers inside the server (a feature ingesting bytes it fetched) meet the same limit.
    const policy = t.app.modules.media.media.uploadPolicy('test.tiny')!;
    expect(await codeOf(t.app.modules.media.media.ingest(contextOf({ kind: 'system', name: 'test' }), big, policy))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'FILE_TOO_LARGE',
      message: 'ファイルが大きすぎます（上限 1KB）',
    });
    expect(await rows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);

    // Just under the limit is fine.
    const small = await upload(await png(8, 8), { headers: { cookie: resident.cookie }, policy: 'test.tiny' });
    expect(small.status).toBe(201);
  });

  it('keeps nothing of an upload whose client goes away half way, and goes on serving', async () => {
    const resident = await f.newResident();
    const before = { rows: await rows(), files: storedFiles() };
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${t.url}/media/uploads`, {
        method: 'POST',
        headers: { cookie: resident.cookie, 'content-type': 'image/png', 'content-length': '50000' },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(1000));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(await rows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  });

  it('stores photos upright, re-encoded without EXIF, with GPS and time read first when the policy asks', async () => {
    const resident = await f.newResident();
    const photo = await phonePhoto();
    const res = await upload(photo, { headers: { cookie: resident.cookie }, policy: 'test.photo', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/jpeg', width: 32, height: 64 });

    // The stored bytes themselves, read back from the store.
    const store = createMediaStore(t.config);
    const stored = (await store.getBuffer(mediaKey(res.body.id, 'original')))!;
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('MachiCam'))).toBe(false);
    const thumb = await sharp((await store.getBuffer(mediaKey(res.body.id, 'thumbnail')))!).metadata();
    expect([thumb.width, thumb.height, thumb.exif]).toEqual([8, 16, undefined]);

    // Time and position were kept (the position encrypted: it is personal data).
    const [row] = await sql<{ taken_at: Date; location: string; sha256: string; byte_size: number }>(
      t.databaseUrl,
      `select taken_at, location, sha256, byte_size from media_object where id = $1`,
      [res.body.id],
    );
    expect(row!.taken_at).toEqual(new Date('2026-11-03T05:25:36Z'));
    expect(row!.location).toMatch(/^v1\./);
    expect(row!.location).not.toContain('35.6');
    expect([row!.sha256, row!.byte_size]).toEqual([sha(stored), stored.length]);
    const { MediaObject } = await import('../src/modules/media/media-object.entity.js');
    const entity = await t.app.orm.em.fork().findOneOrFail(MediaObject, { id: res.body.id });
    expect(t.app.modules.media.media.locationOf(entity)).toEqual({ latitude: 35.6895833, longitude: 139.76 });

    // The general attachment policy does not ask: nothing is read, EXIF is still gone.
    const plain = await upload(photo, { headers: { cookie: resident.cookie } });
    const [plainRow] = await sql<{ taken_at: Date | null; location: string | null }>(
      t.databaseUrl,
      `select taken_at, location from media_object where id = $1`,
      [plain.body.id],
    );
    expect(plainRow).toEqual({ taken_at: null, location: null });
    expect((await sharp((await store.getBuffer(mediaKey(plain.body.id, 'original')))!).metadata()).exif).toBeUndefined();
  });

  it('refuses decompression bombs and broken images with a clear message', async () => {
    const { pngClaiming, truncatedJpeg } = await import('./support/images.js');
    const resident = await f.newResident();
    const before = await rows();
    const bomb = await upload(pngClaiming(60_000, 60_000), { headers: { cookie: resident.cookie } });
    expect(bomb.status).toBe(400);
    expect(bomb.body.errors[0].extensions.reason).toBe('IMAGE_TOO_MANY_PIXELS');
    const broken = await upload(await truncatedJpeg(), { headers: { cookie: resident.cookie } });
    expect(broken.body.errors[0]).toMatchObject({
      message: '画像を読み込めませんでした。ファイルが壊れていないか確認してください。',
      extensions: { reason: 'IMAGE_UNREADABLE' },
    });
    expect(await rows()).toBe(before);
  });

  it('serves non-images as downloads and says what was stored', async () => {
    const staff = await f.newStaff({ permissions: ['media.upload', 'media.read'] });
    const pdf = await upload(PDF, { headers: { cookie: staff.cookie } });
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', byteSize: PDF.length, width: null, height: null, thumbnailUrl: null });
    const res = await get(`/media/${pdf.body.id}`, { cookie: staff.cookie });
    expect(res.status).toBe(200);
    expect(res.body.equals(PDF)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${pdf.body.id}.pdf"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await sql(t.databaseUrl, `select action, actor_id from audit_event where target_id = $1`, [pdf.body.id])).toEqual([
      { action: 'media.upload', actor_id: staff.staff.id },
    ]);
  });

  it('admits uploaders as the policy says, through the one gate for staff', async () => {
    const photo = await png();
    const noPermission = await f.newStaff({ permissions: ['media.read'] });
    expect((await upload(photo, { headers: { cookie: noPermission.cookie } })).status).toBe(403);
    const unenrolled = await f.newStaff({ permissions: ['media.upload'], totpEnrolmentRequired: true });
    const gated = await upload(photo, { headers: { cookie: unenrolled.cookie } });
    expect([gated.status, gated.body.errors[0].extensions.reason]).toEqual([403, 'TOTP_ENROLMENT_REQUIRED']);
    const key = await f.newApiKey({ permissions: ['media.upload'] });
    expect((await upload(photo, { headers: { authorization: `Bearer ${key.secret}` } })).status).toBe(201);

    const resident = await f.newResident();
    const publicByResident = await upload(photo, { headers: { cookie: resident.cookie }, policy: 'line-image' });
    expect([publicByResident.status, publicByResident.body.errors[0].extensions.reason]).toEqual([403, 'UPLOAD_NOT_ALLOWED']);
    expect((await upload(photo, { policy: 'line-image' })).status).toBe(401);
    expect((await upload(photo, { headers: { cookie: resident.cookie }, policy: 'no-such-policy' })).body.errors[0].extensions.reason).toBe(
      'UNKNOWN_UPLOAD_POLICY',
    );
    // A form post (what another site could send with the visitor's cookies) or a compressed body: never.
    for (const contentType of ['multipart/form-data; boundary=x', 'text/plain', 'application/x-www-form-urlencoded']) {
      expect((await upload(photo, { headers: { cookie: resident.cookie }, contentType })).status).toBe(415);
    }
    expect((await upload(photo, { headers: { cookie: resident.cookie, 'content-encoding': 'gzip' } })).status).toBe(415);
  });

  it('rate-limits residents and anonymous clients', async () => {
    const resident = await f.newResident();
    const junk = Buffer.from('not a file');
    for (let i = 0; i < 30; i++) expect((await upload(junk, { headers: { cookie: resident.cookie } })).status).toBe(400);
    const limited = await upload(await png(), { headers: { cookie: resident.cookie } });
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another resident, and staff, are not held up by it.
    expect((await upload(await png(), { headers: { cookie: (await f.newResident()).cookie } })).status).toBe(201);

    const from = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 30; i++) expect((await upload(junk, { headers: from })).status).toBe(400);
    expect((await upload(await png(), { headers: from })).status).toBe(429);
    expect((await upload(await png(), { headers: { 'x-forwarded-for': '203.0.113.78' } })).status).toBe(201);
  });
});

// --- Who may read what ----------------------------------------------------------------------------

describe('private media', () => {
  it('is its uploader’s alone until attached; then the owner’s policy decides', async () => {
    const a = await f.newResident();
    const b = await f.newResident();
    const reader = await f.newStaff({ permissions: ['media.read'] });
    const res = await upload(await phonePhoto(), { headers: { cookie: a.cookie } });
    const id = res.body.id as string;

    const asA = await get(`/media/${id}`, { cookie: a.cookie });
    expect(asA.status).toBe(200);
    expect(asA.headers.get('content-type')).toBe('image/jpeg');
    expect(asA.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asA.headers.get('cache-control')).toBe('private, no-store');
    expect(asA.headers.get('content-disposition')).toBeNull();
    expect((await get(`/media/${id}/thumbnail`, { cookie: a.cookie })).status).toBe(200);
    for (const headers of [{ cookie: b.cookie }, {}, { cookie: reader.cookie }] as Array<Record<string, string>>) {
      expect((await get(`/media/${id}`, headers)).status).toBe(404);
      expect((await get(`/media/${id}/thumbnail`, headers)).status).toBe(404);
    }
    expect((await get(`/media/public/${id}`)).status).toBe(404);
    expect(await reader.client.code(MEDIA_OBJECT, { id })).toBe('NOT_FOUND');

    // Only the uploader may attach it; another resident's attempt is NOT_FOUND, like a made-up id.
    const record = randomUUID();
    readers.set(record, new Set([b.resident.id, reader.staff.id]));
    const residentActor = (r: { resident: { id: string } }): Actor => ({ kind: 'resident', residentId: r.resident.id, sessionId: 'test' });
    expect((await codeOf(attachAs(residentActor(b), id, record))).code).toBe('NOT_FOUND');
    expect((await codeOf(attachAs(residentActor(a), randomUUID(), record))).code).toBe('NOT_FOUND');
    const attached = await attachAs(residentActor(a), id, record);
    expect([attached.ownerType, attached.ownerId]).toEqual(['test.record', record]);
    expect((await attachAs(residentActor(a), id, record)).ownerId).toBe(record);
    expect((await codeOf(attachAs(residentActor(a), id, randomUUID()))).code).toBe('NOT_FOUND');

    // The owner policy lets b and the staff reader in, and no longer the uploader.
    expect((await get(`/media/${id}`, { cookie: a.cookie })).status).toBe(404);
    const asB = await get(`/media/${id}`, { cookie: b.cookie });
    expect(asB.status).toBe(200);
    expect(asB.body.equals(asA.body)).toBe(true);
    expect((await get(`/media/${id}`, { cookie: reader.cookie })).status).toBe(200);
    const viaApi = await reader.client.ok(MEDIA_OBJECT, { id });
    expect(viaApi.mediaObject).toMatchObject({
      id,
      visibility: 'PRIVATE',
      contentType: 'image/jpeg',
      width: 32,
      height: 64,
      url: `${t.config.PUBLIC_URL}/media/${id}`,
      thumbnailUrl: `${t.config.PUBLIC_URL}/media/${id}/thumbnail`,
    });
    // Staff need media.read through the gate as well as the owner's leave.
    const withoutRead = await f.newStaff({ permissions: [] });
    readers.get(record)!.add(withoutRead.staff.id);
    expect((await get(`/media/${id}`, { cookie: withoutRead.cookie })).status).toBe(403);

    const listed = await t.app.modules.media.media.listForOwners(contextOf(residentActor(b)), 'test.record', [record, randomUUID()]);
    expect(listed.get(record)!.map((m) => m.id)).toEqual([id]);
  });

  it('knows an anonymous uploader by the upload token it was given', async () => {
    const res = await upload(await png(), { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(res.status).toBe(201);
    const token = res.body.uploadToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.getSetCookie().join()).toMatch(
      new RegExp(`machi_upload=${token}; Max-Age=86400; Path=/media; HttpOnly; SameSite=Lax`),
    );
    const id = res.body.id as string;
    expect((await get(`/media/${id}`, { cookie: `machi_upload=${token}` })).status).toBe(200);
    expect((await get(`/media/${id}`, { 'x-upload-token': token })).status).toBe(200);
    expect((await get(`/media/${id}`)).status).toBe(404);
    expect((await get(`/media/${id}`, { 'x-upload-token': randomBytes(32).toString('base64url') })).status).toBe(404);
    // The same browser keeps its token for its next upload.
    const again = await upload(await png(), { headers: { 'x-forwarded-for': '198.51.100.9', cookie: `machi_upload=${token}` } });
    expect(again.body.uploadToken).toBe(token);

    const anonymous: Actor = { kind: 'anonymous' };
    const record = randomUUID();
    expect((await codeOf(attachAs(anonymous, id, record))).code).toBe('NOT_FOUND');
    expect((await attachAs(anonymous, id, record, token)).ownerId).toBe(record);
  });
});

describe('public media', () => {
  it('is served to anyone at a stable, cacheable URL', async () => {
    const staff = await f.newStaff({ permissions: ['media.upload'] });
    const image = await png(300, 200, '#2266cc');
    const res = await upload(image, { headers: { cookie: staff.cookie }, policy: 'test.public' });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body.url).toBe(`${t.config.PUBLIC_URL}/media/public/${id}`);
    expect(res.body.thumbnailUrl).toBe(`${t.config.PUBLIC_URL}/media/public/${id}/thumbnail`);

    const first = await get(`/media/public/${id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${sha(first.body)}"`);
    expect(Number(first.headers.get('content-length'))).toBe(first.body.length);
    expect((await get(`/media/public/${id}`, { 'if-none-match': etag })).status).toBe(304);

    const thumb = await get(`/media/public/${id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect((await sharp(thumb.body).metadata()).width).toBe(240);
    expect(thumb.headers.get('etag')).not.toBe(etag);
    expect((await fetch(`${t.url}/media/public/${id}`, { method: 'HEAD' })).headers.get('content-length')).toBe(String(first.body.length));

    // Only at its public URL: the private route does not serve it.
    expect((await get(`/media/${id}`, { cookie: staff.cookie })).status).toBe(404);
    expect((await get(`/media/public/${randomUUID()}`)).status).toBe(404);
    expect((await get(`/media/public/not-an-id`)).status).toBe(404);
    // Imagemap widths only for the policies that serve them.
    expect(res.body.imagemapBaseUrl).toBeNull();
    expect((await get(`/media/public/${id}/imagemap/240`)).status).toBe(404);
  });

  it('refuses LINE images under an http PUBLIC_URL, which LINE would never fetch, storing nothing', async () => {
    expect(t.config.PUBLIC_URL.startsWith('http://')).toBe(true);
    const staff = await f.newStaff({ permissions: ['deliveries.manage'] });
    const before = await rows();
    const res = await upload(await png(), { headers: { cookie: staff.cookie }, policy: 'line-image' });
    expect([res.status, res.body.errors[0].extensions.reason]).toEqual([400, 'PUBLIC_URL_NOT_HTTPS']);
    expect(res.body.errors[0].message).toContain('LINEは https の画像しか取得できないため');
    expect(await rows()).toBe(before);
  });
});

// --- Purging what nobody attached -------------------------------------------------------------------

describe('the purge job', () => {
  it('deletes uploads left unattached for 24 hours, rows and bytes, and keeps the rest', async () => {
    const resident = await f.newResident();
    const residentActor: Actor = { kind: 'resident', residentId: resident.resident.id, sessionId: 'test' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await upload(await png(), { headers: { cookie: resident.cookie } })).body.id);
    const [oldUnattached, oldAttached, fresh] = ids as [string, string, string];
    await attachAs(residentActor, oldAttached, randomUUID());
    await sql(t.databaseUrl, `update media_object set created_at = now() - interval '25 hours' where id = any($1::uuid[])`, [
      [oldUnattached, oldAttached],
    ]);

    const job = mediaModule.jobs!.jobs.find((j) => j.name === 'media.purgeUnattached')!;
    await job.run(
      { id: 'test', data: {}, touch: async () => undefined },
      {
        services: t.app.modules.media,
        logger: t.app.logger,
        scheduler: t.app.scheduler,
      },
    );

    const left = await sql<{ id: string }>(t.databaseUrl, `select id from media_object where id = any($1::uuid[])`, [ids]);
    expect(left.map((r) => r.id).sort()).toEqual([oldAttached, fresh].sort());
    const store = createMediaStore(t.config);
    expect(await store.exists(mediaKey(oldUnattached, 'original'))).toBe(false);
    expect(await store.exists(mediaKey(oldUnattached, 'thumbnail'))).toBe(false);
    expect(await store.exists(mediaKey(oldAttached, 'original'))).toBe(true);
    expect(await store.exists(mediaKey(fresh, 'original'))).toBe(true);
    expect((await get(`/media/${oldUnattached}`, { cookie: resident.cookie })).status).toBe(404);
    const audit = await sql<{ summary: string }>(t.databaseUrl, `select summary from audit_event where action = 'media.purgeUnattached'`);
    expect(audit.map((a) => JSON.parse(a.summary).deleted)).toContain(1);
    expect(await t.app.modules.media.media.purgeUnattached()).toEqual({ deleted: 0 });
  });
});

// --- The whole path on S3 ---------------------------------------------------------------------------

describe('with MEDIA_STORE=s3', () => {
  it('uploads into the bucket and serves from it', async () => {
    // An https PUBLIC_URL, as LINE images need.
    const onS3 = await startTestServer({ ...s3.env, PUBLIC_URL: 'https://line.city.example.jp' });
    try {
      const staff = await new Factories(onS3).newStaff({ permissions: ['deliveries.manage'] });
      const res = await fetch(`${onS3.url}/media/uploads?policy=line-image`, {
        method: 'POST',
        headers: { cookie: staff.cookie, 'content-type': 'image/png' },
        body: await png(50, 50),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const served = await fetch(`${onS3.url}/media/public/${id}`);
      expect(served.status).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      const bucket = createMediaStore(onS3.config);
      expect(bucket.kind).toBe('s3');
      expect((await bucket.getBuffer(mediaKey(id, 'original')))!.equals(bytes)).toBe(true);
      expect(await bucket.exists(mediaKey(id, 'thumbnail'))).toBe(true);
      expect((await fetch(`${onS3.url}/media/public/${id}/imagemap/240`)).status).toBe(200);
      expect(await bucket.exists(mediaKey(id, 'imagemap-240'))).toBe(true);
    } finally {
      await onS3.close();
    }
  });
});
