// Workspace trust as a person meets it, with the installed .vsix in a workbench where trust is on: VS Code asks
// whether to trust the folder ("No"), Check Connection then says why nothing is sent and offers "Manage Workspace
// Trust", which opens VS Code's Workspace Trust editor; trusting the folder there makes Check Connection work at
// once, without a reload.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { answerTrustPrompt, projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { type FakeCloud, startFakeCloud, TEST_KEY, sampleAddressGroups, sampleNetworks } from '../support/fakeCloud';
import { notification as notificationIn, runCommand as runCommandIn } from '../support/workbench';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');
const PROJECT = '9999aaaabbbbccccddddeeeeffff0000';

describe('the installed .vsix in an untrusted folder', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let cloud: FakeCloud;
  let page: Page;
  let folder: string;

  const runCommand = (title: string) => runCommandIn(page, title);
  const notification = (text: string, timeout = 30_000) =>
    notificationIn(page, text, timeout, join(screenshots, 'untrusted-missing-notification.png'));
  const clearNotifications = async () => {
    await runCommand('Notifications: Clear All Notifications');
    await page.keyboard.press('Escape');
  };
  const restrictedMode = () => page.locator('#status\\.workspaceTrust').filter({ hasText: 'Restricted Mode' });

  before(async () => {
    cloud = await startFakeCloud((call) => {
      if (call.path === '/v3/projects') {
        return { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } };
      }
      if (call.path === `/v1/${PROJECT}/networks`) {
        return { status: 200, body: { kind: 'NetworkList', metadata: {}, items: sampleNetworks(2, PROJECT) } };
      }
      if (call.path === `/v3/${PROJECT}/vpc/address-groups`) {
        return { status: 200, body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1 } } };
      }
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } };
    });
    // A folder of its own: trusting it must not trust anything else (the trust editor trusts the folder).
    folder = join(mkdtempSync(join(tmpdir(), 'hwc-untrusted-')), 'folder');
    cpSync(join(projectRoot, 'sample'), folder, { recursive: true });
    server = await startCodeServer({
      vsix,
      workspaceTrust: true,
      // VS Code 1.139 opens an untrusted folder without asking ("never"); ask, as earlier versions did.
      settings: {
        'security.workspace.trust.startupPrompt': 'once',
        'huaweicloud.endpoints': { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
        'huaweicloud.credentialSource': 'environment',
      },
      // Credentials in the environment of VS Code's server, and so of the extension host.
      env: { HUAWEICLOUD_SDK_AK: TEST_KEY.accessKeyId, HUAWEICLOUD_SDK_SK: TEST_KEY.secretAccessKey },
    });
    page = await server.openWorkbench({ folder });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
    await cloud?.close();
    if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  it('VS Code asks whether to trust the folder; "No" opens it in Restricted Mode', async () => {
    assert.equal(
      await answerTrustPrompt(page, { trust: false, timeoutMs: 60_000 }),
      true,
      'VS Code did not ask whether to trust the folder',
    );
    await restrictedMode().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('Check Connection sends nothing and says why, with a "Manage Workspace Trust" button', async () => {
    await runCommand('Huawei Cloud: Check Connection');
    const error = await notification('this workspace is not trusted');
    const text = await error.innerText();
    assert.match(text, /nothing is sent to Huawei Cloud from an untrusted folder/);
    assert.match(text, /Workspaces: Manage Workspace Trust/);
    await error.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'untrusted-check-connection.png') });
    await page.waitForTimeout(1000);
    assert.deepEqual([cloud.calls.length, cloud.rejected.length], [0, 0], 'a request reached the server');
  });

  it('"Manage Workspace Trust" opens the Workspace Trust editor; trusting there lets Check Connection through, without a reload', async () => {
    const error = await notification('this workspace is not trusted');
    await error.getByRole('button', { name: 'Manage Workspace Trust' }).click();
    const editor = page.locator('.workspace-trust-editor');
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await editor.getByRole('button', { name: 'Trust', exact: true }).click();
    await restrictedMode().waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: join(screenshots, 'trusted.png') });
    await page.keyboard.press('Escape');
    await clearNotifications();
    await runCommand('Huawei Cloud: Check Connection');
    const report = await notification('ModelArts networks');
    assert.match(
      await report.innerText(),
      new RegExp(
        `Connected to cn-north-4 \\(project ${PROJECT}, from IAM\\) with credentials from the environment .*: 2 ModelArts networks, 1 VPC address groups\\.`,
      ),
    );
    assert.deepEqual(cloud.rejected, []);
    assert.deepEqual(cloud.calls.map((c) => c.path).sort(), [
      `/v1/${PROJECT}/networks`,
      `/v3/${PROJECT}/vpc/address-groups`,
      '/v3/projects',
    ]);
  });
});
