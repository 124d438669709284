import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedResult } from '@machi/server';
import { createTestDatabase, type TestDatabase } from './database.js';
import { adminWebDist, jobsMain, liffAppDist, repoRoot, serverMain } from './paths.js';
import { freePort } from './ports.js';
import { generateSecrets } from './secrets.js';

const prepareScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prepare-database.mjs');

export interface StartServerOptions {
  /** Extra or overriding environment variables for the server (and the migration/seed step). */
  env?: Record<string, string>;
  /** Prefix of the fresh database's name. */
  databasePrefix?: string;
  /** How long to wait for /readyz. */
  readyTimeoutMs?: number;
}

export interface RunningTestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  port: number;
  database: TestDatabase;
  /** The environment the server runs with (database URL, keys, dist folders, ...). */
  env: Record<string, string>;
  /** What the demo seed reported; on a fresh database it carries the administrator's password. */
  seed: SeedResult;
  /** The first administrator's credentials (the seed always creates it on a fresh database). */
  admin: { loginId: string; password: string };
  /** The recent output of the server and the job runner, for failure messages. */
  logs(): string;
  /** Stops the server and the job runner and drops their database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Keeps the last lines a process printed; echoes them live when E2E_SERVER_LOGS=1. */
class OutputTail {
  private lines: string[] = [];
  constructor(
    private readonly label: string,
    private readonly max = 400,
  ) {}
  attach(child: ChildProcess): void {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) {
          if (!line) continue;
          this.lines.push(line);
          if (process.env.E2E_SERVER_LOGS === '1') process.stderr.write(`[${this.label}] ${line}\n`);
        }
        if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
      });
    }
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Applies the migrations and the demo seed to the database in `env`, in a separate Node process. */
export async function migrateAndSeed(env: Record<string, string>): Promise<SeedResult> {
  const output = new OutputTail('prepare');
  const child = spawn(process.execPath, [prepareScript], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  output.attach(child);
  type Report = { ok: true; seed: SeedResult } | { ok: false; error: string; problems?: string[] };
  let report: Report | undefined;
  child.on('message', (message) => {
    report = message as Report;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (report?.ok) return report.seed;
  const detail = report && !report.ok ? (report.problems?.join('\n') ?? report.error) : `exit code ${code}`;
  throw new Error(`migrations/seed failed: ${detail}\n--- output ---\n${output.toString()}`);
}

async function waitForReady(url: string, child: ChildProcess, output: OutputTail, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(`the server exited (code ${child.exitCode}) before it was ready\n--- output ---\n${output.toString()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms (${url}: ${last})\n--- output ---\n${output.toString()}`);
}

/** Waits until the job runner logged that it started (it logs JSON lines at info level); `output` reads what it printed so far. */
export async function waitForJobRunner(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes('"job runner started"')) {
    if (exited(child)) {
      throw new Error(`the job runner exited (code ${child.exitCode}) before it started\n--- output ---\n${output()}`);
    }
    if (Date.now() > deadline) throw new Error(`the job runner did not start within ${timeoutMs} ms\n--- output ---\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (exited(child)) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A fresh database, migrated and seeded, the built server (`node server/dist/main.js`) on a free
 * port of 127.0.0.1 serving the built admin-web and liff-app, ready (/readyz answered 200), and the
 * built job runner (`node jobs/dist/main.js`) beside it, as `npm start` runs them: the job runner
 * processes the LINE webhook events the server stores.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningTestServer> {
  const admin = options.env?.ADMIN_WEB_DIST ?? adminWebDist;
  const liff = options.env?.LIFF_APP_DIST ?? liffAppDist;
  for (const required of [serverMain, jobsMain, path.join(admin, 'index.html'), path.join(liff, 'index.html')]) {
    if (!fs.existsSync(required)) throw new Error(`${required} is missing: run \`npm run build\` first`);
  }
  const database = await createTestDatabase(options.databasePrefix);
  let child: ChildProcess | undefined;
  let jobs: ChildProcess | undefined;
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      DATABASE_URL: database.url,
      ADMIN_WEB_DIST: adminWebDist,
      LIFF_APP_DIST: liffAppDist,
      ...generateSecrets(),
      ...options.env,
    };
    const seed = await migrateAndSeed(env);
    if (!seed.adminPassword) throw new Error('the seed did not create the first administrator on a fresh database');

    const output = new OutputTail('server');
    const server = spawn(process.execPath, [serverMain], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    output.attach(server);
    await waitForReady(`${baseUrl}/readyz`, server, output, options.readyTimeoutMs ?? 60_000);
    const jobsOutput = new OutputTail('jobs');
    const runner = spawn(process.execPath, [jobsMain], {
      cwd: repoRoot,
      env: { ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    jobs = runner;
    jobsOutput.attach(runner);
    await waitForJobRunner(runner, () => jobsOutput.toString(), options.readyTimeoutMs ?? 60_000);

    let stopped = false;
    return {
      baseUrl,
      port,
      database,
      env,
      seed,
      admin: { loginId: seed.adminLoginId, password: seed.adminPassword },
      logs: () => `${output.toString()}\n--- job runner ---\n${jobsOutput.toString()}`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await Promise.all([stopProcess(server), stopProcess(runner)]);
        await database.drop();
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    if (jobs) await stopProcess(jobs);
    await database.drop().catch(() => undefined);
    throw error;
  }
}
