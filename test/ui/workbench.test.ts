// UI-level checks on the packaged extension, through the workbench's DOM as a person uses it: no VS Code API
// lists activity-bar entries, reads a view's welcome content or types into an input box.
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { type FakeCloud, startFakeCloud, TEST_KEY, sampleAddressGroups, sampleNetworks } from '../support/fakeCloud';
import { commandOffered, notification as notificationIn, runCommand as runCommandIn } from '../support/workbench';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');
const PROJECT = '11112222333344445555666677778888';

/** Every file under `dir` whose content contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(entry));
    try {
      if (statSync(path).isFile() && statSync(path).size < 20_000_000 && readFileSync(path).includes(needle)) {
        hits.push(path);
      }
    } catch {
      // a file that vanished while walking
    }
  }
  return hits;
}

describe('the installed .vsix in the workbench', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let cloud: FakeCloud;
  let page: Page;

  const runCommand = (title: string) => runCommandIn(page, title);
  /** Waits for the quick input titled `title`, types `value` and presses Enter. */
  const answerInput = async (title: string, value: string) => {
    await page
      .locator('.quick-input-widget .quick-input-title')
      .filter({ hasText: title })
      .waitFor({ state: 'visible' });
    const input = page.locator('.quick-input-widget input');
    await input.fill(value);
    await input.press('Enter');
  };
  /**
   * The notification holding `text`, once it exists. VS Code 1.139 in this harness does not pop up toasts, so the
   * notification center is opened (the status bar's bell) to find it.
   */
  const notification = (text: string, timeout = 15_000) =>
    notificationIn(page, text, timeout, join(screenshots, 'missing-notification.png'));
  /** Closes the notification center and clears its notifications, so that the next check sees only new ones. */
  const clearNotifications = async () => {
    await runCommand('Notifications: Clear All Notifications');
    await page.keyboard.press('Escape');
  };

  before(async () => {
    cloud = await startFakeCloud((call) => {
      if (call.path === '/v3/projects') {
        return { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } };
      }
      if (call.path === `/v1/${PROJECT}/networks`) {
        return {
          status: 200,
          body: { kind: 'NetworkList', metadata: { continue: '' }, items: sampleNetworks(4, PROJECT) },
        };
      }
      if (call.path === `/v3/${PROJECT}/vpc/address-groups`) {
        return { status: 200, body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1 } } };
      }
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } };
    });
    server = await startCodeServer({
      vsix,
      settings: {
        'huaweicloud.endpoints': { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
        'huaweicloud.region': 'cn-north-4',
      },
    });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
    await cloud?.close();
  });

  it('shows a "Huawei Cloud" entry in the activity bar', async () => {
    const entry = page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]');
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('opens the Resources view with its welcome content when nothing is configured', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
    const welcome = page
      .locator('.welcome-view-content')
      .filter({ hasText: 'No Huawei Cloud credentials are configured yet.' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await page.locator('.sidebar .composite.title').innerText(), /HUAWEI CLOUD/i);
    await welcome.getByRole('button', { name: 'Configure Credentials' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'welcome.png') });
  });

  it('Configure Credentials keeps an AK/SK typed into password boxes, and the view then shows the connection', async () => {
    await runCommand('Huawei Cloud: Configure Credentials');
    await answerInput('Configure Credentials', 'Enter an access key');
    await answerInput('Access Key (1/3)', TEST_KEY.accessKeyId);
    await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Access Key (2/3)' }).waitFor();
    assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password');
    await answerInput('Access Key (2/3)', TEST_KEY.secretAccessKey);
    await answerInput('Access Key (3/3)', '');
    await notification('Huawei Cloud credentials are set.');
    await clearNotifications();
    // Configured, the view shows the connection instead of its welcome content.
    await page
      .locator('.sidebar .monaco-list-row .label-name')
      .filter({ hasText: /^AK TEST…$/ })
      .waitFor({ timeout: 15_000 });
  });

  it('Check Connection reports the project, the credential source and the counts from the server', async () => {
    await runCommand('Huawei Cloud: Check Connection');
    const report = await notification('ModelArts networks', 30_000);
    const text = await report.innerText();
    assert.match(
      text,
      new RegExp(
        `Connected to cn-north-4 \\(project ${PROJECT}, from IAM\\) with credentials from VS Code's secret storage: 4 ModelArts networks, 1 VPC address groups\\.`,
      ),
    );
    await page.screenshot({ path: join(screenshots, 'check-connection.png') });
    assert.ok(cloud.calls.some((c) => c.path === `/v1/${PROJECT}/networks`));
    assert.deepEqual(cloud.rejected, []);
    await clearNotifications();
  });

  it('Sign Out removes the stored key, says nothing else is configured, and is no longer offered; Check Connection then says what to do', async () => {
    assert.equal(
      await commandOffered(page, 'Huawei Cloud: Sign Out', 'Huawei Cloud: Show Log'),
      true,
      'Sign Out is offered while a key is stored',
    );
    await runCommand('Huawei Cloud: Sign Out');
    await notification("the access key was removed from VS Code's secret storage. No other credentials are configured");
    await clearNotifications();
    assert.equal(
      await commandOffered(page, 'Huawei Cloud: Sign Out', 'Huawei Cloud: Show Log'),
      false,
      'Sign Out is offered with nothing stored',
    );
    await runCommand('Huawei Cloud: Check Connection');
    const error = await notification('no Huawei Cloud credentials found', 30_000);
    await error.getByRole('button', { name: 'Configure Credentials' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'no-credentials.png') });
    await page
      .locator('.welcome-view-content')
      .filter({ hasText: 'No Huawei Cloud credentials are configured yet.' })
      .waitFor({ timeout: 15_000 });
  });

  it('"Try the Local Emulator" runs the packaged emulator, seeded with the samples, and Check Connection names it', async () => {
    await clearNotifications();
    await page.locator('.welcome-view-content').getByRole('button', { name: 'Try the Local Emulator' }).click();
    await notification('the connection is the Local emulator at http://127.0.0.1:', 30_000);
    await page
      .locator('.sidebar .monaco-list-row .label-name')
      .filter({ hasText: /^Local emulator$/ })
      .waitFor({ timeout: 15_000 });
    // Seeded (huaweicloud.emulator.sampleResources is on by default): the samples and the showcase are there to see.
    await page.locator('.sidebar .monaco-list-row').filter({ hasText: 'ModelArts Networks' }).first().click();
    await page
      .locator('.sidebar .monaco-list-row .label-name')
      .filter({ hasText: /^training$/ })
      .waitFor({ timeout: 30_000 });
    await page
      .locator('.sidebar .monaco-list-row .label-name')
      .filter({ hasText: /^showcase-creating$/ })
      .waitFor({ timeout: 15_000 });
    await clearNotifications();
    await runCommand('Huawei Cloud: Check Connection');
    const report = await notification('ModelArts networks', 30_000);
    assert.match(
      await report.innerText(),
      /Connected to the Local emulator at http:\/\/127\.0\.0\.1:\d+ \(cn-north-4, project [0-9a-f]{32}\), not Huawei Cloud: 4 ModelArts networks, \d+\+ VPC address groups/,
    );
    await page.screenshot({ path: join(screenshots, 'emulator.png') });
    await clearNotifications();
    await runCommand('Huawei Cloud: Stop Local Emulator');
    await notification('the local emulator is stopped');
    await clearNotifications();
  });

  it('never writes the SK into the logs, settings or state of VS Code', () => {
    assert.ok(server);
    // The search covers the extension's log: it holds the requests and the connection report.
    const logs = filesContaining(server.home, `Connected to cn-north-4 (project ${PROJECT}`);
    assert.ok(
      logs.some((path) => path.endsWith('.log')),
      `the extension's log was not found under ${server.home}`,
    );
    assert.ok(
      filesContaining(server.home, `GET ${cloud.url}/v1/${PROJECT}/networks → 200`).length > 0,
      'requests are not logged',
    );
    assert.deepEqual(filesContaining(server.home, TEST_KEY.secretAccessKey), []);
  });
});
