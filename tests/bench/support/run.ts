/** The frame every benchmark shares: numeric settings from the environment, cleanups, a watchdog. */

/** A numeric setting from the environment, clamped to [min, max]; anything but a number is an error. */
export function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return Math.min(max, Math.max(min, value));
}

/**
 * Runs `main`, then its cleanups in reverse order, whether it succeeds, fails or outlives the
 * watchdog (then the process exits 1, so a hung benchmark never hangs CI or a shell).
 */
export function runBenchmark(
  main: (cleanups: Array<() => Promise<unknown>>) => Promise<void>,
  options: { watchdogMs: number; print: (line: string) => void },
): void {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  };
  const watchdog = setTimeout(() => {
    options.print(`the benchmark did not finish within ${options.watchdogMs / 1000} s`);
    void cleanup().then(() => process.exit(1));
  }, options.watchdogMs);
  main(cleanups)
    .then(async () => {
      clearTimeout(watchdog);
      await cleanup();
    })
    .catch(async (err: unknown) => {
      clearTimeout(watchdog);
      options.print(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await cleanup();
      process.exit(1);
    });
}
