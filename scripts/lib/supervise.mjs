/**
 * Keeps the launcher's child processes (scripts/start.mjs) running: a child that exits unexpectedly
 * is started again after an exponential backoff, except where restarting cannot help.
 */
/* global setTimeout, clearTimeout */

/** sysexits.h EX_CONFIG: the server's main.ts exits with it when its configuration is not valid. */
export const EX_CONFIG = 78;

/**
 * When to start a child again, from the history of its exits: after 1 s, 2 s, 4 s … at most 30 s,
 * back to 1 s once it has stayed up for a minute; `give-up` once it has died within 10 s of starting
 * 5 times within 2 minutes, since then it dies of something a restart does not cure (a child that
 * ran for a while and then died is always restarted: it was working, and may work again).
 */
export function restartPolicy({
  initialDelayMs = 1_000,
  maxDelayMs = 30_000,
  stableAfterMs = 60_000,
  quickExitMs = 10_000,
  maxQuickRestarts = 5,
  windowMs = 120_000,
} = {}) {
  let restarts = 0;
  /** Restarts since the child last stayed up for stableAfterMs: the backoff's exponent. */
  let quickRestarts = 0;
  /** When those restarts happened, the last windowMs of them. */
  let recent = [];
  return {
    windowMs,
    /** @param {{ upForMs: number, at: number }} exit how long the child was up (0: never ready) and when it exited */
    next({ upForMs, at }) {
      if (upForMs >= stableAfterMs) quickRestarts = 0;
      if (upForMs >= quickExitMs) recent = [];
      recent = recent.filter((time) => at - time < windowMs);
      if (upForMs < quickExitMs && recent.length >= maxQuickRestarts) return { action: 'give-up', quickRestarts: recent.length };
      const delayMs = Math.min(initialDelayMs * 2 ** quickRestarts, maxDelayMs);
      quickRestarts += 1;
      if (upForMs < quickExitMs) recent.push(at);
      restarts += 1;
      return { action: 'restart', delayMs, restart: restarts };
    },
  };
}

/** "200 ms", "1 s", "2.5 s", "2 min" */
export function duration(ms) {
  if (ms < 1_000) return `${ms} ms`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Runs one child and restarts it when it exits while the launcher is not stopping. A child that dies
 * before it was ever ready, or exits with EX_CONFIG, stops everything instead (`stop`), as does one
 * that keeps dying (the policy gives up) or does not become ready again after a restart.
 *
 * @param {object} options
 * @param {string} options.name  "server", "job runner", … as the messages name it
 * @param {() => import('node:child_process').ChildProcess} options.spawn  starts the child once
 * @param {(child: import('node:child_process').ChildProcess) => Promise<void>} [options.ready]
 *   resolves once the child serves (rejects if it exits first or takes too long); default: at once
 * @param {() => Promise<void>} [options.afterRestart]  what must be redone once a restarted child is ready
 * @param {() => boolean} options.stopping  true once shutdown began: exits are expected, nothing restarts
 * @param {(message: string) => void} options.stop  stops everything, saying why
 * @param {(message: string) => void} options.say  one line of progress
 * @param {(message: string) => void} options.warn  one line about a problem
 * @param {ReturnType<typeof restartPolicy>} [options.policy]
 * @param {() => number} [options.now]
 * @returns {{ started: Promise<void>, cancel(): void }} `started` settles with the first readiness
 */
export function supervise({
  name,
  spawn,
  ready = async () => undefined,
  afterRestart = async () => undefined,
  stopping,
  stop,
  say,
  warn,
  policy = restartPolicy(),
  now = Date.now,
}) {
  let everReady = false;
  /** When the current child became ready; undefined while it is starting. */
  let readySince;
  let timer;

  function run(restart) {
    const child = spawn();
    readySince = undefined;
    child.once('exit', (code, signal) => onExit(code, signal));
    const isReady = ready(child).then(() => {
      readySince = now();
      everReady = true;
    });
    if (restart > 0) {
      void isReady.then(
        async () => {
          if (stopping()) return;
          say(`the ${name} is running again (restart ${restart})`);
          await afterRestart().catch((error) => warn(`after restarting the ${name}: ${error?.message ?? error}`));
        },
        (error) => {
          // An exit before it was ready is onExit's to handle; a child that hangs is not.
          if (stopping() || child.exitCode !== null || child.signalCode !== null) return;
          stop(`the ${name} did not come back after restart ${restart} (${error?.message ?? error}); stopping everything.`);
        },
      );
    }
    return isReady;
  }

  function onExit(code, signal) {
    if (stopping()) return;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (code === EX_CONFIG) {
      stop(
        `the ${name} exited with code ${EX_CONFIG} (its configuration is not valid, see above); restarting cannot help, stopping everything.`,
      );
      return;
    }
    if (!everReady) {
      stop(`the ${name} ${how} before it was ready; stopping everything.`);
      return;
    }
    const decision = policy.next({ upForMs: readySince === undefined ? 0 : now() - readySince, at: now() });
    if (decision.action === 'give-up') {
      stop(
        `the ${name} keeps exiting soon after it starts (${decision.quickRestarts} restarts within ${duration(policy.windowMs)}, ` +
          `last: it ${how}); giving up, stopping everything.`,
      );
      return;
    }
    warn(`the ${name} ${how} unexpectedly; restarting it in ${duration(decision.delayMs)} (restart ${decision.restart})`);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopping()) void run(decision.restart).catch(() => undefined);
    }, decision.delayMs);
  }

  return {
    started: run(0),
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
