import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { adminWebDist, chromiumPath, liffAppDist, repoRoot, serverMain } from './e2e/harness/paths.js';

/** Fails fast, with what to do, when something the end-to-end tests need is missing. */
export default async function checkPrerequisites(): Promise<void> {
  const problems: string[] = [];
  const built = [
    serverMain,
    path.join(repoRoot, 'server', 'dist', 'index.js'),
    path.join(adminWebDist, 'index.html'),
    path.join(liffAppDist, 'index.html'),
  ];
  for (const file of built) {
    if (!fs.existsSync(file)) problems.push(`${path.relative(repoRoot, file)} is missing: run \`npm run build\``);
  }
  if (!fs.existsSync(chromiumPath)) {
    problems.push(`no browser at ${chromiumPath}: run \`bash scripts/setup.sh\` or set CHROMIUM_PATH`);
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    problems.push('TEST_DATABASE_URL is not set: run `npm test`, or `eval "$(bash scripts/test-postgres.sh start)"` first');
  } else {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      problems.push(`cannot connect to TEST_DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (problems.length > 0) {
    throw new Error(`the end-to-end tests cannot run:\n  - ${problems.join('\n  - ')}`);
  }
}
