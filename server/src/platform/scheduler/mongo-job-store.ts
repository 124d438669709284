import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient } from 'mongodb';
import type { JobStore } from './job-store.js';

/** Agenda on MongoDB (production, a replica set). Jobs live in the URL's database. */
const COLLECTION = 'agendaJobs';

export interface MongoJobStoreOptions {
  readonly url: string;
  readonly applicationName: string;
}

export async function openMongoJobStore(options: MongoJobStoreOptions): Promise<JobStore> {
  const client = new MongoClient(options.url, {
    appName: options.applicationName,
    serverSelectionTimeoutMS: 10_000,
  });
  await client.connect();
  const db = client.db();
  const backend = new MongoBackend({ mongo: db, collection: COLLECTION });
  try {
    await backend.connect();
    // every() upserts the one recurring job of a name; without a unique index two processes
    // doing that at the same moment could insert it twice and it would then run twice.
    await db
      .collection(COLLECTION)
      .createIndex({ name: 1 }, { name: 'singleJobNameUnique', unique: true, partialFilterExpression: { type: 'single' } });
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }

  return {
    kind: 'mongodb',
    backend,
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await backend.disconnect(); // leaves a client it was given open
      await client.close();
    },
  };
}
