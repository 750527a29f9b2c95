import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import { spyOnNotifications } from '../support/notifications';
import { type FakeCloud, startFakeCloud, TEST_KEY, sampleAddressGroups, sampleNetworks } from '../support/fakeCloud';

const PROJECT = 'aaaabbbbccccddddeeeeffff00001111';

describe('Check Connection against a signature-checking server on 127.0.0.1', () => {
  let cloud: FakeCloud;
  const config = () => vscode.workspace.getConfiguration('huaweicloud');

  before(async () => {
    cloud = await startFakeCloud((call) => {
      if (call.path === '/v3/projects') {
        return { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } };
      }
      if (call.path === `/v1/${PROJECT}/networks`) {
        return {
          status: 200,
          body: { kind: 'NetworkList', metadata: { continue: 'next' }, items: sampleNetworks(3, PROJECT) },
        };
      }
      if (call.path === `/v3/${PROJECT}/vpc/address-groups`) {
        return { status: 200, body: { address_groups: sampleAddressGroups(2), page_info: { current_count: 2 } } };
      }
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } };
    });
    // The tests share the extension host's process, so the extension reads this environment.
    process.env.HUAWEICLOUD_SDK_AK = TEST_KEY.accessKeyId;
    process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
    await config().update(
      'endpoints',
      { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
      vscode.ConfigurationTarget.Global,
    );
    await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
    await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    for (const key of ['endpoints', 'region', 'credentialSource']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await cloud.close();
  });

  beforeEach(() => {
    cloud.calls.length = 0;
    cloud.rejected.length = 0;
  });

  it('resolves the project through IAM, lists one page of each kind, and reports counts and sources', async () => {
    const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
    assert.ok(report, 'the command failed');
    assert.equal(report.projectId, PROJECT);
    assert.equal(report.projectIdOrigin, 'IAM');
    assert.equal(report.credentialSource, 'environment');
    assert.deepEqual(report.networks, { count: 3, more: true });
    assert.deepEqual(report.addressGroups, { count: 2, more: false });
    assert.deepEqual(report.endpoints, { modelarts: cloud.url, vpc: cloud.url, iam: cloud.url });
    assert.deepEqual(cloud.calls.map((c) => c.path).sort(), [
      '/v1/aaaabbbbccccddddeeeeffff00001111/networks',
      '/v3/aaaabbbbccccddddeeeeffff00001111/vpc/address-groups',
      '/v3/projects',
    ]);
    assert.equal(cloud.calls.find((c) => c.path.endsWith('/networks'))?.query.get('limit'), '100');
  });

  it('remembers the project: a second check does not ask IAM again', async () => {
    await vscode.commands.executeCommand('huaweicloud.checkConnection');
    assert.ok(!cloud.calls.some((c) => c.path === '/v3/projects'));
  });

  it('sends a wrong SK once, never retries the 401, and returns nothing', async () => {
    process.env.HUAWEICLOUD_SDK_SK = 'a-wrong-secret';
    try {
      await config().update('projectId', PROJECT, vscode.ConfigurationTarget.Global);
      const report = await vscode.commands.executeCommand<ConnectionReport | undefined>('huaweicloud.checkConnection');
      assert.equal(report, undefined);
      assert.equal(cloud.calls.length, 0);
      // The lists go one after the other: the first refusal ends the command before the second is sent. Give a
      // stray request time to arrive.
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(cloud.rejected.length, 1, `wrong signatures sent: ${cloud.rejected.join(', ')}`);
    } finally {
      process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
      await config().update('projectId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  // The extension is an entry and chunks loaded when first used (docs/architecture.md, "Activation"): a module in two
  // chunks would make two classes of the project's errors, two trackers, two explorers.
  it("loads each module once: the 401 made by the network code is the project's error where it is reported (Configure Credentials), and one tracker and one explorer answer whoever asks", async () => {
    process.env.HUAWEICLOUD_SDK_SK = 'a-wrong-secret';
    const spy = spyOnNotifications();
    try {
      await config().update('projectId', PROJECT, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('huaweicloud.checkConnection');
      const error = spy.shown.find((shown) => shown.kind === 'showErrorMessage');
      assert.ok(error, `no error shown: ${JSON.stringify(spy.shown)}`);
      assert.deepEqual(error.items, ['Configure Credentials', 'Show Log']);
    } finally {
      spy.restore();
      process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
      await config().update('projectId', undefined, vscode.ConfigurationTarget.Global);
    }
    const api = await vscode.extensions.getExtension<ExtensionApi>('hwc-tools.huaweicloud-networks')?.activate();
    assert.ok(api);
    const [tracker, explorer] = [await api.tracker(), await api.explorer()];
    assert.equal(await api.tracker(), tracker);
    assert.equal(await api.explorer(), explorer);
  });
});
