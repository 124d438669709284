/**
 * Benchmark: LINE webhook ingestion (POST /webhook/:channelId) — events accepted per second with
 * signature verification and persistence, latency of the 200 answer, and whether the background
 * processing keeps up.
 *
 *   npm run bench:webhook           (builds the server, then runs this file)
 *
 * Starts a throwaway PostgreSQL unless BENCH_DATABASE_URL / TEST_DATABASE_URL is set, a fresh
 * database (migrated and seeded), and the built server and job runner as their own processes on
 * 127.0.0.1 (as `npm start` runs them: the server stores, the job runner's consumer processes), with
 * the LINE API pointed at a closed port (profile look-ups and greetings fail fast). Signs in as the
 * seeded administrator, creates a LINE channel through GraphQL, then:
 *
 *   1. warm-up: a follow from every simulated resident (at most 10 s), then messages (WARMUP_S), and
 *      time for the background processing to catch up (at most 8 s);
 *   2. main run: 1 message event per request, closed loop with CONCURRENCY keep-alive connections
 *      for DURATION_S (open loop at BENCH_RATE requests/s when set);
 *   3. drain: how long until every event accepted so far was processed (at most DRAIN_MAX_S);
 *   4. batch run: 5 message events per request for BATCH_S, and its drain (at most DRAIN_MAX_S).
 *
 * Settings (environment): BENCH_DURATION_S (20, ≤ 30), BENCH_BATCH_S (8, ≤ 15), BENCH_WARMUP_S (3),
 * BENCH_CONCURRENCY (32, ≤ 64), BENCH_USERS (500), BENCH_RATE (unset), BENCH_LOG_LEVEL (info, the
 * production default), BENCH_POOL_MAX (the server's default), BENCH_CPU_PROF=1 (profile the server
 * with --cpu-prof and print where its CPU time went during the main run), BENCH_SERVER_NODE_ARGS
 * (extra node flags for the server process, for experiments), BENCH_PG_SOCKET=1 (the server talks
 * to the throwaway PostgreSQL over its Unix socket instead of TCP on 127.0.0.1), BENCH_PROCESSING
 * (jobs, the default, or server: WEBHOOK_PROCESSING for both processes, to compare).
 *
 * Prints the figures and ends with one line: BENCH webhook events_per_s=… p99_ms=… …
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { printProfileSummary, summarizeProfile } from './support/cpuprofile.js';
import { cpuBetween, cpuSnapshot, ensurePostgres, Gql, startBenchServer, type BenchServer } from './support/environment.js';
import { round, runLoad, summarize, type LoadRequest, type LoadResult } from './support/load.js';

const num = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return Math.min(max, Math.max(min, value));
};

const DURATION_S = num('BENCH_DURATION_S', 20, 1, 30);
const BATCH_S = num('BENCH_BATCH_S', 8, 0, 15);
const WARMUP_S = num('BENCH_WARMUP_S', 3, 1, 10);
const CONCURRENCY = Math.round(num('BENCH_CONCURRENCY', 32, 1, 64));
const USERS = Math.round(num('BENCH_USERS', 500, 1, 5_000));
const RATE = process.env.BENCH_RATE ? num('BENCH_RATE', 0, 1, 20_000) : undefined;
const DRAIN_MAX_S = 12;
const SETTLE_MAX_S = 8;
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
/** Everything, setup included, must be over by then; the watchdog cleans up and fails otherwise. */
const WATCHDOG_MS = 240_000;

const SECRET = randomBytes(16).toString('hex');
const print = (line = '') => process.stdout.write(`${line}\n`);

// --- simulated LINE traffic ---------------------------------------------------------------------

const TEXTS = [
  'ごみの収集日を教えてください',
  '粗大ごみの申し込み方法は？',
  '子育て支援センターの開館時間を知りたいです',
  '防災情報を受け取りたい',
  '転入の手続きに必要な書類は何ですか',
  'ありがとうございます',
  '予防接種の予約はどこでできますか',
  '図書館の休館日',
];

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

class Traffic {
  private counter = 0;
  readonly destination = `U${hex(16)}`;
  readonly users = Array.from({ length: USERS }, () => `U${hex(16)}`);
  private readonly tag = hex(3).toUpperCase();
  /** webhookEventIds of this run start with this (LINE's are 26-character ULIDs). */
  readonly idPrefix = `01BENCH${this.tag}`;

  private base(userId: string) {
    const n = this.counter++;
    return {
      n,
      common: {
        webhookEventId: `${this.idPrefix}${n.toString(36).toUpperCase().padStart(13, '0')}`,
        deliveryContext: { isRedelivery: false },
        timestamp: Date.now(),
        source: { type: 'user', userId },
        replyToken: hex(16),
        mode: 'active',
      },
    };
  }

  message(userId = this.randomUser()): Record<string, unknown> {
    const { n, common } = this.base(userId);
    return {
      type: 'message',
      message: { type: 'text', id: String(500_000_000_000_000_000n + BigInt(n)), quoteToken: hex(30), text: TEXTS[n % TEXTS.length] },
      ...common,
    };
  }

  follow(userId: string): Record<string, unknown> {
    return { type: 'follow', follow: { isUnblocked: false }, ...this.base(userId).common };
  }

  randomUser(): string {
    return this.users[Math.floor(Math.random() * this.users.length)]!;
  }

  request(events: Array<Record<string, unknown>>, secret = SECRET): LoadRequest {
    const body = Buffer.from(JSON.stringify({ destination: this.destination, events }));
    return {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'LineBotWebhook/2.0',
        'x-line-signature': createHmac('sha256', secret).update(body).digest('base64'),
      },
      events: events.length,
    };
  }
}

// --- database observations ----------------------------------------------------------------------

interface Backlog {
  /** PENDING and never tried: what background processing has not reached yet. */
  waiting: number;
  /** PENDING after a failed attempt, due for a retry later. */
  retrying: number;
}

async function backlog(db: pg.Client): Promise<Backlog> {
  const { rows } = await db.query<{ waiting: string; retrying: string }>(
    `select count(*) filter (where next_attempt_at is null)::text as waiting,
            count(*) filter (where next_attempt_at is not null)::text as retrying
       from line_webhook_event where status = 'PENDING'`,
  );
  return { waiting: Number(rows[0]!.waiting), retrying: Number(rows[0]!.retrying) };
}

async function processedCount(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`select count(*)::text as n from line_webhook_event where status <> 'PENDING'`);
  return Number(rows[0]!.n);
}

/** Waits until nothing is waiting for processing (retries aside); returns the seconds it took and what is left. */
async function drain(db: pg.Client, maxS: number): Promise<{ seconds: number; left: Backlog }> {
  const start = performance.now();
  for (;;) {
    const left = await backlog(db);
    const seconds = (performance.now() - start) / 1000;
    if (left.waiting === 0 || seconds >= maxS) return { seconds, left };
    await new Promise((r) => setTimeout(r, 250));
  }
}

// --- reporting ----------------------------------------------------------------------------------

function report(label: string, result: LoadResult): ReturnType<typeof summarize> & { eventsPerS: number; requestsPerS: number } {
  const s = summarize(result.latenciesMs);
  const seconds = result.elapsedMs / 1000;
  const eventsPerS = result.events / seconds;
  const requestsPerS = result.ok / seconds;
  print(`  ${label}: ${result.ok} requests answered 200 (${result.events} events) in ${seconds.toFixed(1)} s`);
  print(`    events/s ${round(eventsPerS)}   requests/s ${round(requestsPerS)}   errors ${result.errors}`);
  print(
    `    latency of the 200 (ms): min ${round(s.minMs)}  p50 ${round(s.p50Ms)}  p90 ${round(s.p90Ms)}  p95 ${round(s.p95Ms)}` +
      `  p99 ${round(s.p99Ms)}  p99.9 ${round(s.p999Ms)}  max ${round(s.maxMs)}  mean ${round(s.meanMs)}`,
  );
  if (result.failures.size) print(`    failures: ${[...result.failures].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  return { ...s, eventsPerS, requestsPerS };
}

// --- the run ------------------------------------------------------------------------------------

async function main(cleanups: Array<() => Promise<unknown>>): Promise<void> {
  const started = performance.now();
  print(`webhook ingestion benchmark — ${os.availableParallelism()} cores, Node ${process.version}, concurrency ${CONCURRENCY}`);
  print(
    `  main ${DURATION_S} s ${RATE ? `open loop at ${RATE} requests/s` : 'closed loop'}, batch ${BATCH_S} s, warm-up ${WARMUP_S} s, ${USERS} simulated residents`,
  );

  const postgres = await ensurePostgres((line) => print(`  ${line}`));
  cleanups.push(() => postgres.stop());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'machi-bench-webhook-'));
  cleanups.push(async () => {
    if (!CPU_PROF) fs.rmSync(workDir, { recursive: true, force: true });
  });

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    // Production refuses a plain-http public URL; the benchmark talks to 127.0.0.1 directly anyway.
    PUBLIC_URL: 'https://bench.machi.invalid',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // Nothing listens on port 9: calls to LINE (profile, greeting) fail fast instead of leaving the machine.
    LINE_API_BASE_URL: 'http://127.0.0.1:9',
    LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
    ...(process.env.BENCH_POOL_MAX ? { DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX } : {}),
    WEBHOOK_PROCESSING: process.env.BENCH_PROCESSING === 'server' ? 'server' : 'jobs',
  };
  const server: BenchServer = await startBenchServer({
    env,
    workDir,
    socketDir: process.env.BENCH_PG_SOCKET === '1' ? postgres.dir : null,
    nodeArgs: [
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${workDir}`] : []),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
  cleanups.push(() => server.dropDatabase());
  cleanups.push(() => server.stop());
  print(
    `  server: ${server.baseUrl} (pid ${server.pid}, job runner pid ${server.jobsPid}, WEBHOOK_PROCESSING=${env.WEBHOOK_PROCESSING}, ` +
      `NODE_ENV=production, LOG_LEVEL=${env.LOG_LEVEL}, ` +
      `PostgreSQL over ${process.env.BENCH_PG_SOCKET === '1' && postgres.dir ? 'its Unix socket' : 'TCP'}, log ${server.logFile})`,
  );

  const admin = new Gql(server.baseUrl);
  await admin.ok(`mutation($input: LoginInput!) { login(input: $input) { status } }`, { input: server.admin });
  await admin.ok(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) { viewer { mustChangePassword } } }`, {
    input: { currentPassword: server.admin.password, newPassword: `Bench-${hex(8)}-Pass!` },
  });
  const created = await admin.ok<{ createLineChannel: { channel: { id: string } } }>(
    `mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`,
    {
      input: {
        name: 'ベンチマーク市',
        purpose: 'TRAINING',
        messagingChannelId: '2000000001',
        channelSecret: SECRET,
        channelAccessToken: Buffer.from(`bench-${hex(16)}`).toString('base64'),
      },
    },
  );
  const channelId = created.createLineChannel.channel.id;
  const url = new URL(`${server.baseUrl}/webhook/${channelId}`);
  print(`  channel ${channelId}; webhook ${url.pathname}`);

  const db = new pg.Client({ connectionString: server.database.url });
  await db.connect();
  cleanups.push(() => db.end());

  const traffic = new Traffic();
  // The signature is really checked: a wrong one is refused, a right one accepted.
  const post = (r: LoadRequest) =>
    fetch(url, { method: 'POST', headers: r.headers, body: new Uint8Array(r.body) }).then((res) => res.status);
  const badStatus = await post(traffic.request([traffic.message()], 'x'.repeat(32)));
  const goodStatus = await post(traffic.request([traffic.message()]));
  if (badStatus !== 401 || goodStatus !== 200)
    throw new Error(`signature check: wrong signature → ${badStatus}, right one → ${goodStatus}`);

  // 1. Warm-up: every resident follows once (so the main run's messages find their resident), then messages.
  print();
  print('warm-up');
  let followed = 0;
  const follows = await runLoad({
    url,
    concurrency: CONCURRENCY,
    durationMs: 10_000,
    maxRequests: traffic.users.length,
    next: () => traffic.request([traffic.follow(traffic.users[followed++ % traffic.users.length]!)]),
  });
  report('follow events', follows);
  const warm = await runLoad({
    url,
    concurrency: CONCURRENCY,
    durationMs: WARMUP_S * 1000,
    next: () => traffic.request([traffic.message()]),
  });
  report('message events', warm);
  const settled = await drain(db, SETTLE_MAX_S);
  print(`  settled in ${settled.seconds.toFixed(1)} s (waiting ${settled.left.waiting}, retrying ${settled.left.retrying})`);

  // 2. Main run: one message event per request.
  print();
  print(`main run: 1 event per request, ${RATE ? `${RATE} requests/s` : 'as fast as answered'}, ${CONCURRENCY} connections`);
  const processedBefore = await processedCount(db);
  const cpuBefore = await cpuSnapshot(server.pid, server.jobsPid);
  const windowFrom = Number(process.hrtime.bigint() / 1000n);
  const main = await runLoad(
    { url, concurrency: CONCURRENCY, durationMs: DURATION_S * 1000, ratePerSecond: RATE, next: () => traffic.request([traffic.message()]) },
    {
      everyMs: 5_000,
      tick: async (ms, ok, events) => {
        const b = await backlog(db);
        print(
          `    ${(ms / 1000).toFixed(0).padStart(3)} s: ${events} events accepted, backlog ${b.waiting} waiting / ${b.retrying} retrying`,
        );
      },
    },
  );
  const windowTo = Number(process.hrtime.bigint() / 1000n);
  const cpuAfter = await cpuSnapshot(server.pid, server.jobsPid);
  const endBacklog = await backlog(db);
  const processedDuring = (await processedCount(db)) - processedBefore;
  const m = report('main', main);
  const cpu = cpuBetween(cpuBefore, cpuAfter);
  const processedPerS = processedDuring / (main.elapsedMs / 1000);
  print(`    processed in the background meanwhile: ${processedDuring} events (${round(processedPerS)}/s)`);
  print(`    backlog at the end: ${endBacklog.waiting} waiting for processing, ${endBacklog.retrying} waiting for a retry`);
  print(
    `    CPU (cores of ${os.availableParallelism()}): server ${cpu.server}, job runner ${cpu.jobs}, postgres ${cpu.postgres}, load generator ${cpu.loadgen}, other processes ${cpu.other}; machine ${cpu.machine}`,
  );

  // 3. Drain: how long until background processing has caught up.
  const drained = await drain(db, DRAIN_MAX_S);
  print(
    `  drain: ${drained.left.waiting === 0 ? `caught up in ${drained.seconds.toFixed(1)} s` : `not caught up after ${DRAIN_MAX_S} s (${drained.left.waiting} still waiting)`}`,
  );

  // 4. Batch run: five events per request, from different residents.
  let batch: ReturnType<typeof report> | undefined;
  let batchEvents = 0;
  let batchBacklog: Backlog | undefined;
  let batchDrained: { seconds: number; left: Backlog } | undefined;
  if (BATCH_S > 0) {
    print();
    print(`batch run: 5 events per request, ${CONCURRENCY} connections`);
    const result = await runLoad({
      url,
      concurrency: CONCURRENCY,
      durationMs: BATCH_S * 1000,
      next: () => traffic.request(Array.from({ length: 5 }, () => traffic.message())),
    });
    batchBacklog = await backlog(db);
    batchEvents = result.events;
    batch = report('batch', result);
    print(`    backlog at the end: ${batchBacklog.waiting} waiting, ${batchBacklog.retrying} retrying`);
    batchDrained = await drain(db, DRAIN_MAX_S);
    print(
      `  drain: ${batchDrained.left.waiting === 0 ? `caught up in ${batchDrained.seconds.toFixed(1)} s` : `not caught up after ${DRAIN_MAX_S} s (${batchDrained.left.waiting} still waiting)`}`,
    );
  }

  // Every event answered 200 was stored exactly once (the sanity request above carried one).
  const accepted = 1 + follows.events + warm.events + main.events + batchEvents;
  const { rows } = await db.query<{ n: string; statuses: string }>(
    `select count(*)::text as n, string_agg(distinct status, ',') as statuses from line_webhook_event where webhook_event_id like $1`,
    [`${traffic.idPrefix}%`],
  );
  const stored = Number(rows[0]!.n);
  const failures = await db.query<{ last_error: string; n: string }>(
    `select last_error, count(*)::text as n from line_webhook_event where last_error is not null group by 1 order by 2 desc limit 3`,
  );
  print();
  const lost = Math.max(0, accepted - stored);
  print(`stored events of this run: ${stored} of ${accepted} answered 200 (statuses now: ${rows[0]!.statuses})`);
  for (const f of failures.rows) print(`  processing error ×${f.n}: ${f.last_error.slice(0, 160)}`);

  if (CPU_PROF) {
    await server.stop();
    const profile = fs.readdirSync(workDir).find((f) => f.endsWith('.cpuprofile'));
    if (profile) {
      print();
      print(`main run, server CPU profile (${path.join(workDir, profile)}):`);
      printProfileSummary(summarizeProfile(path.join(workDir, profile), { from: windowFrom, to: windowTo }), print);
    } else print('  (the server wrote no CPU profile)');
  }

  print();
  print(`total time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const fields: Record<string, number> = {
    events_per_s: Math.round(m.eventsPerS),
    requests_per_s: Math.round(m.requestsPerS),
    p50_ms: round(m.p50Ms),
    p95_ms: round(m.p95Ms),
    p99_ms: round(m.p99Ms),
    max_ms: round(m.maxMs),
    errors: main.errors,
    lost_events: lost,
    concurrency: CONCURRENCY,
    backlog_end: endBacklog.waiting,
    processed_per_s: Math.round(processedPerS),
    drain_s: round(drained.seconds),
    backlog_after_drain: drained.left.waiting,
    retrying_end: (batchDrained ?? drained).left.retrying,
    batch5_events_per_s: batch ? Math.round(batch.eventsPerS) : 0,
    batch5_p99_ms: batch ? round(batch.p99Ms) : 0,
    batch5_backlog_end: batchBacklog?.waiting ?? 0,
    batch5_drain_s: batchDrained ? round(batchDrained.seconds) : 0,
    batch5_backlog_after_drain: batchDrained?.left.waiting ?? 0,
    server_cores: cpu.server,
    jobs_cores: cpu.jobs,
    postgres_cores: cpu.postgres,
    loadgen_cores: cpu.loadgen,
    other_cores: cpu.other,
  };
  print(
    `BENCH webhook ${Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

const cleanups: Array<() => Promise<unknown>> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`webhook benchmark: gave up after ${WATCHDOG_MS / 1000} s\n`);
  void cleanup().finally(() => process.exit(1));
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`webhook benchmark: ${signal}, cleaning up\n`);
    void cleanup().finally(() => process.exit(128 + os.constants.signals[signal]));
  });
}

try {
  await main(cleanups);
  await cleanup();
  clearTimeout(watchdog);
} catch (error) {
  process.stderr.write(`webhook benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await cleanup();
  clearTimeout(watchdog);
  process.exitCode = 1;
}
