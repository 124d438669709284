import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkService } from '../src/modules/links/index.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';

let t: TestServer;
let links: LinkService;
beforeAll(async () => {
  t = await startTestServer();
  links = t.app.modules.links.links;
});
afterAll(async () => {
  await t?.close();
});

const em = () => t.app.orm.em.fork();
const delivery = () => ({ ownerType: 'delivery', ownerId: randomUUID() });
const tokyoDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The redirect's path on the test server (PUBLIC_URL names another host). */
function pathOf(redirectUrl: string): string {
  expect(redirectUrl.startsWith(`${t.config.PUBLIC_URL.replace(/\/$/, '')}/r/`)).toBe(true);
  return new URL(redirectUrl).pathname;
}

async function click(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  const res = await fetch(`${t.url}${path}`, { method, headers, redirect: 'manual' });
  await res.arrayBuffer();
  return res;
}

describe('the redirect', () => {
  it('sends the resident to exactly the composed URL, whatever the request adds, with no-store and no-referrer', async () => {
    const owner = delivery();
    const composed = 'https://www.city.example.jp/kosodate/news?id=42&utm_source=line&utm_medium=message#section-2';
    const map = await links.trackMany(em(), owner, [composed]);
    const path = pathOf(map.get(composed)!);

    for (const suffix of ['', '/', '?next=https://evil.example/', '?url=javascript:alert(1)&redirect=//evil.example']) {
      const res = await click(`${path}${suffix}`, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
      expect(res.status, suffix).toBe(302);
      expect(res.headers.get('location')).toBe(composed);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const head = await click(path, {}, 'HEAD');
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe(composed);
  });

  it('stores and redirects to the normalised URL: Japanese hosts and paths become ASCII', async () => {
    const link = await links.track(em(), { ...delivery(), url: 'https://例え.jp/お知らせ?q=子育て' });
    expect(link.url).toBe('https://xn--r8jz45g.jp/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B?q=%E5%AD%90%E8%82%B2%E3%81%A6');
    const res = await click(pathOf(links.redirectUrl(link.token)));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(link.url);
  });

  it.each([
    ['an unknown token of the right shape', 'Zm9vYmFyYmF6cXV4cXV1'],
    ['a short token', 'abc'],
    ['a UUID', '00000000-0000-0000-0000-000000000000'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['an encoded NUL', `Zm9vYmFyYmF6cXV4cXV1%00`],
    ['traversal', '..%2f..%2f..%2fetc%2fpasswd'],
    ['an emoji', '%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80'],
    ['a token with a further segment', 'Zm9vYmFyYmF6cXV4cXV1/extra'],
    ['nothing', ''],
    ['an over-long token', 'a'.repeat(5000)],
  ])('answers %s with the 404 page and keeps serving', async (_what, token) => {
    const res = await fetch(`${t.url}/r/${token}`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('このリンクは無効です');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('answers other methods on /r/ without a 5xx and goes on redirecting', async () => {
    const link = await links.track(em(), { ...delivery(), url: 'https://www.city.example.jp/' });
    const path = pathOf(links.redirectUrl(link.token));
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PROPFIND']) {
      const res = await fetch(`${t.url}${path}`, { method, body: method === 'OPTIONS' ? undefined : '{"a":', redirect: 'manual' });
      expect(res.status, method).toBeLessThan(500);
      expect(res.headers.get('location'), method).toBeNull();
    }
    const res = await click(path);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://www.city.example.jp/');
  });
});

describe('tracking', () => {
  it('gives the same owner and URL one link and one token; another owner its own', async () => {
    const owner = delivery();
    const url = 'https://www.city.example.jp/gomi/calendar.html';
    const first = await links.track(em(), { ...owner, url, label: 'ごみカレンダー' });
    const again = await links.track(em(), { ...owner, url, label: '別の名前' });
    expect(again.id).toBe(first.id);
    expect(again.token).toBe(first.token);
    expect(again.label).toBe('ごみカレンダー');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const map = await links.trackMany(em(), owner, [url, 'https://www.city.example.jp/gomi/', url]);
    expect(map.get(url)).toBe(links.redirectUrl(first.token));
    expect(map.size).toBe(2);

    const other = await links.track(em(), { ...delivery(), url });
    expect(other.token).not.toBe(first.token);
    const rows = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from tracked_link where owner_id = $1`, [
      owner.ownerId,
    ]);
    expect(rows[0]!.n).toBe(2);
  });

  it('makes many links in one statement and gives each URL as given its redirect', async () => {
    const owner = delivery();
    const urls = Array.from({ length: 50 }, (_, i) => `https://www.city.example.jp/news/${i}?from=line`);
    const map = await links.trackMany(em(), owner, urls);
    expect([...map.keys()]).toEqual(urls);
    expect(new Set(map.values()).size).toBe(50);
    const again = await links.trackMany(em(), owner, [...urls].reverse());
    for (const url of urls) expect(again.get(url)).toBe(map.get(url));
  });

  it('without a LIFF app sends links asked for identified as the plain redirect, and does not mark them so', async () => {
    expect(links.canIdentify).toBe(false);
    const owner = delivery();
    const url = 'https://www.city.example.jp/kosodate';
    const map = await links.trackMany(em(), owner, [url], { identify: true });
    pathOf(map.get(url)!);
    const rows = await sql<{ identified_at: Date | null }>(t.databaseUrl, `select identified_at from tracked_link where owner_id = $1`, [
      owner.ownerId,
    ]);
    expect(rows).toEqual([{ identified_at: null }]);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['javascript: in capitals with spaces', '  JavaScript:alert(1)', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['a user name that hides the host', 'https://www.city.example.jp@evil.example/', 'LINK_URL_HAS_CREDENTIALS'],
    ['a URL over 2000 characters', `https://www.city.example.jp/${'a'.repeat(2000)}`, 'LINK_URL_TOO_LONG'],
    ['text that is no URL', 'www.city.example.jp', 'LINK_URL_INVALID'],
  ])('refuses %s at track time and writes nothing', async (_what, url, reason) => {
    const owner = delivery();
    await expect(links.track(em(), { ...owner, url })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason, fields: { url: expect.any(String) } },
    });
    await expect(links.trackMany(em(), owner, ['https://www.city.example.jp/ok', url])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason, fields: { 'urls.1': expect.any(String) } },
    });
    const rows = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from tracked_link where owner_id = $1`, [
      owner.ownerId,
    ]);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('clicks', () => {
  it('are counted per Tokyo day once the buffer is flushed, added to the day already stored', async () => {
    const owner = delivery();
    const [a, b] = ['https://www.city.example.jp/a', 'https://www.city.example.jp/b'];
    const map = await links.trackMany(em(), owner, [a, b]);
    const linkA = await links.track(em(), { ...owner, url: a });
    const today = tokyoDay(new Date());
    const yesterday = tokyoDay(new Date(Date.now() - 86_400_000));
    await sql(t.databaseUrl, `insert into tracked_link_click (link_id, day, clicks) values ($1, $2, 7)`, [linkA.id, yesterday]);

    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      expect((await click(pathOf(map.get(a)!), { 'x-forwarded-for': ip })).status).toBe(302);
    }
    expect((await click(pathOf(map.get(b)!), { 'x-forwarded-for': '198.51.100.1' })).status).toBe(302);
    // Neither a HEAD nor a browser's prefetch is a tap.
    expect((await click(pathOf(map.get(a)!), {}, 'HEAD')).status).toBe(302);
    expect((await click(pathOf(map.get(a)!), { 'sec-purpose': 'prefetch' })).status).toBe(302);

    const days = await until(async () => {
      const d = await links.clicksByDay(em(), 'delivery', owner.ownerId);
      return d.find((x) => x.day === today)?.clicks === 4 ? d : null;
    });
    expect(days).toEqual([
      { day: yesterday, clicks: 7 },
      { day: today, clicks: 4 },
    ]);
    const counted = (await links.clicks(em(), 'delivery', [owner.ownerId])).get(owner.ownerId)!;
    expect(counted.total).toBe(11);
    expect(counted.links.map((l) => [l.url, l.clicks])).toEqual([
      [a, 10],
      [b, 1],
    ]);

    // The next flush adds to today's row: one row per link and day.
    await click(pathOf(map.get(a)!), { 'x-forwarded-for': '198.51.100.4' });
    await until(async () => (await links.clicksByDay(em(), 'delivery', owner.ownerId)).find((x) => x.day === today)?.clicks === 5);
    const rows = await sql<{ day: string; clicks: number }>(
      t.databaseUrl,
      `select to_char(day, 'YYYY-MM-DD') as day, clicks from tracked_link_click where link_id = $1 order by day`,
      [linkA.id],
    );
    expect(rows).toEqual([
      { day: yesterday, clicks: 7 },
      { day: today, clicks: 4 },
    ]);
  });

  it('beyond 30 a minute from one address on one link are redirected but not counted', async () => {
    const owner = delivery();
    const url = 'https://www.city.example.jp/event';
    const other = 'https://www.city.example.jp/event/map';
    const map = await links.trackMany(em(), owner, [url, other]);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await click(pathOf(map.get(url)!), { 'x-forwarded-for': '203.0.113.7' });
      statuses.push(res.status);
      expect(res.headers.get('location')).toBe(url);
    }
    for (let i = 0; i < 5; i++) statuses.push((await click(pathOf(map.get(url)!), { 'x-forwarded-for': '203.0.113.8' })).status);
    statuses.push((await click(pathOf(map.get(other)!), { 'x-forwarded-for': '203.0.113.7' })).status);
    expect(new Set(statuses)).toEqual(new Set([302]));

    const total = async () => (await links.clicks(em(), 'delivery', [owner.ownerId])).get(owner.ownerId)!;
    await until(async () => (await total()).total >= 36);
    // Two more flushes: nothing else arrives late.
    await new Promise((r) => setTimeout(r, 2_200));
    const counted = await total();
    expect(counted.total).toBe(36);
    expect(counted.links.map((l) => [l.url, l.clicks])).toEqual([
      [url, 35],
      [other, 1],
    ]);
  });

  it('answer every owner asked for, with zero for those without links or clicks', async () => {
    const owner = delivery();
    await links.trackMany(em(), owner, ['https://www.city.example.jp/quiet']);
    const none = randomUUID();
    const result = await links.clicks(em(), 'delivery', [owner.ownerId, none]);
    expect(result.get(owner.ownerId)).toMatchObject({ total: 0, links: [{ url: 'https://www.city.example.jp/quiet', clicks: 0 }] });
    expect(result.get(none)).toEqual({ ownerId: none, total: 0, links: [] });
    expect(await links.clicksByDay(em(), 'delivery', none)).toEqual([]);
  });

  it('still buffered when the app stops are written by the stop hook', async () => {
    const parts = t.app.created.find((c) => c.manifest.name === 'links')!.parts;
    const sum = async (id: string) =>
      (
        await sql<{ n: number }>(t.databaseUrl, `select coalesce(sum(clicks), 0)::int as n from tracked_link_click where link_id = $1`, [
          id,
        ])
      )[0]!.n;
    // Five clicks at once, then stop before the next flush; tried again if a flush came between.
    for (let attempt = 0; ; attempt++) {
      const link = await links.track(em(), { ...delivery(), url: 'https://www.city.example.jp/last' });
      const path = pathOf(links.redirectUrl(link.token));
      await Promise.all(Array.from({ length: 5 }, (_, i) => click(path, { 'x-forwarded-for': `192.0.2.${i + 1}` })));
      if ((await sum(link.id)) === 5 && attempt < 3) continue;
      expect(await sum(link.id)).toBeLessThan(5);
      await parts.stop?.();
      expect(await sum(link.id)).toBe(5);
      return;
    }
  });
});
