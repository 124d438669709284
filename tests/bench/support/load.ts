/**
 * A small HTTP load generator for 127.0.0.1: N keep-alive connections (node:http Agent), each
 * sending one request at a time, for a fixed duration. Closed loop by default (the next request
 * goes when the answer came); with `ratePerSecond` it is open loop: request i is due at
 * start + i / rate and its latency counts from that moment, so a slow server is not hidden by the
 * generator waiting for it (no coordinated omission).
 */
import http from 'node:http';

export interface LoadRequest {
  body: Buffer;
  headers: Record<string, string>;
  /** How many events this request carries (for events/s). */
  events: number;
}

export interface LoadOptions {
  url: URL;
  concurrency: number;
  durationMs: number;
  ratePerSecond?: number;
  /** A request that takes longer counts as an error. */
  timeoutMs?: number;
  /** Hard cap on requests in this run (a bound besides the duration). */
  maxRequests?: number;
  next(): LoadRequest;
}

export interface LoadResult {
  /** Requests answered 200. */
  ok: number;
  /** Events in the requests answered 200. */
  events: number;
  errors: number;
  /** Status (or error code) → count, for everything that was not 200. */
  failures: Map<string, number>;
  /** Latency in ms of every request answered 200, in completion order. */
  latenciesMs: Float64Array;
  elapsedMs: number;
}

/** Lets a benchmark watch the run from outside (e.g. the backlog every few seconds). */
export type Tick = (elapsedMs: number, ok: number, events: number) => void | Promise<void>;

export async function runLoad(options: LoadOptions, onTick?: { everyMs: number; tick: Tick }): Promise<LoadResult> {
  const { url, concurrency, durationMs } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency, scheduling: 'fifo' });
  const capacity = Math.min(options.maxRequests ?? 2_000_000, 2_000_000);
  const latencies = new Float64Array(capacity);
  let recorded = 0;
  let issued = 0;
  let ok = 0;
  let events = 0;
  let errors = 0;
  const failures = new Map<string, number>();
  const fail = (key: string) => {
    errors++;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };

  const send = (request: LoadRequest): Promise<number | string> =>
    new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(request.body.length) },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'response error'));
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end(request.body);
    });

  const start = performance.now();
  const end = start + durationMs;
  const rate = options.ratePerSecond;

  const client = async () => {
    for (;;) {
      if (issued >= capacity) return;
      let due = performance.now();
      if (rate) {
        due = start + (issued * 1000) / rate;
        if (due >= end) return;
        issued++;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      } else {
        if (due >= end) return;
        issued++;
      }
      const request = options.next();
      const sentAt = rate ? due : performance.now();
      const status = await send(request);
      const latency = performance.now() - sentAt;
      if (status === 200) {
        ok++;
        events += request.events;
        if (recorded < capacity) latencies[recorded++] = latency;
      } else {
        fail(String(status));
      }
    }
  };

  let ticker: NodeJS.Timeout | undefined;
  let ticking = Promise.resolve();
  if (onTick) {
    ticker = setInterval(() => {
      ticking = ticking.then(() => onTick.tick(performance.now() - start, ok, events)).catch(() => undefined);
    }, onTick.everyMs);
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, () => client()));
  } finally {
    if (ticker) clearInterval(ticker);
    await ticking;
    agent.destroy();
  }
  return { ok, events, errors, failures, latenciesMs: latencies.slice(0, recorded), elapsedMs: performance.now() - start };
}

export interface LatencySummary {
  count: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Exact percentiles (nearest rank) over every recorded latency. */
export function summarize(latenciesMs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const n = sorted.length;
  const at = (q: number) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: n,
    minMs: n ? sorted[0]! : NaN,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    p999Ms: at(0.999),
    maxMs: n ? sorted[n - 1]! : NaN,
    meanMs: n ? sum / n : NaN,
  };
}

/** A number rounded for printing: 3 significant digits below 100, whole numbers above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return -1;
  if (Math.abs(x) >= 100) return Math.round(x);
  return Number(x.toPrecision(3));
}
