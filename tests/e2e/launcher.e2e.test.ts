import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, freePort, generateSecrets, repoRoot, type TestDatabase } from './harness/index.js';

// `npm start` (scripts/start.mjs) as an operator runs it, on an existing PostgreSQL (DATABASE_URL,
// so no embedded one) and without the LINE emulator: a child that dies is started again; where a
// restart cannot help, the launcher stops everything.

const launcherScript = path.join(repoRoot, 'scripts', 'start.mjs');
const serverScript = 'server/dist/main.js';
const jobsScript = 'jobs/dist/main.js';

/** What these tests use of the launcher's scripts/lib/supervise.mjs (plain JavaScript, so typed here). */
type RestartDecision = { action: 'restart'; delayMs: number; restart: number } | { action: 'give-up'; quickRestarts: number };
interface RestartPolicy {
  next(exit: { upForMs: number; at: number }): RestartDecision;
}
interface SuperviseOptions {
  name: string;
  spawn: () => ChildProcess;
  stopping: () => boolean;
  stop: (message: string) => void;
  say: (message: string) => void;
  warn: (message: string) => void;
  policy?: RestartPolicy;
}
interface SupervisionModule {
  EX_CONFIG: number;
  restartPolicy: (options?: { initialDelayMs?: number; maxDelayMs?: number }) => RestartPolicy;
  supervise: (options: SuperviseOptions) => { started: Promise<void>; cancel(): void };
}
const { EX_CONFIG, restartPolicy, supervise } = (await import(
  pathToFileURL(path.join(repoRoot, 'scripts', 'lib', 'supervise.mjs')).href
)) as SupervisionModule;

interface Launcher {
  pid: number;
  /** Everything it and its children printed so far. */
  output(): string;
  /** Resolves with the first match in the output, waiting up to `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Resolves once it exited, or rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to it and its children, for the clean-up after a failed test. */
  kill(): void;
}

function startLauncher(env: Record<string, string>): Launcher {
  const child: ChildProcess = spawn(process.execPath, [launcherScript], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the launcher did not start');
  let text = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      text += chunk;
      if (process.env.E2E_SERVER_LOGS === '1') process.stderr.write(chunk);
    });
  }
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid,
    output: () => text,
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the launcher exited (code ${child.exitCode}) before printing ${pattern}\n--- output ---\n${text}`);
        }
        if (Date.now() > deadline) throw new Error(`the launcher did not print ${pattern} within ${timeoutMs} ms\n--- output ---\n${text}`);
        await sleep(100);
      }
    },
    async exited(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the launcher did not exit within ${timeoutMs} ms\n--- output ---\n${text}`)), timeoutMs);
      });
      try {
        return await Promise.race([exit, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    signal: (signal) => child.kill(signal),
    kill() {
      for (const childPid of childPids(pid)) killQuietly(childPid);
      killQuietly(pid);
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The running children of `parentPid` (optionally only those running `script`), read from /proc. */
function childPids(parentPid: number, script?: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read from the last ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== parentPid || state === 'Z') continue;
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!script || argv.some((arg) => arg.endsWith(script))) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

/** Processes started for this data folder, the launcher's children or orphans: they inherit MACHI_DATA_DIR. */
function processesOf(dataDir: string): number[] {
  const marker = `MACHI_DATA_DIR=${dataDir}`;
  return fs
    .readdirSync('/proc')
    .filter((entry) => {
      if (!/^\d+$/.test(entry) || !isRunning(Number(entry))) return false;
      try {
        return fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until the launcher has exactly one child running `script` and returns its pid. */
async function onlyChild(launcher: Launcher, script: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = childPids(launcher.pid, script);
    if (pids.length === 1 && pids[0] !== undefined) return pids[0];
    if (Date.now() > deadline) {
      throw new Error(`the launcher has ${pids.length} children running ${script}, not 1\n--- output ---\n${launcher.output()}`);
    }
    await sleep(100);
  }
}

async function readyz(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return 0;
  }
}

describe('npm start keeps the product running', () => {
  let database: TestDatabase;
  let dataDir: string;
  const launchers: Launcher[] = [];

  /** The launcher on the test database, without the emulator, on a free port; `env` adds or overrides. */
  async function launch(env: Record<string, string> = {}): Promise<{ launcher: Launcher; baseUrl: string }> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const launcher = startLauncher({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      // info: the job runner says when it has started.
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      LINE_EMULATOR: '0',
      MACHI_DATA_DIR: dataDir,
      ...generateSecrets(),
      ...env,
    });
    launchers.push(launcher);
    return { launcher, baseUrl };
  }

  beforeAll(async () => {
    database = await createTestDatabase('launcher');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'machi-launcher-'));
  });

  afterAll(async () => {
    for (const launcher of launchers) launcher.kill();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed server until /readyz answers again, leaves the job runner running, and stops everything on SIGTERM', async () => {
    const { launcher, baseUrl } = await launch();
    await launcher.waitForOutput(/Machi LINE is running\./, 90_000);
    await launcher.waitForOutput(/"job runner started"/, 30_000);
    const serverPid = await onlyChild(launcher, serverScript);
    const jobsPid = await onlyChild(launcher, jobsScript);
    expect(await readyz(baseUrl)).toBe(200);

    process.kill(serverPid, 'SIGKILL');
    await launcher.waitForOutput(/\[start\] the server was killed by SIGKILL unexpectedly; restarting it in 1 s \(restart 1\)/, 10_000);
    await launcher.waitForOutput(/\[start\] the server is running again \(restart 1\)/, 60_000);
    expect(await readyz(baseUrl)).toBe(200);
    const restartedPid = await onlyChild(launcher, serverScript);
    expect(restartedPid).not.toBe(serverPid);
    expect(isRunning(serverPid)).toBe(false);
    expect(childPids(launcher.pid, jobsScript), 'the job runner kept running').toEqual([jobsPid]);

    launcher.signal('SIGTERM');
    expect(await launcher.exited(40_000), launcher.output()).toEqual({ code: 0, signal: null });
    expect(processesOf(dataDir), 'processes left after the launcher exited').toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'launcher.pid')), 'the lock file is released').toBe(false);
    expect(launcher.output()).not.toMatch(/restart 2/);
  });

  it('stops at once when SIGTERM arrives while it waits to restart the server', async () => {
    const { launcher } = await launch();
    await launcher.waitForOutput(/Machi LINE is running\./, 90_000);
    const serverPid = await onlyChild(launcher, serverScript);
    const jobsPid = await onlyChild(launcher, jobsScript);

    process.kill(serverPid, 'SIGKILL');
    await launcher.waitForOutput(/restarting it in 1 s \(restart 1\)/, 10_000);
    launcher.signal('SIGTERM');
    expect(await launcher.exited(30_000), launcher.output()).toEqual({ code: 0, signal: null });
    expect(isRunning(jobsPid)).toBe(false);
    // Past the 1 s backoff: nothing was started after the shutdown began.
    await sleep(1_500);
    expect(processesOf(dataDir), 'processes left after the launcher exited').toEqual([]);
    expect(launcher.output()).not.toMatch(/running again/);
  });

  it('stops with an error, without restarting anything, when the configuration is not valid', async () => {
    const { launcher } = await launch({ GRAPHQL_MAX_DEPTH: '1' });
    const { code } = await launcher.exited(60_000);
    expect(code, launcher.output()).not.toBe(0);
    expect(launcher.output()).toMatch(/GRAPHQL_MAX_DEPTH must be at least 3/);
    expect(launcher.output()).not.toMatch(/restarting/);
    expect(processesOf(dataDir)).toEqual([]);
  });
});

describe('launcher supervision (scripts/lib/supervise.mjs)', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s, and from 1 s again once the child stayed up a minute', () => {
    const policy = restartPolicy();
    const delays: number[] = [];
    // Exits three minutes apart: never 5 quick exits within 2 minutes, so it never gives up.
    for (let i = 0; i < 7; i += 1) {
      const decision = policy.next({ upForMs: 1_000, at: i * 180_000 });
      if (decision.action === 'restart') delays.push(decision.delayMs);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(policy.next({ upForMs: 60_000, at: 7 * 180_000 })).toEqual({ action: 'restart', delayMs: 1_000, restart: 8 });
  });

  it('gives up on the sixth exit when the child died within 10 s of starting 5 times within 2 minutes', () => {
    const policy = restartPolicy();
    const actions = [0, 1, 2, 3, 4, 5].map((i) => policy.next({ upForMs: 500, at: i * 20_000 }).action);
    expect(actions).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);
  });

  it('always restarts a child that had been running for a while, however often that happens', () => {
    const policy = restartPolicy();
    const actions = Array.from({ length: 20 }, (_, i) => policy.next({ upForMs: 15_000, at: i * 16_000 }).action);
    expect(new Set(actions)).toEqual(new Set(['restart']));
  });

  /** Supervises `node -e <code>` with a fast backoff: `stopped` resolves with the reason it stopped everything. */
  function superviseNode(code: string) {
    const said: string[] = [];
    let spawned = 0;
    let stopping = false;
    const stopped = new Promise<string>((resolve) => {
      const supervisor = supervise({
        name: 'test worker',
        spawn: () => {
          spawned += 1;
          return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
        },
        stopping: () => stopping,
        stop: (message) => {
          stopping = true;
          resolve(message);
        },
        say: (message) => said.push(message),
        warn: (message) => said.push(message),
        policy: restartPolicy({ initialDelayMs: 20, maxDelayMs: 80 }),
      });
      supervisor.started.catch(() => undefined);
    });
    return { stopped, said, spawned: () => spawned };
  }

  it('stops everything without a restart when a child exits with EX_CONFIG (78)', async () => {
    const run = superviseNode(`setTimeout(() => process.exit(${EX_CONFIG}), 50)`);
    const message = await run.stopped;
    expect(message).toMatch(/^the test worker exited with code 78 \(its configuration is not valid, see above\); restarting cannot help/);
    await sleep(200);
    expect(run.spawned()).toBe(1);
  });

  it('gives up on a child that keeps dying right after it starts, naming it and its last exit code', async () => {
    const run = superviseNode('process.exit(3)');
    const message = await run.stopped;
    expect(message).toBe(
      'the test worker keeps exiting soon after it starts (5 restarts within 2 min, last: it exited with code 3); giving up, stopping everything.',
    );
    expect(run.spawned()).toBe(6);
    expect(run.said.filter((line) => line.startsWith('the test worker exited with code 3 unexpectedly; restarting it in'))).toHaveLength(5);
  });
});
