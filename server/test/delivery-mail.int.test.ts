import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { startSmtpSink, type SmtpSink, type SunkMail } from '../src/platform/mail/sink.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * A delivery mirrored by mail (SEG-05) and a delivery carrying a form (FORM-08), end to end: the
 * LINE side against the emulator, the mail side through the outbox and a real SMTP sink. Jobs are
 * run here by calling the services the job handlers call.
 */

const CHANNEL = {
  channelId: '1660000888',
  channelSecret: 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef',
  accessToken: 'emulator-access-token-for-delivery-mail-01',
};
const PUBLIC_URL = 'https://line.city.example.jp';

let emulator: RunningEmulator;
let sink: SmtpSink;
let t: TestServer;
let f: Factories;
let manager: NewStaff;
let other: NewStaff;
let channelId = '';
let segmentId = '';
const friends: Array<{ userId: string; parent: boolean; tester: boolean }> = [];

const tag = randomBytes(3).toString('hex');
const addresses = { a: `a-${tag}@example.jp`, b: `b-${tag}@example.jp`, c: `c-${tag}@example.jp`, pending: `p-${tag}@example.jp` };
let listA = '';
let listB = '';
let stoppedList = '';
let otherList = '';

const control = emulatorControl(() => emulator);

async function receivedBy(userId: string): Promise<Array<{ type: string; text?: string; altText?: string }>> {
  const { messages } = await control<{ messages: Array<{ message: { type: string; text?: string; altText?: string } }> }>(
    'GET',
    `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
  );
  return messages.map((m) => m.message);
}

const deliveries = () => t.app.modules.deliveries;

async function drive(runId: string): Promise<void> {
  await deliveries().runner.prepare(runId);
  await deliveries().runner.sendLane(runId);
}

/** Hands every waiting outbox mail to SMTP (the job runner's work). */
async function deliverAll(): Promise<void> {
  const pending = await sql<{ id: string }>(t.databaseUrl, `select id from outbound_mail where status = 'PENDING' order by created_at`);
  for (const { id } of pending) await t.app.modules.mail.mail.deliver(id);
}

const mirrorMails = (from: number): SunkMail[] =>
  sink.received.slice(from).filter((m) => m.parsed.headers.get('x-machi-purpose') === 'mail_lists.mirror');

const outboxCount = async () => (await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from outbound_mail`))[0]!.n;

/** The delivery jobs queued for a run (Agenda's table in the job store's own schema). */
async function mailJobsFor(runId: string): Promise<number> {
  const rows = await sql<{ n: number }>(
    t.databaseUrl,
    `select count(*)::int as n from agenda.jobs where name = 'deliveries.mail' and data->>'runId' = $1`,
    [runId],
  );
  return rows[0]!.n;
}

const CREATE = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id targetKind formId mailListIds mailSubject variants } } }`;
const UPDATE = `mutation($id: ID!, $input: DeliveryInput!) { updateDelivery(id: $id, input: $input) { delivery { id formId mailListIds variants } } }`;
const SEND = `mutation($id: ID!) { sendDelivery(id: $id) { delivery { id status } } }`;
const TEST = `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id kind } } }`;
const RUN = `query($id: ID!) { deliveryRun(id: $id) { id status mailQueuedAt mailRecipients } }`;
const FORM_CARD = `query($formId: ID!) { deliveryFormCard(formId: $formId) }`;

const TEXT = '12月の乳幼児健診の日程をお知らせします。\n会場: 保健センター（2階）';
const CARD = { type: 'card', title: '健診の予約', buttonLabel: '予約する', url: 'https://www.city.example.jp/kenshin' };
const IMAGE = 'https://cdn.city.example.jp/kenshin.jpg';

async function createDelivery(client: NewStaff['client'], input: Record<string, unknown>) {
  return client.request<{ createDelivery: { delivery: any } }>(CREATE, {
    input: { channelId, targetKind: 'SEGMENTS', segmentIds: [segmentId], ...input },
  });
}

async function realRunOf(deliveryId: string): Promise<string> {
  const rows = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  return rows[0]!.id;
}

async function newList(client: NewStaff['client'], input: Record<string, unknown>): Promise<string> {
  const res = await client.ok<{ createMailList: { mailList: { id: string } } }>(
    `mutation($input: CreateMailListInput!) { createMailList(input: $input) { mailList { id } } }`,
    { input },
  );
  return res.createMailList.mailList.id;
}

async function subscribe(client: NewStaff['client'], listId: string, emails: string[], consentHeld = true): Promise<void> {
  await client.ok(`mutation($input: ImportMailListSubscribersInput!) { importMailListSubscribers(input: $input) { added } }`, {
    input: { listId, csv: emails.join('\n'), consentHeld },
  });
}

/** A form of the staff member's department, published with its default question, with these settings. */
async function publishedForm(client: NewStaff['client'], settings: Record<string, unknown> = {}, publish = true): Promise<string> {
  const created = await client.ok<{ createForm: { form: { id: string } } }>(
    `mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`,
    { input: { title: `乳幼児健診アンケート ${randomBytes(2).toString('hex')}`, kind: 'SURVEY' } },
  );
  const id = created.createForm.form.id;
  if (Object.keys(settings).length)
    await client.ok(`mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
      id,
      input: settings,
    });
  if (publish) await client.ok(`mutation($id: ID!) { publishForm(id: $id) { form { id status } } }`, { id });
  return id;
}

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', {
    ...CHANNEL,
    displayName: 'メール市',
    basicId: '@mailmirror',
    monthlyMessageLimit: 10_000,
  });
  sink = await startSmtpSink();
  t = await startTestServer({
    LINE_API_BASE_URL: emulator.url,
    LINE_DATA_API_BASE_URL: emulator.url,
    PUBLIC_URL,
    SMTP_URL: sink.url,
    MAIL_FROM: 'みどり市 <no-reply@city.example.jp>',
  });
  f = new Factories(t);
  const permissions = [
    'deliveries.read',
    'deliveries.manage',
    'deliveries.send',
    'segments.read',
    'segments.manage',
    'mail_lists.read',
    'mail_lists.manage',
    'forms.read',
    'forms.manage',
  ];
  manager = await f.newStaff({ permissions, departmentId: (await f.newDepartment('子育て支援課')).id });
  other = await f.newStaff({ permissions, departmentId: (await f.newDepartment('防災危機管理課')).id });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'メール市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  const made = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
    count: 6,
    sendFollowEvents: false,
  });
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  made.friends.forEach(({ userId }, i) => {
    const parent = i < 4;
    const tester = i < 2;
    em.persist(
      em.create(Resident, {
        channel,
        lineUserIdHash: userId,
        lineUserId: userId,
        followStatus: FollowStatus.FOLLOWING,
        followedAt: new Date(),
        language: 'ja',
        isTestRecipient: tester,
        tags: parent ? ['子育て'] : [],
      }),
    );
    friends.push({ userId, parent, tester });
  });
  await em.flush();
  const segment = await manager.client.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: '子育て世帯', condition: { type: 'tag', tag: '子育て' } } },
  );
  segmentId = segment.createSegment.segment.id;

  listA = await newList(manager.client, { name: `子育て情報メール ${tag}`, isPublic: true });
  listB = await newList(manager.client, { name: `健診のお知らせメール ${tag}` });
  stoppedList = await newList(manager.client, { name: `休止中のメール ${tag}`, active: false });
  otherList = await newList(other.client, { name: `防災メール ${tag}`, isPublic: true });
  await subscribe(manager.client, listA, [addresses.a, addresses.b]);
  await subscribe(manager.client, listB, [addresses.b, addresses.c]);
  // Imported without consent: asked to confirm first, so not mailed.
  await subscribe(manager.client, listA, [addresses.pending], false);
  await deliverAll();
}, 120_000);

afterAll(async () => {
  await t?.close();
  await sink?.close();
  await emulator?.close();
});

describe('choosing mail lists (SEG-05)', () => {
  it('refuses lists of another department, stopped lists and unknown ones with a Japanese message on mailListIds, and saves nothing', async () => {
    const before = (await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`))[0]!.n;
    for (const mailListIds of [[otherList], [listA, stoppedList], [randomUUID()], ['not-a-list']]) {
      const res = await createDelivery(manager.client, { title: 'リストの確認', mailListIds });
      expect(res.errors?.[0]?.extensions?.['code'], JSON.stringify(mailListIds)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!['fields']).toEqual({ mailListIds: expect.stringMatching(/メール配信リスト/) });
    }
    // A list the staff member can see but that belongs to another department than the delivery's.
    const byAdmin = await t.admin.request(CREATE, {
      input: { channelId, departmentId: manager.departmentId, targetKind: 'ALL', title: '部署違い', mailListIds: [otherList] },
    });
    expect(byAdmin.errors?.[0]?.extensions?.['fields']).toHaveProperty('mailListIds');
    const after = (await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`))[0]!.n;
    expect(after).toBe(before);
  });

  it('refuses content that says nothing by mail (stickers only)', async () => {
    const res = await createDelivery(manager.client, {
      title: 'スタンプだけ',
      mailListIds: [listA],
      variants: [{ language: 'ja', messages: [{ type: 'sticker', packageId: '446', stickerId: '1988' }] }],
    });
    expect(res.errors?.[0]?.extensions?.['fields']).toEqual({ mailListIds: expect.stringMatching(/スタンプだけ/) });
  });
});

describe('a real run mirrored by mail', () => {
  let deliveryId = '';
  let runId = '';
  let sentBefore = 0;

  beforeAll(async () => {
    const created = await createDelivery(manager.client, {
      title: '乳幼児健診のお知らせ',
      mailListIds: [listA, listB, listA],
      mailSubject: '  ',
      variants: [
        {
          language: 'ja',
          messages: [{ type: 'text', text: TEXT }, CARD, { type: 'image', originalContentUrl: IMAGE, previewImageUrl: IMAGE }],
        },
      ],
    });
    expect(created.errors).toBeUndefined();
    deliveryId = created.data!.createDelivery.delivery.id;
    expect(created.data!.createDelivery.delivery).toMatchObject({ mailListIds: [listA, listB], mailSubject: null });
  });

  it('a test run mails nobody and queues no mail job', async () => {
    const outboxBefore = await outboxCount();
    const test = await manager.client.ok<{ sendTestDelivery: { run: { id: string; kind: string } } }>(TEST, { id: deliveryId });
    const testRun = test.sendTestDelivery.run.id;
    await drive(testRun);
    expect(await mailJobsFor(testRun)).toBe(0);
    expect(await deliveries().mail.mailRun(testRun)).toBeNull();
    expect(await outboxCount()).toBe(outboxBefore);
    const run = await manager.client.ok<{ deliveryRun: any }>(RUN, { id: testRun });
    expect(run.deliveryRun).toMatchObject({ status: 'COMPLETED', mailQueuedAt: null, mailRecipients: null });
    // The testers got it on LINE.
    for (const friend of friends) expect((await receivedBy(friend.userId)).length, friend.userId).toBe(friend.tester ? 3 : 0);
  });

  it('mails each confirmed subscriber of the lists exactly once, in a job queued after the run was committed', async () => {
    sentBefore = sink.received.length;
    await manager.client.ok(SEND, { id: deliveryId });
    runId = await realRunOf(deliveryId);
    expect(await mailJobsFor(runId)).toBe(1);
    await drive(runId);
    const result = await deliveries().mail.mailRun(runId);
    expect(result).toEqual({ recipients: 3, queued: 3 });
    await deliverAll();
    const arrived = mirrorMails(sentBefore);
    expect(arrived.flatMap((m) => m.envelopeTo).sort()).toEqual([addresses.a, addresses.b, addresses.c].sort());
    const mail = arrived.find((m) => m.envelopeTo.includes(addresses.b))!;
    // A blank subject is the delivery's title.
    expect(mail.parsed.subject).toBe('乳幼児健診のお知らせ');
    const text = mail.parsed.text ?? '';
    expect(text).toContain(TEXT);
    expect(text).toContain('健診の予約\n予約する: https://www.city.example.jp/kenshin');
    expect(text).toContain(`画像: ${IMAGE}`);
    // The composed link, not LINE's tracked redirect.
    expect(text).not.toContain(`${PUBLIC_URL}/r/`);
    const run = await manager.client.ok<{ deliveryRun: any }>(RUN, { id: runId });
    expect(run.deliveryRun.status).toBe('COMPLETED');
    expect(run.deliveryRun.mailRecipients).toBe(3);
    expect(run.deliveryRun.mailQueuedAt).not.toBeNull();
    // Parents got it on LINE as well.
    const parent = friends.find((x) => x.parent && !x.tester)!;
    expect((await receivedBy(parent.userId)).map((m) => m.text ?? m.altText ?? m.type)).toEqual([TEXT, '健診の予約', 'image']);
  });

  it('audits the mail in the run: the lists and how many were mailed', async () => {
    const events = await sql<{ action: string; summary: Record<string, unknown>; department_id: string }>(
      t.databaseUrl,
      `select action, summary::jsonb as summary, department_id from audit_event where target_id = $1 and action = 'deliveries.run.mail'`,
      [runId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({ deliveryId, listIds: [listA, listB], recipients: 3, queued: 3 });
    expect(events[0]!.department_id).toBe(manager.departmentId);
    const send = await sql<{ summary: Record<string, unknown> }>(
      t.databaseUrl,
      `select summary::jsonb as summary from audit_event where target_id = $1 and action = 'deliveries.send'`,
      [deliveryId],
    );
    expect(send[0]!.summary).toMatchObject({ runId, mailListIds: [listA, listB] });
  });

  it('a second start of the same run queues nothing twice, even when the first died before it was marked done', async () => {
    const outboxBefore = await outboxCount();
    expect(await deliveries().mail.mailRun(runId)).toBeNull();
    // The job died after queuing the mails but before recording it: the next run of the job finds them queued.
    await sql(t.databaseUrl, `update delivery_run set mail_queued_at = null, mail_recipients = null where id = $1`, [runId]);
    expect(await deliveries().mail.mailRun(runId)).toEqual({ recipients: 3, queued: 0 });
    expect(await outboxCount()).toBe(outboxBefore);
    await deliverAll();
    expect(mirrorMails(sentBefore)).toHaveLength(3);
    const audits = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from audit_event where target_id = $1 and action = 'deliveries.run.mail'`,
      [runId],
    );
    expect(audits[0]!.n).toBe(2);
  });

  it('the resume job queues the mail of a real run whose job was lost, and only that', async () => {
    await sql(t.databaseUrl, `update delivery_run set mail_queued_at = null, created_at = now() - interval '11 minutes' where id = $1`, [
      runId,
    ]);
    const jobsBefore = await mailJobsFor(runId);
    expect(await deliveries().mail.resumeAll()).toBe(1);
    expect(await mailJobsFor(runId)).toBe(jobsBefore + 1);
    expect(await deliveries().mail.mailRun(runId)).toEqual({ recipients: 3, queued: 0 });
    expect(await deliveries().mail.resumeAll()).toBe(0);
  });

  it('a paused run mails when it is resumed', async () => {
    const created = await createDelivery(manager.client, { title: '再開してから', mailListIds: [listB] });
    const id = created.data!.createDelivery.delivery.id;
    await manager.client.ok(SEND, { id });
    const run = await realRunOf(id);
    await manager.client.ok(`mutation($id: ID!) { pauseDeliveryRun(id: $id) { run { id } } }`, { id: run });
    expect(await deliveries().mail.mailRun(run)).toBeNull();
    await manager.client.ok(`mutation($id: ID!) { resumeDeliveryRun(id: $id) { run { id } } }`, { id: run });
    expect(await mailJobsFor(run)).toBe(2);
    const from = sink.received.length;
    expect(await deliveries().mail.mailRun(run)).toEqual({ recipients: 2, queued: 2 });
    await deliverAll();
    expect(
      mirrorMails(from)
        .flatMap((m) => m.envelopeTo)
        .sort(),
    ).toEqual([addresses.b, addresses.c].sort());
    await drive(run);
  });
});

describe('a delivery carrying a form (FORM-08)', () => {
  const formUrl = (id: string) => `${PUBLIC_URL}/liff/forms/${id}`;

  it('adds the form’s link card where no message links to it, and keeps a link staff put in', async () => {
    const formId = await publishedForm(manager.client, { description: '5分ほどで答えられます。' });
    const card = await manager.client.ok<{ deliveryFormCard: Record<string, unknown> }>(FORM_CARD, { formId });
    expect(card.deliveryFormCard).toMatchObject({
      type: 'card',
      buttonLabel: '回答する',
      text: '5分ほどで答えられます。',
      url: formUrl(formId),
    });
    const created = await createDelivery(manager.client, {
      title: 'アンケートのお願い',
      formId,
      variants: [
        { language: 'ja', messages: [{ type: 'text', text: 'アンケートにご協力ください。' }] },
        { language: 'en', messages: [{ type: 'text', text: `Please answer: ${formUrl(formId)}` }] },
      ],
    });
    expect(created.errors).toBeUndefined();
    const [ja, en] = created.data!.createDelivery.delivery.variants;
    expect(ja.messages).toEqual([{ type: 'text', text: 'アンケートにご協力ください。' }, card.deliveryFormCard]);
    expect(en.messages).toHaveLength(1);

    // Sent to the segment, the card reaches its friends and nobody else.
    const id = created.data!.createDelivery.delivery.id;
    const before = new Map(await Promise.all(friends.map(async (x) => [x.userId, (await receivedBy(x.userId)).length] as const)));
    await manager.client.ok(SEND, { id });
    await drive(await realRunOf(id));
    for (const friend of friends) {
      const got = (await receivedBy(friend.userId)).slice(before.get(friend.userId));
      expect(
        got.map((m) => m.altText ?? m.text),
        friend.userId,
      ).toEqual(friend.parent ? ['アンケートにご協力ください。', card.deliveryFormCard['title']] : []);
    }
  });

  it('is never sent to every friend, with a Japanese message', async () => {
    const formId = await publishedForm(manager.client);
    const res = await createDelivery(manager.client, { title: '全員にアンケート', formId, targetKind: 'ALL', segmentIds: [] });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!['fields']).toEqual({ targetKind: expect.stringMatching(/すべての友だちには送れません/) });
    const ok = await createDelivery(manager.client, { title: 'セグメントにアンケート', formId });
    const changed = await manager.client.request(UPDATE, { id: ok.data!.createDelivery.delivery.id, input: { targetKind: 'ALL' } });
    expect(changed.errors?.[0]?.extensions?.['fields']).toHaveProperty('targetKind');
  });

  it('refuses a form of another department as not found, and an unpublished or staff-only one on formId', async () => {
    const elsewhere = await publishedForm(other.client);
    const res = await createDelivery(manager.client, { title: '他部署のフォーム', formId: elsewhere });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    // Seen by a system administrator, but not the delivery's department's.
    const byAdmin = await t.admin.request(CREATE, {
      input: { channelId, departmentId: manager.departmentId, targetKind: 'LIST', title: '部署違い', formId: elsewhere },
    });
    expect(byAdmin.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await manager.client.request(FORM_CARD, { formId: elsewhere })).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    const draft = await publishedForm(manager.client, {}, false);
    const unpublished = await createDelivery(manager.client, { title: '未公開', formId: draft });
    expect(unpublished.errors?.[0]?.extensions?.['fields']).toEqual({ formId: expect.stringMatching(/まだ公開されていません/) });
    const staffOnly = await publishedForm(manager.client, { audience: 'STAFF_ONLY' });
    const refused = await createDelivery(manager.client, { title: '職員専用', formId: staffOnly });
    expect(refused.errors?.[0]?.extensions?.['fields']).toEqual({ formId: expect.stringMatching(/職員専用/) });
  });

  it('cannot be sent once the form is closed', async () => {
    const formId = await publishedForm(manager.client);
    const created = await createDelivery(manager.client, { title: '締切後', formId });
    const id = created.data!.createDelivery.delivery.id;
    await manager.client.ok(`mutation($id: ID!) { closeForm(id: $id) { form { id status } } }`, { id: formId });
    const res = await manager.client.request(SEND, { id });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('PRECONDITION_FAILED');
    expect(res.errors![0]!.message).toMatch(/受付を終了しています/);
    expect(await sql(t.databaseUrl, `select id from delivery_run where delivery_id = $1`, [id])).toEqual([]);
  });

  it('goes by mail only with a form a browser may answer', async () => {
    const lineOnly = await publishedForm(manager.client);
    const refused = await createDelivery(manager.client, { title: 'LINEだけのフォーム', formId: lineOnly, mailListIds: [listA] });
    expect(refused.errors?.[0]?.extensions?.['fields']).toEqual({ mailListIds: expect.stringMatching(/LINEからしか回答できない/) });
    const browser = await publishedForm(manager.client, { access: 'BROWSER_ALLOWED' });
    const ok = await createDelivery(manager.client, { title: 'ブラウザでも', formId: browser, mailListIds: [listA] });
    expect(ok.errors).toBeUndefined();
    const id = ok.data!.createDelivery.delivery.id;
    await manager.client.ok(SEND, { id });
    const run = await realRunOf(id);
    const from = sink.received.length;
    expect(await deliveries().mail.mailRun(run)).toEqual({ recipients: 2, queued: 2 });
    await deliverAll();
    const mails = mirrorMails(from);
    expect(mails).toHaveLength(2);
    // The mail's link names the run as the LINE message's does, so an answer from the mail counts for it.
    const link = new URL(/回答する: (\S+)/.exec(mails[0]!.parsed.text ?? '')![1]!);
    expect(`${link.origin}${link.pathname}`).toBe(formUrl(browser));
    expect(t.app.modules.forms.via.verify(browser, link.searchParams.get('via'))).toEqual({ deliveryId: id, runId: run });
    await drive(run);
  });
});
