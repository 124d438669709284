import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inTransaction } from '../src/platform/db/transaction.js';
import { startSmtpSink, type SmtpSink } from '../src/platform/mail/sink.js';
import { OutboundMail, OutboundMailStatus } from '../src/modules/mail/index.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';

let sink: SmtpSink;
let t: TestServer;
let f: Factories;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestServer({ SMTP_URL: sink.url, MAIL_FROM: 'みどり市 <no-reply@city.example.jp>', MAIL_MAX_ATTEMPTS: '3' });
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});
beforeEach(() => sink.refuseWith(null));

const mail = () => t.app.modules.mail.mail;
const SEND_TEST = `mutation($to: String!) { sendTestMail(to: $to) { mail { id status toAddress subject } } }`;
type Sent = { sendTestMail: { mail: { id: string; status: string; toAddress: string; subject: string } } };
const OUTBOX = `query($status: OutboundMailStatus) { outboundMails(first: 100, filter: { status: $status }) { totalCount edges { node { id purpose status attempts lastError toAddress subject body sentAt } } } }`;
type Outbox = {
  outboundMails: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        purpose: string;
        status: string;
        attempts: number;
        lastError: string | null;
        toAddress: string;
        subject: string;
        body: string;
        sentAt: string | null;
      };
    }>;
  };
};

/** A service context of the system (a feature's job), seeing every department. */
async function rawRow(id: string): Promise<Record<string, unknown>> {
  const db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  try {
    return (await db.query('select * from outbound_mail where id = $1', [id])).rows[0] as Record<string, unknown>;
  } finally {
    await db.end();
  }
}

describe('outbound mail', () => {
  it('queues in the transaction, delivers through SMTP with the From, a UTF-8 subject and the outbox id, and keeps it encrypted', async () => {
    const sent = await t.admin.ok<Sent>(SEND_TEST, { to: 'taro@example.jp' });
    expect(sent.sendTestMail.mail).toMatchObject({ status: 'PENDING', toAddress: 'taro@example.jp' });
    const id = sent.sendTestMail.mail.id;
    expect(await mail().deliver(id)).toBe('SENT');

    const received = await sink.waitFor((m) => m.parsed.headers.get('x-machi-mail-id') === id);
    expect(received.envelopeTo).toEqual(['taro@example.jp']);
    expect(received.parsed.subject).toBe('テストメール（LINE配信システム）');
    expect(received.parsed.from?.value[0]).toMatchObject({ address: 'no-reply@city.example.jp', name: 'みどり市' });
    expect(received.parsed.text).toContain('送信設定は正しく動いています');

    const outbox = await t.admin.ok<Outbox>(OUTBOX, { status: 'SENT' });
    expect(outbox.outboundMails.edges.map((e) => e.node.id)).toContain(id);
    const row = await rawRow(id);
    expect(row['status']).toBe('SENT');
    expect(JSON.stringify(row)).not.toContain('taro@example.jp');
    expect(JSON.stringify(row)).not.toContain('テストメール');
  });

  it('refuses an address that is not one plain address, and queues nothing', async () => {
    const before = (await t.admin.ok<Outbox>(OUTBOX)).outboundMails.totalCount;
    for (const to of [
      'taro@example.jp, jiro@example.jp',
      'taro@example.jp\r\nBcc: evil@example.com',
      'たろう@example.jp',
      'taro',
      '"T" <taro@example.jp>',
    ]) {
      const res = await t.admin.request(SEND_TEST, { to });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain('メールアドレスの形式');
    }
    expect((await t.admin.ok<Outbox>(OUTBOX)).outboundMails.totalCount).toBe(before);
  });

  it('cannot be made to carry extra headers or recipients through the subject or body', async () => {
    const ctx = f.systemContext();
    const queued = await inTransaction(ctx, (tx) =>
      mail().queue(
        tx,
        {
          to: 'hanako@example.jp',
          subject: '申込を受け付けました\r\nBcc: evil@example.com\r\nX-Evil: 1',
          text: '本文\r\n\r\nBcc: evil@example.com',
        },
        { purpose: 'test.injection' },
      ),
    );
    await mail().deliver(queued.id);
    const received = await sink.waitFor((m) => m.parsed.headers.get('x-machi-mail-id') === queued.id);
    expect(received.envelopeTo).toEqual(['hanako@example.jp']);
    expect(received.parsed.headers.has('bcc')).toBe(false);
    expect(received.parsed.headers.has('x-evil')).toBe(false);
    expect(received.parsed.subject).toBe('申込を受け付けました Bcc: evil@example.com X-Evil: 1');
    // What the outbox keeps (and the console shows) is the same one-line subject, not the raw input.
    const kept = (await t.admin.ok<Outbox>(OUTBOX)).outboundMails.edges.find((e) => e.node.id === queued.id)!.node;
    expect(kept.subject).toBe('申込を受け付けました Bcc: evil@example.com X-Evil: 1');
  });

  it('queues nothing when the transaction that asked for it rolls back', async () => {
    const ctx = f.systemContext();
    let id = '';
    await expect(
      inTransaction(ctx, async (tx) => {
        id = (await mail().queue(tx, { to: 'ichiro@example.jp', subject: '件名', text: '本文' }, { purpose: 'test.rollback' })).id;
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    expect(id).not.toBe('');
    expect(await rawRow(id)).toBeUndefined();
  });

  it('retries a temporary refusal, gives up on a permanent one, and staff can send it again', async () => {
    const id = (await t.admin.ok<Sent>(SEND_TEST, { to: 'saburo@example.jp' })).sendTestMail.mail.id;
    sink.refuseWith(451);
    await expect(mail().deliver(id)).rejects.toThrow(/451/);
    let node = (await t.admin.ok<Outbox>(OUTBOX)).outboundMails.edges.find((e) => e.node.id === id)!.node;
    expect(node).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(node.lastError).toMatch(/451/);

    sink.refuseWith(550);
    expect(await mail().deliver(id)).toBe('FAILED');
    node = (await t.admin.ok<Outbox>(OUTBOX)).outboundMails.edges.find((e) => e.node.id === id)!.node;
    expect(node).toMatchObject({ status: 'FAILED', attempts: 2 });

    sink.refuseWith(null);
    const retried = await t.admin.ok<{ retryOutboundMail: { mail: { status: string } } }>(
      `mutation($id: ID!) { retryOutboundMail(id: $id) { mail { status } } }`,
      { id },
    );
    expect(retried.retryOutboundMail.mail.status).toBe('PENDING');
    expect(await mail().deliver(id)).toBe('SENT');
    expect(sink.received.filter((m) => m.parsed.headers.get('x-machi-mail-id') === id)).toHaveLength(1);
    // A mail that did not fail cannot be "resent".
    const again = await t.admin.request(`mutation($id: ID!) { retryOutboundMail(id: $id) { mail { status } } }`, { id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'MAIL_NOT_FAILED' });
  });

  it('gives up after MAIL_MAX_ATTEMPTS temporary refusals', async () => {
    const id = (await t.admin.ok<Sent>(SEND_TEST, { to: 'shiro@example.jp' })).sendTestMail.mail.id;
    sink.refuseWith(421);
    await expect(mail().deliver(id)).rejects.toThrow();
    await expect(mail().deliver(id)).rejects.toThrow();
    expect(await mail().deliver(id)).toBe('FAILED'); // the third of 3
  });

  it('sends each mail once, however many workers run its job at the same time', async () => {
    const id = (await t.admin.ok<Sent>(SEND_TEST, { to: 'goro@example.jp' })).sendTestMail.mail.id;
    const results = await Promise.all(Array.from({ length: 6 }, () => mail().deliver(id)));
    expect(results.filter((r) => r === OutboundMailStatus.SENT)).toHaveLength(1);
    await sink.waitFor((m) => m.parsed.headers.get('x-machi-mail-id') === id);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received.filter((m) => m.parsed.headers.get('x-machi-mail-id') === id)).toHaveLength(1);
  });

  it('shows the outbox only with permission, and a department only its own mail', async () => {
    const mine = await f.newDepartment();
    const theirs = await f.newDepartment();
    const ctx = f.systemContext();
    const [own, other] = await inTransaction(ctx, async (tx) => [
      await mail().queue(tx, { to: 'a@example.jp', subject: '自部署', text: '本文' }, { purpose: 'test.scope', departmentId: mine.id }),
      await mail().queue(tx, { to: 'b@example.jp', subject: '他部署', text: '本文' }, { purpose: 'test.scope', departmentId: theirs.id }),
    ]);
    const reader = await f.newStaff({ departmentId: mine.id, permissions: ['mail.read'] });
    const ids = (await reader.client.ok<Outbox>(OUTBOX)).outboundMails.edges.map((e) => e.node.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(await reader.client.code(`query($id: ID!) { outboundMail(id: $id) { id } }`, { id: other.id })).toBe('NOT_FOUND');
    // Reading is not sending.
    expect(await reader.client.code(SEND_TEST, { to: 'x@example.jp' })).toBe('FORBIDDEN');
    const stranger = await f.newStaff({ departmentId: mine.id, permissions: ['departments.read'] });
    expect(await stranger.client.code(OUTBOX)).toBe('FORBIDDEN');
    expect(await t.client().code(OUTBOX)).toBe('UNAUTHENTICATED');
  });

  it('tells the console where mail goes, without the SMTP credentials', async () => {
    const settings = await t.admin.ok<{ mailSettings: { configured: boolean; destination: string; from: string } }>(
      `{ mailSettings { configured destination from } }`,
    );
    expect(settings.mailSettings).toEqual({ configured: true, destination: sink.url, from: 'みどり市 <no-reply@city.example.jp>' });
  });

  it('purges sent mail past the retention period and keeps waiting mail', async () => {
    const ctx = f.systemContext();
    const waiting = await inTransaction(ctx, (tx) =>
      mail().queue(tx, { to: 'c@example.jp', subject: '待機', text: '本文' }, { purpose: 'test.purge' }),
    );
    const later = new Date(Date.now() + 91 * 86_400_000);
    expect(await mail().purgeOld(later)).toBeGreaterThan(0);
    const left = await t.app.orm.em.fork().find(OutboundMail, {}, { filters: false });
    expect(left.map((m) => m.id)).toContain(waiting.id);
    expect(left.every((m) => m.status === OutboundMailStatus.PENDING || m.status === OutboundMailStatus.SENDING)).toBe(true);
  });
});
