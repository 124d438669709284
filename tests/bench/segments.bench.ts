/**
 * `npm run bench:segments`: live segment counts over BENCH_RESIDENTS (default 1,000,000) friends
 * with the demo city's 26 targetable attributes, the way the console asks for them while staff edit.
 *
 * One server (NODE_ENV=production) on a throwaway PostgreSQL, migrated and seeded. The residents,
 * their attribute documents (option ids with area ancestors, numbers) and the children's birth
 * dates are generated in SQL from the seeded definitions, then analysed. So is engagement
 * (docs/adr/0016): one delivery of the seeded department that recorded it, one of its links sent
 * through the LIFF app, and the residents who opened it there, about 8 % (a hash of their number).
 * Twelve representative segments, two of them on that engagement, are counted through GraphQL
 * (`countSegmentCondition`) by the administrator: one warm-up and BENCH_ROUNDS timed counts each
 * (the live count is rate limited to 60 a minute per staff member: the bench waits, untimed, for
 * the next minute rather than go over). The counts that have a plain SQL count over the generated
 * data (one on the options, both on engagement) must equal it, or the run fails.
 *
 * BENCH_KEEP_DATABASE=1 (with BENCH_DATABASE_URL or TEST_DATABASE_URL: a throwaway cluster goes
 * anyway) keeps the database and prints its URL, to look at plans afterwards.
 *
 * Last line: BENCH segments p50_ms=… p95_ms=… max_ms=… residents=… (target p95 ≤ 200 ms)
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { signInAdmin } from './support/actors.js';
import { ensurePostgres, startBenchServer } from './support/environment.js';
import { envNumber, runBenchmark } from './support/run.js';

const RESIDENTS = envNumber('BENCH_RESIDENTS', 1_000_000, 1_000, 5_000_000);
const ROUNDS = envNumber('BENCH_ROUNDS', 4, 1, 5);
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
/** The live count's limit per staff member and minute (COUNT_LIMIT in server/src/modules/segments/segments.service.ts). */
const COUNTS_PER_MINUTE = 60;
const WATCHDOG_MS = 1_200_000;
const print = (line = '') => process.stdout.write(`${line}\n`);

interface Option {
  id: number;
  key: string;
  parent: number | null;
}
interface Attribute {
  id: number;
  key: string;
  kind: string;
  options: Option[];
}

const COUNT = `query($c: JSONObject!, $o: SegmentCountOptions) { countSegmentCondition(condition: $c, options: $o) { count elapsedMs } }`;

/** Who opened the delivery's link: the same rows the engagement condition reads, asked another way. */
const CLICKED = `select resident_id from tracked_link_resident_click where owner_type = 'delivery' and owner_id = $2::uuid`;

interface BenchSegment {
  name: string;
  condition: Record<string, unknown>;
  /** The same count in plain SQL over the generated data (friends only), when the bench checks it. */
  expected?: { sql: string; params: unknown[] };
}

/**
 * The twelve segments: broad and narrow, choices, areas, ages of children, numbers, not, any, and
 * engagement with one delivery (opened it in a district; did not open it among the consenting).
 */
function segments(attr: (key: string) => Attribute, deliveryId: string): BenchSegment[] {
  const opt = (key: string, i: number) => attr(key).options[i]!.key;
  const districts = attr('residence_area').options.filter((o) => o.parent === null);
  const district = districts[1]!;
  const chome = attr('residence_area').options.find((o) => o.parent === district.id)!;
  const consent = attr('delivery_consent').options[0]!;
  const a = (key: string, op: string, more: Record<string, unknown>) => ({ type: 'attribute', key, op, ...more });
  const friends = `select count(*)::int as n from resident r join resident_attribute_doc d on d.resident_id = r.id where r.follow_status = 'FOLLOWING'`;
  return [
    {
      name: 'one interest',
      condition: a('interests', 'in', { values: [opt('interests', 0)] }),
      expected: { sql: `${friends} and d.options @> array[$1::int]`, params: [attr('interests').options[0]!.id] },
    },
    {
      name: 'district and two age bands',
      condition: {
        type: 'all',
        conditions: [
          a('residence_area', 'in', { values: [district.key] }),
          a('age_band', 'in', { values: [opt('age_band', 2), opt('age_band', 3)] }),
        ],
      },
    },
    {
      name: 'interest and any child aged 3-5',
      condition: {
        type: 'all',
        conditions: [a('interests', 'in', { values: [opt('interests', 3)] }), a('children_birth_dates', 'age', { min: 3, max: 5 })],
      },
    },
    {
      name: 'five conditions with any / not / range',
      condition: {
        type: 'all',
        conditions: [
          {
            type: 'any',
            conditions: [a('gender', 'in', { values: [opt('gender', 0)] }), a('transport', 'in', { values: [opt('transport', 2)] })],
          },
          { type: 'not', condition: a('pregnant', 'in', { values: ['yes'] }) },
          a('delivery_consent', 'in', { values: ['given'] }),
          a('household_size', 'between', { min: 2, max: 4 }),
        ],
      },
    },
    {
      name: 'one chome and one interest',
      condition: {
        type: 'all',
        conditions: [a('residence_area', 'in', { values: [chome.key] }), a('interests', 'in', { values: [opt('interests', 1)] })],
      },
    },
    { name: 'any child aged 0-2', condition: a('children_birth_dates', 'age', { min: 0, max: 2 }) },
    { name: 'has children', condition: a('children_birth_dates', 'hasValue', {}) },
    { name: 'new residents (years 0-3)', condition: a('years_resident', 'between', { min: 0, max: 3 }) },
    {
      name: 'three interests in one district',
      condition: {
        type: 'all',
        conditions: [
          a('interests', 'in', { values: [opt('interests', 0), opt('interests', 2), opt('interests', 4)] }),
          a('residence_area', 'in', { values: [districts[0]!.key] }),
        ],
      },
    },
    {
      name: 'not (car) and alerts',
      condition: {
        type: 'all',
        conditions: [
          { type: 'not', condition: a('transport', 'in', { values: [opt('transport', 4)] }) },
          a('disaster_alerts', 'hasValue', {}),
        ],
      },
    },
    {
      name: 'opened the delivery, in one district',
      condition: {
        type: 'all',
        conditions: [{ type: 'engagement', deliveryId, action: 'clicked' }, a('residence_area', 'in', { values: [district.key] })],
      },
      // An area leaf's ancestors are in the document too.
      expected: { sql: `${friends} and d.options @> array[$1::int] and r.id in (${CLICKED})`, params: [district.id, deliveryId] },
    },
    {
      name: 'did not open it, consent given',
      condition: {
        type: 'all',
        conditions: [{ type: 'engagement', deliveryId, action: 'notClicked' }, a('delivery_consent', 'in', { values: [consent.key] })],
      },
      expected: { sql: `${friends} and d.options @> array[$1::int] and r.id not in (${CLICKED})`, params: [consent.id, deliveryId] },
    },
  ];
}

/**
 * Keeps the live counts under their rate limit (fixed windows of a minute, counted per staff
 * member on the server's clock, which is this machine's), two of each window spare for a count
 * the server places in the next one: past that, the next count waits, untimed, for a new window.
 */
function countPacer(limit: number): () => Promise<void> {
  let window = -1;
  let used = 0;
  return async () => {
    const now = Date.now();
    if (Math.floor(now / 60_000) !== window) {
      window = Math.floor(now / 60_000);
      used = 0;
    }
    if (used >= limit - 2) {
      await new Promise((r) => setTimeout(r, (window + 1) * 60_000 - now + 1_000));
      window += 1;
      used = 0;
    }
    used += 1;
  };
}

runBenchmark(
  async (cleanups) => {
    print(`Segments benchmark — ${os.cpus().length} cores, Node ${process.version}, ${RESIDENTS.toLocaleString('en')} residents`);
    const postgres = await ensurePostgres((line) => print(`  ${line}`));
    cleanups.push(() => postgres.stop());
    if (KEEP_DATABASE && postgres.dir !== null)
      throw new Error('BENCH_KEEP_DATABASE=1 needs BENCH_DATABASE_URL or TEST_DATABASE_URL: a throwaway cluster is removed at the end');
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-segments-'));
    const server = await startBenchServer({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://bench.machi.invalid',
        LOG_LEVEL: 'warn',
        LINE_API_BASE_URL: 'http://127.0.0.1:9',
        LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
      },
      jobs: false,
      workDir,
    });
    cleanups.push(
      async () => (KEEP_DATABASE ? print(`  database kept: ${server.database.url}`) : server.dropDatabase()),
      () => server.stop(),
    );
    const admin = await signInAdmin(server);
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    cleanups.push(() => db.end());

    const rows = await db.query<{
      id: number;
      key: string;
      kind: string;
      option_id: number | null;
      option_key: string | null;
      parent_id: number | null;
    }>(
      `select d.id, d.key, d.kind, o.id as option_id, o.key as option_key, o.parent_id
         from attribute_definition d left join attribute_option o on o.attribute_id = d.id
        where d.retired_at is null and not d.personal and d.kind <> 'TEXT'
        order by d.position, d.id, o.position, o.id`,
    );
    const attributes = new Map<string, Attribute>();
    for (const r of rows.rows) {
      const a = attributes.get(r.key) ?? { id: r.id, key: r.key, kind: r.kind, options: [] };
      if (r.option_id !== null) a.options.push({ id: r.option_id, key: r.option_key!, parent: r.parent_id });
      attributes.set(r.key, a);
    }
    const attr = (key: string) => {
      const a = attributes.get(key);
      if (!a) throw new Error(`the seed has no attribute ${key}`);
      return a;
    };
    print(`  ${attributes.size} targetable attributes from the seed`);

    // --- data ---------------------------------------------------------------------------------
    const started = Date.now();
    const channel = (await db.query<{ id: string }>(`select id from line_channel limit 1`)).rows[0]?.id ?? null;
    await db.query(`set synchronous_commit = off`);
    await db.query(
      `insert into resident (id, channel_id, line_user_id_hash, line_user_id, language, follow_status, followed_at, is_test_recipient, tags)
       select md5('r' || g)::uuid, $2::uuid, md5('h' || g), 'x', 'ja', case when g % 20 = 0 then 'BLOCKED' else 'FOLLOWING' end,
              timestamptz '2024-01-01' + (g % 1000) * interval '1 day', false, '{}'
         from generate_series(1, $1::int) g`,
      [RESIDENTS, channel],
    );
    // Option ids per resident: one option of each single choice, area leaves with their ancestors,
    // about a third of each multiple choice's options, yes/no and consent, all from a hash of g.
    const parts: string[] = [];
    const numbers: string[] = [];
    const attributeIds: number[] = [];
    let salt = 0;
    for (const a of attributes.values()) {
      salt += 7;
      const h = `abs(hashint4(g + ${salt * 1_000_003}))`;
      if (a.kind === 'SINGLE_CHOICE' || a.kind === 'YES_NO') {
        parts.push(`array[(array[${a.options.map((o) => o.id).join(',')}])[1 + ${h} % ${a.options.length}]]`);
        attributeIds.push(a.id);
      } else if (a.kind === 'CONSENT') {
        parts.push(`case when ${h} % 5 <> 0 then array[${a.options[0]!.id}] else '{}'::int[] end`);
      } else if (a.kind === 'MULTIPLE_CHOICE') {
        parts.push(
          `array_remove(array[${a.options.map((o, i) => `case when (${h} >> ${i}) % 3 = 0 then ${o.id} end`).join(',')}]::int[], null)`,
        );
        // Nearly everyone has at least one (1 − (2/3)^n); the bench does not need the exact few without.
        attributeIds.push(a.id);
      } else if (a.kind === 'AREA') {
        const byId = new Map(a.options.map((o) => [o.id, o]));
        const leaves = a.options.filter((o) => !a.options.some((c) => c.parent === o.id));
        const chains = leaves.map((leaf) => {
          const ids: number[] = [];
          for (let o: Option | undefined = leaf; o; o = o.parent ? byId.get(o.parent) : undefined) ids.push(o.id);
          return ids;
        });
        await db.query(`create temporary table area_chain (n int primary key, ids int[])`);
        await db.query(
          `insert into area_chain select n, ids from unnest($1::text[]) with ordinality as t(ids_text, n), lateral (select ids_text::int[] as ids) x`,
          [chains.map((c) => `{${c.join(',')}}`)],
        );
        parts.push(`(select ids from area_chain where n = 1 + ${h} % ${chains.length})`);
        attributeIds.push(a.id);
      } else if (a.kind === 'NUMBER') {
        numbers.push(`'${a.id}', 1 + ${h} % 12`);
        attributeIds.push(a.id);
      }
    }
    await db.query(
      `insert into resident_attribute_doc (resident_id, channel_id, options, attribute_ids, numbers)
       select md5('r' || g)::uuid, $2::uuid, sort(uniq(sort(${parts.join(' || ')}))), '{${attributeIds.join(',')}}'::int[],
              jsonb_build_object(${numbers.join(', ')})
         from generate_series(1, $1::int) g
       on conflict (resident_id) do update set options = excluded.options, attribute_ids = excluded.attribute_ids, numbers = excluded.numbers`,
      [RESIDENTS, channel],
    );
    // Children's birth dates: 40 % of residents have one to three children born 2006..2026.
    const kids = attr('children_birth_dates').id;
    await db.query(
      `insert into resident_attribute_date (resident_id, attribute_id, position, value)
       select md5('r' || r)::uuid, $2, k, date '2006-01-01' + ((r * 37 + k * 1013) % 7300)
         from generate_series(1, $1::int) r, generate_series(1, 3) k
        where r % 5 < 2 and k <= 1 + (r % 3)`,
      [RESIDENTS, kids],
    );
    await db.query(
      `update resident_attribute_doc set attribute_ids = attribute_ids | array[$1::int]
        where resident_id in (select distinct resident_id from resident_attribute_date where attribute_id = $1)`,
      [kids],
    );
    // Engagement (docs/adr/0016): the minimum rows of a delivery of the seeded department that
    // recorded it (on a channel of its own when the seed has none), one link of it sent identified,
    // and who opened it through the LIFF app: about 8 % of the residents, from a hash of g.
    const department = (await db.query<{ id: string }>(`select id from department order by created_at, id limit 1`)).rows[0]!.id;
    const deliveryChannel =
      channel ??
      (
        await db.query<{ id: string }>(
          `insert into line_channel (id, name, purpose, messaging_channel_id, channel_secret, channel_access_token, credentials_updated_at)
           values (md5('bench-channel')::uuid, 'ベンチ', 'PRODUCTION', '1670009999', 'unused', 'unused', now()) returning id`,
        )
      ).rows[0]!.id;
    const deliveryId = (
      await db.query<{ id: string }>(
        `insert into delivery (id, title, department_id, channel_id, status, variants, target_kind, timing, record_engagement)
         values (md5('bench-delivery')::uuid, 'ベンチ配信（反応を記録）', $1, $2, 'SENT', $3::jsonb, 'ALL', 'IMMEDIATE', true) returning id`,
        [department, deliveryChannel, JSON.stringify([{ language: 'ja', messages: [{ type: 'text', text: '市からのお知らせです。' }] }])],
      )
    ).rows[0]!.id;
    const linkId = (
      await db.query<{ id: string }>(
        `insert into tracked_link (id, token, url, owner_type, owner_id, identified_at)
         values (md5('bench-link')::uuid, 'benchEngagement0001', 'https://bench.machi.invalid/event', 'delivery', $1, now()) returning id`,
        [deliveryId],
      )
    ).rows[0]!.id;
    await db.query(
      `insert into tracked_link_resident_click (owner_type, owner_id, resident_id, link_id, first_clicked_at)
       select 'delivery', $2::uuid, md5('r' || g)::uuid, $3::uuid, timestamptz '2026-12-01' + (g % 86400) * interval '1 second'
         from generate_series(1, $1::int) g
        where abs(hashint4(g + 500000009)) % 25 < 2`,
      [RESIDENTS, deliveryId, linkId],
    );
    await db.query(`vacuum analyze tracked_link_resident_click`);
    await db.query(`vacuum analyze resident`);
    await db.query(`vacuum analyze resident_attribute_doc`);
    await db.query(`vacuum analyze resident_attribute_date`);
    const size = (await db.query<{ s: string }>(`select pg_size_pretty(pg_total_relation_size('resident_attribute_doc')) as s`)).rows[0]!.s;
    const clicks = (await db.query<{ n: number }>(`select count(*)::int as n from tracked_link_resident_click`)).rows[0]!.n;
    print(
      `  generated in ${Math.round((Date.now() - started) / 1000)} s; resident_attribute_doc ${size}; ${clicks} residents opened the delivery`,
    );

    // --- counts -------------------------------------------------------------------------------
    const day = '2026-12-02';
    const timings: number[] = [];
    print('');
    print('  segment                                   count       median   server SQL');
    const pace = countPacer(COUNTS_PER_MINUTE);
    for (const s of segments(attr, deliveryId)) {
      await pace();
      const warm = await admin.ok<{ countSegmentCondition: { count: number } }>(COUNT, { c: s.condition, o: { day } });
      if (s.expected) {
        const expected = (await db.query<{ n: number }>(s.expected.sql, s.expected.params)).rows[0]!.n;
        if (warm.countSegmentCondition.count !== expected)
          throw new Error(`${s.name}: GraphQL counted ${warm.countSegmentCondition.count}, plain SQL ${expected}`);
      }
      const mine: number[] = [];
      const sqlMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        await pace();
        const t0 = performance.now();
        const res = await admin.ok<{ countSegmentCondition: { count: number; elapsedMs: number } }>(COUNT, { c: s.condition, o: { day } });
        mine.push(performance.now() - t0);
        sqlMs.push(res.countSegmentCondition.elapsedMs);
        if (res.countSegmentCondition.count !== warm.countSegmentCondition.count)
          throw new Error(`${s.name}: the count changed between rounds`);
      }
      timings.push(...mine);
      mine.sort((x, y) => x - y);
      sqlMs.sort((x, y) => x - y);
      print(
        `  ${s.name.padEnd(40)} ${String(warm.countSegmentCondition.count).padStart(8)} ${mine[Math.floor(mine.length / 2)]!.toFixed(0).padStart(9)} ms ${String(sqlMs[Math.floor(sqlMs.length / 2)]).padStart(6)} ms`,
      );
    }

    timings.sort((x, y) => x - y);
    const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
    print('');
    print(`  ${timings.length} timed counts through GraphQL (HTTP, session, rate limit, SQL)`);
    print(
      `BENCH segments p50_ms=${Math.round(at(0.5))} p95_ms=${Math.round(at(0.95))} max_ms=${Math.round(timings.at(-1)!)} residents=${RESIDENTS}`,
    );
  },
  { watchdogMs: WATCHDOG_MS, print },
);
