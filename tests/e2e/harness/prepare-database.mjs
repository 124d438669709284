// Runs in its own Node process (plain Node, not the test runner's module loader, so the server's
// decorators and its single copy of graphql load exactly as in production): applies the migrations
// and seeds the demo municipality through @machi/server, then reports the SeedResult to the parent
// over IPC. Configuration comes from the environment, as for the server itself.
/* global process, console */
import { loadConfig, runMigrations, seedDemoMunicipality } from '@machi/server';

const report = (message) =>
  new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else {
      console.log(JSON.stringify(message));
      resolve();
    }
  });

try {
  const config = loadConfig(process.env);
  await runMigrations(config);
  const seed = await seedDemoMunicipality(config);
  await report({ ok: true, seed });
  process.exit(0);
} catch (error) {
  const problems = Array.isArray(error?.problems) ? error.problems : undefined;
  await report({ ok: false, error: String(error?.stack ?? error), problems });
  process.exit(1);
}
