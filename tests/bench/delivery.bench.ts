/**
 * `npm run bench:delivery`: one delivery to BENCH_RECIPIENTS (default 1,000,000) friends of one
 * channel, from the send mutation to LINE's last accepted multicast, through the real pipeline:
 * the built server and job runner(s) as their own processes (as `npm start` runs them), the run
 * prepared into batches and sent by the sender lanes (docs/adr/0014), against the LINE emulator
 * (tests/line-emulator) as its own process.
 *
 * The friends are inserted in SQL (LINE user ids encrypted and hashed with the server's keys, as
 * the entity's column types do; the insert trigger gives each an attribute document). The emulator
 * does not know them as friends, so multicast skips them silently as LINE does: what counts is what
 * it accepted (its request log) and what we recorded (delivery_batch, line_send_request).
 *
 *   1. limited: the emulator enforces LINE's 200 multicast requests per second. ratio = wall time
 *      from the send mutation to the last accepted request ÷ (batches ÷ 200/s). Target ≤ 1.2.
 *   2. unlimited: the emulator's limits scaled out of reach (EMULATOR_RATE_LIMIT_SCALE); recipients
 *      per second through preparation and sending. Target ≥ 50,000. The gateway still paces
 *      multicast at 95 % of LINE's 200/s: nothing in the configuration changes that.
 *
 * Each run must deliver every recipient exactly once: one accepted request per batch (the emulator
 * answers 409 to a retry key it accepted, and records only what it accepted), every batch's LINE
 * request id among them, every resident in exactly one batch, the sum of the batches N.
 *
 * Peak memory of every process (VmRSS sampled every 200 ms, and VmHWM): target ≤ 300 MB for the
 * server and the job runners. With our own throwaway PostgreSQL, statements over BENCH_SLOW_MS
 * (default 100) and lock waits over 100 ms are read back from its log per run (log_min_duration_statement,
 * log_lock_waits with deadlock_timeout 100 ms, set on that cluster only); BENCH_EXPLAIN=1 runs the slowest SELECT of each
 * run again under EXPLAIN ANALYZE with the parameters it had.
 *
 * The server and the job runner(s) run with the node flags of their start scripts (the job runner's
 * heap limit in jobs/package.json).
 *
 * Settings: BENCH_RECIPIENTS, BENCH_JOBS (job runner processes, default 1), BENCH_TARGET (segment:
 * a saved segment `{type:'channel'}`, the default; all: every friend, after a test send and
 * confirmAll), BENCH_SENDS_PER_LANE (DELIVERY_SENDS_PER_LANE, default 3), BENCH_POOL_MAX
 * (DATABASE_POOL_MAX for the server and job runners, default 4 × sends per lane + 5),
 * BENCH_PG_SOCKET=1 (PostgreSQL through its Unix socket), BENCH_UNLIMITED_SCALE, BENCH_KEEP=1
 * (leave the throwaway cluster and the database running, to look into them), BENCH_NODE_OPTIONS
 * (NODE_OPTIONS for the server and job runners), BENCH_SERVER_NODE_ARGS, BENCH_JOBS_NODE_ARGS and
 * BENCH_EMULATOR_NODE_ARGS (node flags such as --cpu-prof --cpu-prof-dir=DIR, for one kind of process).
 *
 * Last line: BENCH delivery ratio=… peak_rss_mb=… recipients_per_s=… emulator_rss_mb=… batches=… seconds_limited=… seconds_unlimited=…
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Keyring } from '../../server/src/platform/crypto/keyring.js';
import { freePort } from '../e2e/harness/ports.js';
import { generateSecrets, type ServerSecrets } from '../e2e/harness/secrets.js';
import { signInAdmin } from './support/actors.js';
import { startEmulatorProcess, type EmulatorProcess } from './support/emulator-process.js';
import { ensurePostgres, startBenchServer, type BenchServer, type Gql } from './support/environment.js';
import { clusterCpuSeconds, ProcessSampler, type ProcessWindow } from './support/processes.js';
import { envNumber, runBenchmark } from './support/run.js';
import { groupStatements, PostgresLog } from './support/slow-statements.js';

const RECIPIENTS = envNumber('BENCH_RECIPIENTS', 1_000_000, 1_000, 5_000_000);
const JOBS = envNumber('BENCH_JOBS', 1, 1, 4);
/** DELIVERY_SENDS_PER_LANE: 4 lanes × 3 keep enough requests in flight, each waiting on PostgreSQL and LINE about 80 ms here. */
const SENDS_PER_LANE = envNumber('BENCH_SENDS_PER_LANE', 3, 1, 8);
/** DATABASE_POOL_MAX: what the server's configuration asks for that many sends (4 × sends + 5). */
const POOL_MAX = envNumber('BENCH_POOL_MAX', 4 * SENDS_PER_LANE + 5, 1, 200);
const TARGET: 'SEGMENTS' | 'ALL' = process.env.BENCH_TARGET === 'all' ? 'ALL' : 'SEGMENTS';
const UNLIMITED_SCALE = envNumber('BENCH_UNLIMITED_SCALE', 1_000, 2, 1_000_000);
const SLOW_MS = envNumber('BENCH_SLOW_MS', 100, 0, 60_000);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
/** LINE's multicast limit per channel, and what it takes at most per request. */
const LINE_MULTICAST_PER_S = 200;
const LINE_MULTICAST_MAX_TO = 500;
const WATCHDOG_MS = 3_600_000;
const print = (line = '') => process.stdout.write(`${line}\n`);

const CHANNEL = {
  channelId: '1670000001',
  channelSecret: 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf',
  accessToken: `bench-delivery-access-token-${randomBytes(8).toString('hex')}`,
  displayName: 'ベンチ市公式アカウント',
  basicId: '@benchcity',
  // No monthly target limit: the quota check before sending must not refuse a million.
  monthlyMessageLimit: null,
};

const CREATE_DELIVERY = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`;
const SEND = `mutation($id: ID!, $confirmAll: Boolean) { sendDelivery(id: $id, confirmAll: $confirmAll) { delivery { id status } } }`;
const TEST = `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id } } }`;

const mb = (x: number) => Math.round(x);
const s1 = (ms: number) => (ms / 1000).toFixed(1);

function loadLine(): string {
  return `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${os.availableParallelism()} cores)`;
}

// --- data ---------------------------------------------------------------------------------------

/** N following friends of the channel, inserted 5,000 a statement on two connections while Node seals the next ones. */
async function seedResidents(url: string, secrets: ServerSecrets, channelId: string, count: number, tester: boolean): Promise<void> {
  const keyring = new Keyring(
    new Map([[secrets.ENCRYPTION_ACTIVE_KEY_ID, Buffer.from(secrets.ENCRYPTION_KEYS.split(':')[1]!, 'base64')]]),
    secrets.ENCRYPTION_ACTIVE_KEY_ID,
    Buffer.from(secrets.HASH_KEY, 'base64'),
  );
  const CHUNK = 5_000;
  let next = 0;
  const worker = async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`set synchronous_commit = off`);
      for (;;) {
        const start = next;
        if (start >= count) return;
        next += CHUNK;
        const n = Math.min(CHUNK, count - start);
        const ids: string[] = [];
        const hashes: string[] = [];
        const sealed: string[] = [];
        const testers: boolean[] = [];
        const raw = randomBytes(16 * n);
        for (let i = 0; i < n; i++) {
          const lineUserId = `U${raw.toString('hex', 16 * i, 16 * (i + 1))}`;
          ids.push(randomUUID());
          hashes.push(keyring.hash(lineUserId));
          sealed.push(keyring.encrypt(lineUserId));
          testers.push(tester && start + i === 0);
        }
        await db.query(
          `insert into resident (id, channel_id, line_user_id_hash, line_user_id, language, follow_status, followed_at, is_test_recipient, tags)
           select t.id, $1::uuid, t.h, t.e, 'ja', 'FOLLOWING', now() - interval '30 days', t.tester, '{}'
             from unnest($2::uuid[], $3::text[], $4::text[], $5::boolean[]) as t(id, h, e, tester)`,
          [channelId, ids, hashes, sealed, testers],
        );
      }
    } finally {
      await db.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

// --- one run ------------------------------------------------------------------------------------

interface EmulatorRequest {
  requestId: string;
  kind: string;
  at: number;
}

interface RunResult {
  label: string;
  runId: string;
  batches: number;
  /** Send mutation → LINE's last accepted request. */
  wallMs: number;
  mutationMs: number;
  /** From the send mutation: the run prepared (every batch written), first and last request accepted. */
  preparedAfterMs: number;
  firstAcceptedAfterMs: number;
  lastAcceptedAfterMs: number;
  attempts: number;
  processes: ProcessWindow[];
  postgresCpuSeconds: number | null;
  loadBefore: string;
  loadAfter: string;
  backoffWarnings: number;
  slowStatementsMs: number;
}

interface Context {
  server: BenchServer;
  admin: Gql;
  db: pg.Client;
  channelId: string;
  segmentId: string | null;
  sampler: ProcessSampler;
  workDir: string;
  pgLog: PostgresLog | null;
  /** Our throwaway cluster's postmaster, for its CPU (null when the cluster was given). */
  postmasterPid: number | null;
}

function jobLogs(ctx: Context): string[] {
  return ctx.server.jobsPids.map((_, i) => path.join(ctx.workDir, i === 0 ? 'jobs.log' : `jobs-${i + 1}.log`));
}

function logSizes(files: string[]): number[] {
  return files.map((f) => (fs.existsSync(f) ? fs.statSync(f).size : 0));
}

/** The pino lines written to `files` since `from` (byte offsets). */
function logLinesSince(files: string[], from: number[]): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  files.forEach((file, i) => {
    if (!fs.existsSync(file)) return;
    const text = fs
      .readFileSync(file)
      .subarray(from[i] ?? 0)
      .toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a line cut mid-write
      }
    }
  });
  return lines;
}

async function waitForRun(db: pg.Client, runId: string, timeoutMs: number, onTick?: (row: RunRow) => void): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await runRow(db, runId);
    onTick?.(row);
    if (row.status === 'COMPLETED') return row;
    if (row.status === 'PAUSED' || row.status === 'CANCELED')
      throw new Error(`run ${runId} is ${row.status}: ${row.pause_reason ?? ''} ${row.last_error ?? ''}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} did not complete within ${timeoutMs / 1000} s (${JSON.stringify(row)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface RunRow {
  status: string;
  pause_reason: string | null;
  last_error: string | null;
  batches_total: number;
  planned: number;
  prepared_at: Date | null;
  sent: number;
  pending: number;
  failed: number;
}

async function runRow(db: pg.Client, runId: string): Promise<RunRow> {
  const { rows } = await db.query<RunRow>(
    `select r.status, r.pause_reason, r.last_error, r.batches_total, r.planned_recipients as planned, r.prepared_at,
            count(*) filter (where b.status = 'SENT')::int as sent,
            count(*) filter (where b.status = 'PENDING')::int as pending,
            count(*) filter (where b.status = 'FAILED')::int as failed
       from delivery_run r left join delivery_batch b on b.run_id = r.id
      where r.id = $1 group by r.id`,
    [runId],
  );
  if (!rows[0]) throw new Error(`no run ${runId}`);
  return rows[0];
}

async function createDelivery(ctx: Context, title: string): Promise<string> {
  const created = await ctx.admin.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE_DELIVERY, {
    input: {
      title,
      channelId: ctx.channelId,
      targetKind: TARGET,
      segmentIds: ctx.segmentId ? [ctx.segmentId] : [],
      variants: [{ language: 'ja', messages: [{ type: 'text', text: `${title}：市からのお知らせです。` }] }],
    },
  });
  return created.createDelivery.delivery.id;
}

async function runDelivery(ctx: Context, emulator: EmulatorProcess, label: string, timeoutMs: number): Promise<RunResult> {
  print();
  print(`${label}`);
  const deliveryId = await createDelivery(ctx, `ベンチ配信 ${label}`);
  if (TARGET === 'ALL') {
    // Everyone needs a test send first (to the one tester among them), and the confirmation.
    const test = await ctx.admin.ok<{ sendTestDelivery: { run: { id: string } } }>(TEST, { id: deliveryId });
    await waitForRun(ctx.db, test.sendTestDelivery.run.id, 60_000);
  }
  const before = new Set(
    (await emulator.control<{ requests: EmulatorRequest[] }>('GET', `/channels/${CHANNEL.channelId}/requests`)).requests.map(
      (r) => r.requestId,
    ),
  );
  const logs = jobLogs(ctx);
  const logFrom = logSizes([...logs, ctx.server.logFile]);
  const pgFrom = ctx.pgLog?.size() ?? 0;
  const loadBefore = loadLine();
  print(`  ${loadBefore}`);
  ctx.sampler.window();
  const pgCpu0 = ctx.postmasterPid ? clusterCpuSeconds(ctx.postmasterPid) : null;

  const t0 = Date.now();
  await ctx.admin.ok(SEND, { id: deliveryId, ...(TARGET === 'ALL' ? { confirmAll: true } : {}) });
  const mutationMs = Date.now() - t0;
  const runId = (await ctx.db.query<{ id: string }>(`select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [deliveryId]))
    .rows[0]!.id;
  print(`  send mutation answered in ${mutationMs} ms; run ${runId}`);
  let lastPrint = 0;
  let preparedAfterMs = -1;
  const done = await waitForRun(ctx.db, runId, timeoutMs, (row) => {
    const now = Date.now() - t0;
    if (row.prepared_at && preparedAfterMs < 0) preparedAfterMs = now;
    if (now - lastPrint >= 2_000) {
      lastPrint = now;
      print(
        `    ${s1(now).padStart(6)} s: ${row.prepared_at ? 'prepared' : 'preparing'} ${row.batches_total} batches ` +
          `(${row.planned} recipients), sent ${row.sent}, pending ${row.pending}, failed ${row.failed}`,
      );
    }
  });
  const endMs = Date.now() - t0;
  const processes = ctx.sampler.window();
  const pgCpu1 = ctx.postmasterPid ? clusterCpuSeconds(ctx.postmasterPid) : null;
  const pgCpu = pgCpu0 !== null && pgCpu1 !== null ? pgCpu1 - pgCpu0 : null;
  const loadAfter = loadLine();

  // --- what LINE (the emulator) accepted, and what we recorded -----------------------------------
  const accepted = (await emulator.control<{ requests: EmulatorRequest[] }>('GET', `/channels/${CHANNEL.channelId}/requests`)).requests
    .filter((r) => r.kind === 'multicast' && !before.has(r.requestId))
    .sort((a, b) => a.at - b.at);
  const batches = await ctx.db.query<{ seq: number; status: string; recipients: number; line_request_id: string | null; sent_at: Date }>(
    `select seq, status, recipients, line_request_id, sent_at from delivery_batch where run_id = $1 order by seq`,
    [runId],
  );
  const residents = (
    await ctx.db.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct u.rid)::int as distinct from delivery_batch b, unnest(b.resident_ids) as u(rid) where b.run_id = $1`,
      [runId],
    )
  ).rows[0]!;
  const sends = (
    await ctx.db.query<{ n: number; accepted: number; recipients: number; attempts: number; keys: number }>(
      `select count(*)::int as n, count(*) filter (where l.status = 'ACCEPTED')::int as accepted,
              coalesce(sum(l.recipients), 0)::int as recipients, coalesce(sum(l.attempts), 0)::int as attempts,
              count(distinct l.retry_key)::int as keys
         from delivery_batch b join line_send_request l on l.retry_key = b.retry_key where b.run_id = $1`,
      [runId],
    )
  ).rows[0]!;

  const problems: string[] = [];
  const n = batches.rows.length;
  const batchRecipients = batches.rows.reduce((sum, b) => sum + b.recipients, 0);
  const ids = new Set(batches.rows.map((b) => b.line_request_id));
  const acceptedIds = new Set(accepted.map((r) => r.requestId));
  if (done.batches_total !== n) problems.push(`batches_total ${done.batches_total}, batches written ${n}`);
  if (batches.rows.some((b) => b.status !== 'SENT'))
    problems.push(`batches not SENT: ${batches.rows.filter((b) => b.status !== 'SENT').length}`);
  if (batchRecipients !== RECIPIENTS) problems.push(`the batches hold ${batchRecipients} recipients, not ${RECIPIENTS}`);
  if (residents.n !== RECIPIENTS || residents.distinct !== RECIPIENTS)
    problems.push(`resident ids in batches: ${residents.n}, distinct ${residents.distinct}, expected ${RECIPIENTS} each`);
  if (batches.rows.some((b) => b.recipients > LINE_MULTICAST_MAX_TO)) problems.push(`a batch over ${LINE_MULTICAST_MAX_TO}`);
  if (accepted.length !== n) problems.push(`the emulator accepted ${accepted.length} multicast requests for ${n} batches`);
  if (ids.size !== n || [...ids].some((id) => id === null || !acceptedIds.has(id)))
    problems.push(`batch LINE request ids: ${ids.size} distinct for ${n} batches, not all among the accepted requests`);
  if (sends.n !== n || sends.accepted !== n || sends.keys !== n || sends.recipients !== RECIPIENTS)
    problems.push(
      `line_send_request: ${sends.n} rows, ${sends.accepted} ACCEPTED, ${sends.keys} retry keys, ${sends.recipients} recipients`,
    );
  if (problems.length) throw new Error(`${label}: delivered wrong:\n  ${problems.join('\n  ')}`);

  const firstAcceptedAfterMs = accepted[0]!.at - t0;
  const lastAcceptedAfterMs = accepted.at(-1)!.at - t0;
  const lines = logLinesSince([...logs, ctx.server.logFile], logFrom);
  const backoffWarnings = lines.filter(
    (l) => l['msg'] === 'LINE call failed; backing off' || l['msg'] === 'delivery batch retried later',
  ).length;
  const errors = lines.filter((l) => Number(l['level']) >= 50);

  // Busiest second at the receiver: the most requests accepted in any 1,000 ms span.
  let busiest = 0;
  for (let i = 0, j = 0; i < accepted.length; i++) {
    while (accepted[i]!.at - accepted[j]!.at >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const sendSpanMs = lastAcceptedAfterMs - firstAcceptedAfterMs;
  const afterPrepared = preparedAfterMs < 0 ? [] : accepted.filter((r) => r.at - t0 >= preparedAfterMs);
  print(
    `  completed: ${n} batches, ${RECIPIENTS.toLocaleString('en')} recipients, each batch accepted once ` +
      `(${sends.attempts} calls for ${n} batches: ${sends.attempts - n} retried; ${backoffWarnings} backoff warnings in the logs)`,
  );
  print(
    `  timeline from the send mutation: answered ${s1(mutationMs)} s, first request accepted ${s1(firstAcceptedAfterMs)} s, ` +
      `run prepared ${preparedAfterMs < 0 ? '?' : s1(preparedAfterMs)} s, last request accepted ${s1(lastAcceptedAfterMs)} s, run COMPLETED seen ${s1(endMs)} s`,
  );
  print(
    `  sending: ${round1((n - 1) / (sendSpanMs / 1000))} requests/s between the first and the last accepted, busiest second ${busiest} requests; ` +
      (afterPrepared.length > 1
        ? `${afterPrepared.length} after preparation ended at ${round1((afterPrepared.length - 1) / ((afterPrepared.at(-1)!.at - afterPrepared[0]!.at) / 1000))} requests/s; `
        : '') +
      `floor at LINE's ${LINE_MULTICAST_PER_S}/s ${s1((n / LINE_MULTICAST_PER_S) * 1000)} s, at our pacing (95 %) ${s1((n / (LINE_MULTICAST_PER_S * 0.95)) * 1000)} s`,
  );
  const seconds = endMs / 1000;
  print(`  processes (RSS peak of 200 ms samples / VmHWM since start / CPU cores on average over ${seconds.toFixed(1)} s):`);
  for (const p of processes)
    print(
      `    ${p.name.padEnd(10)} pid ${String(p.pid).padEnd(8)} RSS peak ${String(mb(p.rssPeakMb)).padStart(4)} MB  VmHWM ${String(mb(p.hwmMb)).padStart(4)} MB  CPU ${(p.cpuSeconds / seconds).toFixed(2)}`,
    );
  if (pgCpu !== null) print(`    postgres   (the cluster's postmaster and backends)              CPU ${(pgCpu / seconds).toFixed(2)}`);
  print(`  ${loadAfter}`);
  for (const e of errors.slice(0, 5)) print(`  logged error: ${String(e['msg'])} ${JSON.stringify(e['err'] ?? '').slice(0, 300)}`);

  let slowStatementsMs = 0;
  if (ctx.pgLog) {
    const statements = ctx.pgLog.slowStatements(pgFrom);
    const groups = groupStatements(statements);
    slowStatementsMs = statements.reduce((sum, st) => sum + st.ms, 0);
    print(`  PostgreSQL statements over ${SLOW_MS} ms: ${statements.length}, ${s1(slowStatementsMs)} s in all`);
    const waits = ctx.pgLog.lockWaits(pgFrom);
    if (waits.length) {
      const byStatement = new Map<string, { count: number; ms: number; max: number; lock: string }>();
      for (const w of waits) {
        const g = byStatement.get(w.statement) ?? { count: 0, ms: 0, max: 0, lock: w.lock };
        g.count++;
        g.ms += w.ms;
        g.max = Math.max(g.max, w.ms);
        byStatement.set(w.statement, g);
      }
      print(`  lock waits over 100 ms: ${waits.length}, ${s1(waits.reduce((sum, w) => sum + w.ms, 0))} s in all`);
      for (const [statement, g] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4))
        print(
          `    ${String(g.count).padStart(5)} × total ${s1(g.ms).padStart(6)} s, max ${String(Math.round(g.max)).padStart(6)} ms (${g.lock}): ${statement}`,
        );
    }
    for (const g of groups.slice(0, 8))
      print(
        `    ${String(g.count).padStart(5)} × total ${s1(g.totalMs).padStart(6)} s, max ${String(Math.round(g.maxMs)).padStart(6)} ms: ${g.shape}`,
      );
    if (EXPLAIN) {
      for (const g of groups.filter((x) => /^\s*select/i.test(x.slowest.sql)).slice(0, 2)) {
        print(`  EXPLAIN ANALYZE of the slowest (${Math.round(g.maxMs)} ms): ${g.slowest.sql.replace(/\s+/g, ' ')}`);
        print(`    parameters: ${JSON.stringify(g.slowest.params)}`);
        const plan = await ctx.db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${g.slowest.sql}`, g.slowest.params);
        for (const row of plan.rows) print(`    ${row['QUERY PLAN']}`);
      }
    }
  }
  return {
    label,
    runId,
    batches: n,
    wallMs: lastAcceptedAfterMs,
    mutationMs,
    preparedAfterMs,
    firstAcceptedAfterMs,
    lastAcceptedAfterMs,
    attempts: sends.attempts,
    processes,
    postgresCpuSeconds: pgCpu,
    loadBefore,
    loadAfter,
    backoffWarnings,
    slowStatementsMs,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// --- the benchmark ------------------------------------------------------------------------------

runBenchmark(
  async (cleanups) => {
    const started = Date.now();
    print(
      `Delivery benchmark — ${os.availableParallelism()} cores, Node ${process.version}, ${RECIPIENTS.toLocaleString('en')} recipients, ` +
        `${JOBS} job runner process(es), 4 lanes × ${SENDS_PER_LANE} sends, pool ${POOL_MAX}, ` +
        `target ${TARGET === 'ALL' ? 'all friends' : "a segment {type:'channel'}"}`,
    );
    print(`  ${loadLine()}`);
    const postgres = await ensurePostgres((line) => print(`  ${line}`));
    // BENCH_KEEP=1 leaves the cluster and the database running afterwards, to look into them.
    const keep = process.env.BENCH_KEEP === '1';
    if (!keep) cleanups.push(() => postgres.stop());
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-delivery-'));
    print(`  logs in ${workDir}`);

    let pgLog: PostgresLog | null = null;
    let postmasterPid: number | null = null;
    if (postgres.dir) {
      // Our own throwaway cluster: log what takes long, to say where PostgreSQL's time went.
      const admin = new pg.Client({ connectionString: postgres.maintenanceUrl });
      await admin.connect();
      await admin.query(`alter system set log_min_duration_statement = '${SLOW_MS}ms'`);
      // And every lock wait over 100 ms (deadlock_timeout is when the wait is checked and logged).
      await admin.query(`alter system set log_lock_waits = on`);
      await admin.query(`alter system set deadlock_timeout = '100ms'`);
      await admin.query(`select pg_reload_conf()`);
      await admin.end();
      pgLog = new PostgresLog(path.join(postgres.dir, 'postgres.log'));
      postmasterPid = Number(fs.readFileSync(path.join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    }

    const secrets = generateSecrets();
    const emulatorPort = await freePort();
    const emulatorNodeArgs = process.env.BENCH_EMULATOR_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const sampler = new ProcessSampler(200);
    sampler.start();
    cleanups.push(async () => sampler.stop());
    let emulator = await startEmulatorProcess({
      port: emulatorPort,
      rateLimitScale: 1,
      logFile: path.join(workDir, 'emulator-1.log'),
      nodeArgs: emulatorNodeArgs,
    });
    // The emulator is restarted between the runs: stop whichever is running at the end.
    cleanups.push(() => emulator.stop());
    await emulator.control('POST', '/channels', CHANNEL);

    const server = await startBenchServer({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://bench.machi.invalid',
        LOG_LEVEL: 'info',
        LINE_API_BASE_URL: emulator.url,
        LINE_DATA_API_BASE_URL: emulator.url,
        ...secrets,
        DATABASE_POOL_MAX: String(POOL_MAX),
        DELIVERY_SENDS_PER_LANE: String(SENDS_PER_LANE),
        // e.g. "--trace-gc" or "--max-old-space-size=160", to tell live memory from garbage not yet collected.
        ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      },
      jobsProcesses: JOBS,
      socketDir: process.env.BENCH_PG_SOCKET === '1' ? postgres.dir : null,
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
      jobsNodeArgs: process.env.BENCH_JOBS_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
      workDir,
    });
    // Said now, not at cleanup, so that the BENCH line stays the last one.
    if (keep) print(`  BENCH_KEEP=1: database ${server.database.url} and cluster ${postgres.dir ?? '(given)'} are left running`);
    else cleanups.push(() => server.dropDatabase());
    cleanups.push(() => server.stop());
    print(`  server pid ${server.pid}, job runner pid(s) ${server.jobsPids.join(', ')}, emulator pid ${emulator.pid} at ${emulator.url}`);
    sampler.watch('server', server.pid);
    server.jobsPids.forEach((pid, i) => sampler.watch(`jobs-${i + 1}`, pid));
    sampler.watch('emulator', emulator.pid);

    const admin = await signInAdmin(server);
    const channel = await admin.ok<{ createLineChannel: { channel: { id: string } } }>(
      `mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`,
      {
        input: {
          name: CHANNEL.displayName,
          purpose: 'PRODUCTION',
          messagingChannelId: CHANNEL.channelId,
          channelSecret: CHANNEL.channelSecret,
          channelAccessToken: CHANNEL.accessToken,
        },
      },
    );
    const channelId = channel.createLineChannel.channel.id;
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    cleanups.push(() => db.end());

    const seedStart = Date.now();
    await seedResidents(server.database.url, secrets, channelId, RECIPIENTS, TARGET === 'ALL');
    const seeded = Date.now() - seedStart;
    await db.query(`vacuum analyze resident`);
    await db.query(`vacuum analyze resident_attribute_doc`);
    const counts = (
      await db.query<{ residents: number; docs: number; size: string }>(
        `select (select count(*)::int from resident where channel_id = $1 and follow_status = 'FOLLOWING') as residents,
                (select count(*)::int from resident_attribute_doc where channel_id = $1) as docs,
                pg_size_pretty(pg_total_relation_size('resident')) as size`,
        [channelId],
      )
    ).rows[0]!;
    if (counts.residents !== RECIPIENTS || counts.docs !== RECIPIENTS)
      throw new Error(`seeded ${counts.residents} residents and ${counts.docs} attribute documents, expected ${RECIPIENTS}`);
    print(
      `  seeded ${RECIPIENTS.toLocaleString('en')} following friends (sealed and hashed in Node, inserted in SQL) in ${s1(seeded)} s; resident ${counts.size}`,
    );

    let segmentId: string | null = null;
    if (TARGET === 'SEGMENTS') {
      const segment = await admin.ok<{ createSegment: { segment: { id: string } } }>(
        `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
        { input: { name: 'チャネルの友だち全員', condition: { type: 'channel', channelId } } },
      );
      segmentId = segment.createSegment.segment.id;
    }
    for (const p of sampler.window())
      print(`  before the runs: ${p.name} RSS ${mb(p.rssPeakMb)} MB at most while seeding, VmHWM ${mb(p.hwmMb)} MB`);
    const ctx: Context = { server, admin, db, channelId, segmentId, sampler, workDir, pgLog, postmasterPid };
    const floorS = Math.ceil(RECIPIENTS / LINE_MULTICAST_MAX_TO) / LINE_MULTICAST_PER_S;
    const timeoutMs = Math.max(900_000, floorS * 30_000);

    // 1. LINE's limit enforced.
    const limited = await runDelivery(ctx, emulator, `run 1: emulator enforcing LINE's ${LINE_MULTICAST_PER_S} multicast/s`, timeoutMs);
    const emulatorLimited = sampler.unwatch('emulator');

    // 2. The emulator's limits out of reach: the pipeline's own pace.
    await emulator.stop();
    emulator = await startEmulatorProcess({
      port: emulatorPort,
      rateLimitScale: UNLIMITED_SCALE,
      logFile: path.join(workDir, 'emulator-2.log'),
      nodeArgs: emulatorNodeArgs,
    });
    await emulator.control('POST', '/channels', CHANNEL);
    sampler.watch('emulator', emulator.pid);
    const unlimited = await runDelivery(ctx, emulator, `run 2: emulator limits × ${UNLIMITED_SCALE} (out of reach)`, timeoutMs);
    const emulatorUnlimited = sampler.unwatch('emulator');

    // --- summary ------------------------------------------------------------------------------
    const ours = unlimited.processes.filter((p) => p.name !== 'emulator');
    const peakOurs = Math.max(
      ...ours.map((p) => p.hwmMb),
      ...limited.processes.filter((p) => p.name !== 'emulator').map((p) => p.rssPeakMb),
    );
    const emulatorPeak = Math.max(emulatorLimited?.hwmMb ?? 0, emulatorUnlimited?.hwmMb ?? 0);
    const floorLimited = limited.batches / LINE_MULTICAST_PER_S;
    const ratio = limited.wallMs / 1000 / floorLimited;
    const perS = RECIPIENTS / (unlimited.wallMs / 1000);
    print();
    print('summary');
    print(
      `  run 1: ${s1(limited.wallMs)} s for ${limited.batches} batches; floor ${floorLimited.toFixed(1)} s → ratio ${ratio.toFixed(3)} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'MISSED'})`,
    );
    print(
      `  run 2: ${s1(unlimited.wallMs)} s → ${Math.round(perS).toLocaleString('en')} recipients/s (target ≥ 50,000: ${perS >= 50_000 ? 'met' : 'MISSED'})`,
    );
    for (const r of [limited, unlimited])
      print(
        `  ${r.label.slice(0, 5)}: preparation done ${r.preparedAfterMs < 0 ? '?' : s1(r.preparedAfterMs)} s after the mutation, ` +
          `first request at ${s1(r.firstAcceptedAfterMs)} s, last at ${s1(r.lastAcceptedAfterMs)} s`,
      );
    print(
      `  peak memory: ${ours.map((p) => `${p.name} ${mb(p.hwmMb)} MB`).join(', ')} (target ≤ 300 MB: ${peakOurs <= 300 ? 'met' : 'MISSED'}); ` +
        `emulator ${mb(emulatorLimited?.hwmMb ?? 0)} / ${mb(emulatorUnlimited?.hwmMb ?? 0)} MB`,
    );
    print(`  total time ${Math.round((Date.now() - started) / 1000)} s`);
    print(
      `BENCH delivery ratio=${ratio.toFixed(3)} peak_rss_mb=${mb(peakOurs)} recipients_per_s=${Math.round(perS)} ` +
        `emulator_rss_mb=${mb(emulatorPeak)} batches=${limited.batches} seconds_limited=${(limited.wallMs / 1000).toFixed(2)} ` +
        `seconds_unlimited=${(unlimited.wallMs / 1000).toFixed(2)}`,
    );
  },
  { watchdogMs: WATCHDOG_MS, print },
);
