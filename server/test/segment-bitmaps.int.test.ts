import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttributeInputValue, DefinitionSnapshot } from '../src/modules/attributes/index.js';
import type { LineChannel } from '../src/modules/channels/index.js';
import { checkCondition } from '../src/modules/segments/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The segment bitmaps (docs/adr/0012) are kept by triggers in each writer's transaction. Whatever
 * writers do at the same time, to residents that share bitmap rows (every resident here is in the
 * same 8,192), the bitmaps must stay what the int[] documents, the dates and the residents say.
 */
let t: TestServer;
let f: Factories;
let defs: Map<string, DefinitionSnapshot>;
const channels: LineChannel[] = [];
const residents: string[] = [];

const mismatches = async () =>
  (await sql<{ n: number }>(t.databaseUrl, 'select count(*)::int as n from segment_bitmap_mismatches()'))[0]!.n;

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick };
}

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  channels.push(await f.newChannel(), await f.newChannel());
  const em = unscopedFork(t.app.orm.em);
  defs = new Map((await t.app.modules.attributes.attributes.snapshots(em, { scoped: false })).map((d) => [d.key, d]));
  for (let i = 0; i < 24; i++) residents.push((await f.newResident({ channel: channels[i % 2]! })).resident.id);
  await sql(t.databaseUrl, `update resident set follow_status = 'FOLLOWING' where id = any($1::uuid[])`, [residents]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** One writer's random change to one resident: choices, an area, children's birth dates (across months and years), numbers, yes/no. */
function randomValues(r: ReturnType<typeof rng>): Array<{ attributeKey: string; value: AttributeInputValue }> {
  const keys = (key: string) =>
    defs
      .get(key)!
      .options.filter((o) => !o.retired)
      .map((o) => o.key);
  const all: Array<{ attributeKey: string; value: AttributeInputValue }> = [
    { attributeKey: 'interests', value: r.next() < 0.2 ? null : [...new Set([r.pick(keys('interests')), r.pick(keys('interests'))])] },
    { attributeKey: 'residence_area', value: r.next() < 0.2 ? null : r.pick(keys('residence_area')) },
    {
      attributeKey: 'children_birth_dates',
      value:
        r.next() < 0.2
          ? null
          : [
              ...new Set(
                Array.from(
                  { length: r.int(1, 3) },
                  () => `${r.int(2019, 2021)}-${r.pick(['01', '06', '12'])}-${r.pick(['01', '15', '31'])}`,
                ),
              ),
            ]
              .filter((d) => !d.endsWith('-06-31'))
              .sort(),
    },
    { attributeKey: 'household_size', value: r.next() < 0.2 ? null : r.int(1, 6) },
    { attributeKey: 'pregnant', value: r.next() < 0.2 ? null : r.next() < 0.5 },
  ];
  return all.filter(() => r.next() < 0.6);
}

describe('segment bitmaps', () => {
  it('stay equal to the int[] rows, dates and follow states under concurrent writers of one bitmap chunk', async () => {
    expect(await mismatches()).toBe(0);
    const attributes = t.app.modules.attributes.attributes;
    // Each writer has residents of its own (so writers share no resident or document row, only
    // bitmap rows); its transactions run one after another.
    const writer = async (w: number) => {
      const r = rng(w * 7919);
      const own = residents.filter((_, i) => i % 6 === w);
      for (let i = 0; i < 25; i++) {
        const residentId = r.pick(own);
        const values = randomValues(r);
        const follow = r.next() < 0.3 ? r.pick(['FOLLOWING', 'BLOCKED']) : null;
        const other = r.pick(own.filter((id) => id !== residentId));
        await unscopedFork(t.app.orm.em).transactional(async (tx) => {
          // Statements in either order in one transaction: the follow state of another resident before
          // or after the attributes (bitmap rows touched in opposite orders by concurrent writers).
          const setFollow = () =>
            follow ? tx.execute(`update resident set follow_status = ? where id = ?`, [follow, other]) : Promise.resolve();
          if (r.next() < 0.5) await setFollow();
          if (values.length) await attributes.applyValues(tx, { residentId, values, actor: { kind: 'resident' } });
          await setFollow();
        });
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    expect(await mismatches()).toBe(0);

    // Counts through the bitmaps equal counts through SQL after the storm.
    const em = unscopedFork(t.app.orm.em);
    const snapshots = [...defs.values()];
    for (const raw of [
      { type: 'attribute', key: 'children_birth_dates', op: 'age', min: 3, max: 5 },
      { type: 'attribute', key: 'children_birth_dates', op: 'dateBetween', from: '2019-06-15', to: '2021-01-01' },
      { type: 'not', condition: { type: 'attribute', key: 'interests', op: 'in', values: [defs.get('interests')!.options[0]!.key] } },
      {
        type: 'all',
        conditions: [
          { type: 'attribute', key: 'household_size', op: 'between', min: 2, max: 4 },
          { type: 'channel', channelId: channels[0]!.id },
        ],
      },
      {
        type: 'any',
        conditions: [
          { type: 'attribute', key: 'pregnant', op: 'hasValue' },
          { type: 'attribute', key: 'residence_area', op: 'hasValue' },
        ],
      },
    ]) {
      const checked = checkCondition(raw, snapshots);
      if (!checked.ok) throw new Error(`invalid: ${JSON.stringify(checked.problems)}`);
      const segments = t.app.modules.segments.segments;
      const day = '2026-12-02';
      expect(await segments.countVia(em, checked.resolved, 'bitmaps', { day }), JSON.stringify(raw)).toBe(
        await segments.countVia(em, checked.resolved, 'sql', { day }),
      );
    }
  }, 180_000);

  it('clear the bits of a resident who is deleted, and forget the number', async () => {
    const { resident } = await f.newResident({ channel: channels[0]! });
    await sql(t.databaseUrl, `update resident set follow_status = 'FOLLOWING' where id = $1`, [resident.id]);
    await unscopedFork(t.app.orm.em).transactional((tx) =>
      t.app.modules.attributes.attributes.applyValues(tx, {
        residentId: resident.id,
        values: [
          { attributeKey: 'household_size', value: 3 },
          { attributeKey: 'children_birth_dates', value: ['2022-05-05'] },
        ],
        actor: { kind: 'resident' },
      }),
    );
    const numbered = () => sql(t.databaseUrl, `select n from segment_resident where resident_id = $1`, [resident.id]);
    expect(await numbered()).toHaveLength(1);
    await sql(t.databaseUrl, `delete from resident_session where resident_id = $1`, [resident.id]);
    await sql(t.databaseUrl, `delete from resident where id = $1`, [resident.id]);
    expect(await numbered()).toEqual([]);
    expect(await mismatches()).toBe(0);
  });

  it('drift when a write bypasses the trigger, and the check finds it', async () => {
    await sql(t.databaseUrl, 'alter table resident_attribute_doc disable trigger segment_bitmap_doc_update');
    try {
      await sql(
        t.databaseUrl,
        `update resident_attribute_doc set options = case when options @> array[$2::int] then options - $2::int else sort(options | $2::int) end
          where resident_id = $1`,
        [residents[0], defs.get('interests')!.options.at(-1)!.id],
      );
    } finally {
      await sql(t.databaseUrl, 'alter table resident_attribute_doc enable trigger segment_bitmap_doc_update');
    }
    expect(await mismatches()).toBeGreaterThan(0);
  });
});
