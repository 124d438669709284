import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { createApp } from '../src/app.js';
import { startHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { GqlClient } from './support/graphql-client.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';
import { sql } from './support/database.js';
import { png } from './support/images.js';
import { emulatorControl } from './support/emulator.js';

const CHANNEL = {
  channelId: '2000004321',
  channelSecret: '1f1e2d3c4b5a69788796a5b4c3d2e1f0',
  accessToken: 'emulator-access-token-for-forms-tests-0001',
};

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let channel: LineChannel;
let ipCounter = 0;

const control = emulatorControl(() => emulator);

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: 'フォーム市', basicId: '@formcity', monthlyMessageLimit: 1000 });
  t = await startTestServer({
    LINE_API_BASE_URL: emulator.url,
    LINE_DATA_API_BASE_URL: emulator.url,
    PUBLIC_URL: 'https://city.example.jp',
  });
  f = new Factories(t);
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'フォーム市',
      purpose: 'TRAINING',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channel = await unscopedFork(t.app.orm.em).findOneOrFail(LineChannel, { id: created.createLineChannel.channel.id });
});
afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

/** A resident with a session who is also a friend in the emulator (so pushes to them can be observed). */
async function resident() {
  const r = await f.newResident({ channel });
  await control('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, { count: 1, userIds: [r.resident.lineUserId] });
  return r;
}

/** A browser without LINE, from its own address (the anonymous rate limit is per address). */
const browser = (): GqlClient => t.client({ 'x-forwarded-for': `198.51.100.${++ipCounter}` });

const ALL_FORMS = ['forms.read', 'forms.manage', 'forms.submissions.read', 'forms.submissions.write', 'forms.personal.read'];

const CREATE = `mutation($input: CreateFormInput!) { createForm(input: $input) { form { id status draftDefinition } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id hasUnpublishedChanges } } }`;
const PUBLISH = `mutation($id: ID!) { publishForm(id: $id) { form { id status hasUnpublishedChanges publishedVersion { id number } versions { number } } } }`;
const RESIDENT_FORM = `query($id: ID!) { residentForm(id: $id) { id versionId availability { open code reason } prefill draft { answers pageId } } }`;
const SUBMIT = `mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId receiptNumber thankYouMessage } }`;
const SUBMISSION = `query($id: ID!) { formSubmission(id: $id) { id receiptNumber status viaBrowser version { number }
  answers { fieldId label type value text personal masked } adminAnswers { fieldId value text }
  statusHistory { from to comment byName } messages { body byName readAt } } }`;

type Def = Record<string, unknown>;
const page = (fields: unknown[], extra: Def = {}) => ({ schemaVersion: 1, pages: [{ id: 'p_1', fields, ...extra }] });

/** A form made, configured and published by `client` (staff with forms.manage); returns its id and version. */
async function publishedForm(client: GqlClient, definition: Def, settings: Def = {}): Promise<{ formId: string; versionId: string }> {
  const created = await client.ok(CREATE, { input: { title: `フォーム ${Math.random().toString(36).slice(2, 7)}`, kind: 'SURVEY' } });
  const formId = created.createForm.form.id as string;
  await client.ok(UPDATE, { id: formId, input: { definition, ...settings } });
  const published = await client.ok(PUBLISH, { id: formId });
  return { formId, versionId: published.publishForm.form.publishedVersion.id };
}

const submit = (client: GqlClient, formId: string, versionId: string, answers: Def, more: Def = {}) =>
  client.request(SUBMIT, { input: { formId, versionId, answers, ...more } });

let manager: Awaited<ReturnType<Factories['newStaff']>>;
beforeAll(async () => {
  manager = await f.newStaff({ permissions: [...ALL_FORMS, 'residents.read', 'departments.read'] });
});

const count = async (formId: string) =>
  Number((await sql<{ n: string }>(t.databaseUrl, 'select count(*) as n from form_submission where form_id = $1', [formId]))[0]!.n);
const mails = (purpose: string) => sql<{ id: string }>(t.databaseUrl, 'select id from outbound_mail where purpose = $1', [purpose]);

describe('building and publishing', () => {
  it('refuses a broken definition with its problems, and freezes versions only when the draft changed', async () => {
    const created = await manager.client.ok(CREATE, { input: { title: 'テスト', kind: 'SURVEY' } });
    const id = created.createForm.form.id;
    const bad = await manager.client.request(UPDATE, {
      id,
      input: { definition: { schemaVersion: 1, pages: [{ id: 'p_1', fields: [{ id: 'q', type: 'nope', label: 'x' }] }] } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.values(bad.errors![0]!.extensions!.fields!).join()).toMatch(/不明な項目の種類/);

    await manager.client.ok(UPDATE, { id, input: { definition: page([{ id: 'q1', type: 'text', label: '質問' }]) } });
    const first = await manager.client.ok(PUBLISH, { id });
    expect(first.publishForm.form).toMatchObject({ status: 'PUBLISHED', hasUnpublishedChanges: false, publishedVersion: { number: 1 } });
    const again = await manager.client.ok(PUBLISH, { id });
    expect(again.publishForm.form.versions).toEqual([{ number: 1 }]);
    const edited = await manager.client.ok(UPDATE, { id, input: { definition: page([{ id: 'q1', type: 'text', label: '質問（改）' }]) } });
    expect(edited.updateForm.form.hasUnpublishedChanges).toBe(true);
    const second = await manager.client.ok(PUBLISH, { id });
    expect(second.publishForm.form.versions).toEqual([{ number: 2 }, { number: 1 }]);
  });

  it('refuses "once" and "overwrite" on a form that browsers may answer (they cannot be told apart)', async () => {
    const id = (await manager.client.ok(CREATE, { input: { title: 'ブラウザ可', kind: 'SURVEY' } })).createForm.form.id;
    for (const answerPolicy of ['ONCE', 'OVERWRITE']) {
      const res = await manager.client.request(UPDATE, { id, input: { access: 'BROWSER_ALLOWED', answerPolicy } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.fields!['answerPolicy']).toMatch(/回答者を見分けられない/);
    }
    await manager.client.ok(UPDATE, { id, input: { access: 'LINE_REQUIRED', answerPolicy: 'ONCE' } });
    expect(
      (await manager.client.request(UPDATE, { id, input: { access: 'BROWSER_ALLOWED' } })).errors?.[0]?.extensions?.fields,
    ).toHaveProperty('answerPolicy');
  });

  it('starts forms from the four templates', async () => {
    const list = await manager.client.ok(`{ formTemplates { key title kind } }`);
    expect(list.formTemplates.map((x: { key: string }) => x.key)).toEqual([
      'satisfaction-survey',
      'childcare-registration',
      'bulky-waste',
      'public-comment',
    ]);
    for (const { key, kind } of list.formTemplates) {
      const made = await manager.client.ok(CREATE, { input: { title: key, kind, templateKey: key } });
      // A template is publishable as it is.
      const published = await manager.client.ok(PUBLISH, { id: made.createForm.form.id });
      expect(published.publishForm.form.status, key).toBe('PUBLISHED');
    }
  });
});

describe('submitting', () => {
  const VALIDATED = page([
    { id: 'kana', type: 'text', label: 'フリガナ', required: true, charset: 'katakana' },
    { id: 'age', type: 'number', label: '年齢', min: 0, max: 120, integer: true },
    { id: 'mail', type: 'email', label: 'メール' },
    { id: 'tel', type: 'phone', label: '電話' },
    { id: 'zip', type: 'postalCode', label: '郵便番号' },
    { id: 'day', type: 'date', label: '日付' },
    { id: 'pick', type: 'singleChoice', display: 'radio', label: '選択', options: [{ id: 'a', label: 'A' }] },
    { id: 'ok', type: 'consent', label: '同意', text: '同意します', required: true },
  ]);

  it('refuses each invalid field with a Japanese message naming it, and stores and sends nothing', async () => {
    const { formId, versionId } = await publishedForm(manager.client, VALIDATED, { notificationEmails: ['kakari@city.example.jp'] });
    const r = await resident();
    const mailsBefore = (await mails('forms.notification')).length;
    const res = await submit(r.client, formId, versionId, {
      kana: 'やまだ',
      age: 1.5,
      mail: 'not-an-address',
      tel: '12345',
      zip: '12-34',
      day: '2026-02-30',
      pick: 'zzz',
      ok: false,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = res.errors![0]!.extensions!.fields!;
    expect(Object.keys(fields).sort()).toEqual(['age', 'day', 'kana', 'mail', 'ok', 'pick', 'tel', 'zip']);
    for (const message of Object.values(fields)) expect(message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(await count(formId)).toBe(0);
    expect((await mails('forms.notification')).length).toBe(mailsBefore);

    const good = await submit(r.client, formId, versionId, {
      kana: 'ヤマダ',
      age: 40,
      mail: 'taro@example.jp',
      tel: '03-1234-5678',
      zip: '1000001',
      day: '2026-02-28',
      pick: 'a',
      ok: true,
    });
    expect(good.errors).toBeUndefined();
    expect(await count(formId)).toBe(1);
    // FORM-19: the department is told, with the receipt number and a console link, never the answers.
    const body = (
      await sql<{ id: string }>(
        t.databaseUrl,
        `select id from outbound_mail where purpose = 'forms.notification' order by created_at desc limit 1`,
      )
    )[0]!;
    const mail = await t.app.modules.mail.mail.get(f.systemContext(), body.id);
    expect(mail.toAddress).toBe('kakari@city.example.jp');
    expect(mail.body).toContain(good.data!.submitForm.receiptNumber);
    expect(mail.body).toContain(`https://city.example.jp/admin/forms/${formId}/submissions/${good.data!.submitForm.submissionId}`);
    expect(mail.body).not.toContain('ヤマダ');
    expect(mail.body).not.toContain('taro@example.jp');
  });

  it('does not require a conditional field that is hidden', async () => {
    const { formId, versionId } = await publishedForm(
      manager.client,
      page([
        { id: 'has_kids', type: 'yesNo', label: '子どもがいますか', required: true },
        { id: 'kids', type: 'number', label: '人数', required: true, visibleWhen: { field: 'has_kids', op: 'equals', value: true } },
      ]),
    );
    const r = await resident();
    expect((await submit(r.client, formId, versionId, { has_kids: false })).errors).toBeUndefined();
    const shown = await submit(r.client, formId, versionId, { has_kids: true });
    expect(shown.errors?.[0]?.extensions?.fields).toHaveProperty('kids');
  });

  it('ONCE refuses a second answer with CONFLICT; OVERWRITE replaces keeping the receipt number; REPEAT adds', async () => {
    const def = page([{ id: 'q', type: 'text', label: '意見' }]);
    const once = await publishedForm(manager.client, def, { answerPolicy: 'ONCE' });
    const r = await resident();
    expect((await submit(r.client, once.formId, once.versionId, { q: '一回目' })).errors).toBeUndefined();
    const second = await submit(r.client, once.formId, once.versionId, { q: '二回目' });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ANSWERED' });
    expect((await r.client.ok(RESIDENT_FORM, { id: once.formId })).residentForm.availability.code).toBe('ALREADY_ANSWERED');
    expect(await count(once.formId)).toBe(1);

    const over = await publishedForm(manager.client, def, { answerPolicy: 'OVERWRITE' });
    const a = await r.client.ok(SUBMIT, { input: { formId: over.formId, versionId: over.versionId, answers: { q: '最初' } } });
    expect((await r.client.ok(RESIDENT_FORM, { id: over.formId })).residentForm.prefill).toEqual({ q: '最初' });
    const b = await r.client.ok(SUBMIT, { input: { formId: over.formId, versionId: over.versionId, answers: { q: '更新後' } } });
    expect(b.submitForm.receiptNumber).toBe(a.submitForm.receiptNumber);
    expect(b.submitForm.submissionId).toBe(a.submitForm.submissionId);
    expect(await count(over.formId)).toBe(1);
    const seen = await manager.client.ok(SUBMISSION, { id: a.submitForm.submissionId });
    expect(seen.formSubmission.answers[0]).toMatchObject({ fieldId: 'q', text: '更新後' });

    const repeat = await publishedForm(manager.client, def, { answerPolicy: 'REPEAT' });
    await r.client.ok(SUBMIT, { input: { formId: repeat.formId, versionId: repeat.versionId, answers: { q: '1' } } });
    await r.client.ok(SUBMIT, { input: { formId: repeat.formId, versionId: repeat.versionId, answers: { q: '2' } } });
    expect(await count(repeat.formId)).toBe(2);
  });

  it('a bound field updates the resident attribute; an invalid submission changes no attribute', async () => {
    const { formId, versionId } = await publishedForm(
      manager.client,
      page([
        {
          id: 'interests',
          type: 'multipleChoice',
          label: '関心',
          attributeKey: 'interests',
          options: [
            { id: 'o01', label: '子育て' },
            { id: 'o04', label: '防災' },
          ],
        },
        { id: 'kana', type: 'text', label: 'フリガナ', charset: 'katakana' },
      ]),
      { answerPolicy: 'OVERWRITE' },
    );
    const r = await resident();
    const valuesOf = () => t.app.modules.attributes.attributes.valuesOf(unscopedFork(t.app.orm.em), r.resident.id);
    const bad = await submit(r.client, formId, versionId, { interests: ['o01'], kana: 'ひらがな' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await valuesOf())['interests']).toBeUndefined();
    expect((await submit(r.client, formId, versionId, { interests: ['o01', 'o04'] })).errors).toBeUndefined();
    expect([...((await valuesOf())['interests'] as string[])].sort()).toEqual(['o01', 'o04']);
    // The form prefills from the attribute.
    expect((await r.client.ok(RESIDENT_FORM, { id: formId })).residentForm.prefill.interests.sort()).toEqual(['o01', 'o04']);
  });

  it('refuses closed, not yet open, unpublished, sign-in-only and out-of-audience forms with reasons', async () => {
    const def = page([{ id: 'q', type: 'text', label: '意見' }]);
    const r = await resident();
    const closed = await publishedForm(manager.client, def);
    await manager.client.ok(`mutation($id: ID!) { closeForm(id: $id) { form { status } } }`, { id: closed.formId });
    const c = await submit(r.client, closed.formId, closed.versionId, { q: 'x' });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'CLOSED' });
    expect(c.errors?.[0]?.message).toMatch(/受付は終了/);

    const later = await publishedForm(manager.client, def, { opensAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await submit(r.client, later.formId, later.versionId, { q: 'x' })).errors?.[0]?.extensions?.reason).toBe('NOT_OPEN_YET');

    const draft = await manager.client.ok(CREATE, { input: { title: '下書き', kind: 'SURVEY' } });
    expect(await r.client.code(RESIDENT_FORM, { id: draft.createForm.form.id })).toBe('NOT_FOUND');

    const lineOnly = await publishedForm(manager.client, def, { access: 'LINE_REQUIRED' });
    const anon = await submit(browser(), lineOnly.formId, lineOnly.versionId, { q: 'x' });
    expect(anon.errors?.[0]?.extensions?.reason).toBe('SIGN_IN_REQUIRED');

    const targeted = await publishedForm(manager.client, def, {
      audience: 'CONDITION',
      audienceCondition: { attributeKey: 'interests', optionKeys: ['o04'] },
    });
    const out = await submit(r.client, targeted.formId, targeted.versionId, { q: 'x' });
    expect(out.errors?.[0]?.extensions?.reason).toBe('OUT_OF_AUDIENCE');
    for (const formId of [closed.formId, later.formId, lineOnly.formId, targeted.formId]) expect(await count(formId)).toBe(0);
  });

  it('gives receipt numbers that stay unique under concurrent submissions', async () => {
    const { formId, versionId } = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: '意見' }]), {
      receiptFormat: 'R{YY}-{SEQ:5}',
    });
    const residents = await Promise.all(Array.from({ length: 12 }, () => f.newResident({ channel })));
    const results = await Promise.all(residents.map((r) => r.client.ok(SUBMIT, { input: { formId, versionId, answers: { q: 'x' } } })));
    const numbers = results.map((x) => x.submitForm.receiptNumber as string);
    expect(new Set(numbers).size).toBe(12);
    for (const n of numbers) expect(n).toMatch(/^R\d{2}-\d{5}$/);
  });

  it('does not run out of database connections when more residents submit at once than the pool holds', async () => {
    // A submission that needed a second connection while holding its transaction's one (the receipt
    // counter once did) deadlocks as soon as every connection is held by a waiting submission.
    const config = { ...t.config, DATABASE_POOL_MAX: 2 };
    const app = await createApp(config, { logger: createLogger(config), role: 'server' });
    const small = await startHttpServer(app);
    try {
      const { formId, versionId } = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: '意見' }]), {
        receiptFormat: 'P-{SEQ:4}',
      });
      const residents = await Promise.all(Array.from({ length: 8 }, () => f.newResident({ channel })));
      const within = <T>(p: Promise<T>) =>
        Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('submissions hung')), 20_000))]);
      const results = await within(
        Promise.all(
          residents.map((r) =>
            new GqlClient(small.url, { cookie: r.cookie }).ok(SUBMIT, { input: { formId, versionId, answers: { q: 'x' } } }),
          ),
        ),
      );
      expect(new Set(results.map((x) => x.submitForm.receiptNumber)).size).toBe(8);
      expect(await count(formId)).toBe(8);
    } finally {
      await small.close();
      await app.close();
    }
  }, 40_000);

  it('rate-limits anonymous submissions per address, and confirms to the contact address', async () => {
    const { formId, versionId } = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: '意見' }]), {
      access: 'BROWSER_ALLOWED',
      askContactEmail: true,
    });
    const client = browser();
    const before = (await mails('forms.receipt')).length;
    const first = await submit(client, formId, versionId, { q: '意見です' }, { contactEmail: 'hanako@example.jp' });
    expect(first.errors).toBeUndefined();
    expect((await mails('forms.receipt')).length).toBe(before + 1);
    for (let i = 1; i < 10; i++) expect((await submit(client, formId, versionId, { q: `${i}` })).errors).toBeUndefined();
    const limited = await submit(client, formId, versionId, { q: 'もう一度' });
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await submit(browser(), formId, versionId, { q: '別の人' })).errors).toBeUndefined();
  });

  it("claims only the submitter's own uploads for file answers", async () => {
    const { formId, versionId } = await publishedForm(
      manager.client,
      page([{ id: 'photo', type: 'file', label: '写真', accept: 'image' }]),
    );
    const upload = async (cookie: string) => {
      const res = await fetch(`${t.url}/media/uploads?policy=attachment`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'image/png' },
        body: await png(),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const owner = await resident();
    const other = await resident();
    const othersUpload = await upload(other.cookie);
    const refused = await submit(owner.client, formId, versionId, { photo: [othersUpload] });
    expect(refused.errors?.[0]?.extensions?.fields).toHaveProperty('photo');
    const mine = await upload(owner.cookie);
    const ok = await submit(owner.client, formId, versionId, { photo: [mine] });
    expect(ok.errors).toBeUndefined();
    const [row] = await sql<{ owner_id: string }>(t.databaseUrl, 'select owner_id from media_object where id = $1', [mine]);
    expect(row!.owner_id).toBe(ok.data!.submitForm.submissionId);
  });
});

describe('access to submissions', () => {
  const PERSONAL = page([
    { id: 'name', type: 'text', label: 'お名前', personal: true, required: true },
    { id: 'opinion', type: 'text', label: '意見' },
    { id: 'memo', type: 'text', label: '受付メモ', adminOnly: true },
  ]);

  it('scopes forms and submissions to departments, and keeps residents to their own', async () => {
    const { formId, versionId } = await publishedForm(manager.client, PERSONAL);
    const r = await resident();
    const sent = await r.client.ok(SUBMIT, { input: { formId, versionId, answers: { name: '山田太郎', opinion: 'よい' } } });
    const id = sent.submitForm.submissionId;
    const outsider = await f.newStaff({ permissions: ALL_FORMS });
    expect(await outsider.client.code(`query($id: ID!) { form(id: $id) { id } }`, { id: formId })).toBe('NOT_FOUND');
    expect(await outsider.client.code(SUBMISSION, { id })).toBe('NOT_FOUND');
    const theirs = await outsider.client.ok(`{ forms(first: 100) { edges { node { id } } } }`);
    expect(theirs.forms.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(formId);
    const csv = await fetch(`${t.url}/api/forms/${formId}/submissions.csv`, {
      headers: { cookie: outsider.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(csv.status).toBe(404);

    const mine = await r.client.ok(`query($id: ID!) { mySubmission(id: $id) { receiptNumber answers { fieldId text masked } } }`, { id });
    expect(mine.mySubmission.answers).toEqual([
      { fieldId: 'name', text: '山田太郎', masked: false },
      { fieldId: 'opinion', text: 'よい', masked: false },
    ]);
    const stranger = await resident();
    expect(await stranger.client.code(`query($id: ID!) { mySubmission(id: $id) { id } }`, { id })).toBe('NOT_FOUND');
    expect((await stranger.client.ok(`{ myFormSubmissions { id } }`)).myFormSubmissions).toEqual([]);
  });

  it('masks personal answers for staff without forms.personal.read, and stores them encrypted', async () => {
    const { formId, versionId } = await publishedForm(manager.client, PERSONAL);
    const r = await resident();
    const sent = await r.client.ok(SUBMIT, { input: { formId, versionId, answers: { name: '鈴木花子', opinion: '賛成' } } });
    const id = sent.submitForm.submissionId;
    const reader = await f.newStaff({ permissions: ['forms.read', 'forms.submissions.read'], departmentId: manager.departmentId });
    const masked = (await reader.client.ok(SUBMISSION, { id })).formSubmission.answers;
    expect(masked[0]).toMatchObject({ fieldId: 'name', value: null, text: '', personal: true, masked: true });
    expect(masked[1]).toMatchObject({ fieldId: 'opinion', value: { value: '賛成' }, masked: false });
    const full = (await manager.client.ok(SUBMISSION, { id })).formSubmission.answers;
    expect(full[0]).toMatchObject({ fieldId: 'name', value: { value: '鈴木花子' }, masked: false });
    const [row] = await sql(t.databaseUrl, 'select * from form_submission where id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain('鈴木花子');
    expect(JSON.stringify(row)).toContain('賛成');
    // Staff without residents.read do not get the resident.
    const noResident = await reader.client.request(`query($id: ID!) { formSubmission(id: $id) { resident { id } } }`, { id });
    expect(noResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('moves applications through the status workflow only, with history, and validates staff fields as staff', async () => {
    const { formId, versionId } = await publishedForm(manager.client, PERSONAL);
    const r = await resident();
    const id = (await r.client.ok(SUBMIT, { input: { formId, versionId, answers: { name: '佐藤', opinion: 'x' } } })).submitForm
      .submissionId;
    const MOVE = `mutation($id: ID!, $status: SubmissionStatus!, $comment: String) { changeSubmissionStatus(id: $id, status: $status, comment: $comment) { submission { status } } }`;
    await manager.client.ok(MOVE, { id, status: 'REVIEWING', comment: '確認します' });
    const back = await manager.client.request(MOVE, { id, status: 'RECEIVED' });
    expect(back.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(back.errors?.[0]?.message).toMatch(/「確認中」の申請は「受付」にできません/);
    await manager.client.ok(MOVE, { id, status: 'COMPLETED' });
    expect((await manager.client.request(MOVE, { id, status: 'RETURNED' })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const seen = (await manager.client.ok(SUBMISSION, { id })).formSubmission;
    expect(seen.statusHistory.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'REVIEWING'],
      ['REVIEWING', 'COMPLETED'],
    ]);

    const ADMIN = `mutation($id: ID!, $answers: JSONObject!) { updateSubmissionAdminAnswers(id: $id, answers: $answers) { submission { adminAnswers { fieldId text } } } }`;
    const notAdmin = await manager.client.request(ADMIN, { id, answers: { opinion: '書き換え' } });
    expect(notAdmin.errors?.[0]?.extensions?.fields).toHaveProperty('opinion');
    const done = await manager.client.ok(ADMIN, { id, answers: { memo: '電話で確認済み' } });
    expect(done.updateSubmissionAdminAnswers.submission.adminAnswers).toEqual([{ fieldId: 'memo', text: '電話で確認済み' }]);
    // Residents never see staff fields.
    const mine = await r.client.ok(`query($id: ID!) { mySubmission(id: $id) { answers { fieldId } } }`, { id });
    expect(mine.mySubmission.answers.map((a: { fieldId: string }) => a.fieldId)).toEqual(['name', 'opinion']);
  });

  it('FORM-17: the message stays on our page; only the submitter gets a content-free LINE notice with the link', async () => {
    const { formId, versionId } = await publishedForm(manager.client, PERSONAL);
    const submitter = await resident();
    const bystander = await resident();
    await bystander.client.ok(SUBMIT, { input: { formId, versionId, answers: { name: '他人', opinion: 'y' } } });
    const id = (await submitter.client.ok(SUBMIT, { input: { formId, versionId, answers: { name: '申請者', opinion: 'x' } } })).submitForm
      .submissionId;
    await manager.client.ok(`mutation($id: ID!, $m: String!) { notifySubmitter(id: $id, message: $m) { submission { id } } }`, {
      id,
      m: '添付の写真が不鮮明です。再提出してください。',
    });
    const received = async (userId: string) =>
      (
        await control<{ messages: Array<{ message: { text?: string } }> }>(
          'GET',
          `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
        )
      ).messages;
    const got = await received(submitter.resident.lineUserId);
    expect(got).toHaveLength(1);
    expect(got[0]!.message.text).toBe(
      `お申し込みについて市からお知らせがあります。こちらからご確認ください\nhttps://city.example.jp/liff/submissions/${id}`,
    );
    expect(await received(bystander.resident.lineUserId)).toEqual([]);
    // The talk history holds what LINE carried: the notice, not the message.
    const log = await sql<{ origin: string }>(
      t.databaseUrl,
      `select origin from talk_log_entry where resident_id = $1 and direction = 'OUTGOING'`,
      [submitter.resident.id],
    );
    expect(log).toEqual([{ origin: 'forms.message' }]);
    const entries = await t.app.modules.residents.talkLog.list(f.systemContext(), submitter.resident.id, { first: 5 });
    expect(entries.nodes.map((e) => e.content)).toEqual([got[0]!.message.text]);
    const mine = await submitter.client.ok(`query($id: ID!) { mySubmission(id: $id) { messages { body } } }`, { id });
    expect(mine.mySubmission.messages).toEqual([{ body: '添付の写真が不鮮明です。再提出してください。' }]);
    const staffView = (await manager.client.ok(SUBMISSION, { id })).formSubmission.messages;
    expect(staffView[0].readAt).not.toBeNull();
  });
});

describe('telling the submitter', () => {
  const STATUS = `mutation($id: ID!, $status: SubmissionStatus!, $comment: String, $notify: Boolean!) {
    changeSubmissionStatus(id: $id, status: $status, comment: $comment, notifySubmitter: $notify) { submission { status } } }`;
  const MINE = `query($id: ID!, $key: String) { mySubmission(id: $id, accessKey: $key) { receiptNumber status messages { body } } }`;
  const received = async (userId: string) =>
    (
      await control<{ messages: Array<{ message: { text?: string } }> }>(
        'GET',
        `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
      )
    ).messages;
  const lastMail = async (purpose: string) => {
    const rows = await sql<{ id: string }>(
      t.databaseUrl,
      'select id from outbound_mail where purpose = $1 order by created_at desc, id desc limit 1',
      [purpose],
    );
    return rows[0] ? t.app.modules.mail.mail.get(f.systemContext(), rows[0].id) : null;
  };

  it('a status change can tell a LINE applicant: the comment on our page, only the notice in LINE', async () => {
    const { formId, versionId } = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: '申請内容' }]));
    const applicant = await resident();
    const id = (await applicant.client.ok(SUBMIT, { input: { formId, versionId, answers: { q: '粗大ごみ 2点' } } })).submitForm
      .submissionId;

    await manager.client.ok(STATUS, { id, status: 'REVIEWING', comment: '内部メモ', notify: false });
    expect(await received(applicant.resident.lineUserId)).toEqual([]);
    expect((await applicant.client.ok(MINE, { id })).mySubmission.messages).toEqual([]);

    await manager.client.ok(STATUS, { id, status: 'RETURNED', comment: '品目の写真を添付してください。', notify: true });
    const got = await received(applicant.resident.lineUserId);
    expect(got.map((m) => m.message.text)).toEqual([
      `お申し込みについて市からお知らせがあります。こちらからご確認ください\nhttps://city.example.jp/liff/submissions/${id}`,
    ]);
    const mine = (await applicant.client.ok(MINE, { id })).mySubmission;
    expect(mine.status).toBe('RETURNED');
    expect(mine.messages).toEqual([{ body: '申請の状況が「差戻し」になりました。\n\n品目の写真を添付してください。' }]);
  });

  it('a browser submitter reaches their own page only with the key they were given, and mails carry it', async () => {
    const { formId, versionId } = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: 'ご意見' }]), {
      access: 'BROWSER_ALLOWED',
      askContactEmail: true,
    });
    const visitor = browser();
    const sent = await visitor.ok(
      `mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId receiptNumber accessKey } }`,
      {
        input: { formId, versionId, answers: { q: '公園の遊具について' }, contactEmail: 'hanako@example.jp' },
      },
    );
    const { submissionId: id, receiptNumber, accessKey } = sent.submitForm;
    expect(accessKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const link = `https://city.example.jp/liff/submissions/${id}#key=${accessKey}`;
    expect((await lastMail('forms.receipt'))!.body).toContain(link);

    expect((await visitor.request(MINE, { id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrongKey = `${accessKey.slice(0, -1)}${accessKey.endsWith('A') ? 'B' : 'A'}`;
    expect((await browser().request(MINE, { id, key: wrongKey })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A LINE resident's submission has no key to guess.
    const lineForm = await publishedForm(manager.client, page([{ id: 'q', type: 'text', label: 'x' }]));
    const r = await resident();
    const other = (await r.client.ok(SUBMIT, { input: { ...lineForm, answers: { q: 'x' } } })).submitForm.submissionId;
    expect((await browser().request(MINE, { id: other, key: accessKey })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await manager.client.ok(`mutation($id: ID!, $m: String!) { notifySubmitter(id: $id, message: $m) { submission { id } } }`, {
      id,
      m: 'ご意見ありがとうございました。担当課で検討します。',
    });
    const notice = (await lastMail('forms.message'))!;
    expect(notice.toAddress).toBe('hanako@example.jp');
    expect(notice.body).toContain(link);
    expect(notice.body).not.toContain('担当課で検討します');
    const mine = (await browser().ok(MINE, { id, key: accessKey })).mySubmission;
    expect(mine).toEqual({ receiptNumber, status: 'RECEIVED', messages: [{ body: 'ご意見ありがとうございました。担当課で検討します。' }] });
    // Staff never see the key.
    const staff = await manager.client.request(`query($id: ID!) { formSubmission(id: $id) { hasContactEmail accessKey } }`, { id });
    expect(staff.errors?.[0]?.message).toMatch(/accessKey/);
    expect((await manager.client.ok(`query($id: ID!) { formSubmission(id: $id) { hasContactEmail } }`, { id })).formSubmission).toEqual({
      hasContactEmail: true,
    });
  });

  it('rate-limits key lookups per address', async () => {
    const stranger = browser();
    const id = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 60; i++)
      expect((await stranger.request(MINE, { id, key: `guess-${i}` })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stranger.request(MINE, { id, key: 'guess' })).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('summary and exports', () => {
  const DEF = page([
    { id: 'name', type: 'text', label: 'お名前', personal: true },
    {
      id: 'pick',
      type: 'singleChoice',
      display: 'radio',
      label: '満足度',
      options: [
        { id: 'good', label: '満足' },
        { id: 'bad', label: '不満' },
      ],
    },
    { id: 'score', type: 'number', label: '点数' },
    { id: 'comment', type: 'text', label: 'ご意見' },
  ]);

  it('summarises per question, and exports CSV and Excel that match the database with formula cells neutralised', async () => {
    const { formId, versionId } = await publishedForm(manager.client, DEF);
    const answers = [
      { name: '=HYPERLINK("http://evil.example","x")', pick: 'good', score: 4, comment: '=1+1' },
      { name: '山田', pick: 'good', score: 2, comment: '@SUM(A1)' },
      { name: '佐藤', pick: 'bad', comment: 'ふつう' },
    ];
    for (const a of answers) await (await resident()).client.ok(SUBMIT, { input: { formId, versionId, answers: a } });

    const summary = await manager.client.ok(
      `query($id: ID!) { formSummary(formId: $id) { total perDay { count } questions { fieldId answered average texts options { optionId count percent } } } }`,
      { id: formId },
    );
    const q = Object.fromEntries(summary.formSummary.questions.map((x: { fieldId: string }) => [x.fieldId, x]));
    expect(summary.formSummary.total).toBe(3);
    expect(q.pick.options).toEqual([
      { optionId: 'good', count: 2, percent: 66.7 },
      { optionId: 'bad', count: 1, percent: 33.3 },
    ]);
    expect(q.score.average).toBe(3);
    expect(q.comment.texts.sort()).toEqual(['=1+1', '@SUM(A1)', 'ふつう'].sort());
    expect(q.name.texts).toEqual([]);

    const headers = { cookie: manager.cookie, 'sec-fetch-site': 'same-origin' };
    const res = await fetch(`${t.url}/api/forms/${formId}/submissions.csv`, { headers });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(bytes.subarray(3).toString('utf8'), {});
    expect(rows[0]).toEqual(['受付番号', '受付日時', '状態', '回答経路', 'お名前', '満足度', '点数', 'ご意見']);
    const db = await sql<{ receipt_number: string }>(
      t.databaseUrl,
      'select receipt_number from form_submission where form_id = $1 order by submitted_at, id',
      [formId],
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(db.map((r) => r.receipt_number));
    expect(rows[1]!.slice(4)).toEqual(['\'=HYPERLINK("http://evil.example","x")', '満足', '4', "'=1+1"]);
    expect(rows[2]![7]).toBe("'@SUM(A1)");
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);

    const xlsx = await fetch(`${t.url}/api/forms/${formId}/submissions.xlsx`, { headers });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    const cells: unknown[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    expect(cells[0]).toEqual(rows[0]);
    expect(cells.slice(1).map((r) => r[0])).toEqual(db.map((r) => r.receipt_number));
    expect(cells[1]!.slice(4)).toEqual(['\'=HYPERLINK("http://evil.example","x")', '満足', 4, "'=1+1"]);
    expect(cells.flat().filter((c) => typeof c === 'string' && /^[=+\-@\t\r]/.test(c))).toEqual([]);

    // Without forms.personal.read the personal column is left out; from another site the download is refused.
    const reader = await f.newStaff({ permissions: ['forms.read', 'forms.submissions.read'], departmentId: manager.departmentId });
    const partial: string[][] = parseCsv(
      Buffer.from(
        await (
          await fetch(`${t.url}/api/forms/${formId}/submissions.csv`, {
            headers: { cookie: reader.cookie, 'sec-fetch-site': 'same-origin' },
          })
        ).arrayBuffer(),
      )
        .subarray(3)
        .toString('utf8'),
      {},
    );
    expect(partial[0]).not.toContain('お名前');
    expect(partial.flat().join()).not.toContain('山田');
    const crossSite = await fetch(`${t.url}/api/forms/${formId}/submissions.xlsx`, {
      headers: { cookie: manager.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('postal codes', () => {
  it('completes an address offline, and is rate limited', async () => {
    const res = await fetch(`${t.url}/api/postal-codes/1000001`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results[0]).toMatchObject({
      postalCode: '100-0001',
      prefecture: '東京都',
      city: '千代田区',
    });
    expect((await fetch(`${t.url}/api/postal-codes/12x`)).status).toBe(400);
    let status = 200;
    for (let i = 0; i < 61 && status === 200; i++)
      status = (await fetch(`${t.url}/api/postal-codes/1000001`, { headers: { 'x-forwarded-for': '203.0.113.10' } })).status;
    expect(status).toBe(429);
  });
});
