import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaStore } from '../src/modules/media/create-media-store.js';
import { IMAGEMAP_WIDTHS } from '../src/modules/media/media-policy.js';
import { mediaKey } from '../src/modules/media/media-store.js';
import { inTransaction } from '../src/platform/db/transaction.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { png } from './support/images.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The `line-image` upload policy: images staff send in LINE messages from the delivery composer.
 * LINE fetches them itself, so this server's PUBLIC_URL is https (media.int.test.ts has the http
 * refusal).
 */

const PUBLIC_URL = 'https://line.city.example.jp';
const mediaDir = mkdtempSync(join(tmpdir(), 'machi-line-image-int-'));
let t: TestServer;
let f: Factories;

beforeAll(async () => {
  t = await startTestServer({ MEDIA_DIR: mediaDir, PUBLIC_URL });
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

async function upload(bytes: Buffer, cookie: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/media/uploads?policy=line-image`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', cookie },
    body: bytes,
  });
  return { status: res.status, body: await res.json() };
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(`${t.url}${path}`, { headers });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** A path on the test server for a URL on PUBLIC_URL (which names another host). */
const pathOf = (url: string) => {
  expect(url.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  return url.slice(PUBLIC_URL.length);
};

describe('line-image uploads', () => {
  it('need the permission to compose deliveries, not media.upload alone', async () => {
    const image = await png();
    const mediaOnly = await f.newStaff({ permissions: ['media.upload', 'media.read', 'deliveries.read'] });
    const refused = await upload(image, mediaOnly.cookie);
    expect([refused.status, refused.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);

    const composer = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage'] });
    const res = await upload(image, composer.cookie);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body).toMatchObject({
      contentType: 'image/png',
      width: 40,
      height: 30,
      url: `${PUBLIC_URL}/media/public/${id}`,
      thumbnailUrl: `${PUBLIC_URL}/media/public/${id}/thumbnail`,
      imagemapBaseUrl: `${PUBLIC_URL}/media/public/${id}/imagemap`,
    });
    expect(await sql(t.databaseUrl, `select action, actor_id from audit_event where target_id = $1`, [id])).toEqual([
      { action: 'media.upload', actor_id: composer.staff.id },
    ]);
    const served = await get(pathOf(res.body.url as string));
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('serves an imagemap at each of LINE’s widths, resized once and kept, and nothing else', async () => {
    const composer = await f.newStaff({ permissions: ['deliveries.manage'] });
    const res = await upload(await png(1040, 520, '#cc3322'), composer.cookie);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const base = pathOf(res.body.imagemapBaseUrl as string);
    const store = createMediaStore(t.config);

    for (const width of IMAGEMAP_WIDTHS) {
      expect(await store.exists(mediaKey(id, `imagemap-${width}` as const))).toBe(false);
      const first = await get(`${base}/${width}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('image/png');
      expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(first.body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', width, width / 2]);
      expect(await store.exists(mediaKey(id, `imagemap-${width}` as const))).toBe(true);
      // The kept variant the second time: the same bytes, and the ETag of this width.
      const again = await get(`${base}/${width}`);
      expect(again.body.equals(first.body)).toBe(true);
      const etag = again.headers.get('etag')!;
      expect(etag).toMatch(new RegExp(`-imagemap-${width}"$`));
      expect((await get(`${base}/${width}`, { 'if-none-match': etag })).status).toBe(304);
    }
    // A narrower original is enlarged to the width LINE asks for.
    const small = await upload(await png(300, 100), composer.cookie);
    const enlarged = await get(`${pathOf(small.body.imagemapBaseUrl as string)}/1040`);
    expect([enlarged.status, (await sharp(enlarged.body).metadata()).width]).toEqual([200, 1040]);

    expect((await get(`${base}/500`)).status).toBe(404);
    expect((await get(`${base}/abc`)).status).toBe(404);
    expect((await get(`/media/public/${randomUUID()}/imagemap/240`)).status).toBe(404);
  });

  it('are kept by the purge of unattached uploads (messages name them by URL), and removed with their widths otherwise', async () => {
    const composer = await f.newStaff({ permissions: ['deliveries.manage'] });
    const kept = (await upload(await png(), composer.cookie)).body.id as string;
    expect((await get(`/media/public/${kept}/imagemap/240`)).status).toBe(200);
    await sql(t.databaseUrl, `update media_object set created_at = now() - interval '25 hours' where id = $1`, [kept]);

    const media = t.app.modules.media.media;
    await media.purgeUnattached();
    const store = createMediaStore(t.config);
    expect(await sql(t.databaseUrl, `select id from media_object where id = $1`, [kept])).toEqual([{ id: kept }]);
    expect(await store.exists(mediaKey(kept, 'original'))).toBe(true);
    expect((await get(`/media/public/${kept}`)).status).toBe(200);

    // Attached to a record and removed with it, its imagemap widths go too.
    media.registerOwner('test.message', { canRead: async () => true });
    const ownerId = randomUUID();
    await inTransaction(f.systemContext(), (tx) => media.attach(tx, kept, 'test.message', ownerId));
    expect(await store.exists(mediaKey(kept, 'imagemap-240'))).toBe(true);
    expect(await inTransaction(f.systemContext(), (tx) => media.removeForOwner(tx, 'test.message', ownerId))).toBe(1);
    for (const key of [mediaKey(kept, 'original'), mediaKey(kept, 'thumbnail'), mediaKey(kept, 'imagemap-240')]) {
      expect(await store.exists(key)).toBe(false);
    }
  });
});
