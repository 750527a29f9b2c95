// The "Huawei Cloud" status bar item as a person sees it in the workbench of the installed .vsix: the region when
// idle, "Local emulator" while the local emulator is in use, and on click the operations list under "Select Region /
// Project…". Read from the DOM: no VS Code API tells what a status bar item shows.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { runCommand as runCommandIn } from '../support/workbench';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');
/** The workbench names an extension's status bar element `<publisher>.<name>.<item id>`. */
const STATUS_ITEM_ID = 'hwc-tools.huaweicloud-networks.huaweicloud.status';

describe('the status bar item of the installed .vsix', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let page: Page;
  let item: Locator;

  const runCommand = (title: string) => runCommandIn(page, title);
  /** Waits until the item's text (icons are elements, not text) matches `expected`. */
  const itemText = async (expected: RegExp, timeout = 30_000) => {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      text = (await item.innerText().catch(() => '')).trim();
      if (expected.test(text)) return text;
      await page.waitForTimeout(200);
    }
    await page.screenshot({ path: join(screenshots, 'status-bar-item.png') });
    assert.fail(`the status bar item reads "${text}", not ${expected}`);
  };

  before(async () => {
    server = await startCodeServer({ vsix, settings: { 'huaweicloud.region': 'ap-southeast-1' } });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
    item = page.locator(`[id="${STATUS_ITEM_ID}"]`);
  });

  after(async () => {
    await server?.stop();
  });

  it('once the extension is active, shows the region of the settings with a cloud icon, opening no connection', async () => {
    // Opening its view activates the extension.
    await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await itemText(/^ap-southeast-1$/), 'ap-southeast-1');
    assert.equal(await item.locator('.codicon-cloud').count(), 1);
    assert.match(
      (await item.locator('a, .statusbar-item-label').first().getAttribute('aria-label')) ?? '',
      /Huawei Cloud: ap-southeast-1/,
    );
    await page.screenshot({ path: join(screenshots, 'status-bar-idle.png') });
  });

  it('a click opens the operations list, "Select Region / Project…" at its top', async () => {
    await item.click();
    await page
      .locator('.quick-input-widget .quick-input-title')
      .filter({ hasText: 'Provisioning Operations' })
      .waitFor({ timeout: 15_000 });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    assert.match(await rows.first().innerText(), /Select Region \/ Project…/);
    assert.match(await rows.first().innerText(), /ap-southeast-1/);
    await rows.filter({ hasText: 'No provisioning operations yet' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'status-bar-operations.png') });
    await page.keyboard.press('Escape');
  });

  it('reads "Local emulator" while the local emulator is in use, and the region again once it stops', async () => {
    await runCommand('Huawei Cloud: Start Local Emulator');
    await itemText(/^Local emulator$/);
    await runCommand('Huawei Cloud: Stop Local Emulator');
    await itemText(/^ap-southeast-1$/);
  });

  it('follows a network created from a new document: "Creating" with a spinner, then "Active" with a check; the tree row shows it; the editor title offers Create, then Apply', async () => {
    await runCommand('Huawei Cloud: Start Local Emulator');
    await itemText(/^Local emulator$/);
    await runCommand('Huawei Cloud: New Network Document');
    await page
      .locator('.monaco-editor .view-lines')
      .filter({ hasText: 'os.modelarts/name' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    // The editor's title offers Create for a document that is nothing yet, and not Compare or Apply.
    const titleAction = (title: string) => page.locator(`.editor-actions .action-label[aria-label*="${title}"]`);
    await titleAction('Create from Document').waitFor({ timeout: 15_000 });
    assert.equal(await titleAction('Apply Document').count(), 0);
    assert.equal(await titleAction('Compare with Live').count(), 0);
    await runCommand('Huawei Cloud: Create from Document');
    const creating = await itemText(/^network-name: (Creating|Pending|)$|^network-name: Creating/);
    assert.ok(
      (await item.locator('.codicon-sync, .codicon-loading, .codicon-modifier-spin').count()) >= 1,
      `no spinner beside "${creating}"`,
    );
    await page.screenshot({ path: join(screenshots, 'status-bar-creating.png') });
    await itemText(/^network-name: Active$/, 60_000);
    assert.equal(await item.locator('.codicon-check').count(), 1);
    await page.screenshot({ path: join(screenshots, 'status-bar-active.png') });
    // Created, the document is linked: the title offers Compare and Apply, each with its own icon, and no Create.
    await titleAction('Apply Document').waitFor({ timeout: 15_000 });
    await titleAction('Compare with Live').waitFor();
    assert.equal(await titleAction('Create from Document').count(), 0);
    assert.equal(
      await titleAction('Apply Document').locator('xpath=self::*[contains(@class, "codicon-repo-push")]').count(),
      1,
    );
    const row = page.locator('.monaco-list-row').filter({ hasText: 'network-name' }).first();
    await row.waitFor({ timeout: 15_000 });
    // The row shows the network's CIDR; its phase is the icon (a check once Active).
    assert.match(await row.innerText(), /network-name[\s\S]*192\.168\.\d+\.\d+\/\d+/);
    await row.locator('.custom-view-tree-node-item-icon.codicon-pass').waitFor({ timeout: 15_000 });
    await runCommand('Huawei Cloud: Stop Local Emulator');
  });
});
