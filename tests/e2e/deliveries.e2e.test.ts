import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminSession,
  animationsSettled,
  chooseOption,
  chooseTreeOption,
  formatViolations,
  pickRadio,
  saveScreenshot,
  seriousAxeViolations,
  startE2E,
  type AdminSession,
  type E2EEnvironment,
  type E2ELine,
  type PageWithErrors,
} from './harness/index.js';

/**
 * Issue 10 (segment delivery), as staff and residents see it:
 * 1. staff build a segment 「北地区にお住まいの方」 (居住地区 in 北地区, which takes in its 町丁目) in
 *    the console and see its live count: 3 of the 6 simulated residents;
 * 2. they compose a delivery for it: a text with a link to the city's page, and an image;
 * 3. a test send reaches the two test residents only (one of them outside the segment);
 * 4. they schedule it for the next minute; the job runner's tick sends it, and exactly the three
 *    residents of 北地区 receive it, nobody else;
 * 5. a resident opens the link, which LINE received as a tracked `/r/<token>` redirect to the
 *    city's page, and the delivery's page in the console counts the click.
 */

const WAIT = { timeout: 20_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
/** The scheduled send waits for its minute, then for the job runner's tick (every minute), then sends. */
const SCHEDULED_SEND = { timeout: 200_000, interval: 1_000 };

const SEGMENT_NAME = '北地区にお住まいの方';
const DELIVERY_TITLE = '12月の子育てひろば（北地区）';
const TEXT_LEAD =
  '北地区の子育てひろば（12月）のご案内です。\n日時：12月12日（土）10時から 会場：北地区コミュニティセンター\n詳しくはこちら ';
/**
 * LINE fetches message images itself, so they must be https (the server and LINE both refuse
 * http). The console's composer takes an image by its URL (it has no upload), and an image
 * uploaded to this server would have the e2e server's http:// URL: the image is the city's own.
 */
const IMAGE_URL = 'https://www.city.demo.example.jp/kosodate/images/hiroba-2026-12.png';
/**
 * The city's page the text links to, served by the test on plain http: the e2e server's PUBLIC_URL
 * is http, and the server leaves an https link untracked rather than send it through an http redirect.
 */
const CITY_PAGE_PATH = '/kosodate/hiroba-2026-12.html';
const CITY_PAGE_HEADING = '子育てひろば（12月）';

interface SimulatedResident {
  displayName: string;
  /** 居住地区 (an area option key of the demo seed), or none. */
  area: string | null;
  tester: boolean;
  /** Whether the segment (居住地区 in 北地区) takes them in. */
  inSegment: boolean;
}

/** a02 is 北地区: a02-01-1 北町一丁目, a02-03-2 桜台二丁目, a02-05-3 白山三丁目; a03-01-1 南町一丁目 (南地区), a01-01-1 本町一丁目 (中央地区). */
const RESIDENTS: SimulatedResident[] = [
  { displayName: '北野 あかり', area: 'a02-01-1', tester: true, inSegment: true },
  { displayName: '桜井 大地', area: 'a02-03-2', tester: false, inSegment: true },
  { displayName: '白石 みのり', area: 'a02-05-3', tester: false, inSegment: true },
  { displayName: '南 健太', area: 'a03-01-1', tester: true, inSegment: false },
  { displayName: '本田 さくら', area: 'a01-01-1', tester: false, inSegment: false },
  { displayName: '田中 一郎', area: null, tester: false, inSegment: false },
];
const MATCHING = RESIDENTS.filter((r) => r.inSegment).map((r) => r.displayName);
const TESTERS = RESIDENTS.filter((r) => r.tester).map((r) => r.displayName);

interface ReceivedEntry {
  id: string;
  message: { type: string; text?: string; originalContentUrl?: string; previewImageUrl?: string };
  delivery?: { kind: string; requestId: string };
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await animationsSettled(page);
  const violations = await seriousAxeViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}

function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

async function openFromMenu(page: Page, item: string, heading: string | RegExp): Promise<void> {
  await mainMenu(page).getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor(WAIT);
}

/** A full-page screenshot from the top: scrolled, the console's sticky header and menu would be drawn part-way down. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

/** The delivery page's 送信 card. */
function sendPanel(page: Page): Locator {
  return page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 2, name: '送信', exact: true }) });
}

/** Waits until the 送信 card's estimate has arrived and shows these recipients and messages. */
async function estimateShows(page: Page, recipients: string, messages: string): Promise<void> {
  const estimate = sendPanel(page).getByRole('status').and(page.locator('[aria-busy="false"]'));
  await estimate.getByRole('row').filter({ hasText: '対象（友だち）' }).getByText(recipients, { exact: true }).waitFor(WAIT);
  await estimate.getByRole('row').filter({ hasText: '使う通数' }).getByText(messages, { exact: true }).waitFor(WAIT);
}

/** `2026-12-08T10:30`: the instant on Tokyo's wall clock, as a `datetime-local` input takes it. */
function jstLocal(instant: number): string {
  return new Date(instant + 9 * 3_600_000).toISOString().slice(0, 16);
}

/** `2026/12/08（火）10:30`, as the console writes a time in Tokyo. */
function jstShown(instant: number): string {
  const wall = new Date(instant + 9 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = ['日', '月', '火', '水', '木', '金', '土'][wall.getUTCDay()];
  return `${wall.getUTCFullYear()}/${pad(wall.getUTCMonth() + 1)}/${pad(wall.getUTCDate())}（${weekday}）${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** The city's own website, where the delivery's link leads: it answers one page and remembers who asked for it. */
async function startCityWebsite(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === CITY_PAGE_PATH) {
      hits.push(req.url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="ja"><head><title>${CITY_PAGE_HEADING}｜デモ市</title></head>
        <body><main><h1>${CITY_PAGE_HEADING}</h1><p>北地区コミュニティセンターで開きます。</p></main></body></html>`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('deliveries: a segment, a test send, a scheduled send to exactly that segment, and the click on its link', () => {
  let e2e: E2EEnvironment;
  let line: E2ELine;
  let staffApi: AdminSession;
  let city: Awaited<ReturnType<typeof startCityWebsite>>;
  let admin: PageWithErrors;
  let residentBrowser: PageWithErrors;

  /** Display name → LINE user id, for the emulator's records. */
  const userIds = new Map<string, string>();
  let cityLink = '';
  let deliveryId = '';
  let trackedLink = '';

  /** What the delivery's runs sent each resident (multicasts: the follow greeting is a reply), by display name. */
  async function deliveredTo(displayName: string): Promise<ReceivedEntry[]> {
    const userId = userIds.get(displayName);
    if (!userId) throw new Error(`no simulated resident ${displayName}`);
    const { messages } = await line.emulator.control<{ messages: ReceivedEntry[] }>(
      'GET',
      `/channels/${line.emulatorChannel.channelId}/friends/${userId}/received`,
    );
    return messages.filter((m) => m.delivery?.kind === 'multicast');
  }

  /** How many of the delivery's messages each simulated resident has received. */
  async function receivedCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { displayName } of RESIDENTS) counts[displayName] = (await deliveredTo(displayName)).length;
    return counts;
  }

  const countsOf = (entries: Array<[string[], number]>): Record<string, number> =>
    Object.fromEntries(RESIDENTS.map(({ displayName }) => [displayName, entries.find(([names]) => names.includes(displayName))?.[1] ?? 0]));

  /** The delivery's text and image as one resident received them in one send. */
  function expectTheDelivery(entries: ReceivedEntry[]): void {
    expect(entries.map((e) => e.message.type)).toEqual(['text', 'image']);
    const [text, image] = entries as [ReceivedEntry, ReceivedEntry];
    expect(text.message.text?.startsWith(TEXT_LEAD)).toBe(true);
    // The link became the server's tracked redirect; the city's address is not in the text.
    expect(text.message.text).toMatch(new RegExp(`${e2e.baseUrl.replace(/[.:/]/g, '\\$&')}/r/[A-Za-z0-9_-]+$`));
    expect(text.message.text).not.toContain(cityLink);
    expect(image.message).toMatchObject({ type: 'image', originalContentUrl: IMAGE_URL, previewImageUrl: IMAGE_URL });
  }

  beforeAll(async () => {
    city = await startCityWebsite();
    cityLink = `${city.url}${CITY_PAGE_PATH}`;
    e2e = await startE2E({ withEmulator: true });
    if (!e2e.line) throw new Error('startE2E({ withEmulator: true }) did not connect a channel');
    line = e2e.line;
    staffApi = await adminSession({ ...e2e.server, admin: line.admin });

    admin = await e2e.newPage();
    residentBrowser = await e2e.newPage(PHONE);
  });

  afterAll(async () => {
    await staffApi?.close();
    await e2e?.teardown();
    await city?.close();
  });

  // The steps build on each other: after a failure, skip the rest instead of timing out in them.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
    context.onTestFailed(async () => {
      failed = true;
      if (e2e) console.error(`--- server output ---\n${e2e.server.logs()}`);
      // What the console showed when it failed.
      if (admin) await saveScreenshot(admin.page, 'deliveries-failed').catch(() => undefined);
    });
  });

  it('six simulated residents add the account as a friend; their 居住地区 and the two testers are set', async () => {
    // Six residents add the account as a friend (follow webhooks → the server's residents).
    const { friends } = await line.emulator.control<{ friends: Array<{ userId: string; displayName: string }> }>(
      'POST',
      `/channels/${line.emulatorChannel.channelId}/friends`,
      { count: RESIDENTS.length, displayNames: RESIDENTS.map((r) => r.displayName) },
    );
    for (const friend of friends) userIds.set(friend.displayName, friend.userId);
    type Residents = { residents: { edges: Array<{ node: { id: string; displayName: string | null; followStatus: string } }> } };
    const residentsQuery = `query ($channelId: ID!) {
      residents(first: 50, filter: { channelId: $channelId }) { edges { node { id displayName followStatus } } }
    }`;
    const residentIds = new Map<string, string>();
    await expect
      .poll(
        async () => {
          const answer = await staffApi.graphql<Residents>(residentsQuery, { channelId: line.serverChannel.id });
          for (const { node } of answer.residents.edges)
            if (node.displayName && node.followStatus === 'FOLLOWING') residentIds.set(node.displayName, node.id);
          return [...residentIds.keys()].sort();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(RESIDENTS.map((r) => r.displayName).sort());

    // What they told the city beforehand (their 居住地区) and who checks test sends.
    for (const resident of RESIDENTS) {
      const id = residentIds.get(resident.displayName)!;
      if (resident.area)
        await staffApi.graphql(`mutation ($input: SetResidentAttributesInput!) { setResidentAttributes(input: $input) { residentId } }`, {
          input: { residentId: id, values: [{ attributeKey: 'residence_area', optionKeys: [resident.area] }] },
        });
      if (resident.tester)
        await staffApi.graphql(`mutation ($input: UpdateResidentInput!) { updateResident(input: $input) { resident { id } } }`, {
          input: { id, isTestRecipient: true },
        });
    }
  });

  it('staff build a segment of the residents of 北地区 and see its live count (3 of the 6 friends)', async () => {
    const { page, pageErrors } = admin;
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByLabel('ログインID', { exact: true }).fill(line.admin.loginId);
    await page.getByLabel('パスワード', { exact: true }).fill(line.admin.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor(WAIT);

    await openFromMenu(page, 'セグメント', 'セグメント');
    await page.getByRole('button', { name: '新規作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しいセグメント' }).waitFor(WAIT);
    await page.getByRole('textbox', { name: '名前', exact: true }).fill(SEGMENT_NAME);
    const condition = page.getByRole('group', { name: '条件 1' });
    await chooseOption(condition, '属性', '居住地区');
    await chooseTreeOption(condition, '選択肢', '北地区');

    // The count of the condition as it stands, once it has settled (it is counted again after each change).
    const count = page.getByRole('status').and(page.locator('[aria-busy="false"]'));
    await count.getByText('対象: 3人（友だち）').waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, 'deliveries-01-segment-editor');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(`「${SEGMENT_NAME}」を作成しました。`).waitFor(WAIT);
    await page.getByRole('heading', { level: 1, name: SEGMENT_NAME }).waitFor(WAIT);
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('staff compose a delivery to the segment: a text with a link to the city’s page and an image', async () => {
    const { page, pageErrors } = admin;
    await openFromMenu(page, '配信', '配信');
    await page.getByRole('button', { name: '新規作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しい配信' }).waitFor(WAIT);

    await page.getByLabel('件名（管理用）', { exact: true }).fill(DELIVERY_TITLE);
    // To a segment is the composer's starting point.
    expect(await page.getByRole('radio', { name: 'セグメント', exact: true }).isChecked()).toBe(true);
    await chooseOption(page, '配信するセグメント', new RegExp(`^${SEGMENT_NAME}`), SEGMENT_NAME);
    // Planned for tomorrow morning at first; it is brought forward once the test send is checked.
    await pickRadio(page, '日時を指定');
    await page.getByLabel('配信日時', { exact: true }).fill(`${jstLocal(Date.now() + 86_400_000).slice(0, 10)}T09:00`);

    const text = page.getByRole('group', { name: '1通目：テキスト' });
    await text.getByLabel('本文', { exact: true }).fill(`${TEXT_LEAD}${cityLink}`);
    await page.getByRole('button', { name: 'メッセージを追加' }).click();
    await page.getByRole('menuitem', { name: '画像', exact: true }).click();
    const image = page.getByRole('group', { name: '2通目：画像' });
    await image.getByLabel('画像のURL', { exact: true }).fill(IMAGE_URL);
    await image.getByRole('button', { name: 'プレビューにも同じ画像を使う' }).click();
    expect(await image.getByLabel('プレビュー画像のURL', { exact: true }).inputValue()).toBe(IMAGE_URL);

    const preview = page.getByRole('region', { name: 'プレビュー（日本語）' });
    await preview.getByText('北地区の子育てひろば（12月）のご案内です。', { exact: false }).waitFor(WAIT);
    await preview.getByText('画像（ここでは表示できません）').waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, 'deliveries-02-compose');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(`「${DELIVERY_TITLE}」を作成しました。`).waitFor(WAIT);
    await page.waitForURL(/\/admin\/deliveries\/[0-9a-f-]{36}\/edit$/, WAIT);
    deliveryId = /\/deliveries\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1]!;
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('a test send reaches the two test residents only, the one outside the segment too', async () => {
    const { page, pageErrors } = admin;
    await page.getByRole('button', { name: 'テスト・送信へ' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${DELIVERY_TITLE}`) }).waitFor(WAIT);
    const send = sendPanel(page);
    // The segment's three friends; LINE counts one message per friend for the text and the image sent together.
    await estimateShows(page, '3人', '3通');

    await send.getByRole('button', { name: 'テスト配信' }).click();
    await page.getByText('テスト配信を始めました。テスト受信者に届きます。').waitFor(WAIT);
    // The run's panel follows it live until both testers have it.
    await page.getByText('2人中 2人に送信済み（100%）').waitFor({ timeout: 60_000 });

    expect(await receivedCounts()).toEqual(countsOf([[TESTERS, 2]]));
    for (const name of TESTERS) expectTheDelivery(await deliveredTo(name));
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, 'deliveries-03-test-sent');
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('scheduled for the next minute, the job runner sends it to exactly the three residents of 北地区', { timeout: 300_000 }, async () => {
    const { page, pageErrors } = admin;
    await page.getByRole('button', { name: '編集', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: DELIVERY_TITLE }).waitFor(WAIT);
    // The next whole minute (the console schedules by the minute); the server takes a time up to a minute past, should saving take long.
    const at = Math.ceil((Date.now() + 1_000) / 60_000) * 60_000;
    await page.getByLabel('配信日時', { exact: true }).fill(jstLocal(at));
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(`「${DELIVERY_TITLE}」を保存しました。`).waitFor(WAIT);

    await page.getByRole('button', { name: 'テスト・送信へ' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${DELIVERY_TITLE}`) }).waitFor(WAIT);
    // What staff read before they schedule it (the confirmation repeats the number).
    await estimateShows(page, '3人', '3通');
    await sendPanel(page).getByRole('button', { name: '予約する', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'この配信を予約しますか？' });
    await dialog.getByText(`「${DELIVERY_TITLE}」をセグメント（3人）に送ります。`).waitFor(WAIT);
    await dialog.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByText('予約しました。').waitFor(WAIT);
    await page.getByText(`予約済みです。次回は ${jstShown(at)} に送ります。`).waitFor(WAIT);
    await screenshot(page, 'deliveries-04-scheduled');

    // The tick starts it once its minute has come; the run sends to the segment as it is then.
    const tester = RESIDENTS.find((r) => r.tester && r.inSegment)!.displayName;
    const expected = countsOf([
      [[tester], 4], // the test send's copy and the real one
      [MATCHING, 2],
      [TESTERS, 2], // the test send's copy only
    ]);
    await expect
      .poll(async () => {
        const counts = await receivedCounts();
        return MATCHING.map((name) => counts[name]);
      }, SCHEDULED_SEND)
      .toEqual(MATCHING.map((name) => expected[name]));
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    // Finished (every batch sent): what each resident has now is all this delivery sends them.
    const sentNote = page.getByText('送信が終わりました。');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: new RegExp(`^${DELIVERY_TITLE}`) }).waitFor(WAIT);
          return sentNote.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    // Nobody outside 北地区 received it; the testers outside it have only the test send's copy.
    expect(await receivedCounts()).toEqual(expected);
    const realSends = await Promise.all(MATCHING.map(async (name) => (await deliveredTo(name)).slice(-2)));
    for (const real of realSends) expectTheDelivery(real);
    // One multicast for the whole run: the three of them, text and image, in one request.
    expect(new Set(realSends.flat().map((e) => e.delivery?.requestId)).size).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, 'deliveries-05-sent');
    trackedLink = /\S+$/.exec(realSends[1]![0]!.message.text ?? '')![0];
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('a resident opens the link, is led to the city’s page, and the delivery’s page counts the click', async () => {
    const { page, pageErrors } = residentBrowser;
    expect(trackedLink).toMatch(new RegExp(`^${e2e.baseUrl.replace(/[.:/]/g, '\\$&')}/r/`));
    await page.goto(trackedLink);
    await page.getByRole('heading', { level: 1, name: CITY_PAGE_HEADING }).waitFor(WAIT);
    expect(page.url()).toBe(cityLink);
    expect(city.hits).toEqual([CITY_PAGE_PATH]);
    expect(pageErrors.map(String)).toEqual([]);

    const staff = admin.page;
    const clicks = staff.getByRole('region', { name: 'クリック数', exact: true });
    // Clicks are written about a second behind: look again until it is there.
    await expect
      .poll(
        async () => {
          await staff.goto(`${e2e.baseUrl}/admin/deliveries/${deliveryId}`);
          await clicks.getByText('クリック数（合計）').waitFor(WAIT);
          return (await clicks.locator('.ant-statistic-content').textContent())?.trim();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('1回');
    const row = clicks.getByRole('table').getByRole('row').filter({ hasText: cityLink });
    expect(await row.getByRole('cell').allTextContents()).toEqual([cityLink, '1']);
    await clicks.scrollIntoViewIfNeeded();
    await expectNoSeriousAxeViolations(staff);
    await screenshot(staff, 'deliveries-06-stats');
    expect(admin.pageErrors.map(String)).toEqual([]);
  });
});
