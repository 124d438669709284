import type { Locator, Page } from 'playwright-core';

/**
 * Driving the console's antd controls as staff do, by their visible labels. antd lists options in
 * a virtual list (only the first few are in the page), so these type to narrow the list first,
 * then click the option, close the dropdown and wait until it is gone: the next control may sit
 * where the dropdown was, and a dropdown still open would take its click.
 */

const WAIT = { timeout: 20_000 };

function pageOf(scope: Page | Locator): Page {
  return 'page' in scope ? scope.page() : scope;
}

/** The one open antd dropdown (a Select's or a TreeSelect's). */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:visible');
}

async function pick(scope: Page | Locator, label: string, search: string, item: (dropdown: Locator) => Locator): Promise<void> {
  const page = pageOf(scope);
  const select = scope.getByLabel(label, { exact: true });
  await select.click();
  await select.and(page.locator('[aria-expanded="true"]')).waitFor(WAIT);
  if (search) await select.fill(search);
  await item(openDropdown(page)).first().click(WAIT);
  // A single choice closes its dropdown itself; a multiple one stays open for more.
  if ((await select.getAttribute('aria-expanded')) === 'true') await select.press('Escape');
  await select.and(page.locator('[aria-expanded="false"]')).waitFor(WAIT);
  await openDropdown(page).waitFor({ state: 'hidden', ...WAIT });
}

/**
 * Picks the option of an antd Select (labelled `label`) whose text is `option` (exactly, or
 * matching a RegExp), typing `search` (by default the option itself) to find it.
 */
export async function chooseOption(scope: Page | Locator, label: string, option: string | RegExp, search?: string): Promise<void> {
  const typed = search ?? (typeof option === 'string' ? option : '');
  await pick(scope, label, typed, (dropdown) =>
    typeof option === 'string'
      ? dropdown.locator(`.ant-select-item-option[title="${option}"]`)
      : dropdown.locator('.ant-select-item-option').filter({ hasText: option }),
  );
}

/** Picks the entry titled `title` of an antd TreeSelect (labelled `label`), found by typing it. */
export async function chooseTreeOption(scope: Page | Locator, label: string, title: string): Promise<void> {
  await pick(scope, label, title, (dropdown) => dropdown.locator(`.ant-select-tree-node-content-wrapper[title="${title}"]`));
}

/** Chooses an antd radio (a plain one or a button) by its name: its input is hidden, so this clicks its label. */
export async function pickRadio(scope: Page | Locator, name: string): Promise<void> {
  const radio = scope.getByRole('radio', { name, exact: true });
  await scope.locator('label', { has: radio }).click();
  // The input itself stays hidden: wait for it to be checked, not shown.
  await scope.getByRole('radio', { name, exact: true, checked: true }).waitFor({ state: 'attached', ...WAIT });
}
