// For UI tests: what a person does in the workbench page, shared by every UI suite.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Runs a command from the command palette (F1), by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await input.press('Enter');
}

/**
 * The notification holding `text`, found in the notification center (this harness shows no toasts); on failure a
 * screenshot is saved at `screenshot`.
 */
export async function notification(page: Page, text: string, timeout: number, screenshot: string): Promise<Locator> {
  const item = page.locator('.notification-list-item, .notification-toast').filter({ hasText: text }).first();
  const deadline = Date.now() + timeout;
  while (!(await item.isVisible())) {
    if (Date.now() > deadline) {
      await page.screenshot({ path: screenshot });
      assert.fail(`no notification with "${text}" within ${timeout / 1000} s`);
    }
    if (!(await page.locator('.notifications-center.visible').isVisible())) {
      await page.locator('#status\\.notifications a, #status\\.notifications').first().click();
    }
    await page.waitForTimeout(250);
  }
  return item;
}

/** The Resources view's rows as shown: the label and the description, the codicon of the icon. */
export function treeRows(page: Page): Promise<{ label: string; description: string; icon: string }[]> {
  return page.locator('.sidebar .monaco-list-row .custom-view-tree-node-item').evaluateAll((items) => items.map((row) => ({
    label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
    description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    icon: [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((name) => name.startsWith('codicon-')) ?? '',
  })));
}

/** The first row of the side bar's tree labelled exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return page.locator('.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}
