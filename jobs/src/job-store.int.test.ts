import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '@machi/server';
import { AgendaScheduler, createAgenda } from '@machi/server';
import {
  createTestJobStore,
  describeOnEachJobStore,
  logger,
  openAgenda,
  openServerScheduler,
  recordingLogger,
  startRunner,
  testJobName,
  unreachableConfig,
  type TestJobStore,
} from '../test/support.js';
import { jobModules } from './registry.js';

describeOnEachJobStore('%s job store', (kind) => {
  let db: TestJobStore;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    db = await createTestJobStore(kind);
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db.drop();
  });

  it('brings up runners and servers started at the same moment on a fresh database', async () => {
    // Each of them creates Agenda's schema on connect; unserialised, those DDL statements collide.
    // And each runner's reconcile saves the same recurring jobs at once (on MongoDB the unique
    // index turns all but one insert away, see mongo-job-store.ts).
    const context = { app: {} as App }; // the startup reconcilers only schedule (the jobs they make due fail)
    const errors = recordingLogger('error');
    const started = await Promise.allSettled([
      ...[1, 2, 3].map(() => startRunner(db, jobModules, context, { logger: errors.logger }).then((r) => closers.push(() => r.stop()))),
      ...[1, 2].map(() => openServerScheduler(db).then((s) => closers.push(() => s.close()))),
    ]);
    expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual(Array(5).fill('up'));
    expect(errors.messages.filter((m) => m.includes('reconcile'))).toEqual([]);

    // every runner ensured the recurring jobs; there is still one of each
    expect(await db.jobs('audit.purgeExpired')).toHaveLength(1);
    expect((await db.jobs('system.reconcile')).filter((r) => r.type === 'single')).toHaveLength(1);
  });

  it("keeps Agenda's jobs where nothing else lives: their own schema on PostgreSQL, their own collections on MongoDB", async () => {
    const server = await openServerScheduler(db);
    closers.push(() => server.close());
    const expected = { postgres: ['agenda.jobs', 'agenda.logs'], mongodb: ['agendaJobs', 'agenda_logs'] };
    expect(await db.containers()).toEqual(expected[kind]);
  });

  it('answers ping while open and throws once closed', async () => {
    const agenda = await openAgenda(db, { processing: false });
    await expect(agenda.ping()).resolves.toBeUndefined();
    await agenda.close();
    await expect(agenda.ping()).rejects.toThrow();
  });

  it('fails to open, with the cause, when the job store is unreachable', async () => {
    const started = Date.now();
    await expect(createAgenda(unreachableConfig(kind), { processing: false, logger })).rejects.toThrow(/ECONNREFUSED/);
    // on MongoDB the URL's serverSelectionTimeoutMS (500 ms) wins over the store's default of 10 s
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  if (kind === 'mongodb') {
    it('finds new jobs by polling, and says so, on a MongoDB without change streams', async (ctx) => {
      ctx.skip(db.wakesWorkers, 'this MongoDB has change streams');
      const warnings = recordingLogger('warn');
      const agenda = await openAgenda(db, { processing: true, logger: warnings.logger });
      closers.push(() => agenda.close());

      expect(agenda.agenda.hasNotificationChannel()).toBe(false);
      expect(warnings.messages).toEqual([expect.stringMatching(/no change streams; workers find new jobs by polling/)]);
    });
  }

  it('refuses a recurring interval it cannot compute, saving nothing', async () => {
    const scheduler = new AgendaScheduler(await openAgenda(db, { processing: false }));
    closers.push(() => scheduler.close());
    await expect(scheduler.every('when pigs fly', testJobName('test.never'))).rejects.toThrow(/cannot schedule test\.never/);
    expect(await db.jobs('test.never')).toEqual([]);
  });

  it('leaves an unchanged recurring schedule alone and updates a changed one', async () => {
    const scheduler = await openServerScheduler(db);
    closers.push(() => scheduler.close());
    await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    // as if the 03:30 run were due right now and not yet picked up by a worker
    const due = new Date(Date.now() - 1000);
    await db.setNextRunAt('audit.purgeExpired', due);

    await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    expect((await db.jobs('audit.purgeExpired')).map((r) => r.nextRunAt)).toEqual([due]);

    await scheduler.every('0 4 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    const [changed, ...others] = await db.jobs('audit.purgeExpired');
    expect(others).toEqual([]);
    expect(changed?.repeatInterval).toBe('0 4 * * *');
    expect(changed?.nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('cancels only the jobs whose data matches', async () => {
    const scheduler = await openServerScheduler(db);
    closers.push(() => scheduler.close());
    const later = new Date(Date.now() + 3600_000);
    await scheduler.schedule(later, testJobName('test.remind'), { bookingId: 'b-1' });
    await scheduler.schedule(later, testJobName('test.remind'), { bookingId: 'b-2' });

    expect(await scheduler.cancel(testJobName('test.remind'), { bookingId: 'b-1' })).toBe(1);
    expect((await db.jobs('test.remind')).map((r) => r.data)).toEqual([{ bookingId: 'b-2' }]);
  });
});
