import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JobData } from '@machi/server';
import {
  createTestJobStore,
  describeOnEachJobStore,
  gate,
  openServerScheduler,
  startRunner,
  testJobName,
  waitFor,
  type TestJobStore,
} from '../test/support.js';
import type { JobModule } from './job-module.js';

describeOnEachJobStore('job runner on the %s job store', (kind) => {
  let db: TestJobStore;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    db = await createTestJobStore(kind);
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db.drop();
  });

  const recorder = (seen: { data: JobData; at: number }[]): JobModule<object> => ({
    feature: 'test',
    jobs: [
      {
        name: testJobName('test.record'),
        async run(job) {
          seen.push({ data: job.data, at: Date.now() });
        },
      },
    ],
  });

  it('runs a job the server enqueued, woken by the job store rather than by its next poll', async (ctx) => {
    // MongoDB wakes workers with a change stream; mongo-wire has none (docs/adr/0009)
    ctx.skip(!db.wakesWorkers, 'this MongoDB has no change streams (mongo-wire, standalone): docs/adr/0009');
    const seen: { data: JobData; at: number }[] = [];
    // polls once at start, then not for a minute: only a NOTIFY or a change event can wake it in time
    const runner = await startRunner(db, [recorder(seen)], {}, { processEveryMs: 60_000 });
    closers.push(() => runner.stop());
    const server = await openServerScheduler(db);
    closers.push(() => server.close());

    await server.now(testJobName('test.record'), { residentId: 'r-1' });

    await waitFor('the worker ran the job', () => seen.length === 1, 5_000);
    expect(seen[0]?.data).toEqual({ residentId: 'r-1' });
    await waitFor('the finished one-off job is removed', async () => (await db.jobs('test.record')).length === 0);
  });

  it('runs a scheduled job no earlier than its time', async () => {
    const seen: { data: JobData; at: number }[] = [];
    const runner = await startRunner(db, [recorder(seen)], {});
    closers.push(() => runner.stop());
    const server = await openServerScheduler(db);
    closers.push(() => server.close());

    const when = new Date(Date.now() + 700);
    await server.schedule(when, testJobName('test.record'), { residentId: 'r-2' });

    await waitFor('the worker ran the job', () => seen.length === 1);
    expect(seen[0]?.at).toBeGreaterThanOrEqual(when.getTime());
  });

  it('runs each job once however many workers compete for it', async () => {
    const runs: { worker: string; n: number }[] = [];
    const claimer = (worker: string): JobModule<object> => ({
      feature: 'test',
      jobs: [
        {
          name: testJobName('test.claim'),
          async run(job) {
            runs.push({ worker, n: Number(job.data.n) });
            await new Promise((resolve) => setTimeout(resolve, 5));
          },
        },
      ],
    });
    for (const worker of ['A', 'B', 'C']) {
      const runner = await startRunner(db, [claimer(worker)], {}, { processEveryMs: 50 });
      closers.push(() => runner.stop());
    }
    const server = await openServerScheduler(db);
    closers.push(() => server.close());

    // one after another, so that the workers find them in different polls and race for each
    const count = 40;
    for (let n = 1; n <= count; n++) {
      await server.now(testJobName('test.claim'), { n });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    await waitFor('every job ran', () => new Set(runs.map((r) => r.n)).size === count);
    await waitFor('every finished job is removed', async () => (await db.jobs('test.claim')).length === 0);
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a second run to show
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThan(1);
  });

  it('lets a running job finish within the grace period when stopping', async () => {
    const finished: number[] = [];
    const started = gate();
    const module: JobModule<object> = {
      feature: 'test',
      jobs: [
        {
          name: testJobName('test.slow'),
          async run(job) {
            started.open();
            await new Promise((resolve) => setTimeout(resolve, 300));
            finished.push(Number(job.data.n));
          },
        },
      ],
    };
    const runner = await startRunner(db, [module], {});
    closers.push(() => runner.stop());
    await runner.scheduler.now(testJobName('test.slow'), { n: 1 });
    await started.promise;

    await runner.stop({ graceMs: 5_000 });

    expect(finished).toEqual([1]);
    expect(await db.jobs('test.slow')).toEqual([]); // completed, not released for a second run
  });

  it('releases every job it holds when stopping, so another worker runs them', async () => {
    const runs: string[] = [];
    const unblockA = gate();
    const blocking = (worker: 'A' | 'B'): JobModule<object> => ({
      feature: 'test',
      jobs: [
        {
          name: testJobName('test.block'),
          concurrency: 1,
          async run(job) {
            runs.push(`${worker}:${job.data.n}`);
            if (worker === 'A') await unblockA.promise;
          },
        },
      ],
    });
    const server = await openServerScheduler(db);
    closers.push(() => server.close());
    for (const n of [1, 2, 3]) await server.now(testJobName('test.block'), { n });

    const a = await startRunner(db, [blocking('A')], {});
    closers.push(async () => unblockA.open());
    // A runs one job and has locked the other two, queued behind concurrency 1
    await waitFor('worker A runs a job', () => runs.length === 1);
    await waitFor('worker A locked all three', async () => (await db.jobs('test.block')).every((r) => r.lockedAt));

    await a.stop({ graceMs: 200 });

    const rows = await db.jobs('test.block');
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.lockedAt !== null)).toEqual([]);
    // the interrupted one-off run had nextRunAt = null while running; it must be due again
    expect(rows.filter((r) => r.nextRunAt === null)).toEqual([]);

    const b = await startRunner(db, [blocking('B')], {});
    closers.push(() => b.stop());
    await waitFor('worker B ran all three', () => runs.filter((r) => r.startsWith('B:')).length === 3);
    expect(runs.filter((r) => r.startsWith('B:')).sort()).toEqual(['B:1', 'B:2', 'B:3']);
  });

  it('refuses two modules defining the same job', async () => {
    const module: JobModule<object> = {
      feature: 'test',
      jobs: [{ name: testJobName('test.record'), run: async () => undefined }],
    };
    await expect(startRunner(db, [module, module], {})).rejects.toThrow(/defined by two modules/);
  });
});
