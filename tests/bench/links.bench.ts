/**
 * `npm run bench:links`: residents tapping click-tracked links (`GET /r/:token`, SEG-15) right after
 * a delivery.
 *
 * One server (NODE_ENV=production) on a throwaway PostgreSQL, migrated and seeded. BENCH_LINKS
 * links (default 1,000, as a few hundred deliveries would make) are inserted directly. A cold pass
 * taps each link once (the first tap of a link looks its token up in PostgreSQL), then
 * BENCH_REQUESTS taps (default 20,000) go at BENCH_CONCURRENCY keep-alive connections (default 50),
 * spread over the links. Every answer must be a 302 to exactly the link's URL, and afterwards the
 * click table must hold exactly the clicks the per-address limit lets count (all of them at the
 * defaults), written by the server's once-a-second flush, or the run fails.
 *
 * Last line: BENCH links p50_ms=… p95_ms=… p99_ms=… requests_per_s=…
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuBetween, cpuSnapshot, ensurePostgres, startBenchServer } from './support/environment.js';
import { round, summarize } from './support/load.js';
import { envNumber, runBenchmark } from './support/run.js';

const LINKS = envNumber('BENCH_LINKS', 1_000, 1, 100_000);
const REQUESTS = envNumber('BENCH_REQUESTS', 20_000, 100, 2_000_000);
const CONCURRENCY = envNumber('BENCH_CONCURRENCY', 50, 1, 500);
/** Clicks one address may add to one link a minute (modules/links CLICK_LIMIT); this generator is one address. */
const COUNTED_PER_LINK = 30;
const WATCHDOG_MS = 600_000;
const print = (line = '') => process.stdout.write(`${line}\n`);

interface Link {
  id: string;
  token: string;
  url: string;
}

interface Pass {
  latenciesMs: Float64Array;
  elapsedMs: number;
  wrong: Map<string, number>;
}

/** Taps `links[order(i)]` for i < total over `concurrency` keep-alive connections, one request at a time each. */
async function tap(baseUrl: URL, links: readonly Link[], total: number, concurrency: number, perLink: Uint32Array): Promise<Pass> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const latencies = new Float64Array(total);
  const wrong = new Map<string, number>();
  let issued = 0;
  let recorded = 0;
  const get = (link: Link) =>
    new Promise<string>((resolve) => {
      const req = http.request({ agent, host: baseUrl.hostname, port: baseUrl.port, path: `/r/${link.token}`, method: 'GET' }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode === 302 && res.headers.location === link.url ? 'ok' : `HTTP ${res.statusCode}`));
      });
      req.setTimeout(10_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
  const start = performance.now();
  const client = async () => {
    while (issued < total) {
      const i = issued++;
      const n = i % links.length;
      const t0 = performance.now();
      const outcome = await get(links[n]!);
      if (outcome === 'ok') {
        latencies[recorded++] = performance.now() - t0;
        perLink[n] = perLink[n]! + 1;
      } else wrong.set(outcome, (wrong.get(outcome) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, () => client()));
  } finally {
    agent.destroy();
  }
  return { latenciesMs: latencies.slice(0, recorded), elapsedMs: performance.now() - start, wrong };
}

runBenchmark(
  async (cleanups) => {
    print(
      `Links benchmark — ${os.cpus().length} cores, Node ${process.version}, ${LINKS} links, ${REQUESTS} taps at ${CONCURRENCY} connections`,
    );
    const postgres = await ensurePostgres((line) => print(`  ${line}`));
    cleanups.push(() => postgres.stop());
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-links-'));
    const server = await startBenchServer({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://bench.machi.invalid',
        LOG_LEVEL: 'warn',
        LINE_API_BASE_URL: 'http://127.0.0.1:9',
        LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
      },
      jobs: false,
      workDir,
    });
    cleanups.push(
      () => server.dropDatabase(),
      () => server.stop(),
    );
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    cleanups.push(() => db.end());

    // Links as a delivery's trackMany would leave them: a few per delivery, URLs with campaign parameters.
    const links: Link[] = Array.from({ length: LINKS }, (_, i) => ({
      id: randomUUID(),
      token: randomBytes(12).toString('base64url'),
      url: `https://www.city.example.jp/oshirase/${2026_000 + i}.html?utm_source=line&utm_medium=message&utm_campaign=d${Math.floor(i / 4)}#main`,
    }));
    const owners = Array.from({ length: Math.ceil(LINKS / 4) }, () => randomUUID());
    await db.query(
      `insert into tracked_link (id, token, url, owner_type, owner_id, label)
       select v.id, v.token, v.url, 'delivery', v.owner_id, null
         from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) as v(id, token, url, owner_id)`,
      [links.map((l) => l.id), links.map((l) => l.token), links.map((l) => l.url), links.map((_, i) => owners[Math.floor(i / 4)]!)],
    );
    await db.query(`analyze tracked_link`);

    const baseUrl = new URL(server.baseUrl);
    const perLink = new Uint32Array(LINKS);
    const cold = await tap(baseUrl, links, LINKS, Math.min(CONCURRENCY, LINKS), perLink);
    const coldStats = summarize(cold.latenciesMs);
    print(
      `  cold pass (each token looked up once in PostgreSQL): ${LINKS} taps, p50 ${round(coldStats.p50Ms)} ms, p95 ${round(coldStats.p95Ms)} ms`,
    );

    const before = await cpuSnapshot(server.pid);
    const timed = await tap(baseUrl, links, REQUESTS, CONCURRENCY, perLink);
    const cpu = cpuBetween(before, await cpuSnapshot(server.pid));
    const s = summarize(timed.latenciesMs);
    const perSecond = timed.latenciesMs.length / (timed.elapsedMs / 1000);
    print(
      `  ${timed.latenciesMs.length} taps in ${round(timed.elapsedMs / 1000)} s: ${round(perSecond)}/s, p50 ${round(s.p50Ms)} ms, p95 ${round(s.p95Ms)} ms, p99 ${round(s.p99Ms)} ms, max ${round(s.maxMs)} ms`,
    );
    print(`  cores: server ${cpu.server}, postgres ${cpu.postgres}, load generator ${cpu.loadgen}, other ${cpu.other}`);
    const wrong = [...cold.wrong, ...timed.wrong];
    if (wrong.length) throw new Error(`answers that were not a 302 to the link's URL: ${wrong.map(([k, v]) => `${k}×${v}`).join(', ')}`);

    // The flush runs every second: the table must come to exactly the clicks that count, and stay there.
    const expected = perLink.reduce((sum, n) => sum + Math.min(n, COUNTED_PER_LINK), 0);
    const stored = async () => Number((await db.query(`select coalesce(sum(clicks), 0) as n from tracked_link_click`)).rows[0].n);
    const deadline = Date.now() + 15_000;
    let got = await stored();
    while (got < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      got = await stored();
    }
    await new Promise((r) => setTimeout(r, 1_500));
    got = await stored();
    const rows = Number((await db.query(`select count(*) as n from tracked_link_click`)).rows[0].n);
    print(`  clicks stored: ${got} of ${expected} expected, in ${rows} rows (one per link and day)`);
    if (got !== expected) throw new Error(`the click table holds ${got} clicks, expected ${expected}\n${server.tail()}`);

    print(`BENCH links p50_ms=${round(s.p50Ms)} p95_ms=${round(s.p95Ms)} p99_ms=${round(s.p99Ms)} requests_per_s=${round(perSecond)}`);
  },
  { watchdogMs: WATCHDOG_MS, print },
);
