import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIRROR_BATCH } from '../src/modules/mail-lists/mail-mirror.service.js';
import { SIGN_UP_LIMIT } from '../src/modules/mail-lists/mail-subscription.service.js';
import { keyring } from '../src/platform/crypto/keyring.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { startSmtpSink, type SmtpSink, type SunkMail } from '../src/platform/mail/sink.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * SEG-05: residents who do not use LINE get a delivery's content by mail. Sign-up with double
 * opt-in on the public page, confirmation and unsubscribe links, staff lists and CSV import,
 * and a delivery run's mirror, all through the outbox and a real SMTP sink.
 */

let sink: SmtpSink;
let t: TestServer;
let f: Factories;
let manager: NewStaff;
let reader: NewStaff;
let personal: NewStaff;
let other: NewStaff;
let kosodate = '';
let bousai = '';
let internal = '';
let otherList = '';

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestServer({ SMTP_URL: sink.url, MAIL_FROM: 'みどり市 <no-reply@city.example.jp>' });
  f = new Factories(t);
  const department = await f.newDepartment('子育て支援課');
  manager = await f.newStaff({ permissions: ['mail_lists.read', 'mail_lists.manage'], departmentId: department.id });
  reader = await f.newStaff({ permissions: ['mail_lists.read'], departmentId: department.id });
  personal = await f.newStaff({ permissions: ['mail_lists.read', 'mail_lists.read_personal'], departmentId: department.id });
  other = await f.newStaff({ permissions: ['mail_lists.read', 'mail_lists.manage', 'mail_lists.read_personal'] });
  kosodate = await createList(manager, {
    name: '子育て情報メール',
    description: '健診・予防接種・子育てイベントのお知らせ',
    isPublic: true,
  });
  bousai = await createList(manager, { name: '防災情報メール', isPublic: true });
  internal = await createList(manager, { name: '消防団員連絡メール' });
  otherList = await createList(other, { name: 'ほかの課のメール', isPublic: true });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const CREATE = `mutation($input: CreateMailListInput!) { createMailList(input: $input) { mailList { id name isPublic active departmentId } } }`;

async function createList(staff: NewStaff, input: Record<string, unknown>): Promise<string> {
  const res = await staff.client.ok<{ createMailList: { mailList: { id: string } } }>(CREATE, { input });
  return res.createMailList.mailList.id;
}

/** A client address of its own for each call, so the per-client sign-up limit is tested on its own. */
let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

async function page(
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  forwardedFor = freshIp(),
): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'x-forwarded-for': forwardedFor, ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body,
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

function form(values: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** Hands every waiting outbox mail to SMTP (the job runner's work) and returns what reached the sink. */
async function deliverAll(): Promise<void> {
  const pending = await sql<{ id: string }>(t.databaseUrl, `select id from outbound_mail where status = 'PENDING' order by created_at`);
  for (const { id } of pending) await t.app.modules.mail.mail.deliver(id);
}

async function outboxCount(): Promise<number> {
  return (await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from outbound_mail`))[0]!.n;
}

const purposeOf = (m: SunkMail) => m.parsed.headers.get('x-machi-purpose');
const mailsTo = (address: string, purpose: string) =>
  sink.received.filter((m) => m.envelopeTo.includes(address) && purposeOf(m) === purpose);

/** A mail's header fields as sent (unfolded), by lower-case name: the first of each. */
function rawHeaders(mail: SunkMail): Map<string, string> {
  const head = mail.raw
    .toString('utf8')
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !fields.has(line.slice(0, colon).toLowerCase()))
      fields.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}

/** A path on the test server for a link in a mail (mails link to PUBLIC_URL). */
function linkIn(mail: SunkMail, kind: 'confirm' | 'unsubscribe'): string {
  const found = new RegExp(`https?://[^/\\s]+(/mail-lists/${kind}\\?token=[A-Za-z0-9_-]+)`).exec(mail.parsed.text ?? '');
  expect(found, mail.parsed.text).not.toBeNull();
  return found![1]!;
}

async function signUp(email: string, lists: string[], forwardedFor = freshIp()) {
  return page('POST', '/mail-lists', form({ email, lists }), forwardedFor);
}

async function subscriberRow(email: string): Promise<Record<string, unknown> | undefined> {
  const rows = await sql<Record<string, unknown>>(t.databaseUrl, `select * from mail_subscriber where email_hash = $1`, [
    keyring().hash(email),
  ]);
  return rows[0];
}

async function memberships(email: string): Promise<Array<{ list_id: string; confirmed_via: string | null }>> {
  const row = await subscriberRow(email);
  if (!row) return [];
  return sql(t.databaseUrl, `select list_id, confirmed_via from mail_list_member where subscriber_id = $1 order by list_id`, [row['id']]);
}

const IMPORT = `mutation($input: ImportMailListSubscribersInput!) {
  importMailListSubscribers(input: $input) { addresses added confirmed confirmationsSent alreadyConfirmed } }`;
const SUBSCRIBERS = `query($listId: ID!, $status: MailSubscriberStatus) {
  mailListSubscribers(listId: $listId, status: $status, first: 100) { totalCount edges { node { id status confirmedVia subscriber { id maskedEmail status } } } } }`;
const COUNTS = `query($id: ID!) { mailList(id: $id) { id subscriberCount pendingCount } }`;

async function confirmByLink(email: string): Promise<void> {
  await deliverAll();
  const mail = mailsTo(email, 'mail_lists.confirm').at(-1)!;
  const res = await page('POST', linkIn(mail, 'confirm'));
  expect(res.html).toContain('登録が完了しました');
}

describe('signing up in a browser (double opt-in)', () => {
  it('shows the public, active lists of every department on an accessible Japanese page', async () => {
    const res = await page('GET', '/mail-lists');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/);
    expect(res.html).toContain('<html lang="ja">');
    expect(res.html).toContain('name="viewport"');
    expect(res.html).toContain('<label for="email">メールアドレス</label>');
    expect(res.html).toContain('<legend>受け取るメール');
    expect(res.html).toContain('子育て情報メール');
    expect(res.html).toContain('健診・予防接種・子育てイベントのお知らせ');
    expect(res.html).toContain('ほかの課のメール');
    // Staff-only lists are not offered.
    expect(res.html).not.toContain('消防団員連絡メール');
  });

  it('mails a one-time link that confirms the address and the chosen lists, and keeps neither in the clear', async () => {
    const address = `hanako-${randomBytes(3).toString('hex')}@example.jp`;
    const res = await signUp(address.toUpperCase().replace('@', '＠'), [kosodate, bousai]);
    expect(res.status).toBe(200);
    expect(res.html).toContain('確認のメールをお送りしました');

    await deliverAll();
    const [mail] = mailsTo(address, 'mail_lists.confirm');
    expect(mail, 'the confirmation mail reached SMTP').toBeDefined();
    expect(mail!.parsed.subject).toBe('メール配信の登録の確認');
    expect(mail!.parsed.text).toContain('・子育て情報メール');
    expect(mail!.parsed.text).toContain('・防災情報メール');
    expect(mail!.parsed.text).toContain('24時間');
    const link = linkIn(mail!, 'confirm');
    const token = new URL(link, t.url).searchParams.get('token')!;

    // Waiting: on both lists, not confirmed, shown masked to staff.
    const waiting = await reader.client.ok<{
      mailListSubscribers: { edges: Array<{ node: { status: string; subscriber: { maskedEmail: string } } }> };
    }>(SUBSCRIBERS, { listId: kosodate, status: 'PENDING' });
    const masked = `${address[0]}***@e***.jp`;
    expect(waiting.mailListSubscribers.edges.map((e) => e.node.subscriber.maskedEmail)).toContain(masked);
    expect((await subscriberRow(address))!['status']).toBe('PENDING');
    const row = await subscriberRow(address);
    expect(JSON.stringify(row)).not.toContain(address);
    const kept = await sql<{ token_hash: string }>(
      t.databaseUrl,
      `select token_hash from mail_list_confirmation where subscriber_id = $1`,
      [row!['id']],
    );
    expect(kept.map((k) => k.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);

    // Opening the link only shows a button: a mail scanner that follows links confirms nothing.
    const opened = await page('GET', link);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('登録を確定する');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await subscriberRow(address))!['status']).toBe('PENDING');

    const confirmed = await page('POST', link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('登録が完了しました');
    expect(confirmed.html).toContain('防災情報メール');
    expect((await subscriberRow(address))!['status']).toBe('CONFIRMED');
    expect((await memberships(address)).map((m) => m.confirmed_via)).toEqual(['LINK', 'LINK']);

    // The link is used once.
    const again = await page('POST', link);
    expect(again.html).toContain('この登録はすでに完了しています');
    const counts = await reader.client.ok<{ mailList: { subscriberCount: number } }>(COUNTS, { id: kosodate });
    expect(counts.mailList.subscriberCount).toBeGreaterThanOrEqual(1);
    const events = await sql<{ action: string; summary: unknown }>(
      t.databaseUrl,
      `select action, summary from audit_event where target_id = $1 order by seq`,
      [row!['id']],
    );
    expect(events.map((e) => e.action)).toEqual(['mail_lists.sign_up', 'mail_lists.confirm']);
    expect(JSON.stringify(events)).not.toContain(address);
  });

  it('refuses an address that is not one, or no list, on the same page with the problems tied to their fields', async () => {
    const res = await signUp('taro@example.jp, evil@example.com', []);
    expect(res.status).toBe(400);
    expect(res.html).toContain('role="alert"');
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).toContain('メールアドレスの形式が正しくありません');
    expect(res.html).toContain('受け取りたいメールを1つ以上選んでください。');
    // What was typed comes back escaped.
    const script = await signUp('"><script>alert(1)</script>', [kosodate]);
    expect(script.html).not.toContain('<script>alert(1)</script>');
    expect(script.html).toContain('&quot;&gt;&lt;script&gt;');
    // A list that is not public cannot be chosen by hand.
    expect((await signUp('taro@example.jp', [internal])).html).toContain('受け取りたいメールを1つ以上選んでください。');
  });

  it('refuses unknown, malformed and expired links with a Japanese page, and changes nothing', async () => {
    for (const link of [
      `/mail-lists/confirm?token=${randomBytes(32).toString('base64url')}`,
      '/mail-lists/confirm?token=%27%20or%201%3D1',
      '/mail-lists/confirm',
    ]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await page(method, link);
        expect(res.status, `${method} ${link}`).toBe(404);
        expect(res.html).toContain('このリンクは無効です');
      }
    }

    const address = `expired-${randomBytes(3).toString('hex')}@example.jp`;
    await signUp(address, [bousai]);
    await deliverAll();
    const link = linkIn(mailsTo(address, 'mail_lists.confirm')[0]!, 'confirm');
    await sql(t.databaseUrl, `update mail_list_confirmation set expires_at = now() - interval '1 minute' where subscriber_id = $1`, [
      (await subscriberRow(address))!['id'],
    ]);
    for (const method of ['GET', 'POST'] as const) {
      const res = await page(method, link);
      expect(res.status).toBe(410);
      expect(res.html).toContain('リンクの有効期限が切れています');
    }
    expect((await subscriberRow(address))!['status']).toBe('PENDING');
  });

  it('answers a known address exactly as an unknown one, and mails one address no more than its limit', async () => {
    const known = `known-${randomBytes(3).toString('hex')}@example.jp`;
    await signUp(known, [kosodate]);
    await confirmByLink(known);
    const unknown = `unknown-${randomBytes(3).toString('hex')}@example.jp`;
    const forKnown = await signUp(known, [kosodate]);
    const forUnknown = await signUp(unknown, [kosodate]);
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.html).toBe(forUnknown.html);

    // Past the per-address limit: the same answer, no more mail.
    const address = `flood-${randomBytes(3).toString('hex')}@example.jp`;
    for (let i = 0; i < SIGN_UP_LIMIT.perAddress + 3; i++) {
      const res = await signUp(address, [kosodate]);
      expect(res.html).toBe(forUnknown.html);
    }
    await deliverAll();
    expect(mailsTo(address, 'mail_lists.confirm')).toHaveLength(SIGN_UP_LIMIT.perAddress);
  });

  it('rate limits sign-ups from one client address', async () => {
    const from = '192.0.2.250';
    for (let i = 0; i < SIGN_UP_LIMIT.perIp; i++) expect((await signUp('', [], from)).status).toBe(400);
    const limited = await signUp(`late-${randomBytes(3).toString('hex')}@example.jp`, [kosodate], from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toContain('しばらく時間をおいて');
    // Another client is not held up.
    expect((await signUp('', [], '192.0.2.251')).status).toBe(400);
  });
});

describe('staff lists', () => {
  it('creates, changes and deletes lists of the department, refusing a second list of the same name', async () => {
    const id = await createList(manager, { name: '一時的なリスト' });
    const dup = await manager.client.request(CREATE, { input: { name: '一時的なリスト' } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: expect.stringContaining('同じ名前') } });
    const updated = await manager.client.ok<{ updateMailList: { mailList: { name: string; isPublic: boolean; active: boolean } } }>(
      `mutation($id: ID!) { updateMailList(id: $id, input: { name: "改名したリスト", isPublic: true, active: false }) { mailList { name isPublic active } } }`,
      { id },
    );
    expect(updated.updateMailList.mailList).toEqual({ name: '改名したリスト', isPublic: true, active: false });
    // Inactive: not offered for sign-up.
    expect((await page('GET', '/mail-lists')).html).not.toContain('改名したリスト');
    const listed = await reader.client.ok<{ mailLists: { edges: Array<{ node: { id: string } }> } }>(
      `{ mailLists(first: 100) { edges { node { id } } } }`,
    );
    expect(listed.mailLists.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([id, kosodate, bousai, internal]));
    expect(listed.mailLists.edges.map((e) => e.node.id)).not.toContain(otherList);
    expect(await reader.client.code(`mutation($id: ID!) { deleteMailList(id: $id) { deletedId } }`, { id })).toBe('FORBIDDEN');
    await manager.client.ok(`mutation($id: ID!) { deleteMailList(id: $id) { deletedId } }`, { id });
    expect(await manager.client.code(`query($id: ID!) { mailList(id: $id) { id } }`, { id })).toBe('NOT_FOUND');

    const actions = await sql<{ action: string }>(t.databaseUrl, `select action from audit_event where target_id = $1 order by seq`, [id]);
    expect(actions.map((a) => a.action)).toEqual(['mail_lists.create', 'mail_lists.update', 'mail_lists.delete']);
  });

  it("answers NOT_FOUND for another department's list, whatever is asked", async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      [`query($id: ID!) { mailList(id: $id) { id } }`, { id: otherList }],
      [`query($id: ID!) { mailListSubscribers(listId: $id) { totalCount } }`, { id: otherList }],
      [`mutation($id: ID!) { updateMailList(id: $id, input: { name: "乗っ取り" }) { mailList { id } } }`, { id: otherList }],
      [`mutation($id: ID!) { deleteMailList(id: $id) { deletedId } }`, { id: otherList }],
      [IMPORT, { input: { listId: otherList, csv: 'taro@example.jp', consentHeld: true } }],
      [
        `mutation($l: ID!, $s: ID!) { removeMailListSubscriber(listId: $l, subscriberId: $s) { subscriberId } }`,
        { l: otherList, s: randomUUID() },
      ],
    ];
    for (const [query, variables] of calls) expect(await manager.client.code(query, variables), query).toBe('NOT_FOUND');
    expect(
      (await other.client.ok<{ mailList: { id: string } }>(`query($id: ID!) { mailList(id: $id) { id } }`, { id: otherList })).mailList.id,
    ).toBe(otherList);
  });

  it('shows addresses only with mail_lists.read_personal, masked otherwise', async () => {
    const address = `personal-${randomBytes(3).toString('hex')}@example.jp`;
    await manager.client.ok(IMPORT, { input: { listId: internal, csv: address, consentHeld: true } });
    const query = `query($id: ID!) { mailListSubscribers(listId: $id, first: 100) { edges { node { subscriber { maskedEmail email } } } } }`;
    const refused = await reader.client.request(query, { id: internal });
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain(address);
    const masked = await reader.client.ok<{ mailListSubscribers: { edges: Array<{ node: { subscriber: { maskedEmail: string } } }> } }>(
      `query($id: ID!) { mailListSubscribers(listId: $id, first: 100) { edges { node { subscriber { maskedEmail } } } } }`,
      { id: internal },
    );
    expect(masked.mailListSubscribers.edges.map((e) => e.node.subscriber.maskedEmail)).toContain('p***@e***.jp');
    const shown = await personal.client.ok<{ mailListSubscribers: { edges: Array<{ node: { subscriber: { email: string } } }> } }>(query, {
      id: internal,
    });
    expect(shown.mailListSubscribers.edges.map((e) => e.node.subscriber.email)).toContain(address);
  });

  it('imports nothing from a CSV with one bad row, and says which row', async () => {
    const before = await reader.client.ok<{ mailList: { subscriberCount: number; pendingCount: number } }>(COUNTS, { id: bousai });
    const outboxBefore = await outboxCount();
    const res = await manager.client.request(IMPORT, {
      input: { listId: bousai, csv: 'メールアドレス\nichiro@example.jp\nnot-an-address\njiro@example.jp\n', consentHeld: false },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('何も取り込んでいません');
    expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {})).toEqual(['csv.3']);
    expect(res.errors?.[0]?.extensions?.fields?.['csv.3']).toMatch(/^3行目: /);
    const after = await reader.client.ok<{ mailList: { subscriberCount: number; pendingCount: number } }>(COUNTS, { id: bousai });
    expect(after).toEqual(before);
    expect(await subscriberRow('ichiro@example.jp')).toBeUndefined();
    const outboxAfter = await outboxCount();
    expect(outboxAfter).toBe(outboxBefore);
  });

  it('confirms imported addresses only when the city holds their consent; the others are mailed a link', async () => {
    const tag = randomBytes(3).toString('hex');
    const consented = [`c1-${tag}@example.jp`, `c2-${tag}@example.jp`];
    const asked = [`a1-${tag}@example.jp`, `a2-${tag}@example.jp`];
    const list = await createList(manager, { name: `取り込み ${tag}` });
    const withConsent = await manager.client.ok<{ importMailListSubscribers: Record<string, number> }>(IMPORT, {
      input: { listId: list, csv: `${consented.join('\n')}\n${consented[0]}`, consentHeld: true },
    });
    expect(withConsent.importMailListSubscribers).toEqual({
      addresses: 2,
      added: 2,
      confirmed: 2,
      confirmationsSent: 0,
      alreadyConfirmed: 0,
    });
    const without = await manager.client.ok<{ importMailListSubscribers: Record<string, number> }>(IMPORT, {
      input: { listId: list, csv: [...asked, consented[1]].join('\r\n'), consentHeld: false },
    });
    expect(without.importMailListSubscribers).toEqual({ addresses: 3, added: 2, confirmed: 0, confirmationsSent: 2, alreadyConfirmed: 1 });
    expect((await reader.client.ok<{ mailList: Record<string, number> }>(COUNTS, { id: list })).mailList).toMatchObject({
      subscriberCount: 2,
      pendingCount: 2,
    });
    await deliverAll();
    for (const a of consented) expect(mailsTo(a, 'mail_lists.confirm')).toHaveLength(0);
    for (const a of asked) {
      expect(mailsTo(a, 'mail_lists.confirm')).toHaveLength(1);
      expect((await subscriberRow(a))!['status']).toBe('PENDING');
    }
    expect((await memberships(consented[0]!)).map((m) => m.confirmed_via)).toEqual(['STAFF_CONSENT']);
    const audit = await sql<{ summary: string }>(
      t.databaseUrl,
      `select summary from audit_event where action = 'mail_lists.import' and target_id = $1 order by seq`,
      [list],
    );
    expect(audit.map((a) => (JSON.parse(a.summary) as { consentHeld: boolean }).consentHeld)).toEqual([true, false]);
    expect(JSON.stringify(audit)).not.toContain(tag);
  });

  it('removes a subscriber from a list, forgetting an address left on none', async () => {
    const address = `remove-${randomBytes(3).toString('hex')}@example.jp`;
    await manager.client.ok(IMPORT, { input: { listId: internal, csv: address, consentHeld: true } });
    const id = (await subscriberRow(address))!['id'] as string;
    expect(
      await reader.client.code(`mutation($l: ID!, $s: ID!) { removeMailListSubscriber(listId: $l, subscriberId: $s) { subscriberId } }`, {
        l: internal,
        s: id,
      }),
    ).toBe('FORBIDDEN');
    await manager.client.ok(`mutation($l: ID!, $s: ID!) { removeMailListSubscriber(listId: $l, subscriberId: $s) { subscriberId } }`, {
      l: internal,
      s: id,
    });
    expect(await subscriberRow(address)).toBeUndefined();
    const events = await sql<{ action: string }>(t.databaseUrl, `select action from audit_event where target_id = $1`, [id]);
    expect(events.map((e) => e.action)).toContain('mail_lists.subscriber.remove');
  });
});

describe("a delivery's email mirror", () => {
  const tag = randomBytes(3).toString('hex');
  const both = `both-${tag}@example.jp`;
  const one = `one-${tag}@example.jp`;
  const pending = `pending-${tag}@example.jp`;
  const gone = `gone-${tag}@example.jp`;
  let listA = '';
  let listB = '';
  const mirror = (runId: string, listIds: string[]) =>
    t.app.modules.mailLists.mirror.enqueueMirror(unscopedFork(t.app.orm.em), {
      deliveryId: randomUUID(),
      runId,
      listIds,
      subject: '【みどり市】乳幼児健診のお知らせ',
      text: '12月の乳幼児健診の日程をお知らせします。\n会場: 保健センター',
    });

  beforeAll(async () => {
    listA = await createList(manager, { name: `ミラーA ${tag}`, isPublic: true });
    listB = await createList(manager, { name: `ミラーB ${tag}`, isPublic: true });
    await manager.client.ok(IMPORT, { input: { listId: listA, csv: [both, one, gone].join('\n'), consentHeld: true } });
    await manager.client.ok(IMPORT, { input: { listId: listB, csv: [both, gone].join('\n'), consentHeld: true } });
    await manager.client.ok(IMPORT, { input: { listId: listA, csv: pending, consentHeld: false } });
    // `gone` stops every list from the link in a mail.
    const first = await mirror(randomUUID(), [listB]);
    expect(first).toEqual({ recipients: 2, queued: 2 });
    await deliverAll();
    const res = await page('POST', linkIn(mailsTo(gone, 'mail_lists.mirror')[0]!, 'unsubscribe'));
    expect(res.html).toContain('配信を停止しました');
  });

  it('mails each confirmed subscriber once, even on both lists, and nobody pending or unsubscribed', async () => {
    const runId = randomUUID();
    const sentBefore = sink.received.length;
    expect(await mirror(runId, [listA, listB, randomUUID()])).toEqual({ recipients: 2, queued: 2 });
    await deliverAll();
    const arrived = sink.received.slice(sentBefore).filter((m) => purposeOf(m) === 'mail_lists.mirror');
    expect(arrived.flatMap((m) => m.envelopeTo).sort()).toEqual([both, one].sort());
    const mail = arrived.find((m) => m.envelopeTo.includes(both))!;
    expect(mail.parsed.subject).toBe('【みどり市】乳幼児健診のお知らせ');
    expect(mail.parsed.text).toContain('会場: 保健センター');
    expect(mail.parsed.text).toContain(`「ミラーA ${tag}」「ミラーB ${tag}」`);
    expect(mail.parsed.text).toMatch(/\/mail-lists\/unsubscribe\?token=[0-9a-f]{64}/);
    const rows = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from mail_list_send where run_id = $1 and outbound_mail_id is not null`,
      [runId],
    );
    expect(rows[0]!.n).toBe(2);

    // The same run again (a retried job): nothing new.
    const outboxBefore = await outboxCount();
    expect(await mirror(runId, [listA, listB])).toEqual({ recipients: 2, queued: 0 });
    const outboxAfter = await outboxCount();
    expect(outboxAfter).toBe(outboxBefore);
  });

  it('unsubscribes from the link in a list mail, and one-click POSTs work without the page', async () => {
    const runId = randomUUID();
    await mirror(runId, [listA]);
    await deliverAll();
    const mail = mailsTo(one, 'mail_lists.mirror').at(-1)!;
    const link = linkIn(mail, 'unsubscribe');
    const shown = await page('GET', link);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('配信を停止する');
    expect(shown.html).toContain(`ミラーA ${tag}`);
    // Opening the link stops nothing: the button does.
    expect((await subscriberRow(one))!['status']).toBe('CONFIRMED');
    const done = await page('POST', link);
    expect(done.status).toBe(200);
    expect(done.html).toContain('配信を停止しました');
    expect((await subscriberRow(one))!['status']).toBe('UNSUBSCRIBED');
    expect(await memberships(one)).toEqual([]);
    // Twice is the same.
    expect((await page('POST', link)).html).toContain('配信を停止しました');

    // What a mail client sends for RFC 8058 one-click unsubscribe, to the URL the mail's own headers give.
    const bothMail = mailsTo(both, 'mail_lists.mirror').at(-1)!;
    const bothLink = linkIn(bothMail, 'unsubscribe');
    const headers = rawHeaders(bothMail);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const headerUrl = /^<(https?:\/\/[^>]+)>$/.exec(headers.get('list-unsubscribe') ?? '')?.[1];
    expect(headerUrl && new URL(headerUrl).pathname + new URL(headerUrl).search).toBe(bothLink);
    expect((await page('POST', bothLink, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await subscriberRow(both))!['status']).toBe('UNSUBSCRIBED');

    expect(await mirror(randomUUID(), [listA, listB])).toEqual({ recipients: 0, queued: 0 });
    // A forged token (another subscriber's id with this MAC) is nobody's.
    const forged = link.replace(/token=[0-9a-f]{32}/, `token=${randomUUID().replace(/-/g, '')}`);
    expect((await page('POST', forged)).status).toBe(404);
    const events = await sql<{ action: string }>(t.databaseUrl, `select action from audit_event where target_id = $1`, [
      (await subscriberRow(one))!['id'],
    ]);
    expect(events.map((e) => e.action)).toContain('mail_lists.unsubscribe');
  });

  it('signs an unsubscribed address up again only through a new confirmation', async () => {
    await signUp(gone, [listA]);
    expect((await subscriberRow(gone))!['status']).toBe('PENDING');
    expect(await mirror(randomUUID(), [listA])).toEqual({ recipients: 0, queued: 0 });
    await confirmByLink(gone);
    expect(await mirror(randomUUID(), [listA])).toEqual({ recipients: 1, queued: 1 });
  });
});

describe('retention', () => {
  it('forgets sign-ups nobody confirmed within 30 days, and keeps confirmed and unsubscribed addresses', async () => {
    const stale = `stale-${randomBytes(3).toString('hex')}@example.jp`;
    const kept = `kept-${randomBytes(3).toString('hex')}@example.jp`;
    await signUp(stale, [kosodate]);
    await signUp(kept, [kosodate]);
    await confirmByLink(kept);
    for (const address of [stale, kept]) {
      const id = (await subscriberRow(address))!['id'];
      await sql(t.databaseUrl, `update mail_subscriber set created_at = now() - interval '40 days' where id = $1`, [id]);
      await sql(t.databaseUrl, `update mail_list_member set created_at = now() - interval '40 days' where subscriber_id = $1`, [id]);
      await sql(t.databaseUrl, `update mail_list_confirmation set expires_at = now() - interval '39 days' where subscriber_id = $1`, [id]);
    }
    const result = await t.app.modules.mailLists.subscriptions.purge();
    expect(result.subscribers).toBeGreaterThanOrEqual(1);
    expect(await subscriberRow(stale)).toBeUndefined();
    expect((await subscriberRow(kept))!['status']).toBe('CONFIRMED');
    expect(await memberships(kept)).toHaveLength(1);
  });
});

describe('a mirror larger than one batch', () => {
  it('goes through every batch once, and a second call for the run queues nothing', async () => {
    const tag = randomBytes(3).toString('hex');
    const list = await createList(manager, { name: `大きなリスト ${tag}` });
    const count = MIRROR_BATCH + 37;
    const csv = Array.from({ length: count }, (_, i) => `many${i}-${tag}@example.jp`).join('\n');
    await manager.client.ok(IMPORT, { input: { listId: list, csv, consentHeld: true } });
    const runId = randomUUID();
    const input = { deliveryId: randomUUID(), runId, listIds: [list], subject: '一斉のお知らせ', text: '本文' };
    const mirror = t.app.modules.mailLists.mirror;
    let touched = 0;
    const touch = async () => void touched++;
    expect(await mirror.enqueueMirror(unscopedFork(t.app.orm.em), input, touch)).toEqual({ recipients: count, queued: count });
    expect(touched).toBe(1);
    const sent = await sql<{ n: number; mails: number }>(
      t.databaseUrl,
      `select count(*)::int as n, count(distinct outbound_mail_id)::int as mails from mail_list_send where run_id = $1`,
      [runId],
    );
    expect(sent[0]).toEqual({ n: count, mails: count });
    expect(await mirror.enqueueMirror(unscopedFork(t.app.orm.em), input)).toEqual({ recipients: count, queued: 0 });
  });
});
