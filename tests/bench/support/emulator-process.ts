/**
 * The LINE Platform emulator (tests/line-emulator) as its own process, as `npm run emulator -w
 * @machi/tests` runs it, so that its CPU and memory are its own and not the benchmark's. It can be
 * restarted on the same port with other limits; the server under test keeps its base URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../e2e/harness/paths.js';
import { exited, stopProcess } from '../../e2e/harness/server.js';

const emulatorMain = path.join(repoRoot, 'tests', 'line-emulator', 'src', 'main.ts');

export interface EmulatorProcess {
  url: string;
  pid: number;
  logFile: string;
  /** A JSON request to the control API under /_emulator (path without that prefix). */
  control<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  port: number;
  /** EMULATOR_RATE_LIMIT_SCALE: 1 enforces LINE's limits (200 multicast requests/s), 1000 lifts them far out of reach. */
  rateLimitScale: number;
  logFile: string;
  /** Extra node flags (e.g. --cpu-prof --cpu-prof-dir=DIR). */
  nodeArgs?: string[];
}

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const out = fs.openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', emulatorMain], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: String(options.port),
      EMULATOR_RATE_LIMIT_SCALE: String(options.rateLimitScale),
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${options.port}`;
  const log = () => (fs.existsSync(options.logFile) ? fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-20).join('\n') : '');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited(child)) throw new Error(`the LINE emulator exited (code ${child.exitCode}) before it was ready\n${log()}`);
    try {
      const res = await fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`the LINE emulator was not ready within 60 s\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  async function control<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', controlPath: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/_emulator${controlPath}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${controlPath}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  return { url, pid: child.pid!, logFile: options.logFile, control, stop: () => stopProcess(child) };
}
