/**
 * `npm run bench:forms`: residents submitting a 20-field form, the way LIFF sends it.
 *
 * One server (NODE_ENV=production) on a throwaway PostgreSQL. Staff build a registration form of
 * 20 answerable fields through GraphQL: 6 bound to resident attributes (single and multiple choice,
 * yes/no, number, a list of children's birth dates), 4 personal ones (stored encrypted: name,
 * kana, phone, email), and a department notification address (so each
 * submission also queues a mail in the outbox). BENCH_RESIDENTS residents with sessions then
 * submit it in a closed loop at BENCH_CONCURRENCY connections for BENCH_PHASE_S seconds; every
 * submission is one transaction: validation, encryption, receipt number, attribute values and
 * their history, the mail, the audit event.
 *
 * A request counts only when the answer carries a receipt number; afterwards the database must
 * hold exactly that many submissions, attribute changes for each and one queued mail per
 * submission, or the run fails.
 *
 * Last line: BENCH forms submissions_per_s=… p50_ms=… p95_ms=… p99_ms=… errors=…
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateSecrets } from '../e2e/harness/secrets.js';
import { insertResidents, signInAdmin } from './support/actors.js';
import { cpuBetween, cpuSnapshot, ensurePostgres, startBenchServer } from './support/environment.js';
import { envNumber, runBenchmark } from './support/run.js';
import { round, runLoad, summarize, type LoadRequest } from './support/load.js';

const PHASE_S = envNumber('BENCH_PHASE_S', 10, 2, 60);
const WARMUP_S = envNumber('BENCH_WARMUP_S', 2, 0, 10);
const CONCURRENCY = envNumber('BENCH_CONCURRENCY', 16, 1, 200);
const RESIDENTS = envNumber('BENCH_RESIDENTS', 400, 10, 10_000);
const WATCHDOG_MS = 300_000;
const print = (line = '') => process.stdout.write(`${line}\n`);

interface AttributeView {
  key: string;
  kind: string;
  options: Array<{ key: string; label: string }>;
}

/** The form: 20 answerable fields over two pages, six bound to attributes and four personal. */
function definition(attr: (key: string) => AttributeView) {
  const choice = (key: string) => attr(key).options.map((o) => ({ id: o.key, label: o.label }));
  return {
    schemaVersion: 1,
    confirmation: true,
    pages: [
      {
        id: 'p_profile',
        title: 'ご本人について',
        fields: [
          { id: 'f_name', type: 'text', label: 'お名前', required: true, personal: true, charset: 'zenkaku', maxLength: 40 },
          { id: 'f_kana', type: 'text', label: 'フリガナ', required: true, personal: true, charset: 'katakana', maxLength: 40 },
          { id: 'f_phone', type: 'phone', label: '電話番号', required: true, personal: true },
          { id: 'f_email', type: 'email', label: 'メールアドレス', personal: true },
          { id: 'f_postal', type: 'postalCode', label: '郵便番号', addressField: 'f_address' },
          { id: 'f_address', type: 'text', label: '住所', maxLength: 120 },
          {
            id: 'f_age',
            type: 'singleChoice',
            display: 'dropdown',
            label: '年代',
            required: true,
            attributeKey: 'age_band',
            options: choice('age_band'),
          },
          { id: 'f_gender', type: 'singleChoice', display: 'radio', label: '性別', attributeKey: 'gender', options: choice('gender') },
          { id: 'f_household', type: 'number', label: '世帯人数', integer: true, min: 1, max: 20, attributeKey: 'household_size' },
          { id: 'f_pregnant', type: 'yesNo', label: '妊娠中ですか', attributeKey: 'pregnant' },
        ],
      },
      {
        id: 'p_interests',
        title: '受け取りたい情報',
        fields: [
          {
            id: 'f_interests',
            type: 'multipleChoice',
            label: '関心のある分野',
            required: true,
            attributeKey: 'interests',
            options: choice('interests'),
          },
          { id: 'f_children', type: 'dateList', label: 'お子さまの生年月日', maxItems: 5, attributeKey: 'children_birth_dates' },
          { id: 'f_visit', type: 'date', label: '次に来庁する予定日' },
          { id: 'f_time', type: 'time', label: '連絡の取りやすい時間' },
          {
            id: 'f_channel',
            type: 'singleChoice',
            display: 'radio',
            label: 'この登録を知ったきっかけ',
            options: [
              { id: 'o_poster', label: 'ポスター' },
              { id: 'o_koho', label: '広報誌' },
              { id: 'o_web', label: '市のホームページ' },
              { id: 'o_other', label: 'その他' },
            ],
          },
          {
            id: 'f_channel_other',
            type: 'text',
            label: 'その他の内容',
            visibleWhen: { field: 'f_channel', op: 'equals', value: 'o_other' },
            required: true,
          },
          { id: 'f_score', type: 'number', label: '市の情報発信の満足度（1〜5）', integer: true, min: 1, max: 5 },
          { id: 'f_hiragana', type: 'text', label: 'よびな（ひらがな）', charset: 'hiragana', maxLength: 20 },
          { id: 'f_comment', type: 'text', multiline: true, label: 'ご意見・ご要望', maxLength: 2000 },
          {
            id: 'f_consent',
            type: 'consent',
            label: '利用規約',
            text: '登録内容を市のお知らせの配信に利用することに同意します。',
            required: true,
          },
        ],
      },
    ],
  };
}

function answers(i: number, attr: (key: string) => AttributeView) {
  const pick = (key: string, n: number) => attr(key).options[n % attr(key).options.length]!.key;
  const interests = attr('interests').options;
  return {
    f_name: `市民\u3000花子${'一二三四五'[i % 5]}`,
    f_kana: 'シミン\u3000ハナコ',
    f_phone: `090-${String(1000 + (i % 9000))}-${String(5678).padStart(4, '0')}`,
    f_email: `resident${i}@example.jp`,
    f_postal: '100-0001',
    f_address: '東京都千代田区千代田1-1',
    f_age: pick('age_band', i),
    f_gender: pick('gender', i),
    f_household: 1 + (i % 6),
    f_pregnant: i % 7 === 0,
    f_interests: [interests[i % interests.length]!.key, interests[(i + 3) % interests.length]!.key].filter((v, k, a) => a.indexOf(v) === k),
    f_children: i % 3 === 0 ? ['2019-04-02', '2022-11-30'] : [],
    f_visit: '2027-01-15',
    f_time: '18:30',
    f_channel: i % 4 === 0 ? 'o_other' : 'o_koho',
    ...(i % 4 === 0 ? { f_channel_other: '友人から聞いた' } : {}),
    f_score: 1 + (i % 5),
    f_hiragana: 'はなこ',
    f_comment: 'いつも分かりやすいお知らせをありがとうございます。\n子育ての情報をもっと知りたいです。',
    f_consent: true,
  };
}

const SUBMIT = `mutation($input: SubmitFormInput!) { submitForm(input: $input) { receiptNumber } }`;

async function main(cleanups: Array<() => Promise<unknown>>): Promise<void> {
  print(`Forms benchmark — ${os.availableParallelism()} cores, Node ${process.version}, ${CONCURRENCY} connections, ${PHASE_S} s`);
  const postgres = await ensurePostgres((line) => print(`  ${line}`));
  cleanups.push(() => postgres.stop());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'machi-bench-forms-'));
  cleanups.push(async () => fs.rmSync(workDir, { recursive: true, force: true }));
  const secrets = generateSecrets();
  const server = await startBenchServer({
    env: {
      ...secrets,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://bench.machi.invalid',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
      LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
      WEBHOOK_PROCESSING: 'server',
    },
    workDir,
    jobs: false,
  });
  cleanups.push(() => server.dropDatabase());
  cleanups.push(() => server.stop());
  print(`  server ${server.baseUrl} (pid ${server.pid})`);

  const admin = await signInAdmin(server);
  const { attributeDefinitions } = await admin.ok<{ attributeDefinitions: AttributeView[] }>(
    `{ attributeDefinitions { key kind options(includeRetired: false) { key label } } }`,
  );
  const attr = (key: string): AttributeView => {
    const found = attributeDefinitions.find((a) => a.key === key);
    if (!found) throw new Error(`the seed has no attribute ${key}`);
    return found;
  };
  const { createForm } = await admin.ok<{ createForm: { form: { id: string } } }>(
    `mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`,
    { input: { title: 'ベンチマーク用 受信設定の登録', kind: 'REGISTRATION' } },
  );
  const formId = createForm.form.id;
  await admin.ok(`mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
    id: formId,
    input: {
      definition: definition(attr),
      answerPolicy: 'REPEAT',
      access: 'LINE_REQUIRED',
      audience: 'EVERYONE',
      notificationEmails: ['kosodate@city.example.jp'],
    },
  });
  const { publishForm } = await admin.ok<{ publishForm: { form: { publishedVersion: { id: string } } } }>(
    `mutation($id: ID!) { publishForm(id: $id) { form { publishedVersion { id } } } }`,
    { id: formId },
  );
  const versionId = publishForm.form.publishedVersion.id;

  const db = new pg.Client({ connectionString: server.database.url });
  await db.connect();
  cleanups.push(() => db.end());
  const residents = await insertResidents(db, secrets, RESIDENTS);
  print(`  form ${formId} (20 fields, version ${versionId}), ${RESIDENTS} residents with sessions`);

  // Every request is a different resident's answers; one of them is checked through GraphQL first.
  const requests: LoadRequest[] = residents.map((r, i) => ({
    body: Buffer.from(JSON.stringify({ query: SUBMIT, variables: { input: { formId, versionId, answers: answers(i, attr) } } })),
    headers: { 'content-type': 'application/json', cookie: r.cookie },
    events: 1,
  }));
  const probe = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: requests[0]!.headers,
    body: requests[0]!.body.toString(),
  });
  const probeBody = (await probe.json()) as { data?: { submitForm?: { receiptNumber?: string } }; errors?: unknown[] };
  if (!probeBody.data?.submitForm?.receiptNumber) throw new Error(`a submission failed: ${JSON.stringify(probeBody.errors ?? probeBody)}`);
  print(`  first receipt number ${probeBody.data.submitForm.receiptNumber}`);

  let n = 0;
  const next = () => requests[n++ % requests.length]!;
  const url = new URL(`${server.baseUrl}/graphql`);
  if (WARMUP_S) await runLoad({ url, concurrency: CONCURRENCY, durationMs: WARMUP_S * 1000, next });
  const before = await cpuSnapshot(server.pid);
  const countBefore = Number((await db.query(`select count(*) from form_submission`)).rows[0].count);
  const result = await runLoad({ url, concurrency: CONCURRENCY, durationMs: PHASE_S * 1000, timeoutMs: 20_000, next });
  const cpu = cpuBetween(before, await cpuSnapshot(server.pid));

  // A 200 can still carry GraphQL errors: the database says how many submissions really landed.
  const stored = Number((await db.query(`select count(*) from form_submission`)).rows[0].count) - countBefore;
  const total = Number((await db.query(`select count(*) from form_submission`)).rows[0].count);
  const mails = Number((await db.query(`select count(*) from outbound_mail where purpose like 'forms.%'`)).rows[0].count);
  const receipts = Number((await db.query(`select count(distinct receipt_number) from form_submission`)).rows[0].count);
  const failed = result.ok - stored + result.errors;
  const s = summarize(result.latenciesMs);
  const perSecond = stored / (result.elapsedMs / 1000);
  print(
    `  ${stored} submissions in ${round(result.elapsedMs / 1000)} s: ${round(perSecond)}/s, p50 ${round(s.p50Ms)} ms, p95 ${round(s.p95Ms)} ms, p99 ${round(s.p99Ms)} ms`,
  );
  if (result.failures.size) print(`  failures: ${[...result.failures].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  print(`  cores: server ${cpu.server}, postgres ${cpu.postgres}, load generator ${cpu.loadgen}, other ${cpu.other}`);
  print(`  stored ${total} submissions in all, ${receipts} distinct receipt numbers, ${mails} notification mails queued`);
  if (receipts !== total) throw new Error(`receipt numbers are not unique: ${receipts} for ${total} submissions`);
  if (mails < total) throw new Error(`only ${mails} notification mails for ${total} submissions`);
  print(
    `BENCH forms submissions_per_s=${round(perSecond)} p50_ms=${round(s.p50Ms)} p95_ms=${round(s.p95Ms)} p99_ms=${round(s.p99Ms)} errors=${failed}`,
  );
}

runBenchmark(main, { watchdogMs: WATCHDOG_MS, print });
