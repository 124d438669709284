import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import type { AttributeInputValue } from '../src/modules/attributes/index.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';
import type { GqlClient } from './support/graphql-client.js';

let t: TestServer;
let f: Factories;
let db: pg.Client;
beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

const service = () => t.app.modules.attributes.attributes;
const suffix = () => randomUUID().slice(0, 8).replaceAll('-', '');

const DEF_FIELDS = `id key label kind retiredAt personal residentEditable departmentId optionCount options { id key label parentKey retiredAt position }`;
const LIST = `query($all: Boolean) { attributeDefinitions(includeRetired: $all) { ${DEF_FIELDS} } }`;
const CREATE = `mutation($input: CreateAttributeDefinitionInput!) { createAttributeDefinition(input: $input) { definition { ${DEF_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateAttributeDefinitionInput!) { updateAttributeDefinition(input: $input) { definition { ${DEF_FIELDS} } } }`;
const RETIRE = `mutation($id: ID!) { retireAttributeDefinition(id: $id) { definition { id retiredAt } } }`;
const RESTORE = `mutation($id: ID!) { restoreAttributeDefinition(id: $id) { definition { id retiredAt } } }`;
const RETIRE_OPTION = `mutation($id: ID!) { retireAttributeOption(id: $id) { definition { id } } }`;
const IMPORT = `mutation($id: ID!, $csv: String!) { importAreaOptions(attributeId: $id, csv: $csv) { created updated unchanged definition { optionCount } } }`;
const SHEET = `query($id: ID!) { residentAttributes(residentId: $id) {
  residentId entries { definition { key kind } value { attributeKey optionKeys dates number text flag } masked updatedAt updatedBy }
  history { attributeKey actorKind actorLabel changedAt before after } } }`;
const SET = `mutation($input: SetResidentAttributesInput!) { setResidentAttributes(input: $input) { entries { definition { key } value { optionKeys dates number flag text } } } }`;
const MINE = `query { myAttributes { fields { key kind options { key label parentKey retired } } values { attributeKey optionKeys dates number text flag } } }`;
const UPDATE_MINE = `mutation($values: [AttributeValueInput!]!) { updateMyAttributes(values: $values) { values { attributeKey optionKeys dates number text flag } } }`;

interface Def {
  id: string;
  key: string;
  label: string;
  kind: string;
  retiredAt: string | null;
  departmentId: string | null;
  optionCount: number;
  options: Array<{ id: string; key: string; label: string; parentKey: string | null; retiredAt: string | null }>;
}
interface TypedValue {
  attributeKey: string;
  optionKeys?: string[] | null;
  dates?: string[] | null;
  number?: number | null;
  text?: string | null;
  flag?: boolean | null;
}

async function create(input: Record<string, unknown>, client: GqlClient = t.admin): Promise<Def> {
  const res = await client.ok<{ createAttributeDefinition: { definition: Def } }>(CREATE, { input: { key: `k_${suffix()}`, ...input } });
  return res.createAttributeDefinition.definition;
}

/** Applies values through the service API in one transaction of its own, as the forms module will. */
async function apply(
  residentId: string,
  values: Record<string, AttributeInputValue>,
  actor: Parameters<ReturnType<typeof service>['applyValues']>[1]['actor'] = { kind: 'resident' },
): Promise<void> {
  await unscopedFork(t.app.orm.em).transactional((em) =>
    service().applyValues(em, {
      residentId,
      actor,
      values: Object.entries(values).map(([attributeKey, value]) => ({ attributeKey, value })),
    }),
  );
}

async function fieldsOf(promise: Promise<void>): Promise<Record<string, string>> {
  const err = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { extensions?: { code?: string; fields?: Record<string, string> } } | null;
  expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
  return err!.extensions!.fields!;
}

const valuesOf = (residentId: string) => unscopedFork(t.app.orm.em).transactional((em) => service().valuesOf(em, residentId));

async function docRow(
  residentId: string,
): Promise<{ options: number[]; attribute_ids: number[]; numbers: Record<string, number>; texts: string | null } | undefined> {
  return (await db.query('select options, attribute_ids, numbers, texts from resident_attribute_doc where resident_id = $1', [residentId]))
    .rows[0];
}

describe('validation per kind (service API, Japanese messages)', () => {
  let defs: Record<string, Def>;
  let residentId: string;
  beforeAll(async () => {
    defs = {
      single: await create({
        label: '年代テスト',
        kind: 'SINGLE_CHOICE',
        options: [
          { key: 'a', label: '20代' },
          { key: 'b', label: '30代' },
        ],
      }),
      multi: await create({
        label: '関心テスト',
        kind: 'MULTIPLE_CHOICE',
        options: [
          { key: 'x', label: '子育て' },
          { key: 'y', label: '防災' },
          { key: 'z', label: '観光' },
        ],
      }),
      date: await create({ label: '出産予定日テスト', kind: 'DATE' }),
      dates: await create({ label: '子どもの生年月日テスト', kind: 'DATE_LIST' }),
      number: await create({ label: '世帯人数テスト', kind: 'NUMBER', numberMin: 1, numberMax: 20, numberInteger: true }),
      text: await create({ label: '備考テスト', kind: 'TEXT' }),
      yesNo: await create({ label: '妊娠中テスト', kind: 'YES_NO' }),
      consent: await create({ label: '配信の同意テスト', kind: 'CONSENT' }),
    };
    residentId = (await f.newResident()).resident.id;
  });
  const k = (name: string) => defs[name]!.key;

  it('stores a valid value of every kind and gives it back in the same shape', async () => {
    await apply(residentId, {
      [k('single')]: 'b',
      [k('multi')]: ['z', 'x'],
      [k('date')]: '2027-03-31',
      [k('dates')]: ['2022-05-05', '2019-11-30', '2022-05-05'],
      [k('number')]: 4,
      [k('text')]: '  玄関にスロープがあります  ',
      [k('yesNo')]: false,
      [k('consent')]: true,
    });
    expect(await valuesOf(residentId)).toMatchObject({
      [k('single')]: 'b',
      [k('multi')]: ['x', 'z'], // display order, not the order given
      [k('date')]: '2027-03-31',
      [k('dates')]: ['2019-11-30', '2022-05-05', '2022-05-05'], // twins keep both dates
      [k('number')]: 4,
      [k('text')]: '玄関にスロープがあります',
      [k('yesNo')]: false,
      [k('consent')]: true,
    });
    const row = (await docRow(residentId))!;
    expect(row.numbers[defs['number']!.id]).toBe(4);
    // Free text is encrypted at rest; the dates are in the side table.
    expect(JSON.stringify(row)).not.toContain('スロープ');
    const dates = await db.query(
      'select value::text from resident_attribute_date where resident_id = $1 and attribute_id = $2 order by value',
      [residentId, Number(defs['dates']!.id)],
    );
    expect(dates.rows.map((r: { value: string }) => r.value)).toEqual(['2019-11-30', '2022-05-05', '2022-05-05']);
  });

  it('refuses a wrong value of each kind with a message naming the attribute, and writes none of them', async () => {
    const before = await valuesOf(residentId);
    const fields = await fieldsOf(
      apply(residentId, {
        [k('single')]: 'nope',
        [k('multi')]: ['x', 'unknown'],
        [k('date')]: '2026-02-30',
        [k('dates')]: ['2020/01/01'],
        [k('number')]: 21,
        [k('text')]: 'あ'.repeat(501),
        [k('yesNo')]: 'yes',
        [k('consent')]: 'はい',
      }),
    );
    expect(fields[k('single')]).toBe('「年代テスト」に「nope」という選択肢はありません。');
    expect(fields[k('multi')]).toBe('「関心テスト」に「unknown」という選択肢はありません。');
    expect(fields[k('date')]).toBe('「出産予定日テスト」の「2026-02-30」は存在しない日付です。');
    expect(fields[k('dates')]).toBe('「子どもの生年月日テスト」は日付（例: 2020-04-01）で入力してください。');
    expect(fields[k('number')]).toBe('「世帯人数テスト」は1以上20以下で入力してください。');
    expect(fields[k('text')]).toBe('「備考テスト」は500文字以内で入力してください。');
    expect(fields[k('yesNo')]).toBe('「妊娠中テスト」は「はい」か「いいえ」で答えてください。');
    expect(fields[k('consent')]).toBe('「配信の同意テスト」は「同意する」か「同意しない」で答えてください。');
    expect(await valuesOf(residentId)).toEqual(before);
  });

  it('one bad value among good ones changes nothing (all or nothing)', async () => {
    const before = await valuesOf(residentId);
    const fields = await fieldsOf(apply(residentId, { [k('single')]: 'a', [k('number')]: 2.5 }));
    expect(fields).toEqual({ [k('number')]: '「世帯人数テスト」は整数で入力してください。' });
    expect(await valuesOf(residentId)).toEqual(before);
  });

  it('refuses unknown attributes, and a consent given by staff on a resident’s behalf', async () => {
    expect(await fieldsOf(apply(residentId, { no_such_attribute: 'x' }))).toEqual({
      no_such_attribute: '「no_such_attribute」という項目はありません。',
    });
    const other = (await f.newResident()).resident.id;
    const staff = await f.newStaff({ permissions: ['attributes.read', 'attributes.write'] });
    const fields = await fieldsOf(apply(other, { [k('consent')]: true }, { kind: 'staff', staffId: staff.staff.id }));
    expect(fields[k('consent')]).toBe('「配信の同意テスト」の同意は、住民ご本人だけが行えます。');
    // Withdrawing on the resident's behalf is allowed (a resident asked at the counter).
    await apply(other, { [k('consent')]: true });
    await apply(other, { [k('consent')]: false }, { kind: 'staff', staffId: staff.staff.id });
    expect(await valuesOf(other)).not.toHaveProperty(k('consent'));
  });

  it('clears with null and records nothing when a value does not change', async () => {
    const count = async () =>
      Number((await db.query('select count(*) from resident_attribute_change where resident_id = $1', [residentId])).rows[0].count);
    const n = await count();
    await apply(residentId, { [k('single')]: 'b' }); // unchanged
    expect(await count()).toBe(n);
    await apply(residentId, { [k('single')]: null, [k('dates')]: null });
    expect(await count()).toBe(n + 2);
    const values = await valuesOf(residentId);
    expect(values).not.toHaveProperty(k('single'));
    expect(values).not.toHaveProperty(k('dates'));
    expect((await docRow(residentId))!.attribute_ids).not.toContain(Number(defs['single']!.id));
  });
});

describe('areas', () => {
  it('store the chosen area and all its ancestors as option ids', async () => {
    const area = await create({ label: '居住地区テスト', kind: 'AREA' });
    await t.admin.ok(IMPORT, { id: area.id, csv: '親キー,キー,名称\n,north,北地区\nnorth,kita,北町\nkita,kita-1,北町一丁目\n' });
    const [def] = (await t.admin.ok<{ attributeDefinitions: Def[] }>(LIST)).attributeDefinitions.filter((d) => d.id === area.id);
    const id = (key: string) => Number(def!.options.find((o) => o.key === key)!.id);
    const residentId = (await f.newResident()).resident.id;
    await apply(residentId, { [area.key]: 'kita-1' });
    expect((await docRow(residentId))!.options).toEqual(expect.arrayContaining([id('north'), id('kita'), id('kita-1')]));
    expect((await valuesOf(residentId))[area.key]).toBe('kita-1');
    // "This district and everything in it" is one indexable test on the array (ADR 0012).
    const inNorth = await db.query('select count(*) from resident_attribute_doc where options @> array[$1]::int[]', [id('north')]);
    expect(Number(inNorth.rows[0].count)).toBe(1);
    await apply(residentId, { [area.key]: 'north' });
    expect((await docRow(residentId))!.options.filter((o) => [id('north'), id('kita'), id('kita-1')].includes(o))).toEqual([id('north')]);
  });

  it('imports from CSV all or nothing, with every problem by row and column in Japanese', async () => {
    const area = await create({ label: '取込テスト', kind: 'AREA' });
    const bad = [
      'parent_key,key,label',
      ',east,東地区',
      'east,east-1,東町一丁目',
      'east,east-1,東町一丁目（重複）',
      'nowhere,x-1,どこか',
      'east,bad key,空白入り',
      'east,east-2,',
      'east,east-3',
    ].join('\r\n');
    const res = await t.admin.request(IMPORT, { id: area.id, csv: bad });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('CSVに5件の誤りがあります。取り込みは行っていません。');
    expect(res.errors?.[0]?.extensions?.fields).toEqual({
      'row4.key': '4行目「キー」列: キー「east-1」は3行目にもあります。',
      'row5.parentKey': '5行目「親キー」列: 親キー「nowhere」の地域がありません。',
      'row6.key': '6行目「キー」列: キーは半角英数字・ハイフン・下線で、60文字以内にしてください。',
      'row7.label': '7行目「名称」列: 名称を入力してください。',
      'row8.row': '8行目: 列の数が2です。「親キー,キー,名称」の3列にしてください。',
    });
    const after = (await t.admin.ok<{ attributeDefinitions: Def[] }>(LIST)).attributeDefinitions.find((d) => d.id === area.id)!;
    expect(after.optionCount).toBe(0);

    // A good file (BOM, quotes, a child listed before its parent) imports; a second run updates.
    const good = '\uFEFF"親キー","キー","名称"\n"east","east-1","東町一丁目"\n,"east","東地区"\n';
    const first = await t.admin.ok<{ importAreaOptions: { created: number; updated: number; unchanged: number } }>(IMPORT, {
      id: area.id,
      csv: good,
    });
    expect(first.importAreaOptions).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await t.admin.ok<{ importAreaOptions: { created: number; updated: number; unchanged: number } }>(IMPORT, {
      id: area.id,
      csv: 'east,east-1,東町1丁目\n,east,東地区\n',
    });
    expect(again.importAreaOptions).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const cyclic = await t.admin.request(IMPORT, { id: area.id, csv: 'east-1,east,東地区\n' });
    expect(cyclic.errors?.[0]?.extensions?.fields).toEqual({ 'row1.parentKey': '1行目「親キー」列: 親子関係が循環しています。' });
  });
});

describe('history', () => {
  it('records who made each change and when: staff, the resident, a form submission', async () => {
    const def = await create({
      label: '職業テスト',
      kind: 'SINGLE_CHOICE',
      options: [
        { key: 'a', label: '会社員' },
        { key: 'b', label: '学生' },
      ],
    });
    const { resident, client } = await f.newResident();
    const staff = await f.newStaff({ permissions: ['attributes.read', 'attributes.write'], loginId: `kosodate-${suffix()}` });
    const start = Date.now();
    await staff.client.ok(SET, { input: { residentId: resident.id, values: [{ attributeKey: def.key, optionKeys: ['a'] }] } });
    await client.ok(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['b'] }] });
    const submissionId = randomUUID();
    await apply(resident.id, { [def.key]: null }, { kind: 'form', submissionId });

    const sheet = await staff.client.ok<{
      residentAttributes: { history: Array<Record<string, string>>; entries: Array<Record<string, unknown>> };
    }>(SHEET, {
      id: resident.id,
    });
    const history = sheet.residentAttributes.history.filter((h) => h['attributeKey'] === def.key);
    expect(history.map((h) => [h['actorKind'], h['actorLabel'], h['before'], h['after']])).toEqual([
      ['FORM', 'フォーム回答', '学生', '（未設定）'],
      ['RESIDENT', '住民本人', '会社員', '学生'],
      ['STAFF', staff.staff.loginId, '（未設定）', '会社員'],
    ]);
    for (const h of history) expect(new Date(h['changedAt']!).getTime()).toBeGreaterThanOrEqual(start - 1000);
    const rows = await db.query(
      'select actor_kind, staff_id, form_submission_id, old_value, new_value from resident_attribute_change where resident_id = $1 order by changed_at',
      [resident.id],
    );
    expect(rows.rows.map((r: Record<string, unknown>) => [r['actor_kind'], r['staff_id'], r['form_submission_id']])).toEqual([
      ['STAFF', staff.staff.id, null],
      ['RESIDENT', null, null],
      ['FORM', null, submissionId],
    ]);
    // Old and new values are encrypted: a personal attribute's history is as personal as its value.
    expect(JSON.stringify(rows.rows)).not.toContain('"a"');
    const entry = sheet.residentAttributes.entries.find((e) => (e['definition'] as { key: string }).key === def.key)!;
    expect(entry['updatedBy']).toBe('フォーム回答');
  });

  it('is written in the same transaction: a rolled-back change leaves no history', async () => {
    const def = await create({ label: 'ロールバックテスト', kind: 'YES_NO' });
    const residentId = (await f.newResident()).resident.id;
    await expect(
      unscopedFork(t.app.orm.em).transactional(async (em) => {
        await service().applyValues(em, { residentId, actor: { kind: 'resident' }, values: [{ attributeKey: def.key, value: true }] });
        throw new Error('the form submission failed later');
      }),
    ).rejects.toThrow('the form submission failed later');
    expect((await db.query('select count(*) from resident_attribute_change where resident_id = $1', [residentId])).rows[0].count).toBe('0');
    expect(await valuesOf(residentId)).toEqual({});
  });
});

describe('retiring', () => {
  it('keeps stored values, hides the attribute from residents and refuses new values until restored', async () => {
    const def = await create({
      label: '廃止テスト',
      kind: 'MULTIPLE_CHOICE',
      options: [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
    });
    const { resident, client } = await f.newResident();
    await client.ok(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['a', 'b'] }] });
    await t.admin.ok(RETIRE, { id: def.id });

    const mine = await client.ok<{ myAttributes: { fields: Array<{ key: string }>; values: TypedValue[] } }>(MINE);
    expect(mine.myAttributes.fields.map((x) => x.key)).not.toContain(def.key);
    expect(mine.myAttributes.values.map((x) => x.attributeKey)).not.toContain(def.key);
    expect(await valuesOf(resident.id)).toMatchObject({ [def.key]: ['a', 'b'] });
    const res = await client.request(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['a'] }] });
    expect(res.errors?.[0]?.extensions?.fields).toEqual({ [def.key]: '「廃止テスト」は現在受け付けていません。' });
    const sheet = await t.admin.ok<{ residentAttributes: { entries: Array<{ definition: { key: string }; value: TypedValue | null }> } }>(
      SHEET,
      { id: resident.id },
    );
    expect(sheet.residentAttributes.entries.find((e) => e.definition.key === def.key)!.value?.optionKeys).toEqual(['a', 'b']);

    await t.admin.ok(RESTORE, { id: def.id });
    const restored = await client.ok<{ myAttributes: { values: TypedValue[] } }>(MINE);
    expect(restored.myAttributes.values.find((x) => x.attributeKey === def.key)?.optionKeys).toEqual(['a', 'b']);
  });

  it('keeps a retired option a resident chose, offers it to nobody new', async () => {
    const def = await create({
      label: '選択肢廃止テスト',
      kind: 'MULTIPLE_CHOICE',
      options: [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
    });
    const first = await f.newResident();
    await first.client.ok(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['a'] }] });
    await t.admin.ok(RETIRE_OPTION, { id: def.options.find((o) => o.key === 'a')!.id });

    // The resident who has it sees it (marked) and can save the page with it unchanged.
    const mine = await first.client.ok<{
      myAttributes: { fields: Array<{ key: string; options: Array<{ key: string; retired: boolean }> }> };
    }>(MINE);
    expect(mine.myAttributes.fields.find((x) => x.key === def.key)!.options).toEqual([
      { key: 'a', label: 'A', parentKey: null, retired: true },
      { key: 'b', label: 'B', parentKey: null, retired: false },
    ]);
    await first.client.ok(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['a', 'b'] }] });
    const second = await f.newResident();
    const res = await second.client.request(UPDATE_MINE, { values: [{ attributeKey: def.key, optionKeys: ['a'] }] });
    expect(res.errors?.[0]?.extensions?.fields).toEqual({ [def.key]: '「選択肢廃止テスト」の「A」は現在選べません。' });
  });
});

describe('definitions', () => {
  it('refuses a kind change once values exist, and allows it before', async () => {
    const def = await create({ label: '種類変更テスト', kind: 'SINGLE_CHOICE', options: [{ key: 'a', label: 'A' }] });
    const changed = await t.admin.ok<{ updateAttributeDefinition: { definition: Def } }>(UPDATE, { input: { id: def.id, kind: 'YES_NO' } });
    expect(changed.updateAttributeDefinition.definition.options.map((o) => o.key)).toEqual(['yes', 'no']);
    const residentId = (await f.newResident()).resident.id;
    await apply(residentId, { [def.key]: true });
    const res = await t.admin.request(UPDATE, { input: { id: def.id, kind: 'SINGLE_CHOICE' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ATTRIBUTE_HAS_VALUES' });
    expect(res.errors?.[0]?.message).toContain('種類を変更できません');
    // Renaming is always allowed.
    const renamed = await t.admin.ok<{ updateAttributeDefinition: { definition: Def } }>(UPDATE, {
      input: { id: def.id, label: '新しい名前' },
    });
    expect(renamed.updateAttributeDefinition.definition.label).toBe('新しい名前');
  });

  it('gives the form builder active definitions with active options, kinds named in camelCase', async () => {
    const def = await create({
      label: '一覧テスト',
      kind: 'MULTIPLE_CHOICE',
      options: [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
    });
    await t.admin.ok(RETIRE_OPTION, { id: def.options.find((o) => o.key === 'b')!.id });
    const gone = await create({ label: '廃止済みテスト', kind: 'TEXT' });
    await t.admin.ok(RETIRE, { id: gone.id });
    const views = await unscopedFork(t.app.orm.em).transactional((em) => service().definitions(em));
    expect(views.find((v) => v.key === def.key)).toEqual({
      key: def.key,
      label: '一覧テスト',
      kind: 'multipleChoice',
      helpText: null,
      personal: false,
      options: [{ key: 'a', label: 'A', parentKey: null }],
    });
    expect(views.map((v) => v.key)).not.toContain(gone.key);
    expect(views.find((v) => v.key === 'residence_area')!.options.find((o) => o.key === 'a01-01-1')).toEqual({
      key: 'a01-01-1',
      label: '本町一丁目',
      parentKey: 'a01',
    });
  });

  it('refuses a key that is not stable ASCII or already taken', async () => {
    const res = await t.admin.request(CREATE, { input: { key: '年代', label: 'x', kind: 'TEXT' } });
    expect(res.errors?.[0]?.extensions?.fields).toHaveProperty('key');
    const taken = await t.admin.request(CREATE, { input: { key: 'age_band', label: 'x', kind: 'TEXT' } });
    expect(taken.errors?.[0]?.extensions?.fields).toEqual({ key: 'キー「age_band」はすでに使われています。' });
  });

  it('seeds the demo city with at least 25 attributes and hundreds of areas', async () => {
    const defs = (await t.admin.ok<{ attributeDefinitions: Def[] }>(LIST)).attributeDefinitions;
    const keys = defs.map((d) => d.key);
    for (const key of [
      'age_band',
      'gender',
      'residence_area',
      'interests',
      'children_birth_dates',
      'due_date',
      'pregnant',
      'delivery_consent',
    ]) {
      expect(keys).toContain(key);
    }
    expect(
      defs.filter((d) => ['age_band', 'gender', 'residence_area'].includes(d.key) || !d.key.startsWith('k_')).length,
    ).toBeGreaterThanOrEqual(25);
    const area = defs.find((d) => d.key === 'residence_area')!;
    expect(area.optionCount).toBeGreaterThan(200);
    expect(area.options.find((o) => o.label === '本町一丁目')?.parentKey).toBe('a01');
    expect(defs.find((d) => d.key === 'interests')!.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['子育て', '検診・予防接種', 'イベント', '防災']),
    );
  });
});

describe('who may', () => {
  it('refuses staff without the permission (FORBIDDEN), and residents on staff operations', async () => {
    const residentId = (await f.newResident()).resident.id;
    const none = await f.newStaff({ permissions: ['residents.read'] });
    expect(await none.client.code(LIST)).toBe('FORBIDDEN');
    expect(await none.client.code(SHEET, { id: residentId })).toBe('FORBIDDEN');
    const reader = await f.newStaff({ permissions: ['attributes.read'] });
    expect(await reader.client.code(SET, { input: { residentId, values: [{ attributeKey: 'gender', optionKeys: ['o01'] }] } })).toBe(
      'FORBIDDEN',
    );
    expect(await reader.client.code(CREATE, { input: { key: 'x_forbidden', label: 'x', kind: 'TEXT' } })).toBe('FORBIDDEN');
    const { client } = await f.newResident();
    expect(await client.code(SHEET, { id: residentId })).toBe('FORBIDDEN');
    expect(await t.client().code(MINE)).toBe('UNAUTHENTICATED');
    expect(await reader.client.code(MINE)).toBe('FORBIDDEN');
  });

  it('isolates residents: each reads and changes only their own values, naming no resident', async () => {
    const a = await f.newResident();
    const b = await f.newResident();
    await a.client.ok(UPDATE_MINE, {
      values: [
        { attributeKey: 'gender', optionKeys: ['o01'] },
        { attributeKey: 'household_size', number: 3 },
      ],
    });
    await b.client.ok(UPDATE_MINE, { values: [{ attributeKey: 'gender', optionKeys: ['o02'] }] });
    const mineA = await a.client.ok<{ myAttributes: { values: TypedValue[] } }>(MINE);
    const mineB = await b.client.ok<{ myAttributes: { values: TypedValue[] } }>(MINE);
    expect(mineA.myAttributes.values.find((v) => v.attributeKey === 'gender')?.optionKeys).toEqual(['o01']);
    expect(mineB.myAttributes.values.find((v) => v.attributeKey === 'gender')?.optionKeys).toEqual(['o02']);
    expect(mineB.myAttributes.values.map((v) => v.attributeKey)).not.toContain('household_size');
    // The operations take no resident id at all: there is nothing to point at someone else.
    const res = await a.client.request(
      `mutation($id: ID!) { updateMyAttributes(residentId: $id, values: []) { values { attributeKey } } }`,
      {
        id: b.resident.id,
      },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await valuesOf(b.resident.id))['gender']).toBe('o02');
  });

  it('hides staff-only attributes from residents, and personal values from staff without residents.read_personal', async () => {
    const { resident, client } = await f.newResident();
    const refused = await client.request(UPDATE_MINE, { values: [{ attributeKey: 'staff_note', text: '書き換え' }] });
    expect(refused.errors?.[0]?.extensions?.fields).toEqual({ staff_note: '「staff_note」という項目はありません。' });
    await t.admin.ok(SET, { input: { residentId: resident.id, values: [{ attributeKey: 'staff_note', text: '窓口で手続き済み' }] } });
    const reader = await f.newStaff({ permissions: ['attributes.read'] });
    const sheet = await reader.client.ok<{
      residentAttributes: {
        entries: Array<{ definition: { key: string }; value: TypedValue | null; masked: boolean }>;
        history: Array<{ attributeKey: string; after: string }>;
      };
    }>(SHEET, { id: resident.id });
    const note = sheet.residentAttributes.entries.find((e) => e.definition.key === 'staff_note')!;
    expect(note).toMatchObject({ value: null, masked: true });
    expect(sheet.residentAttributes.history.find((h) => h.attributeKey === 'staff_note')!.after).toBe('（非表示）');
    const full = await t.admin.ok<{ residentAttributes: { entries: Array<{ definition: { key: string }; value: TypedValue | null }> } }>(
      SHEET,
      { id: resident.id },
    );
    expect(full.residentAttributes.entries.find((e) => e.definition.key === 'staff_note')!.value?.text).toBe('窓口で手続き済み');
  });

  it('scopes definitions to their department: others neither see nor set them, and shared ones need all departments', async () => {
    const deptA = await f.newDepartment('こども未来課');
    const deptB = await f.newDepartment('市民課');
    const perms = ['attributes.read', 'attributes.write', 'attributes.manage'];
    const staffA = await f.newStaff({ permissions: perms, departmentId: deptA.id });
    const staffB = await f.newStaff({ permissions: perms, departmentId: deptB.id });
    const own = await create({ label: '部署専用テスト', kind: 'YES_NO' }, staffA.client);
    expect(own.departmentId).toBe(deptA.id);

    const listB = (await staffB.client.ok<{ attributeDefinitions: Def[] }>(LIST)).attributeDefinitions.map((d) => d.key);
    expect(listB).not.toContain(own.key);
    expect(listB).toContain('gender'); // shared ones are everyone's
    expect(await staffB.client.code(`query($id: ID!) { attributeDefinition(id: $id) { id } }`, { id: own.id })).toBe('NOT_FOUND');
    expect(await staffB.client.code(RETIRE, { id: own.id })).toBe('NOT_FOUND');
    const residentId = (await f.newResident()).resident.id;
    const set = await staffB.client.request(SET, { input: { residentId, values: [{ attributeKey: own.key, flag: true }] } });
    expect(set.errors?.[0]?.extensions?.fields).toEqual({ [own.key]: `「${own.key}」という項目はありません。` });
    await staffA.client.ok(SET, { input: { residentId, values: [{ attributeKey: own.key, flag: true }] } });
    const sheetB = await staffB.client.ok<{
      residentAttributes: { entries: Array<{ definition: { key: string } }>; history: Array<{ attributeKey: string }> };
    }>(SHEET, {
      id: residentId,
    });
    expect(sheetB.residentAttributes.entries.map((e) => e.definition.key)).not.toContain(own.key);
    expect(sheetB.residentAttributes.history.map((h) => h.attributeKey)).not.toContain(own.key);

    const shared = await staffA.client.request(UPDATE, { input: { id: await sharedId('gender'), label: '性別（変更）' } });
    expect(shared.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SHARED_ATTRIBUTE' });
    const elsewhere = await staffA.client.request(CREATE, {
      input: { key: `k_${suffix()}`, label: 'x', kind: 'TEXT', departmentId: deptB.id },
    });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OTHER_DEPARTMENT' });
    // A resident sees a department's attribute like any other (the department built it for them).
    const { client } = await f.newResident();
    expect((await client.ok<{ myAttributes: { fields: Array<{ key: string }> } }>(MINE)).myAttributes.fields.map((x) => x.key)).toContain(
      own.key,
    );
  });
});

async function sharedId(key: string): Promise<string> {
  return (await t.admin.ok<{ attributeDefinitions: Def[] }>(LIST)).attributeDefinitions.find((d) => d.key === key)!.id;
}
