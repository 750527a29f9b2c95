// The extension in Restricted Mode, in a real VS Code with workspace trust on and this folder not trusted (the
// manifest's `untrustedWorkspaces: limited`): documents are checked, nothing is sent to Huawei Cloud, the local
// emulator works. The tests run in order: each leaves the session as the next expects it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import { type FakeCloud, startFakeCloud, TEST_KEY, sampleAddressGroups, sampleNetworks } from '../support/fakeCloud';
import { waitFor } from '../support/waitFor';

const PROJECT = 'aaaabbbbccccddddeeeeffff00002222';
const TRUST_MESSAGE =
  /^Check Connection: this workspace is not trusted, and nothing is sent to Huawei Cloud from an untrusted folder\. To connect, trust the folder with "Workspaces: Manage Workspace Trust"/;

/**
 * The error notifications shown while a test runs, and the button "clicked" in each. The tests share the
 * extension's instance of the `vscode` API (their files lie inside the extension's folder), so this sees the
 * extension's calls. The notifications themselves, in the workbench, are checked by test/ui/trust.test.ts.
 */
function spyOnErrorMessages(choose?: string) {
  const shown: { message: string; items: string[] }[] = [];
  const original = vscode.window.showErrorMessage;
  const spy = async (message: string, ...items: unknown[]) => {
    shown.push({ message, items: items.filter((item): item is string => typeof item === 'string') });
    return choose;
  };
  (vscode.window as { showErrorMessage: unknown }).showErrorMessage = spy;
  return {
    shown,
    restore: () => {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
    },
  };
}

describe('in an untrusted workspace (Restricted Mode)', () => {
  let cloud: FakeCloud;
  const config = () => vscode.workspace.getConfiguration('huaweicloud');

  before(async () => {
    // A loopback stand-in for Huawei Cloud that checks signatures and answers Check Connection's requests: a
    // connection that got through would succeed, so only the guard stops it.
    cloud = await startFakeCloud((call) => {
      if (call.path === '/v3/projects') {
        return { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } };
      }
      if (call.path === `/v1/${PROJECT}/networks`) {
        return { status: 200, body: { kind: 'NetworkList', metadata: {}, items: sampleNetworks(1, PROJECT) } };
      }
      if (call.path === `/v3/${PROJECT}/vpc/address-groups`) {
        return { status: 200, body: { address_groups: sampleAddressGroups(0), page_info: { current_count: 0 } } };
      }
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } };
    });
    // The extension host's environment, which the extension reads: valid credentials for the fake cloud.
    process.env.HUAWEICLOUD_SDK_AK = TEST_KEY.accessKeyId;
    process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
    // User settings (application and window scope): Restricted Mode ignores only workspace values of the
    // restricted ones.
    await config().update(
      'endpoints',
      { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
      vscode.ConfigurationTarget.Global,
    );
    await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    for (const key of ['endpoints', 'credentialSource']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await cloud.close();
  });

  beforeEach(() => {
    cloud.calls.length = 0;
    cloud.rejected.length = 0;
  });

  it('opens the folder untrusted, and the extension activates there', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    const extension = vscode.extensions.getExtension('hwc-tools.huaweicloud-networks');
    assert.ok(extension);
    await extension.activate();
    assert.ok(extension.isActive);
  });

  it('Check Connection sends nothing, with credentials and a server at hand, and says why and how to trust', async () => {
    const errors = spyOnErrorMessages();
    try {
      const report = await vscode.commands.executeCommand<ConnectionReport | undefined>('huaweicloud.checkConnection');
      assert.equal(report, undefined);
      const [shown] = await waitFor('an error notification', () =>
        errors.shown.length > 0 ? errors.shown : undefined,
      );
      assert.match(shown?.message ?? '', TRUST_MESSAGE);
      assert.deepEqual(shown?.items, ['Manage Workspace Trust', 'Show Log']);
      assert.equal(errors.shown.length, 1);
    } finally {
      errors.restore();
    }
    // Time for any request that was on its way to arrive.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      cloud.calls.map((c) => c.target),
      [],
      'requests reached the server',
    );
    assert.deepEqual(cloud.rejected, [], 'requests reached the server');
  });

  it('the notification\'s "Manage Workspace Trust" opens VS Code\'s Workspace Trust editor', async () => {
    const errors = spyOnErrorMessages('Manage Workspace Trust');
    try {
      await vscode.commands.executeCommand('huaweicloud.checkConnection');
      await waitFor('an error notification', () => errors.shown[0]);
    } finally {
      errors.restore();
    }
    const label = await waitFor('the Workspace Trust editor', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab && /Workspace Trust/.test(tab.label) ? tab.label : undefined;
    });
    assert.match(label, /Workspace Trust/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(vscode.workspace.isTrusted, false);
    assert.deepEqual([cloud.calls, cloud.rejected], [[], []]);
  });

  it('still checks documents: schema and rule diagnostics on a network document', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'bad-cidr.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      const diagnostics = await waitFor(
        'diagnostics from the extension and from the JSON schema',
        () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.some((d) => d.source === 'Huawei Cloud') && found.some((d) => d.source !== 'Huawei Cloud')
            ? found
            : undefined;
        },
        30_000,
      );
      const rule = diagnostics.find((d) => d.source === 'Huawei Cloud');
      assert.equal(rule && document.getText(rule.range), '"172.32.0.0/24"');
      assert.match(rule?.message ?? '', /outside the private ranges/);
      const schema = diagnostics.find((d) => d.source !== 'Huawei Cloud');
      assert.equal(schema && document.getText(schema.range), '"Net_1"');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it("ignores a workspace's values of the restricted settings (package.json restrictedConfigurations)", async () => {
    // What a cloned repository could ship: its own region, project and credential source, beside a setting that is
    // not restricted (which shows when VS Code has read the file).
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(
      settingsFile,
      new TextEncoder().encode(
        JSON.stringify({
          'huaweicloud.pageSize': 7,
          'huaweicloud.region': 'ap-southeast-1',
          'huaweicloud.projectId': 'ffffffffffffffffffffffffffffffff',
          'huaweicloud.credentialSource': 'sdkCredentialsFile',
        }),
      ),
    );
    try {
      await waitFor('VS Code reading .vscode/settings.json', () => (config().get('pageSize') === 7 ? true : undefined));
      assert.equal(config().get('region'), 'cn-north-4');
      assert.equal(config().get('projectId'), '');
      assert.equal(config().get('credentialSource'), 'environment');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, '.vscode'), { recursive: true });
      await waitFor('VS Code forgetting .vscode/settings.json', () =>
        config().get('pageSize') === 100 ? true : undefined,
      );
    }
  });

  it('Start Local Emulator works, Check Connection reaches it; stopped, the guard applies again', async () => {
    const url = await vscode.commands.executeCommand<string | undefined>('huaweicloud.startEmulator');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const report = await vscode.commands.executeCommand<ConnectionReport | undefined>('huaweicloud.checkConnection');
      assert.ok(report, 'Check Connection failed against the emulator');
      assert.equal(report.credentialSource, 'emulator');
      assert.deepEqual(report.endpoints, { modelarts: url, vpc: url, iam: url });
      assert.match(report.projectId, /^[0-9a-f]{32}$/);
    } finally {
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    }
    const errors = spyOnErrorMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.checkConnection'), undefined);
      const [shown] = await waitFor('an error notification', () =>
        errors.shown.length > 0 ? errors.shown : undefined,
      );
      assert.match(shown?.message ?? '', TRUST_MESSAGE);
    } finally {
      errors.restore();
    }
    assert.deepEqual([cloud.calls, cloud.rejected], [[], []]);
  });
});
