// For UI tests: what a person does in the workbench page, shared by every UI suite (and by `npm run screenshots`).
import type { Locator, Page } from 'playwright-core';

export { notification, runCommand } from '../../scripts/lib/workbench.mjs';

/**
 * Whether the command palette offers the command titled `title`, judged once the palette lists `present` (a
 * command always offered whose title shares the typed prefix): a hidden command is simply not among the rows.
 */
export async function commandOffered(page: Page, title: string, present: string): Promise<boolean> {
  const prefix = commonPrefix(title, present);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${prefix}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: present }).first().waitFor();
  const offered = (await rows.filter({ hasText: title }).count()) > 0;
  await page.keyboard.press('Escape');
  return offered;
}

function commonPrefix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

/** The Resources view's rows as shown: the label and the description, the codicon of the icon. */
export function treeRows(page: Page): Promise<{ label: string; description: string; icon: string }[]> {
  return page.locator('.sidebar .monaco-list-row .custom-view-tree-node-item').evaluateAll((items) =>
    items.map((row) => ({
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      icon:
        [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((name) =>
          name.startsWith('codicon-'),
        ) ?? '',
    })),
  );
}

/** The first row of the side bar's tree labelled exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return page
    .locator('.sidebar .monaco-list-row')
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
}

/**
 * The lightbulb's fix titled `title` for the finding on `text` in the active editor, once its menu lists it. The menu
 * can miss a first Ctrl+. (focus still leaving a find widget or the notifications), so it is asked again, with the
 * cursor on the finding, up to four times.
 */
export async function quickFixFor(page: Page, text: string, title: string): Promise<Locator> {
  const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: title });
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.locator('.monaco-editor .view-lines').getByText(text).first().click();
    await page.keyboard.press('Control+.');
    if (
      await fix.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    ) {
      return fix;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`the lightbulb never listed "${title}" for ${text}`);
}
