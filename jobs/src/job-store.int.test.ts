import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '@machi/server';
import { AgendaScheduler, createAgenda } from '@machi/server';
import {
  createTestDatabase,
  jobRows,
  logger,
  openAgenda,
  openServerScheduler,
  startRunner,
  testJobName,
  type TestDatabase,
} from '../test/support.js';
import { jobModules } from './registry.js';

describe('PostgreSQL job store', () => {
  let db: TestDatabase;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db.drop();
  });

  it('brings up runners and servers started at the same moment on a fresh database', async () => {
    // Each of them creates Agenda's schema on connect; unserialised, those DDL statements collide.
    const context = { app: {} as App }; // the startup reconcilers only schedule
    const started = await Promise.allSettled([
      ...[1, 2, 3].map(() => startRunner(db, jobModules, context).then((r) => closers.push(() => r.stop()))),
      ...[1, 2].map(() => openServerScheduler(db).then((s) => closers.push(() => s.close()))),
    ]);
    expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual(Array(5).fill('up'));

    // every runner ensured the recurring jobs; there is still one of each
    expect(await jobRows(db, 'audit.purgeExpired')).toHaveLength(1);
    expect((await jobRows(db, 'system.reconcile')).filter((r) => r.type === 'single')).toHaveLength(1);
  });

  it("keeps Agenda's tables in their own schema, away from the MikroORM tables", async () => {
    const server = await openServerScheduler(db);
    closers.push(() => server.close());
    const tables = await db.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    expect(tables).toEqual([
      { table_schema: 'agenda', table_name: 'jobs' },
      { table_schema: 'agenda', table_name: 'logs' },
    ]);
  });

  it('answers ping while open and throws once closed', async () => {
    const agenda = await openAgenda(db, { processing: false });
    await expect(agenda.ping()).resolves.toBeUndefined();
    await agenda.close();
    await expect(agenda.ping()).rejects.toThrow();
  });

  it('fails to open, with the cause, when PostgreSQL is unreachable', async () => {
    await expect(
      createAgenda(
        { jobStore: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', MONGODB_URL: undefined },
        { processing: false, logger },
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a recurring interval it cannot compute, saving nothing', async () => {
    const scheduler = new AgendaScheduler(await openAgenda(db, { processing: false }));
    closers.push(() => scheduler.close());
    await expect(scheduler.every('when pigs fly', testJobName('test.never'))).rejects.toThrow(/cannot schedule test\.never/);
    expect(await jobRows(db, 'test.never')).toEqual([]);
  });

  it('leaves an unchanged recurring schedule alone and updates a changed one', async () => {
    const scheduler = await openServerScheduler(db);
    closers.push(() => scheduler.close());
    await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    // as if the 03:30 run were due right now and not yet picked up by a worker
    const due = new Date(Date.now() - 1000);
    await db.query("UPDATE agenda.jobs SET next_run_at = $1 WHERE name = 'audit.purgeExpired'", [due]);

    await scheduler.every('30 3 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    expect((await jobRows(db, 'audit.purgeExpired')).map((r) => r.next_run_at)).toEqual([due]);

    await scheduler.every('0 4 * * *', 'audit.purgeExpired', undefined, { timezone: 'Asia/Tokyo' });
    const [changed, ...others] = await jobRows(db, 'audit.purgeExpired');
    expect(others).toEqual([]);
    expect(changed?.repeat_interval).toBe('0 4 * * *');
    expect(changed?.next_run_at?.getTime()).toBeGreaterThan(Date.now());
  });

  it('cancels only the jobs whose data matches', async () => {
    const scheduler = await openServerScheduler(db);
    closers.push(() => scheduler.close());
    const later = new Date(Date.now() + 3600_000);
    await scheduler.schedule(later, testJobName('test.remind'), { bookingId: 'b-1' });
    await scheduler.schedule(later, testJobName('test.remind'), { bookingId: 'b-2' });

    expect(await scheduler.cancel(testJobName('test.remind'), { bookingId: 'b-1' })).toBe(1);
    expect((await jobRows(db, 'test.remind')).map((r) => r.data)).toEqual([{ bookingId: 'b-2' }]);
  });
});
