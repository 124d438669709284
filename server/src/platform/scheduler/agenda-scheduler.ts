import { isDeepStrictEqual } from 'node:util';
import type { AgendaHandle } from './agenda-factory.js';
import type { JobData, JobName, Scheduler } from './scheduler.js';

/** The Scheduler port over Agenda (either job store). */
export class AgendaScheduler implements Scheduler {
  constructor(private readonly handle: AgendaHandle) {}

  async now(name: JobName, data: JobData = {}): Promise<void> {
    await this.handle.agenda.now(name, data);
  }

  async schedule(when: Date, name: JobName, data: JobData = {}): Promise<void> {
    await this.handle.agenda.schedule(when, name, data);
  }

  async every(interval: string, name: JobName, data: JobData = {}, opts: { timezone?: string } = {}): Promise<void> {
    const { agenda } = this.handle;
    // Agenda would save a bad interval as a job that never runs; refuse it instead.
    const probe = agenda.create(name, data).repeatEvery(interval, { timezone: opts.timezone });
    if (!probe.attrs.nextRunAt) {
      throw new Error(`cannot schedule ${name} every "${interval}": ${probe.attrs.failReason ?? 'no next run time'}`);
    }
    // Leave an unchanged schedule alone: saving it again recomputes its next run from now, which
    // would skip a run that is due but not yet picked up (reconcilers call this every 5 minutes).
    const { jobs } = await agenda.queryJobs({ name });
    const current = jobs.find((job) => job.type === 'single');
    if (
      current?.nextRunAt &&
      current.repeatInterval === interval &&
      (current.repeatTimezone ?? undefined) === opts.timezone &&
      isDeepStrictEqual(current.data ?? {}, data)
    ) {
      return;
    }
    await agenda.every(interval, name, data, { timezone: opts.timezone });
  }

  cancel(name: JobName, data?: JobData): Promise<number> {
    return this.handle.agenda.cancel(data ? { name, data } : { name });
  }

  ping(): Promise<void> {
    return this.handle.ping();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
