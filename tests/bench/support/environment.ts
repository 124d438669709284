/**
 * What a benchmark needs around the server under test: a PostgreSQL (a throwaway one unless the
 * caller gives one), a fresh migrated and seeded database, and the built server running as its own
 * process on 127.0.0.1 with the built job runner beside it (as `npm start` runs them), their output
 * in log files. Everything here can be stopped twice.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../../e2e/harness/database.js';
import { jobsMain, repoRoot, serverMain } from '../../e2e/harness/paths.js';
import { freePort } from '../../e2e/harness/ports.js';
import { generateSecrets } from '../../e2e/harness/secrets.js';
import { exited, migrateAndSeed, stopProcess, waitForJobRunner } from '../../e2e/harness/server.js';

const run = promisify(execFile);
const postgresScript = path.join(repoRoot, 'scripts', 'test-postgres.sh');

export interface Postgres {
  /** A superuser's URL to the `postgres` database (what createTestDatabase needs). */
  maintenanceUrl: string;
  /** The throwaway cluster's directory, when this process started it. */
  dir: string | null;
  stop(): Promise<void>;
}

/** BENCH_DATABASE_URL or TEST_DATABASE_URL if set; otherwise a throwaway cluster from scripts/test-postgres.sh. */
export async function ensurePostgres(log: (line: string) => void): Promise<Postgres> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) {
    process.env.TEST_DATABASE_URL = given;
    log(`PostgreSQL: using ${redactUrl(given)}`);
    return { maintenanceUrl: given, dir: null, stop: async () => undefined };
  }
  const { stdout } = await run('bash', [postgresScript, 'start'], { cwd: repoRoot });
  const value = (name: string) => {
    const match = new RegExp(`^export ${name}=(.*)$`, 'm').exec(stdout);
    if (!match?.[1]) throw new Error(`scripts/test-postgres.sh start did not print ${name}:\n${stdout}`);
    // printf %q leaves these (mktemp paths, URLs) unquoted; strip quotes if a shell ever adds them.
    return match[1].replace(/^'(.*)'$/, '$1');
  };
  const dir = value('TEST_PG_DIR');
  const url = value('TEST_DATABASE_URL');
  process.env.TEST_DATABASE_URL = url;
  log(`PostgreSQL: throwaway cluster at ${redactUrl(url)} (fsync=off, synchronous_commit=off, as scripts/test-postgres.sh sets it)`);
  let stopped = false;
  return {
    maintenanceUrl: url,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('bash', [postgresScript, 'stop', dir], { cwd: repoRoot });
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** The (first) job runner's process, when one was started. */
  jobsPid: number | null;
  /** Every job runner process started (`jobsProcesses` of them). */
  jobsPids: number[];
  database: TestDatabase;
  admin: { loginId: string; password: string };
  /** Where the server's stdout/stderr go. */
  logFile: string;
  /** The last lines of the server's log. */
  tail(lines?: number): string;
  /** Stops the server and the job runner (SIGTERM, then SIGKILL after 10 s); the database is kept until dropDatabase(). */
  stop(): Promise<void>;
  dropDatabase(): Promise<void>;
}

export interface StartBenchServerOptions {
  env: Record<string, string>;
  /** Extra node flags for the server (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Let the server reach PostgreSQL through the Unix socket in this directory instead of TCP. */
  socketDir?: string | null;
  /** Start the job runner too (default true). */
  jobs?: boolean;
  /** How many job runner processes to start when `jobs` (default 1); logs in jobs.log, jobs-2.log, ... */
  jobsProcesses?: number;
  /** Extra node flags for the job runner(s) (e.g. --cpu-prof). */
  jobsNodeArgs?: string[];
  workDir: string;
}

/**
 * The node flags a workspace's `npm start` gives its process (`node [flags] dist/main.js`), so that a
 * benchmark runs it as deployed: the job runner's heap limit (jobs/package.json) bounds its memory.
 */
export function startScriptNodeArgs(workspace: 'server' | 'jobs'): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, workspace, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const match = /^node((?:\s+--[^\s]+)*)\s+dist\/main\.js$/.exec(manifest.scripts?.start ?? '');
  if (!match) throw new Error(`${workspace}/package.json: the start script is not "node [flags] dist/main.js"`);
  return match[1]!.split(/\s+/).filter(Boolean);
}

/** The same database through a Unix socket: MikroORM and pg both decode a socket directory given as the URL's host. */
function viaSocket(url: string, dir: string): string {
  const u = new URL(url);
  return `postgres://${u.username}@${encodeURIComponent(dir)}:${u.port}${u.pathname}`;
}

/**
 * A fresh database (migrated and seeded like the e2e harness does), `node server/dist/main.js` on a
 * free port and `node jobs/dist/main.js` beside it, each with the node flags of its start script.
 */
export async function startBenchServer(options: StartBenchServerOptions): Promise<BenchServer> {
  const withJobs = options.jobs ?? true;
  for (const main of withJobs ? [serverMain, jobsMain] : [serverMain]) {
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build -w @machi/server -w @machi/jobs\` first`);
  }
  const database = await createTestDatabase('bench');
  let child: ChildProcess | undefined;
  const jobs: ChildProcess[] = [];
  const logFile = path.join(options.workDir, 'server.log');
  const tail = (lines = 40) => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  };
  const stop = async () => {
    await Promise.all([child, ...jobs].filter((c) => c !== undefined).map((c) => stopProcess(c)));
  };
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? os.tmpdir(),
      ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.socketDir ? viaSocket(database.url, options.socketDir) : database.url,
      ...generateSecrets(),
      ...options.env,
    };
    const seed = await migrateAndSeed(env);
    if (!seed.adminPassword) throw new Error('the seed did not create the first administrator on a fresh database');

    const out = fs.openSync(logFile, 'a');
    child = spawn(process.execPath, [...startScriptNodeArgs('server'), ...(options.nodeArgs ?? []), serverMain], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const server = child;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited(server)) throw new Error(`the server exited (code ${server.exitCode}) before it was ready\n${tail()}`);
      try {
        const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server was not ready within 60 s\n${tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    if (withJobs) {
      for (let n = 1; n <= Math.max(1, options.jobsProcesses ?? 1); n++) {
        const jobsLog = path.join(options.workDir, n === 1 ? 'jobs.log' : `jobs-${n}.log`);
        const jobsOut = fs.openSync(jobsLog, 'a');
        // The job runner logs at info whatever the server does: its start line is what we wait for.
        const runner = spawn(process.execPath, [...startScriptNodeArgs('jobs'), ...(options.jobsNodeArgs ?? []), jobsMain], {
          cwd: repoRoot,
          env: { ...env, LOG_LEVEL: 'info' },
          stdio: ['ignore', jobsOut, jobsOut],
        });
        jobs.push(runner);
        fs.closeSync(jobsOut);
        const log = () => (fs.existsSync(jobsLog) ? fs.readFileSync(jobsLog, 'utf8') : '');
        await waitForJobRunner(runner, log, 60_000);
      }
    }
    return {
      baseUrl,
      pid: server.pid!,
      jobsPid: jobs[0]?.pid ?? null,
      jobsPids: jobs.map((j) => j.pid!),
      database,
      admin: { loginId: seed.adminLoginId, password: seed.adminPassword },
      logFile,
      tail,
      stop,
      dropDatabase: () => database.drop(),
    };
  } catch (error) {
    await stop();
    await database.drop().catch(() => undefined);
    throw error;
  }
}

/** A browser-like GraphQL client (keeps the session cookie). */
export class Gql {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  /** The session cookies as a Cookie header, for a load generator to send. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const idx = pair.indexOf('=');
      const value = pair.slice(idx + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(pair.slice(0, idx));
      else this.cookies.set(pair.slice(0, idx), value);
    }
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (HTTP ${res.status}): ${JSON.stringify(body.errors)}`);
    return body.data;
  }
}

// --- CPU accounting from /proc (Linux) ----------------------------------------------------------

let clockTicks: number | undefined;
async function ticksPerSecond(): Promise<number> {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number((await run('getconf', ['CLK_TCK'])).stdout.trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime+stime of one process in clock ticks, and its command name. */
function procTimes(pid: string): { comm: string; ticks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

export interface CpuSnapshot {
  at: bigint;
  server: number;
  jobs: number;
  postgres: number;
  self: number;
  machineBusy: number;
  machineTotal: number;
}

/** CPU seconds used so far by the server and job runner processes, all `postgres` processes, this process and the machine. */
export async function cpuSnapshot(serverPid: number, jobsPid: number | null = null): Promise<CpuSnapshot> {
  const hz = await ticksPerSecond();
  let postgres = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = procTimes(entry);
    if (t?.comm === 'postgres') postgres += t.ticks;
  }
  const server = procTimes(String(serverPid))?.ticks ?? 0;
  const jobs = jobsPid === null ? 0 : (procTimes(String(jobsPid))?.ticks ?? 0);
  const usage = process.cpuUsage();
  const cpu = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return {
    at: process.hrtime.bigint(),
    server: server / hz,
    jobs: jobs / hz,
    postgres: postgres / hz,
    self: (usage.user + usage.system) / 1e6,
    machineBusy: (total - idle) / hz,
    machineTotal: total / hz,
  };
}

/** Cores used on average between two snapshots, by whom. */
export function cpuBetween(
  a: CpuSnapshot,
  b: CpuSnapshot,
): { server: number; jobs: number; postgres: number; loadgen: number; machine: number; other: number } {
  const seconds = Number(b.at - a.at) / 1e9;
  const cores = (x: number) => Math.round((x / seconds) * 100) / 100;
  const machineShare = b.machineTotal - a.machineTotal > 0 ? (b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal) : 0;
  const server = cores(b.server - a.server);
  const jobs = cores(b.jobs - a.jobs);
  const postgres = cores(b.postgres - a.postgres);
  const loadgen = cores(b.self - a.self);
  const machine = Math.round(machineShare * os.availableParallelism() * 100) / 100;
  // Whatever else ran meanwhile (other people's builds and tests share this machine): noise to note.
  const other = Math.max(0, Math.round((machine - server - jobs - postgres - loadgen) * 100) / 100);
  return { server, jobs, postgres, loadgen, machine, other };
}
