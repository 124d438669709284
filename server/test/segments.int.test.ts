import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttributeInputValue, DefinitionSnapshot } from '../src/modules/attributes/index.js';
import { AttributeKind } from '../src/modules/attributes/index.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { checkCondition, matches, type ResidentFacts } from '../src/modules/segments/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let f: Factories;
let defs: DefinitionSnapshot[];
let byId: Map<number, DefinitionSnapshot>;
const channels: LineChannel[] = [];
const people: Array<{ id: string; following: boolean; facts: ResidentFacts }> = [];
let formId = '';
/** Deliveries (as the links module knows them: owners of links) that some residents opened through LIFF. */
const engaged: Array<{ id: string; tokens: string[] }> = [];
const OPEN_LINK = `mutation($token: String!) { openTrackedLink(token: $token) { url identified } }`;

/** A small seeded generator (mulberry32), so a failing tree can be replayed from its seed. */
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
  const some = <T>(xs: readonly T[], max = 3): T[] => [
    ...new Set(Array.from({ length: int(1, Math.min(max, xs.length)) }, () => pick(xs))),
  ];
  const date = (from: number, to: number) => {
    const d = new Date(Date.UTC(int(from, to), int(0, 11), int(1, 28)));
    // Now and then the last days of February, leap days included, where ages are easy to get wrong.
    if (next() < 0.1)
      return `${int(from, to) - (int(from, to) % 4)}-02-${pick(['28', '29'])}`.replace(/^(\d{4})-02-29$/, (m, y) =>
        Number(y) % 4 === 0 ? m : `${y}-02-28`,
      );
    return d.toISOString().slice(0, 10);
  };
  return { next, int, pick, some, date };
}

const TAGS = ['転入者', '子育て', 'モニター', '高齢者'];
const LANGUAGES = ['ja', 'en', 'vi'];
const usable = () => defs.filter((d) => !d.retired && !d.personal && d.kind !== AttributeKind.TEXT);

function randomValue(r: ReturnType<typeof rng>, def: DefinitionSnapshot): AttributeInputValue | undefined {
  if (r.next() < 0.3) return undefined;
  const keys = def.options.filter((o) => !o.retired).map((o) => o.key);
  switch (def.kind) {
    case AttributeKind.SINGLE_CHOICE:
    case AttributeKind.AREA:
      return r.pick(keys);
    case AttributeKind.MULTIPLE_CHOICE:
      return r.some(keys);
    case AttributeKind.YES_NO:
      return r.next() < 0.5;
    case AttributeKind.CONSENT:
      return true;
    case AttributeKind.NUMBER:
      return r.int(def.numberMin ?? 0, Math.min(def.numberMax ?? 100, (def.numberMin ?? 0) + 30));
    case AttributeKind.DATE:
      return r.date(1990, 2026);
    case AttributeKind.DATE_LIST:
      return [...new Set(Array.from({ length: r.int(1, 3) }, () => r.date(2006, 2026)))].sort();
    default:
      return undefined;
  }
}

const LEAVES = [
  'attribute',
  'attribute',
  'attribute',
  'attribute',
  'tag',
  'followed',
  'channel',
  'language',
  'formAnswer',
  'engagement',
] as const;
/** The leaves the segment bitmaps hold (a tree of only these is counted from them). */
const BITMAP_LEAVES = ['attribute', 'attribute', 'attribute', 'attribute', 'channel'] as const;

/** A random condition tree in the API's JSON shape. */
function randomCondition(
  r: ReturnType<typeof rng>,
  depth = 0,
  leaves: ReadonlyArray<(typeof LEAVES)[number]> = LEAVES,
): Record<string, unknown> {
  if (depth < 3 && r.next() < 0.4) {
    const kind = r.pick(['all', 'any', 'not'] as const);
    if (kind === 'not') return { type: 'not', condition: randomCondition(r, depth + 1, leaves) };
    return { type: kind, conditions: Array.from({ length: r.int(1, 3) }, () => randomCondition(r, depth + 1, leaves)) };
  }
  const leaf = r.pick(leaves);
  switch (leaf) {
    case 'tag':
      return { type: 'tag', tag: r.pick(TAGS) };
    case 'followed':
      return r.next() < 0.5
        ? { type: 'followed', from: r.date(2020, 2026), to: null }
        : { type: 'followed', from: null, to: r.date(2020, 2026) };
    case 'channel':
      return { type: 'channel', channelId: r.pick(channels).id };
    case 'language':
      return { type: 'language', language: r.pick(LANGUAGES) };
    case 'formAnswer':
      return r.next() < 0.3
        ? { type: 'formAnswer', formId }
        : { type: 'formAnswer', formId, fieldId: r.pick(['pick', 'many']), values: r.some(['o1', 'o2', 'o3'], 2) };
    case 'engagement':
      return {
        type: 'engagement',
        deliveryId: r.pick(engaged).id,
        action: r.pick(['clicked', 'notClicked', 'answered', 'notAnswered'] as const),
      };
    case 'attribute': {
      const def = r.pick(usable());
      const keys = def.options.filter((o) => !o.retired).map((o) => o.key);
      if (r.next() < 0.15) return { type: 'attribute', key: def.key, op: 'hasValue' };
      switch (def.kind) {
        case AttributeKind.NUMBER: {
          const lo = r.int(def.numberMin ?? 0, (def.numberMin ?? 0) + 20);
          return { type: 'attribute', key: def.key, op: 'between', min: r.next() < 0.3 ? null : lo, max: lo + r.int(0, 10) };
        }
        case AttributeKind.DATE:
        case AttributeKind.DATE_LIST: {
          if (r.next() < 0.6) {
            const lo = r.int(0, 12);
            const min = r.next() < 0.2 ? null : lo;
            // One end at least: a range with neither is refused.
            return { type: 'attribute', key: def.key, op: 'age', min, max: min !== null && r.next() < 0.2 ? null : lo + r.int(0, 4) };
          }
          const from = r.date(2000, 2024);
          const later = (years: number) =>
            // 29 February moved to a common year is 28 February.
            from.endsWith('-02-29') && years % 4 !== 0 ? `${years}-02-28` : `${years}${from.slice(4)}`;
          return {
            type: 'attribute',
            key: def.key,
            op: 'dateBetween',
            from,
            to: r.next() < 0.3 ? null : later(Number(from.slice(0, 4)) + r.int(0, 5)),
          };
        }
        default:
          return { type: 'attribute', key: def.key, op: 'in', values: r.some(keys) };
      }
    }
  }
}

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  channels.push(await f.newChannel(), await f.newChannel());
  const em = unscopedFork(t.app.orm.em);
  defs = await t.app.modules.attributes.attributes.snapshots(em, { scoped: false });
  byId = new Map(defs.map((d) => [d.id, d]));

  // A published form with a single and a multiple choice, answered by some residents (SEG-04).
  const manager = await f.newStaff({ permissions: ['forms.read', 'forms.manage'] });
  const created = await manager.client.ok(`mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`, {
    input: { title: '区分アンケート', kind: 'SURVEY' },
  });
  formId = created.createForm.form.id;
  const choices = [
    { id: 'o1', label: 'A' },
    { id: 'o2', label: 'B' },
    { id: 'o3', label: 'C' },
  ];
  await manager.client.ok(`mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
    id: formId,
    input: {
      definition: {
        schemaVersion: 1,
        pages: [
          {
            id: 'p_1',
            fields: [
              { id: 'pick', type: 'singleChoice', display: 'radio', label: '一つ', options: choices },
              { id: 'many', type: 'multipleChoice', label: '複数', options: choices },
            ],
          },
        ],
      },
    },
  });
  const versionId = (
    await manager.client.ok(`mutation($id: ID!) { publishForm(id: $id) { form { publishedVersion { id } } } }`, { id: formId })
  ).publishForm.form.publishedVersion.id;

  // Two deliveries' links, as the deliveries module tracks them when it sends through LIFF (SEG: engagement).
  const links = t.app.modules.links.links;
  for (let d = 0; d < 2; d++) {
    const id = randomUUID();
    const urls = ['https://www.city.example.jp/news/1', `https://www.city.example.jp/event/${d}`];
    const tracked = await links.trackMany(em, { ownerType: 'delivery', ownerId: id }, urls, { identify: true });
    engaged.push({ id, tokens: urls.map((u) => tracked.get(u)!.split('/r/')[1]!) });
  }

  const r = rng(20261202);
  for (let i = 0; i < 160; i++) {
    const channel = channels[i % 2]!;
    const { resident, client } = await f.newResident({ channel });
    const following = r.next() < 0.85;
    const tags = r.next() < 0.5 ? r.some(TAGS, 2) : [];
    const language = r.pick(LANGUAGES);
    const followedOn = r.next() < 0.9 ? r.date(2020, 2026) : null;
    await sql(
      t.databaseUrl,
      `update resident set follow_status = $2, tags = $3, language = $4, followed_at = ($5::date + time '12:00') at time zone 'Asia/Tokyo' where id = $1`,
      [resident.id, following ? 'FOLLOWING' : 'BLOCKED', tags, language, followedOn],
    );
    const values = new Map<number, string | readonly string[] | number | boolean>();
    const inputs: Array<{ attributeKey: string; value: AttributeInputValue }> = [];
    for (const def of usable()) {
      const value = randomValue(r, def);
      if (value === undefined || value === null) continue;
      values.set(def.id, value);
      inputs.push({ attributeKey: def.key, value });
    }
    await unscopedFork(t.app.orm.em).transactional((tx) =>
      t.app.modules.attributes.attributes.applyValues(tx, { residentId: resident.id, values: inputs, actor: { kind: 'resident' } }),
    );
    const submissions: ResidentFacts['submissions'][number][] = [];
    if (r.next() < 0.3) {
      const answers = { pick: r.pick(['o1', 'o2', 'o3']), many: r.some(['o1', 'o2', 'o3']) };
      // Some came through a delivery's form card (its run's signed reference), a few with one altered (ignored).
      const through = r.next() < 0.6 ? r.pick(engaged) : null;
      const signed = through ? t.app.modules.forms.via.create(formId, { deliveryId: through.id, runId: randomUUID() }) : null;
      const forged = signed !== null && r.next() < 0.2;
      const via = forged && signed ? `${signed.slice(0, -1)}${signed.endsWith('0') ? '1' : '0'}` : signed;
      await client.ok(`mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId } }`, {
        input: { formId, versionId, answers, ...(via ? { via } : {}) },
      });
      submissions.push({ formId, answers, deliveryId: through && !forged ? through.id : null });
    }
    // Some open one of a delivery's links through the LIFF app, now and then twice or both links.
    const clicked = new Set<string>();
    for (const delivery of engaged) {
      if (r.next() >= 0.35) continue;
      for (const token of r.some(delivery.tokens, 2)) {
        const opened = await client.ok(OPEN_LINK, { token });
        expect(opened.openTrackedLink.identified).toBe(true);
      }
      clicked.add(delivery.id);
    }
    people.push({
      id: resident.id,
      following,
      facts: { values, tags, channelId: channel.id, language, followedOn, submissions, clicked },
    });
  }
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const service = () => t.app.modules.segments.segments;

describe('segment evaluation', () => {
  it('counts exactly what an in-memory evaluation of the same tree selects, for many random trees', async () => {
    const em = unscopedFork(t.app.orm.em);
    const r = rng(7);
    let nonTrivial = 0;
    let viaBitmaps = 0;
    let withEngagement = 0;
    let withAnswered = 0;
    for (let i = 0; i < 250; i++) {
      const raw = randomCondition(r);
      if (JSON.stringify(raw).includes('"engagement"')) withEngagement++;
      if (/"(answered|notAnswered)"/.test(JSON.stringify(raw))) withAnswered++;
      const day = r.pick(['2026-12-02', '2028-02-29', '2027-02-28', '2027-03-01']);
      const checked = checkCondition(raw, defs);
      if (!checked.ok) throw new Error(`generated an invalid tree: ${JSON.stringify(checked.problems)} ${JSON.stringify(raw)}`);
      const expected = people
        .filter((p) => p.following && matches(checked.resolved, p.facts, byId, day))
        .map((p) => p.id)
        .sort();
      const { sql: select, params } = service().select(checked.resolved, day, null);
      const got = (await em.execute<Array<{ id: string }>>(select, params)).map((row) => row.id).sort();
      expect(got, `tree ${i} on ${day}: ${JSON.stringify(raw)}`).toEqual(expected);
      expect((await service().count(em, checked.resolved, { day })).count).toBe(expected.length);
      // Both ways of counting, whichever count() chose: SQL always, the bitmaps when they hold the tree.
      expect(await service().countVia(em, checked.resolved, 'sql', { day })).toBe(expected.length);
      const byBitmaps = await service().countVia(em, checked.resolved, 'bitmaps', { day });
      if (byBitmaps !== null) {
        expect(byBitmaps, `bitmaps, tree ${i} on ${day}: ${JSON.stringify(raw)}`).toBe(expected.length);
        viaBitmaps++;
      }
      if (expected.length > 0 && expected.length < people.length * 0.85) nonTrivial++;
    }
    // The generator must produce trees that split the residents, or the comparison proves little.
    expect(nonTrivial).toBeGreaterThan(100);
    expect(viaBitmaps).toBeGreaterThan(50);
    // Who opened a delivery's links or answered its form is in enough trees (and the bitmaps never count those).
    expect(withEngagement).toBeGreaterThan(25);
    expect(withAnswered).toBeGreaterThan(10);
  }, 120_000);

  it('counts from the bitmaps exactly what the SQL and an in-memory evaluation count, for random trees they hold, per channel', async () => {
    const em = unscopedFork(t.app.orm.em);
    const r = rng(11);
    let nonTrivial = 0;
    for (let i = 0; i < 250; i++) {
      const raw = randomCondition(r, 0, BITMAP_LEAVES);
      const day = r.pick(['2026-12-02', '2028-02-29', '2027-02-28', '2027-03-01', '2026-12-31', '2027-01-01']);
      const channelId = r.next() < 0.3 ? r.pick(channels).id : null;
      const checked = checkCondition(raw, defs);
      if (!checked.ok) throw new Error(`generated an invalid tree: ${JSON.stringify(checked.problems)} ${JSON.stringify(raw)}`);
      const expected = people.filter(
        (p) => p.following && (!channelId || p.facts.channelId === channelId) && matches(checked.resolved, p.facts, byId, day),
      ).length;
      const what = `tree ${i} on ${day}${channelId ? ` in ${channelId}` : ''}: ${JSON.stringify(raw)}`;
      expect(await service().countVia(em, checked.resolved, 'bitmaps', { day, channelId }), what).toBe(expected);
      expect(await service().countVia(em, checked.resolved, 'sql', { day, channelId }), what).toBe(expected);
      if (expected > 0 && expected < people.length * 0.85) nonTrivial++;
    }
    expect(nonTrivial).toBeGreaterThan(100);
  }, 120_000);

  it('counts in SQL when a number has no bitmap of its own, or inside a transaction that changed bitmaps', async () => {
    const em = unscopedFork(t.app.orm.em);
    const size = defs.find((d) => d.key === 'household_size')!;
    const checked = checkCondition({ type: 'attribute', key: size.key, op: 'between', min: 2, max: 3 }, defs);
    if (!checked.ok) throw new Error('invalid');
    const target = people.find((p) => p.following && p.facts.values.get(size.id) === 2)!;
    const before = await service().countVia(em, checked.resolved, 'bitmaps', {});
    expect(before).toBe(await service().countVia(em, checked.resolved, 'sql', {}));
    // 2.5 (a value the attribute's own rules refuse, written directly) has no bitmap of its own.
    await sql(t.databaseUrl, `update resident_attribute_doc set numbers = jsonb_set(numbers, $2, '2.5') where resident_id = $1`, [
      target.id,
      `{${size.id}}`,
    ]);
    try {
      expect(await service().countVia(em, checked.resolved, 'bitmaps', {})).toBeNull();
      expect((await service().count(em, checked.resolved, {})).count).toBe(before);
      expect(await service().countVia(em, checked.resolved, 'sql', {})).toBe(before);
    } finally {
      await sql(t.databaseUrl, `update resident_attribute_doc set numbers = jsonb_set(numbers, $2, '2') where resident_id = $1`, [
        target.id,
        `{${size.id}}`,
      ]);
    }
    expect(await service().countVia(em, checked.resolved, 'bitmaps', {})).toBe(before);

    // The writer's own transaction: its bitmap changes wait for commit, so its counts use SQL.
    await unscopedFork(t.app.orm.em)
      .transactional(async (tx) => {
        await t.app.modules.attributes.attributes.applyValues(tx, {
          residentId: target.id,
          values: [{ attributeKey: size.key, value: 7 }],
          actor: { kind: 'resident' },
        });
        expect(await service().countVia(tx, checked.resolved, 'bitmaps', {})).toBeNull();
        expect((await service().count(tx, checked.resolved, {})).count).toBe(before! - 1);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect(await service().countVia(em, checked.resolved, 'bitmaps', {})).toBe(before);
  });

  it('matches a friend who never set any attribute by "not" conditions', async () => {
    const { resident } = await f.newResident({ channel: channels[0]! });
    await sql(t.databaseUrl, `update resident set follow_status = 'FOLLOWING' where id = $1`, [resident.id]);
    const checked = checkCondition({ type: 'not', condition: { type: 'attribute', key: 'interests', op: 'in', values: ['o01'] } }, defs);
    if (!checked.ok) throw new Error('invalid');
    const { sql: select, params } = service().select(checked.resolved, '2026-12-02', channels[0]!.id);
    const ids = (await unscopedFork(t.app.orm.em).execute<Array<{ id: string }>>(select, params)).map((row) => row.id);
    expect(ids).toContain(resident.id);
    await sql(t.databaseUrl, `update resident set follow_status = 'BLOCKED' where id = $1`, [resident.id]);
  });

  it('counts "any child aged 3 to 5" on the send day, a birthday on the day itself included', async () => {
    const em = unscopedFork(t.app.orm.em);
    const kids = defs.find((d) => d.key === 'children_birth_dates')!;
    const checked = checkCondition({ type: 'attribute', key: kids.key, op: 'age', min: 3, max: 5 }, defs);
    if (!checked.ok) throw new Error('invalid');
    const target = people.find((p) => p.following)!;
    await unscopedFork(t.app.orm.em).transactional((tx) =>
      t.app.modules.attributes.attributes.applyValues(tx, {
        residentId: target.id,
        values: [{ attributeKey: kids.key, value: ['2023-12-02'] }],
        actor: { kind: 'resident' },
      }),
    );
    const ids = async (day: string) => {
      const { sql: select, params } = service().select(checked.resolved, day, null);
      return (await em.execute<Array<{ id: string }>>(select, params)).map((row) => row.id);
    };
    expect(await ids('2026-12-01')).not.toContain(target.id); // 2 years old, 3 tomorrow
    expect(await ids('2026-12-02')).toContain(target.id); // 3rd birthday
    expect(await ids('2029-12-01')).toContain(target.id); // still 5
    expect(await ids('2029-12-02')).not.toContain(target.id); // 6th birthday
  });
});

describe('segments through GraphQL', () => {
  const FIELDS = 'id name description condition lastCount lastCountedAt';
  const CREATE = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { ${FIELDS} } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateSegmentInput!) { updateSegment(id: $id, input: $input) { segment { ${FIELDS} } } }`;
  const COUNT = `query($c: JSONObject!, $o: SegmentCountOptions) { countSegmentCondition(condition: $c, options: $o) { count day } }`;
  const SAMPLE = `query($c: JSONObject!) { segmentSample(condition: $c) { residents { id } } }`;
  const interests = { type: 'attribute', key: 'interests', op: 'in', values: ['o01'] };
  const expectedCount = (resolvedRaw: unknown, day: string, channelId?: string) => {
    const checked = checkCondition(resolvedRaw, defs);
    if (!checked.ok) throw new Error('invalid');
    return people.filter(
      (p) => p.following && (!channelId || p.facts.channelId === channelId) && matches(checked.resolved, p.facts, byId, day),
    ).length;
  };

  it('refuses a bad condition with a Japanese message at its path, and saves nothing', async () => {
    const staff = await f.newStaff({ permissions: ['segments.read', 'segments.manage'] });
    const bad = await staff.client.request(CREATE, {
      input: {
        name: '壊れた条件',
        condition: {
          type: 'all',
          conditions: [
            { type: 'attribute', key: 'interests', op: 'in', values: ['nope'] },
            { type: 'attribute', key: 'household_size', op: 'between', min: 5, max: 2 },
            { type: 'attribute', key: 'staff_note', op: 'hasValue' },
            { type: 'any', conditions: [] },
          ],
        },
      },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.fields).toEqual({
      'condition.conditions.0.values.0': '属性「関心のある分野」に選択肢「nope」はありません。',
      'condition.conditions.1': '「世帯人数」の下限が上限より大きくなっています。',
      'condition.conditions.2.key': '属性「職員メモ」は個人情報または自由記述のため、配信の条件には使えません。',
      'condition.conditions.3.conditions': '「いずれかを満たす」に条件を1つ以上入れてください。',
    });
    expect(await sql(t.databaseUrl, 'select id from segment')).toEqual([]);
    const deep = {
      type: 'not',
      condition: {
        type: 'not',
        condition: {
          type: 'not',
          condition: {
            type: 'not',
            condition: {
              type: 'not',
              condition: {
                type: 'not',
                condition: { type: 'not', condition: { type: 'not', condition: { type: 'not', condition: interests } } },
              },
            },
          },
        },
      },
    };
    expect((await staff.client.request(COUNT, { c: deep })).errors?.[0]?.extensions?.fields).toEqual({
      [`condition${'.condition'.repeat(9)}`]: '条件の入れ子が深すぎます（8段まで）。',
    });
  });

  it('counts live while editing, per channel, on a chosen send day; saves, counts and remembers (SEG-16), audited', async () => {
    const staff = await f.newStaff({ permissions: ['segments.read', 'segments.manage'] });
    const condition = { type: 'any', conditions: [interests, { type: 'tag', tag: '子育て' }] };
    const live = await staff.client.ok(COUNT, { c: condition, o: { day: '2026-12-02' } });
    expect(live.countSegmentCondition).toEqual({ count: expectedCount(condition, '2026-12-02'), day: '2026-12-02' });
    const inChannel = await staff.client.ok(COUNT, { c: condition, o: { channelId: channels[0]!.id, day: '2026-12-02' } });
    expect(inChannel.countSegmentCondition.count).toBe(expectedCount(condition, '2026-12-02', channels[0]!.id));
    expect(inChannel.countSegmentCondition.count).toBeLessThan(live.countSegmentCondition.count);

    const saved = (await staff.client.ok(CREATE, { input: { name: '子育て世帯', condition } })).createSegment.segment;
    expect(saved).toMatchObject({ name: '子育て世帯', condition, lastCount: null });
    const counted = await staff.client.ok(`mutation($id: ID!) { countSegment(id: $id) { count } }`, { id: saved.id });
    const again = (await staff.client.ok(`query($id: ID!) { segment(id: $id) { ${FIELDS} } }`, { id: saved.id })).segment;
    expect(again.lastCount).toBe(counted.countSegment.count);
    expect(again.lastCountedAt).not.toBeNull();
    // Changing the condition forgets the remembered count.
    const changed = (await staff.client.ok(UPDATE, { id: saved.id, input: { condition: interests } })).updateSegment.segment;
    expect(changed).toMatchObject({ condition: interests, lastCount: null });
    const audit = await sql<{ action: string }>(t.databaseUrl, `select action from audit_event where target_id = $1 order by seq`, [
      saved.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['segments.create', 'segments.update']);
  });

  it('keeps segments to their department, and samples residents only for staff who may see residents', async () => {
    const a = await f.newStaff({ permissions: ['segments.read', 'segments.manage'] });
    const b = await f.newStaff({ permissions: ['segments.read', 'segments.manage', 'residents.read', 'attributes.read'] });
    const mine = (await a.client.ok(CREATE, { input: { name: '部署Aの条件', condition: interests } })).createSegment.segment;
    expect(await b.client.code(`query($id: ID!) { segment(id: $id) { id } }`, { id: mine.id })).toBe('NOT_FOUND');
    expect(await b.client.code(UPDATE, { id: mine.id, input: { name: '乗っ取り' } })).toBe('NOT_FOUND');
    const listed = await b.client.ok(`query { segments(first: 50) { edges { node { id } } } }`);
    expect(listed.segments.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(mine.id);

    expect(await a.client.code(SAMPLE, { c: interests })).toBe('FORBIDDEN');
    const noAttributes = await f.newStaff({ permissions: ['segments.read', 'residents.read'] });
    expect(await noAttributes.client.code(SAMPLE, { c: interests })).toBe('FORBIDDEN');
    const sample = await b.client.ok(SAMPLE, { c: interests });
    const checked = checkCondition(interests, defs);
    if (!checked.ok) throw new Error('invalid');
    const matching = new Set(people.filter((p) => p.following && matches(checked.resolved, p.facts, byId, '2026-12-02')).map((p) => p.id));
    expect(sample.segmentSample.residents.length).toBe(Math.min(20, matching.size));
    for (const r of sample.segmentSample.residents) expect(matching.has(r.id)).toBe(true);

    const reader = await f.newStaff({ permissions: ['segments.read'] });
    expect(await reader.client.code(CREATE, { input: { name: 'x', condition: interests } })).toBe('FORBIDDEN');
  });

  it('SEG-03: a role limited to some segments sees and uses only those; another role of the same staff member lifts the limit', async () => {
    const owner = await f.newStaff({ permissions: ['segments.manage', 'segments.read'] });
    const make = async (name: string) =>
      (await owner.client.ok<{ createSegment: { segment: { id: string } } }>(CREATE, { input: { name, condition: interests } }))
        .createSegment.segment.id;
    const allowed = await make('許可されたセグメント');
    const other = await make('許可されていないセグメント');
    const limitedRole = await f.newRole({ permissions: ['segments.read', 'segments.manage'] });
    const setter = await f.newStaff({ permissions: ['roles.write', 'roles.read', 'segments.read'], departmentId: owner.departmentId });
    const SET = `mutation($r: ID!, $l: Boolean!, $s: [ID!]!) { setRoleSegmentAccess(roleId: $r, limited: $l, segmentIds: $s) { limited segments { id } } }`;
    const set = await setter.client.ok<{ setRoleSegmentAccess: { limited: boolean; segments: Array<{ id: string }> } }>(SET, {
      r: limitedRole.id,
      l: true,
      s: [allowed],
    });
    expect(set.setRoleSegmentAccess).toEqual({ limited: true, segments: [{ id: allowed }] });
    const limited = await f.newStaff({ roles: [limitedRole], departmentId: owner.departmentId });
    const LIST = `{ segments(first: 50) { edges { node { id } } } }`;
    const listed = await limited.client.ok<{ segments: { edges: Array<{ node: { id: string } }> } }>(LIST);
    expect(listed.segments.edges.map((e) => e.node.id)).toEqual([allowed]);
    expect(await limited.client.code(`query($id: ID!) { segment(id: $id) { id } }`, { id: other })).toBe('NOT_FOUND');
    expect((await limited.client.request(`query($id: ID!) { segment(id: $id) { id } }`, { id: allowed })).errors).toBeUndefined();
    expect(await limited.client.code(CREATE, { input: { name: '新規', condition: interests } })).toBe('FORBIDDEN');
    expect(await limited.client.code(COUNT, { c: interests })).toBe('FORBIDDEN');

    // The same staff member with a second, unlimited role uses every segment of the department.
    const both = await f.newStaff({
      roles: [limitedRole, await f.newRole({ permissions: ['segments.read'] })],
      departmentId: owner.departmentId,
    });
    const all = await both.client.ok<{ segments: { edges: Array<{ node: { id: string } }> } }>(LIST);
    expect(all.segments.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([allowed, other]));

    // Lifting the limit gives the limited staff member everything again.
    await setter.client.ok(SET, { r: limitedRole.id, l: false, s: [] });
    const lifted = await limited.client.ok<{ segments: { edges: Array<{ node: { id: string } }> } }>(LIST);
    expect(lifted.segments.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([allowed, other]));
  });

  it('rate-limits live counts per staff member', async () => {
    const staff = await f.newStaff({ permissions: ['segments.read'] });
    // The limiter counts in fixed one-minute windows, and a slow machine may cross a window
    // boundary while it makes the 60 allowed counts: count until the refusal, which must come
    // after at least 60 counts and within two windows' worth.
    let allowed = 0;
    let refused: unknown;
    while (refused === undefined && allowed <= 2 * 60) {
      const result = await staff.client.request(COUNT, { c: interests });
      if (result.errors) refused = result.errors[0]?.extensions?.code;
      else allowed++;
    }
    expect(refused).toBe('RATE_LIMITED');
    expect(allowed).toBeGreaterThanOrEqual(60);
  }, 60_000);

  it('streams every matching friend once, in batches through a cursor', async () => {
    const em = unscopedFork(t.app.orm.em);
    const condition = { type: 'not', condition: { type: 'tag', tag: 'モニター' } };
    const checked = checkCondition(condition, defs);
    if (!checked.ok) throw new Error('invalid');
    const seen: string[] = [];
    const batches: number[] = [];
    const total = await service().forEachRecipientBatch(em, checked.resolved, { batchSize: 25, day: '2026-12-02' }, async (ids) => {
      batches.push(ids.length);
      seen.push(...ids);
    });
    const expected = people.filter((p) => p.following && matches(checked.resolved, p.facts, byId, '2026-12-02')).map((p) => p.id);
    expect(total).toBe(expected.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.sort());
    expect(Math.max(...batches)).toBe(25);
  });
});
