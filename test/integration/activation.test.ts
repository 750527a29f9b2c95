import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import type { ExtensionApi } from '../../src/extension';
import { Emulator } from '../../src/emulator/server';
import { projectIdFor } from '../../src/emulator/store';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('activation', () => {
  it('is installed, and activates only for its view, its commands and JSON documents: never at startup', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    // Views and commands activate implicitly (VS Code derives those events from `contributes`).
    const manifest = extension.packageJSON as { activationEvents: string[] };
    assert.deepEqual(manifest.activationEvents, ['onLanguage:json', 'onLanguage:jsonc']);
  });

  // Before the view is opened: the first file of the suite, and nothing before this test loads the explorer.
  it('checks nothing live, and sends nothing, when a document is opened before the explorer was ever loaded', async function () {
    this.timeout(60_000);
    // An emulator in this process, reached through the settings: every request the extension sends is counted here.
    const requests: string[] = [];
    const emulator = new Emulator({
      log: (line) => {
        if (!line.includes('/__emulator/')) requests.push(line);
      },
    });
    const url = await emulator.listen();
    // seed-net-000000, 172.16.0.0/24: what the document below overlaps.
    emulator.store.seed(projectIdFor('cn-north-4'), { networks: 1, addressGroups: 0 });
    const config = () => vscode.workspace.getConfiguration('huaweicloud');
    process.env.HUAWEICLOUD_SDK_AK = EMULATOR_CREDENTIALS.accessKeyId;
    process.env.HUAWEICLOUD_SDK_SK = EMULATOR_CREDENTIALS.secretAccessKey;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'no workspace folder');
    const uri = vscode.Uri.joinPath(folder, 'before-the-explorer.network.json');
    try {
      await config().update('endpoints', { iam: url, modelarts: url, vpc: url }, vscode.ConfigurationTarget.Global);
      await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
      await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
      // Host bits set: the document checks say so, which shows they ran.
      const document = {
        apiVersion: 'v1',
        kind: 'Network',
        metadata: { labels: { 'os.modelarts/name': 'mine' } },
        spec: { cidr: '172.16.0.1/16' },
      };
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(document, null, 2)));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const codes = (source: string) =>
        vscode.languages
          .getDiagnostics(uri)
          .filter((d) => d.source === source)
          .map((d) => String(d.code));
      await waitFor(() => codes('Huawei Cloud').includes('network.cidr-host-bits'), 'the document checks');
      // Time enough for anything the opening might have started.
      await new Promise((r) => setTimeout(r, 2_000));
      assert.equal(requests.length, 0, `opening a document sent requests: ${requests.join(', ')}`);
      assert.deepEqual(codes('Huawei Cloud (live)'), []);

      // The same document, once the explorer is loaded and has listed: the warning, through this very emulator.
      const explorer = await (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate())?.explorer();
      assert.ok(explorer, 'no explorer');
      const [root] = (await explorer.tree.getChildren()) ?? [];
      assert.ok(root, 'the tree has no root');
      for (const service of (await explorer.tree.getChildren(root)) ?? []) await explorer.tree.getChildren(service);
      await waitFor(
        () => codes('Huawei Cloud (live)').includes('network.cidr-overlaps-live'),
        'the overlap warning once the tree is listed',
      );
      assert.ok(
        requests.some((line) => line.startsWith('GET /v1/')),
        `the listing did not reach this emulator: ${requests.join(', ')}`,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      delete process.env.HUAWEICLOUD_SDK_AK;
      delete process.env.HUAWEICLOUD_SDK_SK;
      for (const key of ['endpoints', 'region', 'credentialSource']) {
        await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      await emulator.close();
    }
  });

  it('opens its Resources view, and is then active', async () => {
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => extension?.isActive === true, 'activation by the view');
  });

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
    }
  });

  it('shows its log through Show Log', async () => {
    await vscode.commands.executeCommand('huaweicloud.showLog');
  });
});
