import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { sha256Hex } from '../src/platform/crypto/digest.js';
import { RESIDENT_SESSION_COOKIE } from '../src/modules/residents/resident-auth.service.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';
import { emulatorControl } from './support/emulator.js';

/**
 * RES-07 (the follow greeting links to the registration form; one reminder to new friends who
 * have not registered) and FORM-14 (surveys answered step by step in the LINE talk screen),
 * against the LINE Platform emulator, which checks every message we send against LINE's limits.
 */

const CHANNEL = {
  channelId: '2000005678',
  channelSecret: '1a2b3c4d5e6f708192a3b4c5d6e7f809',
  accessToken: 'emulator-access-token-for-form-talk-tests',
};

let emulator: RunningEmulator;
let t: TestServer;
let channelId: string;
let registrationFormId: string;
let surveyId: string;
let personalSurveyId: string;
let otherSurveyId: string;

interface Received {
  id: string;
  message: { type: string; text?: string; altText?: string; template?: any; quickReply?: { items: Array<{ action: any }> } };
  delivery?: { kind: string };
}

const control = emulatorControl(() => emulator);

const friendPath = (userId: string) => `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}`;
const received = async (userId: string) => (await control<{ messages: Received[] }>('GET', `${friendPath(userId)}/received`)).messages;

/** Waits for the next `count` messages after the `before` already received. */
async function next(userId: string, before: number, count = 1): Promise<Received[]> {
  try {
    return await until(async () => {
      const all = await received(userId);
      return all.length >= before + count ? all.slice(before) : undefined;
    });
  } catch (err) {
    // Say why: a handler that failed left its error on the stored event.
    const failed = await sql(t.databaseUrl, `select type, last_error from line_webhook_event where last_error is not null`);
    throw new Error(`${String(err)}; failed webhook handlers: ${JSON.stringify(failed)}`);
  }
}

async function newFriend(name: string): Promise<{ userId: string; residentId: string }> {
  const { friends } = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
    count: 1,
    displayNames: [name],
  });
  const userId = friends[0]!.userId;
  const hash = t.app.keyring.hash(userId);
  const residentId = await until(async () => {
    const rows = await sql<{ id: string; followed_at: Date | null }>(
      t.databaseUrl,
      `select id, followed_at from resident where line_user_id_hash = $1`,
      [hash],
    );
    return rows[0]?.followed_at ? rows[0].id : undefined;
  });
  return { userId, residentId };
}

/** The resident's conversation, step by step: what they tap or type, and what the account answers. */
class Talk {
  constructor(readonly userId: string) {}

  async say(text: string): Promise<Received[]> {
    const before = (await received(this.userId)).length;
    await control('POST', `${friendPath(this.userId)}/messages`, { type: 'text', text });
    return next(this.userId, before);
  }

  async postback(data: string): Promise<Received[]> {
    const before = (await received(this.userId)).length;
    await control('POST', `${friendPath(this.userId)}/postback`, { data });
    return next(this.userId, before);
  }

  /** Taps the quick-reply button with this label on the last message. */
  async tap(label: string): Promise<Received[]> {
    const all = await received(this.userId);
    const last = all.at(-1)!;
    const item = last.message.quickReply?.items.find((i) => i.action.label === label);
    if (!item) throw new Error(`no button ${label} on: ${last.message.text}`);
    await control('POST', `${friendPath(this.userId)}/actions`, { action: item.action, messageId: last.id });
    return next(this.userId, all.length);
  }
}

const lastText = (messages: Received[]) => messages.at(-1)!.message.text ?? '';
const buttons = (messages: Received[]) => messages.at(-1)!.message.quickReply?.items.map((i) => i.action.label) ?? [];

async function publishForm(title: string, kind: string, definition: unknown, settings: Record<string, unknown> = {}): Promise<string> {
  const created = await t.admin.ok(`mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`, {
    input: { title, kind },
  });
  const id = created.createForm.form.id as string;
  await t.admin.ok(`mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
    id,
    input: { definition, ...settings },
  });
  await t.admin.ok(`mutation($id: ID!) { publishForm(id: $id) { form { id status } } }`, { id });
  return id;
}

const SURVEY = {
  schemaVersion: 1,
  pages: [
    {
      id: 'p1',
      title: '窓口について',
      fields: [
        {
          id: 'used',
          type: 'singleChoice',
          display: 'radio',
          label: '窓口を利用しましたか',
          required: true,
          options: [
            { id: 'yes', label: '利用した' },
            { id: 'no', label: '利用していない' },
          ],
        },
        {
          id: 'visits',
          type: 'number',
          label: '利用回数',
          required: true,
          integer: true,
          min: 1,
          max: 50,
          unit: '回',
          visibleWhen: { field: 'used', op: 'equals', value: 'yes' },
        },
        { id: 'why', type: 'text', label: '利用しなかった理由', maxLength: 100, visibleWhen: { field: 'used', op: 'equals', value: 'no' } },
        {
          id: 'topics',
          type: 'multipleChoice',
          label: '関心のある分野',
          options: [
            { id: 'kids', label: '子育て' },
            { id: 'health', label: '検診' },
            { id: 'events', label: 'イベント' },
          ],
        },
        { id: 'day', type: 'date', label: '来庁日', max: 'today' },
        { id: 'again', type: 'yesNo', label: 'また利用しますか', required: true },
      ],
    },
  ],
};

const START = `query($id: ID!) { formTalkStart(formId: $id) { postbackData eligible reasons } }`;
const UPDATE_ONBOARDING = `mutation($id: ID!, $input: UpdateChannelOnboardingInput!) { updateChannelOnboarding(channelId: $id, input: $input) { onboarding { channelId } } }`;
/** What the settings test does, so each test also runs alone. */
const configureOnboarding = () => t.admin.ok(UPDATE_ONBOARDING, { id: channelId, input: { registrationFormId, reminderDelayHours: 24 } });
const ONBOARDING = `channelId registrationForm { id title kind status } reminderDelayHours remindersEnabled remindersFrom remindersSent`;

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200, 500] });
  await control('POST', '/_emulator/channels', {
    ...CHANNEL,
    displayName: 'テスト市公式',
    basicId: '@formtalk',
    monthlyMessageLimit: 1000,
  });
  t = await startTestServer({
    LINE_API_BASE_URL: emulator.url,
    LINE_DATA_API_BASE_URL: emulator.url,
    PUBLIC_URL: 'https://line.city.example.jp',
  });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'テスト市',
      purpose: 'TRAINING',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { webhookUrl: `${t.url}/webhook/${channelId}`, webhookActive: true });

  registrationFormId = await publishForm('子育て情報の登録', 'REGISTRATION', {
    schemaVersion: 1,
    pages: [
      {
        id: 'p1',
        fields: [{ id: 'kids', type: 'yesNo', label: 'お子さんはいますか', required: true }],
      },
    ],
  });
  surveyId = await publishForm('窓口満足度アンケート', 'SURVEY', SURVEY, {
    answerPolicy: 'REPEAT',
    thankYouMessage: '今後の改善に活用します。',
  });
  otherSurveyId = await publishForm('イベント参加アンケート', 'SURVEY', {
    schemaVersion: 1,
    pages: [{ id: 'p1', fields: [{ id: 'joined', type: 'yesNo', label: '参加しましたか', required: true }] }],
  });
  personalSurveyId = await publishForm('窓口の利用者アンケート', 'SURVEY', {
    schemaVersion: 1,
    pages: [
      {
        id: 'p1',
        fields: [
          { id: 'score', type: 'yesNo', label: '満足しましたか', required: true },
          { id: 'name', type: 'text', label: 'お名前', personal: true },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('RES-07: onboarding to the registration form', () => {
  it('staff choose a registration form and a delay for the channel; other kinds and bad delays are refused', async () => {
    const before = await t.admin.ok(`query($id: ID!) { channelOnboarding(channelId: $id) { ${ONBOARDING} } }`, { id: channelId });
    expect(before.channelOnboarding).toMatchObject({
      registrationForm: null,
      reminderDelayHours: 72,
      remindersEnabled: true,
      remindersSent: 0,
    });
    const choices = await t.admin.ok(`{ registrationFormChoices { id title kind } }`);
    expect(choices.registrationFormChoices.map((c: { id: string }) => c.id)).toContain(registrationFormId);
    expect(choices.registrationFormChoices.map((c: { id: string }) => c.id)).not.toContain(surveyId);

    const update = `mutation($id: ID!, $input: UpdateChannelOnboardingInput!) { updateChannelOnboarding(channelId: $id, input: $input) { onboarding { ${ONBOARDING} } } }`;
    const wrongKind = await t.admin.request(update, { id: channelId, input: { registrationFormId: surveyId } });
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { registrationFormId: '種類が「登録」のフォームを選んでください。' },
    });
    expect(await t.admin.code(update, { id: channelId, input: { reminderDelayHours: 0 } })).toBe('BAD_USER_INPUT');

    const saved = await t.admin.ok(update, { id: channelId, input: { registrationFormId, reminderDelayHours: 24 } });
    expect(saved.updateChannelOnboarding.onboarding).toMatchObject({
      registrationForm: { id: registrationFormId, title: '子育て情報の登録', kind: 'REGISTRATION', status: 'PUBLISHED' },
      reminderDelayHours: 24,
    });
    expect(saved.updateChannelOnboarding.onboarding.remindersFrom).not.toBeNull();
    const audit = await sql(t.databaseUrl, `select 1 from audit_event where action = 'forms.onboarding.update' and target_id = $1`, [
      channelId,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('the follow greeting carries a button to the registration form', async () => {
    await configureOnboarding();
    const { userId } = await newFriend('大川 みなみ');
    const messages = await next(userId, 0, 2);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.message.text).toMatch(/友だち追加ありがとうございます/);
    expect(messages[0]!.delivery?.kind).toBe('reply');
    const link = messages[1]!.message;
    expect(link.type).toBe('template');
    expect(link.template).toMatchObject({
      type: 'buttons',
      title: '子育て情報の登録',
      actions: [{ type: 'uri', label: '登録する', uri: `https://line.city.example.jp/liff/forms/${registrationFormId}` }],
    });
  });

  it('reminds once, after the delay, only friends who still follow and have not registered — even when runs overlap', async () => {
    await configureOnboarding();
    // The form was chosen two days ago (after `before` followed); friends' follow times are set back.
    await sql(t.databaseUrl, `update form_onboarding_setting set reminders_from = now() - interval '2 days' where channel_id = $1`, [
      channelId,
    ]);
    const due = await newFriend('住民 案内対象');
    const registered = await newFriend('住民 登録済み');
    const unfollowed = await newFriend('住民 ブロック');
    const reminded = await newFriend('住民 案内済み');
    const recent = await newFriend('住民 新しい');
    const before = await newFriend('住民 以前から');
    const held = await newFriend('住民 並行');
    const setFollowed = (residentId: string, interval: string) =>
      sql(t.databaseUrl, `update resident set followed_at = now() - $2::interval where id = $1`, [residentId, interval]);
    for (const r of [due, registered, unfollowed, reminded, held]) await setFollowed(r.residentId, '30 hours');
    await setFollowed(recent.residentId, '2 hours');
    await setFollowed(before.residentId, '3 days');

    // The registered resident sends the registration form from its page (LIFF session).
    const token = randomBytes(32).toString('base64url');
    await sql(
      t.databaseUrl,
      `insert into resident_session (id, token_hash, resident_id, expires_at) values (gen_random_uuid(), $1, $2, now() + interval '1 hour')`,
      [sha256Hex(token), registered.residentId],
    );
    const residentClient = t.client({ cookie: `${RESIDENT_SESSION_COOKIE}=${token}` });
    const form = await residentClient.ok(`query($id: ID!) { residentForm(id: $id) { versionId } }`, { id: registrationFormId });
    await residentClient.ok(`mutation($input: SubmitFormInput!) { submitForm(input: $input) { receiptNumber } }`, {
      input: { formId: registrationFormId, versionId: form.residentForm.versionId, answers: { kids: true } },
    });

    await control('POST', `${friendPath(unfollowed.userId)}/unfollow`);
    await until(
      async () =>
        (
          await sql<{ follow_status: string }>(t.databaseUrl, `select follow_status from resident where id = $1`, [unfollowed.residentId])
        )[0]?.follow_status === 'BLOCKED',
    );
    await sql(
      t.databaseUrl,
      `insert into form_registration_reminder (id, resident_id, form_id, status, retry_key, claimed_at, sent_at) values (gen_random_uuid(), $1, $2, 'SENT', gen_random_uuid(), now(), now())`,
      [reminded.residentId, registrationFormId],
    );

    // Another run has claimed `held` and not committed yet: this run waits for it and then leaves it alone.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    await other.query('begin');
    await other.query(
      `insert into form_registration_reminder (id, resident_id, form_id, status, retry_key, claimed_at) values (gen_random_uuid(), $1, $2, 'SENDING', gen_random_uuid(), now())`,
      [held.residentId, registrationFormId],
    );
    const { onboarding } = t.app.modules.formTalk;
    const runs = Promise.all([onboarding.sendDueReminders(), onboarding.sendDueReminders()]);
    await new Promise((r) => setTimeout(r, 300));
    await other.query(`update form_registration_reminder set status = 'SENT', sent_at = now() where resident_id = $1`, [held.residentId]);
    await other.query('commit');
    await other.end();
    const results = await runs;
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect((await onboarding.sendDueReminders()).sent).toBe(0);

    const reminder = await next(due.userId, 2, 1);
    expect(reminder[0]!.delivery?.kind).toBe('push');
    expect(reminder[0]!.message.template).toMatchObject({
      type: 'buttons',
      text: expect.stringContaining('まだ登録がお済みでなければ'),
      actions: [{ type: 'uri', uri: `https://line.city.example.jp/liff/forms/${registrationFormId}` }],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await received(due.userId)).toHaveLength(3);
    for (const other of [registered, unfollowed, reminded, recent, before, held]) expect(await received(other.userId)).toHaveLength(2);
    const rows = await sql<{ resident_id: string; status: string }>(
      t.databaseUrl,
      `select resident_id, status from form_registration_reminder`,
    );
    expect(rows.filter((r) => r.resident_id === due.residentId)).toEqual([{ resident_id: due.residentId, status: 'SENT' }]);
    expect(rows.filter((r) => r.resident_id === held.residentId)).toHaveLength(1);
    const view = await t.admin.ok(`query($id: ID!) { channelOnboarding(channelId: $id) { remindersSent } }`, { id: channelId });
    expect(view.channelOnboarding.remindersSent).toBe(3);
  });
});

describe('FORM-14: surveys in the talk screen', () => {
  it('tells staff how to start a survey in the talk, and which forms cannot be', async () => {
    const survey = await t.admin.ok(START, { id: surveyId });
    expect(survey.formTalkStart).toEqual({ postbackData: `action=form.talk.start&form=${surveyId}`, eligible: true, reasons: [] });
    const personal = await t.admin.ok(START, { id: personalSurveyId });
    expect(personal.formTalkStart).toMatchObject({
      eligible: false,
      reasons: ['「お名前」は個人情報の項目のため、トーク画面では聞けません'],
    });
  });

  it('runs a survey from the start postback to the receipt number, with a branch and a re-asked invalid answer', async () => {
    const { userId, residentId } = await newFriend('住民 アンケート');
    await next(userId, 0, 1);
    const talk = new Talk(userId);
    let reply = await talk.postback(`action=form.talk.start&form=${surveyId}`);
    expect(lastText(reply)).toContain('「窓口満足度アンケート」');
    expect(lastText(reply)).toContain('Q1. 窓口を利用しましたか（必須）');
    expect(buttons(reply)).toEqual(['利用した', '利用していない', 'やめる']);

    reply = await talk.tap('利用した');
    expect(lastText(reply)).toContain('Q2. 利用回数（必須）');
    reply = await talk.say('１００回');
    expect(reply[0]!.message.text).toBe('1以上50以下の数値を入力してください');
    expect(lastText(reply)).toContain('Q2. 利用回数');
    reply = await talk.say('3');
    // The branch: 利用しなかった理由 is not asked of someone who used the counter.
    expect(lastText(reply)).toContain('Q3. 関心のある分野（任意）');
    reply = await talk.tap('イベント');
    expect(lastText(reply)).toContain('選択中: イベント');
    reply = await talk.tap('子育て');
    reply = await talk.tap('選び終わる');
    expect(lastText(reply)).toContain('Q4. 来庁日（任意）');
    reply = await talk.tap('日付を選ぶ');
    expect(lastText(reply)).toContain('Q5. また利用しますか（必須）');
    reply = await talk.tap('はい');
    expect(lastText(reply)).toContain('回答内容の確認');
    expect(lastText(reply)).toContain('→ 3回');
    expect(lastText(reply)).toContain('→ イベント、子育て');
    expect(buttons(reply)).toEqual(['送信する', 'やり直す', 'やめる']);

    // Kept in PostgreSQL between messages, encrypted (the answers are the resident's words).
    const session = await sql<{ progress: string; expires_at: Date }>(
      t.databaseUrl,
      `select progress, expires_at from form_talk_session where resident_id = $1`,
      [residentId],
    );
    expect(session[0]!.progress).not.toContain('visits');
    expect(session[0]!.expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    reply = await talk.tap('送信する');
    const submission = await sql<{ receipt_number: string; answers: Record<string, unknown> }>(
      t.databaseUrl,
      `select receipt_number, answers from form_submission where resident_id = $1 and form_id = $2`,
      [residentId, surveyId],
    );
    expect(submission).toHaveLength(1);
    expect(lastText(reply)).toBe(
      `送信しました。ご回答ありがとうございました。\n受付番号: ${submission[0]!.receipt_number}\n\n今後の改善に活用します。`,
    );
    expect(submission[0]!.answers).toMatchObject({ used: 'yes', visits: 3, topics: ['kids', 'events'], again: true });
    expect(submission[0]!.answers['day']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await sql(t.databaseUrl, `select 1 from form_talk_session where resident_id = $1`, [residentId])).toHaveLength(0);

    // Once over, a message is someone else's business: no reply from the survey.
    await control('POST', `${friendPath(userId)}/messages`, { type: 'text', text: 'ありがとう' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await received(userId)).at(-1)!.message.text).toBe(lastText(reply));
  });

  it('asks a form with a personal field only on its page, by a link', async () => {
    const { userId, residentId } = await newFriend('住民 個人情報');
    await next(userId, 0, 1);
    const reply = await new Talk(userId).postback(`action=form.talk.start&form=${personalSurveyId}`);
    expect(reply).toHaveLength(1);
    expect(reply[0]!.message.template).toMatchObject({
      type: 'buttons',
      text: 'このアンケートには個人情報の項目があるため、専用のページでお答えください。',
      actions: [{ type: 'uri', label: '回答ページを開く', uri: `https://line.city.example.jp/liff/forms/${personalSurveyId}` }],
    });
    expect(await sql(t.databaseUrl, `select 1 from form_talk_session where resident_id = $1`, [residentId])).toHaveLength(0);
  });

  it('cancels with やめる, keeps one survey at a time, and applies a redelivered event once', async () => {
    const { userId, residentId } = await newFriend('住民 中断');
    await next(userId, 0, 1);
    const talk = new Talk(userId);
    await talk.postback(`action=form.talk.start&form=${surveyId}`);
    let reply = await talk.tap('利用した');
    expect(lastText(reply)).toContain('Q2. 利用回数');

    // Another survey while this one waits: the resident is told, and asked the same question again.
    reply = await talk.postback(`action=form.talk.start&form=${otherSurveyId}`);
    expect(reply[0]!.message.text).toBe(
      'いまは「窓口満足度アンケート」に回答中です。こちらを最後まで答えるか、「やめる」と送ってから始めてください。',
    );
    expect(lastText(reply)).toContain('Q2. 利用回数');

    // The same webhook event handled twice (LINE redelivers; a handler is retried) moves on once.
    const event = {
      type: 'message',
      timestamp: Date.now(),
      webhookEventId: `01REDELIVER${randomBytes(8).toString('hex').toUpperCase()}`,
      replyToken: 'expired-reply-token',
      source: { type: 'user', userId },
      message: { type: 'text', id: '1', text: '3' },
    };
    await t.app.modules.formTalk.talk.onMessage(channelId, event);
    await t.app.modules.formTalk.talk.onMessage(channelId, event);
    const asked = async () => {
      const rows = await sql<{ progress: string }>(t.databaseUrl, `select progress from form_talk_session where resident_id = $1`, [
        residentId,
      ]);
      return (JSON.parse(t.app.keyring.decrypt(rows[0]!.progress)) as { asked: string[]; current: string }).current;
    };
    expect(await asked()).toBe('topics');

    reply = await talk.say('やめる');
    expect(lastText(reply)).toBe('回答をやめました。入力した内容は送信していません。');
    expect(await sql(t.databaseUrl, `select 1 from form_talk_session where resident_id = $1`, [residentId])).toHaveLength(0);
    expect(await sql(t.databaseUrl, `select 1 from form_submission where resident_id = $1`, [residentId])).toHaveLength(0);

    // After cancelling, the other survey can start.
    reply = await talk.postback(`action=form.talk.start&form=${otherSurveyId}`);
    expect(lastText(reply)).toContain('「イベント参加アンケート」');
    expect(lastText(reply)).toContain('Q1. 参加しましたか（必須）');
  });

  it('forgets a survey left alone for 24 hours', async () => {
    const { userId, residentId } = await newFriend('住民 放置');
    await next(userId, 0, 1);
    const talk = new Talk(userId);
    const expire = () =>
      sql(t.databaseUrl, `update form_talk_session set expires_at = now() - interval '1 minute' where resident_id = $1`, [residentId]);
    const sessions = async () => (await sql(t.databaseUrl, `select 1 from form_talk_session where resident_id = $1`, [residentId])).length;

    await talk.postback(`action=form.talk.start&form=${surveyId}`);
    await expire();
    expect(await t.app.modules.formTalk.talk.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await sessions()).toBe(0);

    // Expired but not purged yet: the resident's next line is not taken as an answer.
    await talk.postback(`action=form.talk.start&form=${surveyId}`);
    await expire();
    const before = (await received(userId)).length;
    await control('POST', `${friendPath(userId)}/messages`, { type: 'text', text: '利用した' });
    await until(async () => (await sessions()) === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await received(userId)).toHaveLength(before);
    // An old button of it says why nothing happens.
    const old = await talk.postback(`action=form.talk.answer&form=${surveyId}&field=used&value=yes`);
    expect(lastText(old)).toBe('このアンケートは現在回答できません。');
  });
});
