import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '@machi/server';
import { createTestJobStore, describeOnEachJobStore, startRunner, waitFor, type TestJobStore } from '../test/support.js';
import { jobModules } from './registry.js';

/** The next 03:30 in Asia/Tokyo (UTC+9, no daylight saving) after `now`. */
function next0330Tokyo(now: Date): Date {
  const candidate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 18, 30));
  return candidate > now ? candidate : new Date(candidate.getTime() + 24 * 3600_000);
}

// The reconcilers under test only talk to the scheduler; none of them touches the app.
const context = { app: {} as App };

describeOnEachJobStore('system.reconcile on the %s job store', (kind) => {
  let db: TestJobStore;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    db = await createTestJobStore(kind);
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db.drop();
  });

  it('schedules the recurring jobs when the runner starts', async () => {
    const startedAt = new Date();
    const runner = await startRunner(db, jobModules, context);
    closers.push(() => runner.stop());

    const [audit, ...moreAudit] = await db.jobs('audit.purgeExpired');
    expect(moreAudit).toEqual([]);
    expect(audit).toMatchObject({ type: 'single', repeatInterval: '30 3 * * *', repeatTimezone: 'Asia/Tokyo' });
    expect(audit?.nextRunAt).toEqual(next0330Tokyo(startedAt));

    const system = (await db.jobs('system.reconcile')).filter((r) => r.type === 'single');
    expect(system).toHaveLength(1);
    expect(system[0]?.repeatInterval).toBe('5 minutes');
  });

  it('re-creates a recurring job the job store lost', async () => {
    const runner = await startRunner(db, jobModules, context);
    closers.push(() => runner.stop());
    // the recurring system.reconcile is due at once; let that first run finish so that the next
    // one comes only from this test
    await waitFor('the first system.reconcile run finished', async () =>
      (await db.jobs('system.reconcile')).some((r) => r.type === 'single' && r.lastFinishedAt !== null),
    );
    const before = await db.jobs('audit.purgeExpired');
    expect(before).toHaveLength(1);

    expect(await runner.scheduler.cancel('audit.purgeExpired')).toBe(1);
    expect(await db.jobs('audit.purgeExpired')).toEqual([]);
    await runner.scheduler.now('system.reconcile');

    await waitFor('audit.purgeExpired exists again', async () => (await db.jobs('audit.purgeExpired')).length > 0);
    const after = await db.jobs('audit.purgeExpired');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      type: 'single',
      repeatInterval: '30 3 * * *',
      repeatTimezone: 'Asia/Tokyo',
      nextRunAt: before[0]?.nextRunAt,
    });
  });
});
