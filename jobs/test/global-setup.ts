import { MongoClient } from 'mongodb';
import { unavailableReason } from './job-stores.js';

/**
 * The suites run on both job stores. Says at the start of the run when the MongoDB half is skipped
 * (its suites are also titled so), and fails fast when TEST_MONGODB_URL names a server that does
 * not answer.
 */
export default async function setup(): Promise<void> {
  const skipped = unavailableReason('mongodb');
  if (skipped) {
    console.warn(`\njobs: the MongoDB job store suites are SKIPPED: ${skipped}\n`);
    return;
  }
  const client = new MongoClient(process.env.TEST_MONGODB_URL ?? '', { serverSelectionTimeoutMS: 3_000 });
  try {
    await client.db().command({ ping: 1 });
  } catch (err) {
    throw new Error(
      `TEST_MONGODB_URL (${process.env.TEST_MONGODB_URL}) does not answer: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await client.close();
  }
}
