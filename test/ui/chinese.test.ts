// The installed .vsix in a VS Code whose display language is Simplified Chinese (zh-cn), read from the DOM as a
// Chinese user sees it. VS Code resolves a display language only when a language pack for it is installed: the
// harness installs the minimal pack of test/fixtures/zh-cn-language-pack and names it in languagepacks.json
// (scripts/lib/languagePack.mjs). The contributed strings come from package.nls.zh-cn.json; the runtime strings
// (tree rows, status bar, diagnostics) are read here with the same helpers, their Chinese coming from the l10n bundle.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { readManifest } from '../../scripts/lib/manifest.mjs';
import { runCommand, treeRows } from '../support/workbench';

const english = readManifest() as { contributes: { commands: { command: string; title: string }[] } };

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');
/** The workbench names an extension's status bar element `<publisher>.<name>.<item id>`. */
const STATUS_ITEM_ID = 'hwc-tools.huaweicloud-networks.huaweicloud.status';
const messages = JSON.parse(readFileSync(join(projectRoot, 'package.nls.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
/** The Chinese message of `key` in package.nls.zh-cn.json. */
const zh = (key: string): string => {
  const message = messages[key];
  if (!message) throw new Error(`package.nls.zh-cn.json has no ${key}`);
  return message;
};
/** A command's palette entry as the Chinese workbench shows it: "<category>: <title>". */
const palette = (command: string) => `${zh('command.category')}: ${zh(`command.${command}.title`)}`;
const chinese = readManifest({ locale: 'zh-cn' }) as {
  contributes: { walkthroughs: { title: string; steps: { title: string }[] }[] };
};

/** The Chinese of one of the runtime messages (l10n/bundle.l10n.zh-cn.json), by its English text. */
const runtimeBundle = JSON.parse(readFileSync(join(projectRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
function runtime(english: string): string {
  const chinese = runtimeBundle[english];
  assert.ok(chinese, `l10n/bundle.l10n.zh-cn.json has no "${english}"`);
  return chinese;
}

/** The status bar item's text (its icons are elements, not text). */
const statusBarText = async (page: Page) =>
  (
    await page
      .locator(`[id="${STATUS_ITEM_ID}"]`)
      .innerText()
      .catch(() => '')
  ).trim();

/**
 * The Problems panel's rows (opened with Ctrl+Shift+M) as they read: the message, then the source with the
 * diagnostic's code (which stays English: `network.cidr-host-bits`), then the position.
 */
async function problemRows(page: Page): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('the installed .vsix in Chinese (zh-cn)', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let page: Page;

  before(async () => {
    server = await startCodeServer({ vsix, locale: 'zh-cn', settings: { 'huaweicloud.region': 'cn-north-4' } });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
  });

  it('runs in zh-cn: the language the workbench hands extensions as vscode.env.language, and the pack applies', async () => {
    // The workbench's NLS language is what the extension host reports as vscode.env.language.
    assert.equal(
      await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE),
      'zh-cn',
    );
    // A workbench string of the fixture pack: VS Code's own Explorer.
    await page.locator('.activitybar .action-item a[aria-label^="资源管理器"]').waitFor({ timeout: 30_000 });
  });

  it('titles the activity bar entry, the view container and the view from package.nls.zh-cn.json', async () => {
    const entry = page.locator(`.activitybar .action-item a[aria-label^="${zh('viewsContainers.huaweicloud.title')}"]`);
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    await entry.click();
    await page
      .locator('.sidebar .composite.title')
      .filter({ hasText: zh('viewsContainers.huaweicloud.title') })
      .waitFor({ timeout: 30_000 });
    // The container's only view: its header is in the DOM, hidden, labelled with the view's name.
    const header = page.locator('.sidebar .pane-header').first();
    await header.waitFor({ state: 'attached', timeout: 30_000 });
    const label = (await header.getAttribute('aria-label')) ?? '';
    assert.ok(label.startsWith(`${zh('views.resources.name')} `), `the view's header is labelled "${label}"`);
  });

  it('shows the welcome view in Chinese, its buttons too, while nothing is configured', async () => {
    const welcome = page.locator('.sidebar .welcome-view-content');
    await welcome.filter({ hasText: '尚未配置华为云访问凭证' }).waitFor({ timeout: 30_000 });
    const buttons = await welcome.locator('.monaco-button').allInnerTexts();
    assert.deepEqual(
      buttons.map((text) => text.trim()),
      ['配置访问凭证', '试用本地模拟器', '新建网络文档', '新建地址组文档'],
    );
    await page.screenshot({ path: join(screenshots, 'chinese-welcome.png') });
  });

  it('offers a command in the palette by its Chinese title, and runs it: 华为云: 启动本地模拟器', async () => {
    for (const command of ['checkConnection', 'startEmulator']) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      // The palette matches the title (a query with the category's ": " finds nothing in Chinese).
      await input.fill(`>${zh(`command.${command}.title`)}`);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ hasText: palette(command) })
        .first();
      await row.waitFor({ timeout: 15_000 });
      // The row's first line is the Chinese title; VS Code adds the English one below it as the command's alias.
      assert.deepEqual(
        (await row.innerText()).split('\n').map((line) => line.trim()),
        [
          palette(command),
          `Huawei Cloud: ${english.contributes.commands.find((c) => c.command === `huaweicloud.${command}`)?.title}`,
        ],
      );
      if (command === 'startEmulator') await input.press('Enter');
      else await page.keyboard.press('Escape');
    }
    // The emulator's connection fills the view: the welcome view gives way to the tree.
    const deadline = Date.now() + 30_000;
    while ((await treeRows(page)).length === 0) {
      if (Date.now() > deadline) assert.fail('the tree stayed empty after 华为云: 启动本地模拟器');
      await page.waitForTimeout(250);
    }
  });

  it('reads the runtime strings from the DOM: the tree rows, the status bar item, a diagnostic', async () => {
    // Each is read as a person sees it, in l10n/bundle.l10n.zh-cn.json's words.
    const labels = (await treeRows(page)).map((row) => row.label);
    for (const list of ['ModelArts Networks', 'VPC Address Groups']) {
      assert.ok(labels.includes(runtime(list)), `no "${runtime(list)}" among the tree rows: ${labels.join(' | ')}`);
    }
    const item = page.locator(`[id="${STATUS_ITEM_ID}"]`);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.notEqual(await statusBarText(page), '');
    // Its label for screen readers: "华为云：" and what it shows.
    const itemLabel =
      (await item.getAttribute('aria-label')) ??
      (await item.locator('[aria-label]').first().getAttribute('aria-label'));
    assert.ok(
      itemLabel?.startsWith(runtime('Huawei Cloud: {0}').replace('{0}', '')),
      `the status bar item reads "${itemLabel}"`,
    );
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill('experiments.network.json');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'experiments.network.json' })
      .first()
      .waitFor();
    await input.press('Enter');
    // The extension's own finding on the CIDR 172.17.0.1/16, found by its code.
    const deadline = Date.now() + 30_000;
    let rows = await problemRows(page);
    while (!rows.some((row) => row.includes('network.cidr-host-bits')) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      rows = await problemRows(page);
    }
    const finding = rows.find((row) => row.includes('network.cidr-host-bits'));
    assert.ok(finding, `no network.cidr-host-bits among the problems: ${rows.join(' | ')}`);
    assert.match(finding, /172\.17\.0\.1\/16/);
    // The check's own words, in Chinese: "172.17.0.1/16 设置了主机位：…".
    // (Both of its wordings start so: "{0} has host bits set: …".)
    const hostBits = runtime('{0} has host bits set: write the network address, {1}.')
      .split('：')[0]
      ?.replace('{0}', '172.17.0.1/16');
    assert.ok(hostBits && finding.includes(hostBits), `the finding reads "${finding}"`);
    await page.screenshot({ path: join(screenshots, 'chinese-runtime.png') });
  });

  it("opens the walkthrough with package.nls.zh-cn.json's titles and the step's Chinese page (connect.nls.zh-cn.md)", async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const walkthrough = chinese.contributes.walkthroughs[0];
    assert.ok(walkthrough);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: walkthrough.title }).click();
    await page.locator('.getting-started-step .step-title').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(
      await page.locator('.getting-started-step .step-title').allInnerTexts(),
      walkthrough.steps.map((step) => step.title),
    );
    // The step's Markdown page is rendered in a webview (frames inside the page): its Chinese text, from the
    // .nls.zh-cn.md beside connect.md.
    const deadline = Date.now() + 30_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      for (const frame of page.frames()) {
        const text = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (text.includes('扩展使用访问密钥ID（AK）和秘密访问密钥（SK）对请求签名')) found = true;
      }
      if (!found) await page.waitForTimeout(250);
    }
    await page.screenshot({ path: join(screenshots, 'chinese-walkthrough.png') });
    assert.ok(found, "the connect step's page is not media/walkthrough/connect.nls.zh-cn.md");
  });
});
