// UI-level checks on the packaged extension, through the workbench's DOM: no VS Code API lists activity-bar
// entries or shows whether a view's welcome content is on screen.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');

describe('the installed .vsix in the workbench', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let page: Page;

  before(async () => {
    server = await startCodeServer({ vsix });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
  });

  it('shows a "Huawei Cloud" entry in the activity bar', async () => {
    const entry = page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]');
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('opens the Resources view with its welcome content when nothing is configured', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
    const welcome = page.locator('.welcome-view-content').filter({ hasText: 'No Huawei Cloud connection is configured yet.' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    const viewTitle = await page.locator('.sidebar .composite.title').innerText();
    assert.match(viewTitle, /HUAWEI CLOUD/i);
    await page.screenshot({ path: join(screenshots, 'welcome.png') });
  });
});
