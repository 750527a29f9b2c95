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
  const offered = await rows.filter({ hasText: title }).count() > 0;
  await page.keyboard.press('Escape');
  return offered;
}

function commonPrefix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}
