import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  formatViolations,
  saveScreenshot,
  seriousAxeViolations,
  startE2E,
  type E2EEnvironment,
  type PageWithErrors,
} from './harness/index.js';

/**
 * The administrator's whole day one, through the built admin console: first login, a department,
 * a role and staff members; the new staff member sees only their own department; the operation
 * log records all of it. The steps share one server and run in order.
 */

const WAIT = { timeout: 15_000 };

const ADMIN_NEW_PASSWORD = 'Kanri-Sekinin-2026!';
const DEPARTMENT = { code: 'fukushi', name: '福祉課' };
const ROLE = { name: '福祉課職員', description: '福祉課の職員アカウントと操作ログを閲覧します。' };
const ROLE_PERMISSIONS = ['職員アカウントの閲覧', '部署の閲覧', '操作ログの閲覧'];
const TARO = {
  loginId: 'fukushi.taro',
  displayName: '福祉 太郎',
  initialPassword: 'Shoki-Pass-7431#',
  newPassword: 'Midori-Kaze-2026%',
};
const HANAKO = {
  loginId: 'shimin.hanako',
  displayName: '市民 花子',
  department: '市民課',
  role: '一般職員',
  initialPassword: 'Shoki-Pass-8620#',
};

const AUDITED_ACTIONS = ['identity.department.create', 'identity.role.create', 'identity.staff.create', 'identity.login.success'];

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A GraphQL request with the page's cookies (its session), as the console itself sends it. */
async function graphql<T>(page: Page, baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
  const response = await page.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    data: { query, variables },
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

/** Lets finite animations (a modal zooming in, a message fading) end: half-faded text fails contrast. */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await animationsSettled(page);
  const violations = await seriousAxeViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}

function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

async function openFromMenu(page: Page, item: string, heading: string): Promise<void> {
  await mainMenu(page).getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor(WAIT);
}

async function logIn(page: Page, baseUrl: string, loginId: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('ログインID', { exact: true }).fill(loginId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** The forced page after a first login: fills it in and waits for the home page. */
async function replaceInitialPassword(page: Page, current: string, next: string, screenshot: string): Promise<void> {
  await page.getByRole('heading', { name: 'パスワードを変更してください' }).waitFor(WAIT);
  await expectNoSeriousAxeViolations(page);
  await saveScreenshot(page, screenshot);
  await page.getByLabel('現在のパスワード', { exact: true }).fill(current);
  await page.getByLabel('新しいパスワード', { exact: true }).fill(next);
  await page.getByLabel('新しいパスワード（確認）', { exact: true }).fill(next);
  await page.getByRole('button', { name: 'パスワードを変更' }).click();
  await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor(WAIT);
}

/** antd Select: type into the combobox and take the highlighted match. */
async function choose(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

async function submitDialog(page: Page, button = '登録'): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', ...WAIT });
}

function tableRow(page: Page, text: string): Locator {
  return page.getByRole('table').getByRole('row').filter({ hasText: text });
}

async function createStaff(
  page: Page,
  staff: { loginId: string; displayName: string; department: string; role: string; initialPassword: string },
): Promise<void> {
  await page.getByRole('button', { name: '職員を追加' }).click();
  const dialog = page.getByRole('dialog', { name: '職員を追加' });
  await dialog.waitFor(WAIT);
  await dialog.getByRole('textbox', { name: 'ログインID', exact: true }).fill(staff.loginId);
  await dialog.getByRole('textbox', { name: '氏名', exact: true }).fill(staff.displayName);
  await choose(dialog.getByRole('combobox', { name: '部署', exact: true }), staff.department);
  await choose(dialog.getByRole('combobox', { name: 'ロール', exact: true }), staff.role);
  await dialog.getByLabel('初期パスワード', { exact: true }).fill(staff.initialPassword);
  await submitDialog(page);
  await tableRow(page, staff.loginId).waitFor(WAIT);
}

describe('admin flow: an administrator sets up a department, a role and staff, and the operation log records it', () => {
  let e2e: E2EEnvironment;
  let admin: PageWithErrors;
  let staff: PageWithErrors;
  let taroId: string;
  let hanakoId: string;
  let adminId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    admin = await e2e.newPage();
  });

  afterAll(async () => {
    await e2e?.teardown();
  });

  // Each step builds on the one before: after a failure, skip the rest instead of timing out in them.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  it('lets the administrator log in and forces the initial password to be replaced first', async () => {
    const { page } = admin;
    await page.goto(`${e2e.baseUrl}/admin/`);
    await page.getByRole('button', { name: 'ログイン', exact: true }).waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-01-login');

    await logIn(page, e2e.baseUrl, e2e.server.admin.loginId, e2e.server.admin.password);
    await replaceInitialPassword(page, e2e.server.admin.password, ADMIN_NEW_PASSWORD, 'admin-flow-02-forced-password-change');

    for (const item of ['職員アカウント', '部署', 'ロールと権限', 'APIキー', 'IPアドレス制限', '操作ログ']) {
      await mainMenu(page).getByRole('link', { name: item, exact: true }).waitFor(WAIT);
    }
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-03-admin-home');
  });

  it('lets the administrator create a department', async () => {
    const { page } = admin;
    await openFromMenu(page, '部署', '部署');
    await tableRow(page, '市民課').waitFor(WAIT);
    await page.getByRole('button', { name: '部署を追加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '部署コード', exact: true }).fill(DEPARTMENT.code);
    await dialog.getByRole('textbox', { name: '部署名', exact: true }).fill(DEPARTMENT.name);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-04-department-form');
    await submitDialog(page);

    const row = tableRow(page, DEPARTMENT.name);
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain(DEPARTMENT.code);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-05-departments');
  });

  it('lets the administrator create a role with read permissions for staff, departments and the operation log', async () => {
    const { page } = admin;
    await openFromMenu(page, 'ロールと権限', 'ロールと権限');
    await tableRow(page, '部署管理者').waitFor(WAIT);
    await page.getByRole('button', { name: 'ロールを追加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'ロール名', exact: true }).fill(ROLE.name);
    await dialog.getByRole('textbox', { name: '説明', exact: true }).fill(ROLE.description);
    for (const permission of ROLE_PERMISSIONS) {
      await dialog.getByRole('checkbox', { name: permission }).check();
    }
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-06-role-form');
    await submitDialog(page);

    const row = tableRow(page, ROLE.name);
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('3 件');
    await saveScreenshot(page, 'admin-flow-07-roles');
  });

  it('lets the administrator create a staff member in the new department with the new role, and one in 市民課', async () => {
    const { page } = admin;
    await openFromMenu(page, '職員アカウント', '職員アカウント');
    await tableRow(page, 'admin').waitFor(WAIT);

    await createStaff(page, { ...TARO, department: DEPARTMENT.name, role: ROLE.name });
    await createStaff(page, HANAKO);

    const taroRow = await tableRow(page, TARO.loginId).innerText();
    expect(taroRow).toContain(TARO.displayName);
    expect(taroRow).toContain(DEPARTMENT.name);
    expect(taroRow).toContain(ROLE.name);
    expect(taroRow).toContain('パスワード変更待ち');
    const hanakoRow = await tableRow(page, HANAKO.loginId).innerText();
    expect(hanakoRow).toContain(HANAKO.department);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-08-staff-list-admin');

    // The ids, to ask for these records directly later (the console has no per-record URLs).
    const answer = await graphql<{ staffUsers: { edges: Array<{ node: { id: string; loginId: string } }> } }>(
      page,
      e2e.baseUrl,
      'query { staffUsers(first: 50) { edges { node { id loginId } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const idOf = (loginId: string): string => {
      const id = answer.data?.staffUsers.edges.find((e) => e.node.loginId === loginId)?.node.id;
      if (!id) throw new Error(`no staff user ${loginId} in ${JSON.stringify(answer)}`);
      return id;
    };
    taroId = idOf(TARO.loginId);
    hanakoId = idOf(HANAKO.loginId);
    adminId = idOf('admin');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('button', { name: 'ログイン', exact: true }).waitFor(WAIT);
    await page.getByText('ログアウトしました。').waitFor(WAIT);
  });

  it('makes the new staff member replace the initial password and offers only the pages their role allows', async () => {
    staff = await e2e.newPage();
    const { page } = staff;
    await logIn(page, e2e.baseUrl, TARO.loginId, TARO.initialPassword);
    await replaceInitialPassword(page, TARO.initialPassword, TARO.newPassword, 'admin-flow-09-staff-forced-password-change');

    await page.getByText(`${TARO.displayName}（${DEPARTMENT.name}）`).waitFor(WAIT);
    const menu = mainMenu(page);
    for (const item of ['ホーム', '職員アカウント', '部署', '操作ログ']) {
      await menu.getByRole('link', { name: item, exact: true }).waitFor(WAIT);
    }
    for (const item of ['ロールと権限', 'APIキー', 'IPアドレス制限']) {
      expect(await menu.getByRole('link', { name: item, exact: true }).count(), `menu item ${item}`).toBe(0);
    }
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-10-staff-home');

    // Typing the address of a page the role does not allow shows the refusal, not the page.
    await page.goto(`${e2e.baseUrl}/admin/roles`);
    await page.getByRole('heading', { name: 'このページを表示する権限がありません' }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'ロールを追加' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-11-staff-roles-forbidden');
  });

  it("shows the staff member only their own department's staff and refuses another department's record", async () => {
    const { page } = staff;
    await page.goto(`${e2e.baseUrl}/admin/`);
    await openFromMenu(page, '職員アカウント', '職員アカウント');
    await tableRow(page, TARO.loginId).waitFor(WAIT);
    const table = await page.getByRole('table').innerText();
    expect(table).toContain(TARO.displayName);
    expect(table).not.toContain(HANAKO.loginId);
    expect(table).not.toContain(HANAKO.displayName);
    expect(table).not.toContain('システム管理者');
    expect(await tableRow(page, 'admin').count()).toBe(0);
    // Read-only: no creating or editing.
    expect(await page.getByRole('button', { name: '職員を追加' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `${TARO.displayName}を編集` }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-12-staff-list-own-department');

    // Asking for 市民課 by name in the console finds nobody.
    const search = page.getByRole('searchbox', { name: '職員を検索' });
    await search.fill(HANAKO.loginId);
    await search.press('Enter');
    await page.getByText('条件に合う職員はいません。').waitFor(WAIT);
    expect(await page.getByRole('table').innerText()).not.toContain(HANAKO.loginId);
    await saveScreenshot(page, 'admin-flow-13-staff-search-other-department');

    // Asking the API for the other department's records directly: they do not exist for this viewer.
    const query = 'query ($id: ID!) { staffUser(id: $id) { id loginId displayName } }';
    for (const id of [hanakoId, adminId]) {
      const refused = await graphql<{ staffUser: unknown }>(page, e2e.baseUrl, query, { id });
      expect(refused.data?.staffUser ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused)).toBe('NOT_FOUND');
    }
    const own = await graphql<{ staffUser: { loginId: string } }>(page, e2e.baseUrl, query, { id: taroId });
    expect(own.errors).toBeUndefined();
    expect(own.data?.staffUser.loginId).toBe(TARO.loginId);

    const listed = await graphql<{ staffUsers: { totalCount: number; edges: Array<{ node: { loginId: string } }> } }>(
      page,
      e2e.baseUrl,
      'query { staffUsers(first: 50, filter: { includeInactive: true }) { totalCount edges { node { loginId } } } }',
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.staffUsers.edges.map((e) => e.node.loginId)).toEqual([TARO.loginId]);
    expect(listed.data?.staffUsers.totalCount).toBe(1);

    // The staff member's own operation log holds their department's events, not 市民課's.
    await openFromMenu(page, '操作ログ', '操作ログ');
    await tableRow(page, 'identity.login.success').first().waitFor(WAIT);
    await tableRow(page, taroId).filter({ hasText: 'identity.staff.create' }).waitFor(WAIT);
    expect(await tableRow(page, hanakoId).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-14-staff-audit-own-department');

    expect(staff.pageErrors.map(String)).toEqual([]);
  });

  it('shows the administrator every step in the operation log, with the hash chain intact', async () => {
    const { page } = admin;
    await logIn(page, e2e.baseUrl, e2e.server.admin.loginId, ADMIN_NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor(WAIT);
    await openFromMenu(page, '操作ログ', '操作ログ');

    await page.getByRole('textbox', { name: '操作（前方一致）', exact: true }).fill('identity.');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await tableRow(page, 'identity.department.create').waitFor(WAIT);
    for (const action of AUDITED_ACTIONS) {
      await tableRow(page, action).first().waitFor(WAIT);
    }
    expect(await tableRow(page, 'system.seed').count(), 'the action filter applies').toBe(0);

    // Each creation names its target; fukushi.taro's login is recorded as fukushi.taro.
    const role = tableRow(page, 'identity.role.create');
    expect(await role.count()).toBe(1);
    const staffCreations = tableRow(page, 'identity.staff.create');
    expect(await staffCreations.count()).toBe(2);
    await staffCreations.filter({ hasText: taroId }).waitFor(WAIT);
    await staffCreations.filter({ hasText: hanakoId }).waitFor(WAIT);
    const taroLogin = tableRow(page, 'identity.login.success').filter({ hasText: TARO.loginId });
    expect(await taroLogin.count()).toBe(1);
    expect(await taroLogin.innerText()).toContain(taroId);
    await tableRow(page, 'identity.logout').filter({ hasText: 'admin' }).waitFor(WAIT);

    // The department creation's details show what was created.
    const department = tableRow(page, 'identity.department.create');
    expect(await department.count()).toBe(1);
    await department.getByRole('button').first().click();
    await page.getByText(`"code": "${DEPARTMENT.code}"`, { exact: false }).waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-15-audit-log');

    await page.getByRole('button', { name: '検証を実行' }).click();
    await page.getByText(/改ざんや欠落は見つかりませんでした（\d+ 件を検証）/).waitFor(WAIT);
    expect(await page.getByText('改ざんまたは欠落の可能性があります').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-flow-16-audit-chain-verified');

    expect(admin.pageErrors.map(String)).toEqual([]);
  });
});
