import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { createApp, type App } from '../src/app.js';
import { startHttpServer, type RunningServer } from '../src/http/server.js';
import { runMigrations } from '../src/database.js';
import { seedDemoMunicipality } from '../src/cli/seed.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { featureModules } from '../src/modules/index.js';
import { createTestDatabase, sql } from './support/database.js';
import { testEnv, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';
import { noticesModule } from './fixtures/notices/index.js';

/**
 * A new feature is its folder plus one line in the modules list (docs/adr/0010). The fixture
 * feature in test/fixtures/notices has every part a feature declares (entity, migration,
 * permissions, service, resolver, route, job) and is composed here by that one line alone.
 */
const modules = [...featureModules, noticesModule];

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: App;
let server: RunningServer;
let f: Factories;
beforeAll(async () => {
  db = await createTestDatabase();
  const env = testEnv(db.url);
  const config = loadConfig(env);
  await runMigrations(config, modules);
  await seedDemoMunicipality(config);
  app = await createApp(config, { logger: createLogger(config), role: 'server', modules });
  server = await startHttpServer(app);
  f = new Factories({ app, url: server.url } as TestServer);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await db?.drop();
});

describe('a feature added by its folder and one registration line', () => {
  it('gets its table, permissions, GraphQL fields and route from the manifest alone', async () => {
    expect(await sql(db.url, `select 1 from information_schema.tables where table_name = 'fixture_notice'`)).toHaveLength(1);
    expect(server.routes.map((r) => r.path)).toContain('/api/notices/count');
    expect(app.created.map((c) => c.manifest.name)).toContain('notices');

    const writer = await f.newStaff({ permissions: ['notices.read', 'notices.write'] });
    const catalogue = await writer.client.ok(`{ permissionCatalogue { key featureLabel } }`);
    expect(catalogue.permissionCatalogue).toContainEqual({ key: 'notices.write', featureLabel: 'お知らせ（テスト用）' });

    const posted = await writer.client.ok(`mutation { postNotice(title: "臨時休館のお知らせ") { id title } }`);
    expect(posted.postNotice.title).toBe('臨時休館のお知らせ');
    expect(await sql(db.url, `select action from audit_event where target_id = $1`, [posted.postNotice.id])).toEqual([
      { action: 'notices.post' },
    ]);
  });

  it('is covered by the platform’s rules without writing any: the gate, department scope, masking', async () => {
    expect((await f.newStaff({ permissions: [] }).then((s) => s.client.request(`{ notices { id } }`))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const anonymous = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ notices { id } }' }),
    });
    expect(((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );

    const a = await f.newStaff({ permissions: ['notices.read', 'notices.write'] });
    const b = await f.newStaff({ permissions: ['notices.read'] });
    await a.client.ok(`mutation { postNotice(title: "A課だけ") { id } }`);
    expect((await b.client.ok(`{ notices { title } }`)).notices).toEqual([]);
    expect((await a.client.ok(`{ notices { title } }`)).notices).toEqual([{ title: 'A課だけ' }]);
  });
});
