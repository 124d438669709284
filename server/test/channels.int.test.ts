import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestServer, type TestServer } from './support/test-server.js';
import { refuseAuditEvents, sql } from './support/database.js';

let t: TestServer;
beforeAll(async () => {
  // Nothing listens on port 9 of loopback: the connection check must report a network failure.
  t = await startTestServer({ LINE_API_BASE_URL: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await t?.close();
});

const SECRET = '0123456789abcdef0123456789abcdef';
const TOKEN = 'Zm9vYmFyLXRva2VuLWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA=';
const CREATE = `mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id name purpose messagingChannelId hasCredentials webhookUrl liffIds } } }`;

describe('LINE channels', () => {
  it('registers production and training channels with encrypted credentials that never leave the server', async () => {
    const prod = await t.admin.ok(CREATE, {
      input: {
        name: '〇〇市公式アカウント',
        purpose: 'PRODUCTION',
        messagingChannelId: '1657000001',
        channelSecret: SECRET,
        channelAccessToken: TOKEN,
        liffIds: ['1657000002-AbCdEfGh'],
      },
    });
    const channel = prod.createLineChannel.channel;
    expect(channel).toMatchObject({ purpose: 'PRODUCTION', hasCredentials: true, liffIds: ['1657000002-AbCdEfGh'] });
    expect(channel.webhookUrl).toBe(`${t.config.PUBLIC_URL}/webhook/${channel.id}`);
    await t.admin.ok(CREATE, {
      input: {
        name: '研修用アカウント',
        purpose: 'TRAINING',
        messagingChannelId: '1657000009',
        channelSecret: SECRET,
        channelAccessToken: TOKEN,
      },
    });

    const list = await t.admin.ok(`{ lineChannels { name purpose } }`);
    expect(list.lineChannels.map((c: { purpose: string }) => c.purpose).sort()).toEqual(['PRODUCTION', 'TRAINING']);

    const raw = await sql(t.databaseUrl, `select * from line_channel`);
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(TOKEN);
    const audit = JSON.stringify(await sql(t.databaseUrl, `select summary from audit_event where action like 'channels.%'`));
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain(TOKEN);

    const fields = await t.admin.ok(`{ __type(name: "LineChannel") { fields { name } } }`);
    const names = fields.__type.fields.map((f: { name: string }) => f.name);
    expect(names).not.toContain('channelSecret');
    expect(names).not.toContain('channelAccessToken');
  });

  it('never rewrites encrypted columns that did not change', async () => {
    const { LineChannel } = await import('../src/modules/channels/line-channel.entity.js');
    const before = await sql<{ channel_secret: string; channel_access_token: string }>(
      t.databaseUrl,
      `select channel_secret, channel_access_token from line_channel order by created_at limit 1`,
    );
    const em = t.app.orm.em.fork();
    const channel = await em.findOneOrFail(LineChannel, { messagingChannelId: '1657000001' });
    channel.isActive = true; // unchanged
    channel.lastCheckMessage = 'touched'; // a real change elsewhere in the row
    await em.flush();
    const after = await sql<{ channel_secret: string; channel_access_token: string }>(
      t.databaseUrl,
      `select channel_secret, channel_access_token from line_channel order by created_at limit 1`,
    );
    expect(after).toEqual(before);
  });

  it('explains malformed credentials per field and saves nothing', async () => {
    const res = await t.admin.request(CREATE, {
      input: {
        name: '',
        purpose: 'TRAINING',
        messagingChannelId: 'abc',
        channelSecret: 'short',
        channelAccessToken: 'has spaces in it',
        liffIds: ['bad'],
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {}).sort()).toEqual([
      'channelAccessToken',
      'channelSecret',
      'liffIds',
      'messagingChannelId',
      'name',
    ]);
    const dup = await t.admin.request(CREATE, {
      input: { name: '重複', purpose: 'TRAINING', messagingChannelId: '1657000001', channelSecret: SECRET, channelAccessToken: TOKEN },
    });
    expect(dup.errors?.[0]?.extensions?.fields?.['messagingChannelId']).toMatch(/既に登録/);
    expect(await sql(t.databaseUrl, `select 1 from line_channel`)).toHaveLength(2);

    // A channel whose registration cannot be logged is not saved either (one transaction).
    const restore = await refuseAuditEvents(t.databaseUrl, 'channels.create', '1657000099');
    try {
      const refused = await t.admin.request(CREATE, {
        input: {
          name: '記録なし',
          purpose: 'TRAINING',
          messagingChannelId: '1657000099',
          channelSecret: SECRET,
          channelAccessToken: TOKEN,
        },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await restore();
    }
    expect(await sql(t.databaseUrl, `select 1 from line_channel`)).toHaveLength(2);
  });

  it('replaces credentials only when given and records that they changed, not their values', async () => {
    const list = await t.admin.ok(`{ lineChannels { id credentialsUpdatedAt } }`);
    const { id, credentialsUpdatedAt } = list.lineChannels[0];
    await t.admin.ok(`mutation($input: UpdateLineChannelInput!) { updateLineChannel(input: $input) { channel { id } } }`, {
      input: { id, name: '名前だけ変更' },
    });
    const same = await t.admin.ok(`query($id: ID!) { lineChannel(id: $id) { name credentialsUpdatedAt } }`, { id });
    expect(same.lineChannel).toEqual({ name: '名前だけ変更', credentialsUpdatedAt });
    const newToken = 'bmV3LXRva2VuLWZvci10ZXN0cy1vbmx5LTA5ODc2NTQzMjE=';
    await t.admin.ok(`mutation($input: UpdateLineChannelInput!) { updateLineChannel(input: $input) { channel { id } } }`, {
      input: { id, channelAccessToken: newToken },
    });
    const after = await t.admin.ok(`query($id: ID!) { lineChannel(id: $id) { credentialsUpdatedAt } }`, { id });
    expect(after.lineChannel.credentialsUpdatedAt).not.toBe(credentialsUpdatedAt);
    const events = await sql<{ summary: string }>(
      t.databaseUrl,
      `select summary from audit_event where action = 'channels.update' and target_id = $1 order by seq`,
      [id],
    );
    expect(events.map((e) => JSON.parse(e.summary).changed)).toEqual([['name'], ['credentials']]);
    expect(JSON.stringify(events)).not.toContain(newToken);
  });

  it('reports an unreachable LINE platform in Japanese and records the check', async () => {
    const { lineChannels } = await t.admin.ok(`{ lineChannels { id } }`);
    const res = await t.admin.ok(
      `mutation($id: ID!) { checkLineChannelConnection(id: $id) { ok message channel { lastCheckOk lastCheckedAt } } }`,
      { id: lineChannels[0].id },
    );
    expect(res.checkLineChannelConnection.ok).toBe(false);
    expect(res.checkLineChannelConnection.message).toMatch(/接続できませんでした/);
    expect(res.checkLineChannelConnection.channel.lastCheckOk).toBe(false);
  });

  it('is for administrators with the channel permissions only', async () => {
    const { client } = await createStaff(t, { loginId: 'no-channels', permissions: ['departments.read'] });
    expect(await client.code(`{ lineChannels { id } }`)).toBe('FORBIDDEN');
  });
});
