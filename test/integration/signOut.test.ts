// Sign Out removes only what VS Code's secret storage holds, and says which credentials stay in use.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import { type FakeCloud, startFakeCloud, TEST_KEY, sampleAddressGroups, sampleNetworks } from '../support/fakeCloud';
import { spyOnNotifications } from '../support/notifications';

const PROJECT = 'aaaabbbbccccddddeeeeffff00002222';

describe('Sign Out with keys in the environment too', () => {
  let cloud: FakeCloud;
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = { showQuickPick: window.showQuickPick, showInputBox: window.showInputBox };

  before(async () => {
    cloud = await startFakeCloud((call) => {
      if (call.path === '/v3/projects') {
        return { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } };
      }
      if (call.path === `/v1/${PROJECT}/networks`) {
        return {
          status: 200,
          body: { kind: 'NetworkList', metadata: { continue: '' }, items: sampleNetworks(1, PROJECT) },
        };
      }
      if (call.path === `/v3/${PROJECT}/vpc/address-groups`) {
        return { status: 200, body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1 } } };
      }
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } };
    });
    process.env.HUAWEICLOUD_SDK_AK = TEST_KEY.accessKeyId;
    process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
    await config().update(
      'endpoints',
      { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
      vscode.ConfigurationTarget.Global,
    );
    await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    Object.assign(window, originals);
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    for (const key of ['endpoints', 'region', 'credentialSource']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await cloud.close();
  });

  it("with nothing stored, removes nothing, says so, and the environment's keys stay in use", async () => {
    const spy = spyOnNotifications();
    try {
      await vscode.commands.executeCommand('huaweicloud.signOut');
    } finally {
      spy.restore();
    }
    assert.deepEqual(
      spy.shown.map((shown) => shown.message),
      [
        "Huawei Cloud: no access key is stored in VS Code's secret storage, so there is nothing to remove. Credentials still come from the environment (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK).",
      ],
    );
    const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
    assert.equal(report?.credentialSource, 'environment');
  });

  it("with a stored key, removes it and says the environment's keys are used now", async () => {
    // Configure Credentials → "Enter an access key": AK, SK, no token.
    const answers = [TEST_KEY.accessKeyId, TEST_KEY.secretAccessKey, ''];
    window.showQuickPick = async (items: readonly vscode.QuickPickItem[]) =>
      items.find((item) => /Enter an access key/.test(item.label));
    window.showInputBox = async () => answers.shift();
    const spy = spyOnNotifications();
    try {
      await vscode.commands.executeCommand('huaweicloud.configureCredentials');
      assert.equal(
        (await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection'))?.credentialSource,
        'secretStorage',
      );
      spy.shown.length = 0;
      await vscode.commands.executeCommand('huaweicloud.signOut');
    } finally {
      spy.restore();
      Object.assign(window, originals);
    }
    assert.deepEqual(
      spy.shown.map((shown) => shown.message),
      [
        "Huawei Cloud: the access key was removed from VS Code's secret storage. Credentials still come from the environment (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK).",
      ],
    );
    // The connection follows at once: the next call is signed with the environment's keys.
    assert.equal(
      (await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection'))?.credentialSource,
      'environment',
    );
  });
});
