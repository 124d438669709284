/**
 * `npm run bench:api`: what the GraphQL request pipeline every feature shares costs.
 *
 * One server (NODE_ENV=production, LOG_LEVEL=info as deployed) on a throwaway PostgreSQL; in one
 * run, each closed loop at 50 keep-alive connections:
 *   floor      anonymous `{ __typename }`: Apollo and the HTTP plumbing alone;
 *   staff      `{ viewer { staff { loginId } } departments(first: 20) { … } }` as a department-scoped
 *              staff member (session cookie: actor, IP allowlist, scope, cost analysis, a scoped list);
 *   resident   `{ residentViewer { id displayName language } }` with a resident session;
 * then the staff query at 500 connections, open loop at 1,000 requests/s (latency counted from when
 * each request was due, so a slow server is not hidden).
 *
 * Settings: BENCH_PHASE_S (default 8), BENCH_WARMUP_S (2), BENCH_CPU_PROF=1 (profile the server and
 * print where its time went), BENCH_ONLY=floor|staff|resident (run that phase alone, no BENCH line; with staff,
 * BENCH_QUERY='{ … }' times that query instead).
 *
 * Last line: BENCH api floor_rps=… staff_list_rps=… ratio=… resident_rps=… p99_500_ms=… errors=…
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateSecrets } from '../e2e/harness/secrets.js';
import { printProfileSummary, summarizeProfile } from './support/cpuprofile.js';
import { signInAdmin, signInNewStaff, insertResidents } from './support/actors.js';
import { cpuBetween, cpuSnapshot, ensurePostgres, startBenchServer } from './support/environment.js';
import { envNumber, runBenchmark } from './support/run.js';
import { round, runLoad, summarize, type LoadRequest, type LoadResult } from './support/load.js';

const PHASE_S = envNumber('BENCH_PHASE_S', 8, 2, 30);
const WARMUP_S = envNumber('BENCH_WARMUP_S', 2, 0, 10);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
const ONLY = process.env.BENCH_ONLY as 'floor' | 'staff' | 'resident' | undefined;
const WATCHDOG_MS = 300_000;
const print = (line = '') => process.stdout.write(`${line}\n`);

const STAFF_QUERY = `{ viewer { staff { loginId } } departments(first: 20) { totalCount edges { node { code name } } } }`;
/** BENCH_ONLY=staff with BENCH_QUERY='…': time another query as the same staff member (to find where time goes). */
const ONLY_QUERY = process.env.BENCH_QUERY;
const RESIDENT_QUERY = `{ residentViewer { id displayName language } }`;

function graphqlRequest(query: string, cookie?: string): LoadRequest {
  return {
    body: Buffer.from(JSON.stringify({ query })),
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    events: 1,
  };
}

function report(name: string, result: LoadResult, seconds: number): number {
  const s = summarize(result.latenciesMs);
  const rps = result.ok / seconds;
  const failures = [...result.failures].map(([k, v]) => `${k}×${v}`).join(', ');
  print(
    `  ${name}: ${round(rps)} requests/s, p50 ${round(s.p50Ms)} ms, p99 ${round(s.p99Ms)} ms, max ${round(s.maxMs)} ms, errors ${result.errors}${failures ? ` (${failures})` : ''}`,
  );
  return rps;
}

async function main(cleanups: Array<() => Promise<unknown>>): Promise<void> {
  print(`GraphQL pipeline benchmark — ${os.availableParallelism()} cores, Node ${process.version}, phases of ${PHASE_S} s`);
  const postgres = await ensurePostgres((line) => print(`  ${line}`));
  cleanups.push(() => postgres.stop());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'machi-bench-api-'));
  cleanups.push(async () => {
    if (!CPU_PROF) fs.rmSync(workDir, { recursive: true, force: true });
  });

  const secrets = generateSecrets();
  const server = await startBenchServer({
    env: {
      ...secrets,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://bench.machi.invalid',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
      LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
      WEBHOOK_PROCESSING: 'server',
    },
    workDir,
    jobs: false,
    nodeArgs: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${workDir}`] : [],
  });
  cleanups.push(() => server.dropDatabase());
  cleanups.push(() => server.stop());
  print(`  server ${server.baseUrl} (pid ${server.pid}, NODE_ENV=production, LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? 'info'})`);

  // A department-scoped staff member (the seeded 一般職員 role: departments.read) with a session.
  const admin = await signInAdmin(server);
  const staff = await signInNewStaff(server, admin, { loginId: 'bench-staff', role: '一般職員', department: 'shimin' });
  const staffCookie = staff.cookieHeader();
  const checked = await staff.ok<{ viewer: { staff: { loginId: string } } }>(STAFF_QUERY);
  if (checked.viewer.staff.loginId !== 'bench-staff') throw new Error(`the staff query does not work: ${JSON.stringify(checked)}`);

  // A resident with a session, as after a LIFF sign-in.
  const db = new pg.Client({ connectionString: server.database.url });
  await db.connect();
  cleanups.push(() => db.end());
  const [resident] = await insertResidents(db, secrets, 1);
  const residentCookie = resident!.cookie;

  const url = new URL(`${server.baseUrl}/graphql`);
  const phase = async (name: string, request: LoadRequest, options: { concurrency: number; rate?: number; profile?: boolean }) => {
    if (WARMUP_S) await runLoad({ url, concurrency: options.concurrency, durationMs: WARMUP_S * 1000, next: () => request });
    const before = await cpuSnapshot(server.pid);
    const result = await runLoad({
      url,
      concurrency: options.concurrency,
      durationMs: PHASE_S * 1000,
      ...(options.rate ? { ratePerSecond: options.rate } : {}),
      timeoutMs: 10_000,
      next: () => request,
    });
    const cpu = cpuBetween(before, await cpuSnapshot(server.pid));
    const rps = report(name, result, result.elapsedMs / 1000);
    print(`    cores: server ${cpu.server}, postgres ${cpu.postgres}, load generator ${cpu.loadgen}, other ${cpu.other}`);
    return { result, rps };
  };

  if (ONLY) {
    // One phase alone (with BENCH_CPU_PROF=1: a profile of just that request).
    const request =
      ONLY === 'floor'
        ? graphqlRequest('{ __typename }')
        : ONLY === 'resident'
          ? graphqlRequest(RESIDENT_QUERY, residentCookie)
          : graphqlRequest(ONLY_QUERY ?? STAFF_QUERY, staffCookie);
    await phase(ONLY, request, { concurrency: 50 });
    if (CPU_PROF) {
      await server.stop();
      const profile = fs.readdirSync(workDir).find((f) => f.endsWith('.cpuprofile'));
      if (profile) printProfileSummary(summarizeProfile(path.join(workDir, profile), undefined, 40), print);
    }
    return;
  }
  print('closed loop, 50 connections:');
  const floor = await phase('floor (anonymous { __typename })', graphqlRequest('{ __typename }'), { concurrency: 50 });
  const staffList = await phase('staff list query', graphqlRequest(STAFF_QUERY, staffCookie), { concurrency: 50 });
  const residentPhase = await phase('resident query', graphqlRequest(RESIDENT_QUERY, residentCookie), { concurrency: 50 });
  print('open loop, 500 connections offered 1,000 requests/s:');
  const heavy = await phase('staff list query', graphqlRequest(STAFF_QUERY, staffCookie), { concurrency: 500, rate: 1000 });
  const p99 = summarize(heavy.result.latenciesMs).p99Ms;
  const errors = floor.result.errors + staffList.result.errors + residentPhase.result.errors + heavy.result.errors;

  if (CPU_PROF) {
    await server.stop();
    const profile = fs.readdirSync(workDir).find((f) => f.endsWith('.cpuprofile'));
    if (profile) printProfileSummary(summarizeProfile(path.join(workDir, profile)), print);
  }
  print(
    `BENCH api floor_rps=${round(floor.rps)} staff_list_rps=${round(staffList.rps)} ratio=${round(staffList.rps / floor.rps)} ` +
      `resident_rps=${round(residentPhase.rps)} p99_500_ms=${round(p99)} errors=${errors}`,
  );
}

runBenchmark(main, { watchdogMs: WATCHDOG_MS, print });
