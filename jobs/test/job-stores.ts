import type { createAgenda } from '@machi/server';

/** What createAgenda takes to open a job store. */
export type JobStoreConfig = Parameters<typeof createAgenda>[0];
export type JobStoreKind = JobStoreConfig['jobStore'];

/** The job stores every jobs suite runs on. */
export const JOB_STORES: readonly { kind: JobStoreKind; label: string }[] = [
  { kind: 'postgres', label: 'PostgreSQL' },
  { kind: 'mongodb', label: 'MongoDB' },
];

/** Why the suites cannot run on this job store here; undefined when they can. */
export function unavailableReason(kind: JobStoreKind): string | undefined {
  switch (kind) {
    case 'postgres':
      return undefined; // required: createTestJobStore says what to set
    case 'mongodb':
      return process.env.TEST_MONGODB_URL
        ? undefined
        : 'TEST_MONGODB_URL is not set (npm test starts the mongo-wire server from ../shared/tools/mongo-wire; by hand: eval "$(bash scripts/test-mongo.sh start)")';
  }
}
