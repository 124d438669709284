import type { JobParameters, JobRepository } from 'agenda';
import { MongoServerError } from 'mongodb';
import { describe, expect, it, vi } from 'vitest';
import { retryingConcurrentUpserts } from './mongo-job-store.js';

// mongo-wire enforces no unique index, so the duplicate key a losing upsert meets on MongoDB never
// happens in the integration tests (docs/adr/0009); this is where that path is tested.
const duplicateKey = () => new MongoServerError({ message: 'E11000 duplicate key error index: singleJobNameUnique', code: 11000 });
const job = (type: 'single' | 'normal'): JobParameters => ({
  name: 'audit.purgeExpired',
  type,
  priority: 0,
  nextRunAt: new Date(),
  data: {},
});

function repositoryFailingOnce(error: Error) {
  const saveJob = vi
    .fn()
    .mockRejectedValueOnce(error)
    .mockImplementation(async (saved: JobParameters) => saved);
  return { saveJob, repository: retryingConcurrentUpserts({ saveJob } as unknown as JobRepository) };
}

describe('retryingConcurrentUpserts', () => {
  it('saves a recurring job again when another process inserted it first', async () => {
    const { saveJob, repository } = repositoryFailingOnce(duplicateKey());
    await expect(repository.saveJob(job('single'), undefined)).resolves.toMatchObject({ name: 'audit.purgeExpired' });
    expect(saveJob).toHaveBeenCalledTimes(2);
  });

  it('passes on other failures, and duplicate keys of one-off jobs, without trying again', async () => {
    const other = repositoryFailingOnce(new MongoServerError({ message: 'not primary', code: 10107 }));
    await expect(other.repository.saveJob(job('single'), undefined)).rejects.toThrow('not primary');
    const oneOff = repositoryFailingOnce(duplicateKey());
    await expect(oneOff.repository.saveJob(job('normal'), undefined)).rejects.toThrow('E11000');
    expect([other.saveJob.mock.calls.length, oneOff.saveJob.mock.calls.length]).toEqual([1, 1]);
  });
});
