import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import type { GqlClient } from './support/graphql-client.js';
import { PDF } from './support/images.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * Public comment (FORM-12/13): procedures staff add and change, scoped to their department; the
 * opinions are the submissions of the procedure's form; grouping; the result published only after
 * the period, without any submitter's data; CSVs that neutralise formula cells and match the rows.
 */

let t: TestServer;
let f: Factories;
let staff: NewStaff;
let other: NewStaff;
let reader: NewStaff;

const MANAGE = ['public_comment.read', 'public_comment.manage'];
const hour = 3_600_000;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  staff = await f.newStaff({ permissions: MANAGE });
  other = await f.newStaff({ permissions: MANAGE });
  reader = await f.newStaff({ permissions: ['public_comment.read'], departmentId: staff.departmentId });
});
afterAll(async () => {
  await t?.close();
});

const PROCEDURE_FIELDS = `id title summary body status opensAt closesAt formId formPath departmentId opinionCount
  documents { id title url contentType byteSize } groups { id title summary response opinionCount position }`;

const CREATE = `mutation($input: CreatePublicCommentProcedureInput!) { createPublicCommentProcedure(input: $input) { procedure { ${PROCEDURE_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePublicCommentProcedureInput!) { updatePublicCommentProcedure(id: $id, input: $input) { procedure { ${PROCEDURE_FIELDS} } } }`;
const PUBLISH = `mutation($id: ID!) { publishPublicCommentProcedure(id: $id) { procedure { id status publishedAt } } }`;
const GET = `query($id: ID!) { publicCommentProcedure(id: $id) { ${PROCEDURE_FIELDS} } }`;
const OPINIONS = `query($id: ID!, $filter: PublicCommentOpinionFilter, $after: String) {
  publicCommentOpinions(procedureId: $id, first: 100, after: $after, filter: $filter) {
    totalCount hasNextPage endCursor edges { node { id receiptNumber submittedAt viaBrowser groupId groupTitle answers { fieldId label text } } }
  } }`;
const CREATE_GROUP = `mutation($id: ID!, $input: PublicCommentGroupInput!) { createPublicCommentGroup(procedureId: $id, input: $input) { group { id title } } }`;
const UPDATE_GROUP = `mutation($id: ID!, $input: PublicCommentGroupInput!) { updatePublicCommentGroup(id: $id, input: $input) { group { id title summary response } } }`;
const ASSIGN = `mutation($id: ID!, $ids: [ID!]!, $group: ID) { assignPublicCommentOpinions(procedureId: $id, submissionIds: $ids, groupId: $group) { changed unassigned } }`;
const PUBLISH_RESULT = `mutation($id: ID!, $intro: String) { publishPublicCommentResult(procedureId: $id, introduction: $intro) { procedure { id status resultPublishedAt } } }`;
const PUBLIC_GET = `query($id: ID!) { publishedPublicComment(id: $id) { id title status acceptingOpinions formPath departmentName documents { title url contentType } } }`;
const PUBLIC_LIST = `{ publishedPublicComments { id title status } }`;
const PUBLIC_RESULT = `query($id: ID!) { publicCommentResult(procedureId: $id) {
  procedureId title departmentName publishedAt introduction totalOpinions csvPath groups { number title summary response count } } }`;

function period(fromHours: number, toHours: number) {
  return { opensAt: new Date(Date.now() + fromHours * hour).toISOString(), closesAt: new Date(Date.now() + toHours * hour).toISOString() };
}

async function createProcedure(client: GqlClient, title = '豊中市みどりの基本計画（案）') {
  const data = await client.ok(CREATE, {
    input: {
      title,
      summary: '緑の保全と創出の方針です。',
      body: '計画案の本文は資料をご覧ください。\nhttps://city.example.jp/midori',
      ...period(-1, 24),
    },
  });
  return data['createPublicCommentProcedure'].procedure as Record<string, any>;
}

async function auditCount(action: string, targetId?: string): Promise<number> {
  const rows = await sql<{ n: string }>(
    t.databaseUrl,
    `select count(*)::text as n from audit_event where action = $1 ${targetId ? 'and target_id = $2' : ''}`,
    targetId ? [action, targetId] : [action],
  );
  return Number(rows[0]!.n);
}

/** A resident in a plain browser sends an opinion through the forms module, as the LIFF page does. */
async function submitOpinion(formId: string, answers: Record<string, unknown>): Promise<{ submissionId: string; receiptNumber: string }> {
  const browser = t.client({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 200) + 1}` });
  const form = await browser.ok(`query($id: ID!) { residentForm(id: $id) { versionId availability { open reason } } }`, { id: formId });
  expect(form['residentForm'].availability.open, JSON.stringify(form)).toBe(true);
  const data = await browser.ok(`mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId receiptNumber } }`, {
    input: { formId, versionId: form['residentForm'].versionId, answers },
  });
  return data['submitForm'];
}

const opinion = (text: string, name: string) => ({
  section: '第3章',
  opinion: text,
  name,
  address: '豊中市中桜塚3丁目1-1',
  relation: 'resident',
});

async function uploadDocument(cookie: string, bytes: Buffer, policy = 'public-comment.document') {
  const res = await fetch(`${t.url}/media/uploads?policy=${policy}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('procedures (FORM-13)', () => {
  it('staff create a draft with its opinion form from the public-comment template, audited, and change it at any time', async () => {
    const p = await createProcedure(staff.client);
    expect(p).toMatchObject({ status: 'DRAFT', departmentId: staff.departmentId, opinionCount: 0, formPath: `/liff/forms/${p['formId']}` });
    const form = await sql<{ kind: string; template_key: string; department_id: string; access: string }>(
      t.databaseUrl,
      `select kind, template_key, department_id, access from form where id = $1`,
      [p['formId']],
    );
    expect(form[0]).toEqual({
      kind: 'PUBLIC_COMMENT',
      template_key: 'public-comment',
      department_id: staff.departmentId,
      access: 'BROWSER_ALLOWED',
    });
    expect(await auditCount('publicComment.create', p['id'])).toBe(1);

    const closes = new Date(Date.now() + 48 * hour).toISOString();
    const updated = (
      await staff.client.ok(UPDATE, { id: p['id'], input: { title: '豊中市みどりの基本計画（改訂案）', closesAt: closes } })
    )['updatePublicCommentProcedure'].procedure;
    expect(updated.title).toBe('豊中市みどりの基本計画（改訂案）');
    expect(updated.closesAt).toBe(closes);
    // The opinion form's period follows the procedure's.
    const formPeriod = await sql<{ closes_at: Date }>(t.databaseUrl, `select closes_at from form where id = $1`, [p['formId']]);
    expect(formPeriod[0]!.closes_at.toISOString()).toBe(closes);
    expect(await auditCount('publicComment.update', p['id'])).toBe(1);
  });

  it('refuses bad input with Japanese messages per field and writes nothing', async () => {
    const before = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from public_comment_procedure`);
    const formsBefore = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from form`);
    const blank = await staff.client.request(CREATE, { input: { title: '  ', body: '本文', ...period(0, 1) } });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { title: '件名を入力してください。' } });
    const reversed = await staff.client.request(CREATE, { input: { title: '案', body: '本文', ...period(5, 1) } });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { closesAt: '募集終了日時は開始日時より後にしてください。' },
    });
    const long = await staff.client.request(CREATE, { input: { title: 'あ'.repeat(201), body: '本文', ...period(0, 1) } });
    expect(long.errors?.[0]?.extensions?.fields).toEqual({ title: '件名は200文字以内にしてください。' });
    expect(await sql(t.databaseUrl, `select count(*)::text as n from public_comment_procedure`)).toEqual(before);
    expect(await sql(t.databaseUrl, `select count(*)::text as n from form`)).toEqual(formsBefore);
  });

  it("is another department's NOT_FOUND: reading, changing, publishing, grouping and exporting", async () => {
    const p = await createProcedure(staff.client);
    expect(await other.client.code(GET, { id: p['id'] })).toBe('NOT_FOUND');
    expect(await other.client.code(UPDATE, { id: p['id'], input: { title: '乗っ取り' } })).toBe('NOT_FOUND');
    expect(await other.client.code(PUBLISH, { id: p['id'] })).toBe('NOT_FOUND');
    expect(await other.client.code(CREATE_GROUP, { id: p['id'], input: { title: '区分' } })).toBe('NOT_FOUND');
    expect(await other.client.code(OPINIONS, { id: p['id'] })).toBe('NOT_FOUND');
    const list = await other.client.ok(`{ publicCommentProcedures(first: 100) { edges { node { id } } } }`);
    expect(list['publicCommentProcedures'].edges.map((e: any) => e.node.id)).not.toContain(p['id']);
    const csv = await fetch(`${t.url}/api/public-comments/${p['id']}/opinions.csv`, {
      headers: { cookie: other.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(csv.status).toBe(404);
    // Nor may a department's staff create one for another department.
    const elsewhere = await staff.client.request(CREATE, {
      input: { title: '案', body: '本文', departmentId: other.departmentId, ...period(0, 1) },
    });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OTHER_DEPARTMENT' });
    expect((await staff.client.ok(GET, { id: p['id'] }))['publicCommentProcedure'].title).toBe(p['title']);
  });

  it('keeps drafts from residents, and shows announced procedures with their documents to anyone', async () => {
    const p = await createProcedure(staff.client, '市民会館の再整備方針（案）');
    const anonymous = t.client();
    expect(await anonymous.code(PUBLIC_GET, { id: p['id'] })).toBe('NOT_FOUND');
    expect((await anonymous.ok(PUBLIC_LIST))['publishedPublicComments'].map((x: any) => x.id)).not.toContain(p['id']);

    const upload = await uploadDocument(staff.cookie, PDF);
    expect(upload.status).toBe(201);
    const added = await staff.client.ok(
      `mutation($input: AddPublicCommentDocumentInput!) { addPublicCommentDocument(input: $input) { document { id title url contentType } } }`,
      { input: { procedureId: p['id'], mediaId: upload.body['id'], title: '再整備方針（案）本文' } },
    );
    expect(added['addPublicCommentDocument'].document).toMatchObject({ title: '再整備方針（案）本文', contentType: 'application/pdf' });
    // Someone else's upload cannot be attached.
    const foreign = await uploadDocument(other.cookie, PDF);
    const stolen = await staff.client.request(
      `mutation($input: AddPublicCommentDocumentInput!) { addPublicCommentDocument(input: $input) { document { id } } }`,
      { input: { procedureId: p['id'], mediaId: foreign.body['id'], title: '他課の資料' } },
    );
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    await staff.client.ok(PUBLISH, { id: p['id'] });
    const shown = (await anonymous.ok(PUBLIC_GET, { id: p['id'] }))['publishedPublicComment'];
    expect(shown).toMatchObject({ status: 'OPEN', acceptingOpinions: true, formPath: `/liff/forms/${p['formId']}` });
    expect(shown.departmentName).toMatch(/^部署/);
    expect(shown.documents).toHaveLength(1);
    const file = await fetch(shown.documents[0].url.replace(/^https?:\/\/[^/]+/, t.url));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await anonymous.ok(PUBLIC_LIST))['publishedPublicComments'].map((x: any) => x.id)).toContain(p['id']);
    expect(await auditCount('publicComment.publish', p['id'])).toBe(1);
    expect(await auditCount('publicComment.document.add', p['id'])).toBe(1);
  });
});

describe('opinions, grouping and the published result', () => {
  let p: Record<string, any>;
  const sent: Array<{ submissionId: string; receiptNumber: string }> = [];

  beforeAll(async () => {
    p = await createProcedure(staff.client, '第2次こども計画（案）');
    await staff.client.ok(PUBLISH, { id: p['id'] });
    sent.push(await submitOpinion(p['formId'], opinion('=HYPERLINK("http://evil.example/","保育所を増やしてください")', '山田花子')));
    sent.push(await submitOpinion(p['formId'], opinion('公園の遊具を新しくしてほしい。', '佐藤一郎')));
    sent.push(await submitOpinion(p['formId'], opinion('+放課後の居場所が足りません。', '鈴木次郎')));
  });

  it("lists the form's submissions as opinions, with their non-personal answers only", async () => {
    const data = await reader.client.ok(OPINIONS, { id: p['id'] });
    const list = data['publicCommentOpinions'];
    expect(list.totalCount).toBe(3);
    expect(list.edges.map((e: any) => e.node.receiptNumber)).toEqual(sent.map((s) => s.receiptNumber));
    expect(list.edges.map((e: any) => e.node.id)).toEqual(sent.map((s) => s.submissionId));
    const first = list.edges[0].node;
    expect(first.viaBrowser).toBe(true);
    expect(first.answers.map((a: any) => a.fieldId)).toEqual(['section', 'opinion', 'relation']);
    expect(first.answers.find((a: any) => a.fieldId === 'relation').text).toBe('市内に住んでいる');
    const json = JSON.stringify(data);
    for (const personal of ['山田花子', '佐藤一郎', '豊中市中桜塚']) expect(json).not.toContain(personal);
  });

  it('groups opinions from the list and refuses to publish before the period ends', async () => {
    const childcare = (await staff.client.ok(CREATE_GROUP, { id: p['id'], input: { title: '保育・子育て支援について' } }))[
      'createPublicCommentGroup'
    ].group;
    const parks = (await staff.client.ok(CREATE_GROUP, { id: p['id'], input: { title: '公園・居場所について' } }))[
      'createPublicCommentGroup'
    ].group;
    expect(await staff.client.ok(ASSIGN, { id: p['id'], ids: [sent[0]!.submissionId], group: childcare.id })).toEqual({
      assignPublicCommentOpinions: { changed: 1, unassigned: 2 },
    });
    // An opinion of another procedure cannot be put in this one's group.
    const elsewhere = await createProcedure(staff.client, '別の案件');
    await staff.client.ok(PUBLISH, { id: elsewhere['id'] });
    const stray = await submitOpinion(elsewhere['formId'], opinion('別の意見', '高橋'));
    const wrong = await staff.client.request(ASSIGN, { id: p['id'], ids: [stray.submissionId], group: parks.id });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { submissionIds: 'この案件の意見ではないものが含まれています。' },
    });
    expect(await reader.client.code(ASSIGN, { id: p['id'], ids: [sent[1]!.submissionId], group: parks.id })).toBe('FORBIDDEN');

    const unassigned = await reader.client.ok(OPINIONS, { id: p['id'], filter: { unassigned: true } });
    expect(unassigned['publicCommentOpinions'].edges.map((e: any) => e.node.id)).toEqual([sent[1]!.submissionId, sent[2]!.submissionId]);
    await staff.client.ok(ASSIGN, { id: p['id'], ids: [sent[1]!.submissionId, sent[2]!.submissionId], group: parks.id });
    const inParks = await reader.client.ok(OPINIONS, { id: p['id'], filter: { groupId: parks.id } });
    expect(inParks['publicCommentOpinions'].edges.map((e: any) => e.node.groupTitle)).toEqual([
      '公園・居場所について',
      '公園・居場所について',
    ]);
    const stored = await sql<{ submission_id: string; group_id: string }>(
      t.databaseUrl,
      `select submission_id, group_id from public_comment_assignment where procedure_id = $1 order by submission_id`,
      [p['id']],
    );
    expect(stored).toEqual(
      [
        { submission_id: sent[0]!.submissionId, group_id: childcare.id },
        { submission_id: sent[1]!.submissionId, group_id: parks.id },
        { submission_id: sent[2]!.submissionId, group_id: parks.id },
      ].sort((a, b) => a.submission_id.localeCompare(b.submission_id)),
    );
    expect(await auditCount('publicComment.assign', p['id'])).toBe(2);

    await staff.client.ok(UPDATE_GROUP, {
      id: childcare.id,
      input: {
        title: '保育・子育て支援について',
        summary: '=保育所の定員を増やしてほしい。',
        response: '待機児童の解消に向け、定員の拡大を進めます。',
      },
    });
    await staff.client.ok(UPDATE_GROUP, {
      id: parks.id,
      input: {
        title: '公園・居場所について',
        summary: '公園の遊具の更新と、放課後の居場所を求める意見。',
        response: '@計画に沿って順次更新します。',
      },
    });

    const early = await staff.client.request(PUBLISH_RESULT, { id: p['id'] });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'PERIOD_NOT_ENDED' });
    expect(early.errors?.[0]?.message).toMatch(/募集期間（.+まで）が終わるまで、結果は公表できません。/);
    expect(await t.client().code(PUBLIC_RESULT, { id: p['id'] })).toBe('NOT_FOUND');
    const row = await sql<{ result_published_at: Date | null }>(
      t.databaseUrl,
      `select result_published_at from public_comment_procedure where id = $1`,
      [p['id']],
    );
    expect(row[0]!.result_published_at).toBeNull();
  });

  it('publishes the result after the period: groups with counts, summaries and the city’s view, and no personal data', async () => {
    await staff.client.ok(UPDATE, { id: p['id'], input: { ...period(-48, -1) } });
    const intro = 'ご意見をお寄せいただき、ありがとうございました。';
    const published = (await staff.client.ok(PUBLISH_RESULT, { id: p['id'], intro }))['publishPublicCommentResult'].procedure;
    expect(published.status).toBe('RESULT_PUBLISHED');
    expect(await auditCount('publicComment.result.publish', p['id'])).toBe(1);

    const res = await t.client().request(PUBLIC_RESULT, { id: p['id'] });
    const result = res.data!['publicCommentResult'];
    expect(result).toMatchObject({ title: '第2次こども計画（案）', introduction: intro, totalOpinions: 3 });
    expect(result.groups).toEqual([
      {
        number: 1,
        title: '保育・子育て支援について',
        summary: '=保育所の定員を増やしてほしい。',
        response: '待機児童の解消に向け、定員の拡大を進めます。',
        count: 1,
      },
      {
        number: 2,
        title: '公園・居場所について',
        summary: '公園の遊具の更新と、放課後の居場所を求める意見。',
        response: '@計画に沿って順次更新します。',
        count: 2,
      },
    ]);
    const body = JSON.stringify(res.data);
    for (const hidden of [
      '山田花子',
      '佐藤一郎',
      '鈴木次郎',
      '豊中市中桜塚',
      '保育所を増やしてください',
      '公園の遊具を新しくしてほしい',
      ...sent.map((s) => s.receiptNumber),
    ]) {
      expect(body).not.toContain(hidden);
    }
    // What the page shows is what staff published: later edits wait for the next publication.
    const groups = (await staff.client.ok(GET, { id: p['id'] }))['publicCommentProcedure'].groups;
    await staff.client.ok(UPDATE_GROUP, { id: groups[0].id, input: { title: '書きかけ', summary: '', response: '' } });
    expect((await t.client().ok(PUBLIC_RESULT, { id: p['id'] }))['publicCommentResult'].groups[0].title).toBe('保育・子育て支援について');
    await staff.client.ok(UPDATE_GROUP, {
      id: groups[0].id,
      input: {
        title: '保育・子育て支援について',
        summary: '=保育所の定員を増やしてほしい。',
        response: '待機児童の解消に向け、定員の拡大を進めます。',
      },
    });
  });

  it('serves the published result as CSV to anyone: BOM, neutralised formula cells, the rows of the database', async () => {
    const res = await fetch(`${t.url}/api/public-comments/${p['id']}/result.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true });
    const stored = await sql<{ result: { groups: Array<{ title: string; summary: string; response: string; count: number }> } }>(
      t.databaseUrl,
      `select result from public_comment_procedure where id = $1`,
      [p['id']],
    );
    const groups = stored[0]!.result.groups;
    expect(rows).toHaveLength(groups.length);
    rows.forEach((row, i) => {
      const g = groups[i]!;
      expect(row['番号']).toBe(String(i + 1));
      expect(row['意見の区分']).toBe(g.title);
      expect(row['件数']).toBe(String(g.count));
      expect(row['意見の概要']).toBe(/^[=+\-@]/.test(g.summary) ? `'${g.summary}` : g.summary);
      expect(row['市の考え方']).toBe(/^[=+\-@]/.test(g.response) ? `'${g.response}` : g.response);
    });
    expect(rows[0]!['意見の概要']).toBe("'=保育所の定員を増やしてほしい。");
    expect(rows[1]!['市の考え方']).toBe("'@計画に沿って順次更新します。");
    // Before publication there is nothing to download.
    const draft = await createProcedure(staff.client, '未公表の案件');
    expect((await fetch(`${t.url}/api/public-comments/${draft['id']}/result.csv`)).status).toBe(404);
  });

  it('exports every opinion for staff as CSV with its group, neutralised, matching the submissions', async () => {
    const res = await fetch(`${t.url}/api/public-comments/${p['id']}/opinions.csv`, {
      headers: { cookie: reader.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true });
    const stored = await sql<{ receipt_number: string; opinion: string; group_title: string }>(
      t.databaseUrl,
      `select s.receipt_number, s.answers->>'opinion' as opinion, g.title as group_title
         from form_submission s
         join public_comment_assignment a on a.submission_id = s.id
         join public_comment_group g on g.id = a.group_id
        where s.form_id = $1 order by s.submitted_at, s.id`,
      [p['formId']],
    );
    expect(rows.map((r) => r['受付番号'])).toEqual(stored.map((s) => s.receipt_number));
    expect(rows.map((r) => r['意見の区分'])).toEqual(stored.map((s) => s.group_title));
    expect(rows.map((r) => r['ご意見'])).toEqual(stored.map((s) => (/^[=+\-@]/.test(s.opinion) ? `'${s.opinion}` : s.opinion)));
    expect(rows[0]!['ご意見']).toBe(`'=HYPERLINK("http://evil.example/","保育所を増やしてください")`);
    expect(rows[2]!['ご意見']).toBe(`'+放課後の居場所が足りません。`);
    expect(Object.keys(rows[0]!)).not.toContain('お名前');
    expect(bytes.toString('utf8')).not.toContain('山田花子');
    expect(await auditCount('publicComment.export', p['id'])).toBe(1);
    // Another site cannot make a signed-in browser download it.
    const crossSite = await fetch(`${t.url}/api/public-comments/${p['id']}/opinions.csv`, {
      headers: { cookie: reader.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses publication while opinions are ungrouped or a group lacks the city’s view', async () => {
    const q = await createProcedure(staff.client, '下水道ビジョン（案）');
    await staff.client.ok(PUBLISH, { id: q['id'] });
    const one = await submitOpinion(q['formId'], opinion('料金の説明を丁寧にしてください。', '田中'));
    await staff.client.ok(UPDATE, { id: q['id'], input: { ...period(-48, -1) } });
    const ungrouped = await staff.client.request(PUBLISH_RESULT, { id: q['id'] });
    expect(ungrouped.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'UNASSIGNED_OPINIONS' });
    const group = (await staff.client.ok(CREATE_GROUP, { id: q['id'], input: { title: '料金について' } }))['createPublicCommentGroup']
      .group;
    await staff.client.ok(ASSIGN, { id: q['id'], ids: [one.submissionId], group: group.id });
    const incomplete = await staff.client.request(PUBLISH_RESULT, { id: q['id'] });
    expect(incomplete.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'GROUP_INCOMPLETE' });
    const preview = await reader.client.ok(
      `query($id: ID!) { publicCommentResultPreview(procedureId: $id) { unassignedOpinions blockers result { totalOpinions groups { title count } } } }`,
      { id: q['id'] },
    );
    expect(preview['publicCommentResultPreview']).toMatchObject({
      unassignedOpinions: 0,
      blockers: ['区分「料金について」の意見の概要と市の考え方を入力してください。'],
      result: { totalOpinions: 1, groups: [{ title: '料金について', count: 1 }] },
    });
  });
});
