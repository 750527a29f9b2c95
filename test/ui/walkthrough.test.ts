// The walkthrough of the installed .vsix, as a newcomer follows it: opened with "Welcome: Open Walkthrough…"
// (workbench.action.openWalkthrough), each step done by doing what it says — its own buttons where it has them — and
// its check mark read from the page, unchecked before and checked after. Against the emulator seeded in this process.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { DEFAULT_CREDENTIALS, Emulator } from '../../src/emulator/server';
import { notification, quickFixFor, runCommand } from '../support/workbench';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');
const WALKTHROUGH = 'hwc-tools.huaweicloud-networks#gettingStarted';
const STEPS = ['connect', 'write', 'fix', 'create', 'watch', 'find', 'apply'] as const;
type Step = (typeof STEPS)[number];
/** The workbench names an extension's status bar element `<publisher>.<name>.<item id>`. */
const STATUS_ITEM_ID = 'hwc-tools.huaweicloud-networks.huaweicloud.status';

describe('the walkthrough', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let emulator: Emulator;
  let page: Page;

  const checkbox = (step: Step) => page.locator(`[data-done-step-id="${WALKTHROUGH}#${step}"]`);
  /** The steps checked now, read from their check boxes. */
  const checked = async () => {
    const done: Step[] = [];
    for (const step of STEPS) if ((await checkbox(step).getAttribute('aria-checked')) === 'true') done.push(step);
    return done;
  };
  /** Brings the walkthrough's tab to the front (a click on it when it is in front already goes back to the list of walkthroughs). */
  const showWalkthrough = async () => {
    if (!(await checkbox('connect').isVisible())) {
      await page.locator('.tabs-container .tab').filter({ hasText: 'Welcome' }).click();
    }
    await checkbox('connect').waitFor();
  };
  const showDocument = () => page.locator('.tabs-container .tab').filter({ hasText: 'network-1.network.json' }).click();
  /** Waits until `step` is checked, then says which steps are: those before it, and it. */
  const completes = async (step: Step) => {
    await showWalkthrough();
    try {
      await page
        .locator(`[data-done-step-id="${WALKTHROUGH}#${step}"][aria-checked="true"]`)
        .waitFor({ timeout: 30_000 });
    } catch (error) {
      await page.screenshot({ path: join(screenshots, `walkthrough-${step}.png`) });
      throw error;
    }
    assert.deepEqual(await checked(), STEPS.slice(0, STEPS.indexOf(step) + 1));
  };
  /** Opens a step and clicks one of its buttons. */
  const clickStepButton = async (step: Step, button: string) => {
    await showWalkthrough();
    await page.locator(`[data-step-id="${WALKTHROUGH}#${step}"]`).click();
    await page
      .locator(`[x-step-description-for="${WALKTHROUGH}#${step}"] .monaco-button`)
      .filter({ hasText: button })
      .click();
  };
  /** Replaces `find` with `replace` in the active editor, with the Find/Replace widget. */
  const replaceInEditor = async (find: string, replace: string) => {
    await page.keyboard.press('Control+H');
    const widget = page.locator('.editor-widget.find-widget');
    await widget.locator('.find-part textarea, .find-part input').first().fill(find);
    await widget.locator('.replace-part textarea, .replace-part input').first().fill(replace);
    // Replace All.
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
  };

  before(async () => {
    emulator = new Emulator({});
    const url = await emulator.listen();
    server = await startCodeServer({
      vsix,
      settings: {
        'huaweicloud.endpoints': { iam: url, modelarts: url, vpc: url },
        'huaweicloud.region': 'cn-north-4',
        'huaweicloud.credentialSource': 'environment',
      },
      env: {
        HUAWEICLOUD_SDK_AK: DEFAULT_CREDENTIALS.accessKeyId,
        HUAWEICLOUD_SDK_SK: DEFAULT_CREDENTIALS.secretAccessKey,
      },
    });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it('opens from "Welcome: Open Walkthrough…" with its seven steps, none done', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'Get Started with Huawei Cloud Networks' })
      .click();
    await checkbox('apply').waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.locator('.getting-started-step .step-title').allInnerTexts(), [
      'Connect to Huawei Cloud or the local emulator',
      'Write a network document',
      'Fix it with the checks',
      'Create it',
      'Watch the status bar',
      'Find it in the explorer',
      'Change it with Apply',
    ]);
    assert.deepEqual(await checked(), []);
    await page.screenshot({ path: join(screenshots, 'walkthrough.png') });
  });

  it('connect: its Check Connection button opens the connection', async () => {
    await clickStepButton('connect', 'Check Connection');
    await notification(page, 'Connected to', 30_000, join(screenshots, 'walkthrough-connect.png'));
    await completes('connect');
  });

  it('write: its New Network Document button opens a valid network document', async () => {
    await clickStepButton('write', 'New Network Document');
    await page
      .locator('.monaco-editor .view-lines')
      .filter({ hasText: 'os.modelarts/name' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await completes('write');
  });

  it("fix: a CIDR with host bits set is underlined, and the lightbulb's fix completes the step", async () => {
    await showDocument();
    await replaceInEditor('192.168.128.0/17', '192.168.128.1/17');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
    // Still valid from the start does not count: the document must have had an error.
    await showWalkthrough();
    assert.deepEqual(await checked(), ['connect', 'write']);
    await showDocument();
    // The cursor on the finding, then the lightbulb's menu (Ctrl+.).
    await page.keyboard.press('Control+F');
    await page
      .locator('.editor-widget.find-widget .find-part textarea, .editor-widget.find-widget .find-part input')
      .first()
      .fill('192.168.128.1/17');
    await page.keyboard.press('Escape');
    const fix = await quickFixFor(page, '192.168.128.1/17', 'Use the network address: 192.168.128.0/17');
    await fix.click();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
    await completes('fix');
  });

  it("create: the editor title's Create from Document creates the network", async () => {
    await showDocument();
    await page.locator('.editor-actions .action-label[aria-label="Create from Document"]').click();
    await notification(page, 'Network network-name created', 30_000, join(screenshots, 'walkthrough-create.png'));
    await completes('create');
  });

  it('watch: the status bar follows the network to Active', async () => {
    await page
      .locator(`[id="${STATUS_ITEM_ID}"]`)
      .filter({ hasText: 'network-name: Active' })
      .waitFor({ timeout: 60_000 });
    await completes('watch');
  });

  it('find: its button opens the Huawei Cloud view, which lists the network', async () => {
    await clickStepButton('find', 'Open the Huawei Cloud View');
    await page.locator('.sidebar .monaco-list-row').filter({ hasText: 'ModelArts Networks' }).first().click();
    await page
      .locator('.sidebar .monaco-list-row')
      .filter({ hasText: 'network-name' })
      .first()
      .waitFor({ timeout: 15_000 });
    await completes('find');
  });

  it('apply: a description added to the document, Apply Document in the editor title, confirmed, updates the network', async () => {
    await showDocument();
    await replaceInEditor('"labels": {', '"annotations": { "os.modelarts/description": "Training jobs" }, "labels": {');
    await page.locator('.editor-actions .action-label[aria-label="Apply Document"]').click();
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'Apply 1 change to network network-name?' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await notification(page, 'Network network-name updated', 30_000, join(screenshots, 'walkthrough-apply.png'));
    await completes('apply');
    const project = emulator.store.projectFor('cn-north-4').id;
    assert.equal(
      emulator.store.getNetwork(project, `network-name-${project}`)?.network.metadata.annotations?.[
        'os.modelarts/description'
      ],
      'Training jobs',
    );
    await page.screenshot({ path: join(screenshots, 'walkthrough-done.png') });
  });
});
