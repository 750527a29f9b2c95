// What a person does in the workbench page (driven with playwright-core), shared by the UI tests and
// `npm run screenshots`.
import * as assert from 'node:assert/strict';

/**
 * Runs a command from the command palette (F1), by its title, as a person would.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function runCommand(page, title) {
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
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @param {number} timeout
 * @param {string} screenshot
 * @returns {Promise<import('playwright-core').Locator>}
 */
export async function notification(page, text, timeout, screenshot) {
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
