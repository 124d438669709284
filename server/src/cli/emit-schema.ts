import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { pino } from 'pino';
import { buildAppSchema } from '../schema.js';
import { MemoryPubSub } from '../platform/pubsub/pubsub.js';
import type { AppServices } from '../app.js';

/**
 * Writes schema.graphql at the repository root from the type-graphql schema, or with --check
 * fails when the committed file differs (CI's drift check). Needs no database.
 */
const target = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
const schema = await buildAppSchema(
  { services: {} as AppServices, pubsub: new MemoryPubSub(), logger: pino({ level: 'silent' }) },
  { strictAudit: false },
);
const text = `# Generated from the server's type-graphql schema by \`npm run schema:emit\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (committed !== text) {
    console.error('schema.graphql is out of date: run `npm run schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
