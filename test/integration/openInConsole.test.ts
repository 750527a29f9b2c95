// Open in Console in the real VS Code: the address the browser is asked to open, per kind and region; on the emulator
// and on other endpoints, nothing opened and a word why. (The browser is never opened: openExternal is recorded.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode, ExtensionApi } from '../../src/vscode/explorer/api';
import { spyOnNotifications } from '../support/notifications';
import { spyOnOpenExternal } from '../support/openExternal';
import { TEST_KEY } from '../support/fakeCloud';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
const PROJECT = 'aaaabbbbccccddddeeeeffff00003333';
const GROUP = {
  id: 'dd18a501-fcd5-4adc-acfe-b0e2384baf08',
  name: 'web-servers',
  ip_version: 4,
  ip_set: ['10.0.0.1'],
  status: 'NORMAL',
};
const NETWORK = {
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { name: `network-7a03-${PROJECT}`, labels: { 'os.modelarts/name': 'network-7a03' } },
  spec: { cidr: '192.168.128.0/17' },
  status: { phase: 'Active' },
};

/** A row of the explorer as the tree hands it to a menu's command (only the resource matters to this command). */
const row = (kind: 'network' | 'addressGroup') =>
  kind === 'network'
    ? {
        kind,
        id: `environment/ap-southeast-3/${PROJECT}/networks/${NETWORK.metadata.name}`,
        parentId: undefined,
        resource: NETWORK,
        pinned: false,
        degraded: undefined,
        malformed: false,
      }
    : {
        kind,
        id: `environment/ap-southeast-3/${PROJECT}/addressGroups/${GROUP.id}`,
        parentId: undefined,
        resource: GROUP,
        pinned: false,
        degraded: undefined,
        malformed: false,
      };

async function until<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) return assert.fail(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Open in Console', () => {
  const config = () => vscode.workspace.getConfiguration('huaweicloud');

  describe('on a connection to Huawei Cloud', () => {
    before(async () => {
      // Another view in front: nothing in this suite lists resources (the connection points at the real cloud).
      await vscode.commands.executeCommand('workbench.view.explorer');
      process.env.HUAWEICLOUD_SDK_AK = TEST_KEY.accessKeyId;
      process.env.HUAWEICLOUD_SDK_SK = TEST_KEY.secretAccessKey;
      await config().update('region', 'ap-southeast-3', vscode.ConfigurationTarget.Global);
      await config().update('projectId', PROJECT, vscode.ConfigurationTarget.Global);
      await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      delete process.env.HUAWEICLOUD_SDK_AK;
      delete process.env.HUAWEICLOUD_SDK_SK;
      for (const key of ['region', 'projectId', 'credentialSource', 'endpoints']) {
        await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('opens the IP address group list of the region, and says where the group is there (Copy ID copies its ID)', async () => {
      const browser = spyOnOpenExternal();
      const notes = spyOnNotifications(() => 'Copy ID');
      try {
        const opened = await vscode.commands.executeCommand<string>('huaweicloud.openInConsole', row('addressGroup'));
        assert.equal(opened, 'https://console.huaweicloud.com/vpc/?region=ap-southeast-3#/vpc/ipGroups/list');
        assert.deepEqual(browser.urls(), [
          'https://console.huaweicloud.com/vpc/?region=ap-southeast-3#/vpc/ipGroups/list',
        ]);
        await until(
          () => notes.shown.length,
          (count) => count === 1,
          'the note',
        );
        assert.deepEqual(
          notes.shown.map((shown) => [shown.kind, shown.message, shown.items]),
          [
            [
              'showInformationMessage',
              `The VPC console has no address for one address group: it opens on the IP address group list in ap-southeast-3. Look for address group web-servers (${GROUP.id}) there.`,
              ['Copy ID'],
            ],
          ],
        );
        await until(
          async () => vscode.env.clipboard.readText(),
          (text) => text === GROUP.id,
          'the ID on the clipboard',
        );
      } finally {
        browser.restore();
        notes.restore();
      }
    });

    it('opens the ModelArts console of the region for a network', async () => {
      const browser = spyOnOpenExternal();
      const notes = spyOnNotifications();
      try {
        await vscode.commands.executeCommand('huaweicloud.openInConsole', row('network'));
        assert.deepEqual(browser.urls(), ['https://console.huaweicloud.com/modelarts/?region=ap-southeast-3']);
        await until(
          () => notes.shown.length,
          (count) => count === 1,
          'the note',
        );
        assert.match(
          notes.shown[0]?.message ?? '',
          /^The ModelArts console has no address for one network: it opens on ModelArts in ap-southeast-3\. Network network-7a03 \(network-7a03-aaaa\w+\) is under Dedicated Resource Pools › Elastic Cluster › Network\.$/,
        );
      } finally {
        browser.restore();
        notes.restore();
      }
    });

    it("with its own endpoints (a private cloud) opens nothing, and says that cloud's console is not known", async () => {
      await config().update(
        'endpoints',
        { vpc: 'https://vpc.private-cloud.example.com' },
        vscode.ConfigurationTarget.Global,
      );
      const browser = spyOnOpenExternal();
      const notes = spyOnNotifications();
      try {
        const opened = await vscode.commands.executeCommand('huaweicloud.openInConsole', row('addressGroup'));
        assert.equal(opened, undefined);
        assert.deepEqual(browser.uris, []);
        assert.deepEqual(
          notes.shown.map((shown) => shown.kind),
          ['showWarningMessage'],
        );
        assert.match(
          notes.shown[0]?.message ?? '',
          /^This connection reaches VPC at https:\/\/vpc\.private-cloud\.example\.com \(huaweicloud\.endpoints\), not at Huawei Cloud's public endpoint for ap-southeast-3: that cloud's console is not known, so nothing was opened\./,
        );
      } finally {
        browser.restore();
        notes.restore();
        await config().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('on the local emulator', () => {
    let emulatorUrl = '';
    before(async () => {
      emulatorUrl = String(await vscode.commands.executeCommand<string>('huaweicloud.startEmulator'));
      // Its state survives restarts (global storage): one group, the first seeded.
      assert.equal(
        (
          await fetch(`${emulatorUrl}/__emulator/reset`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
        200,
      );
      const seeded = await fetch(`${emulatorUrl}/__emulator/seed`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"addressGroups": 1}',
      });
      assert.equal(seeded.status, 200);
    });
    after(async () => {
      await fetch(`${emulatorUrl}/__emulator/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    });

    it('opens nothing on a row of the explorer, and says the emulator has no console', async () => {
      const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
      assert.ok(api);
      const explorer = await api.explorer();
      await vscode.commands.executeCommand('huaweicloud.refresh');
      const children = async (node?: ExplorerNode) => (await explorer.tree.getChildren(node)) ?? [];
      const [connection] = await until(
        () => children(),
        (roots) => roots.length === 1 && roots[0]?.kind === 'connection',
        'the emulator connection',
      );
      const groupsNode = (await children(connection)).find(
        (node) => node.kind === 'service' && node.resourceKind === 'addressGroup',
      );
      const [group] = await children(groupsNode);
      assert.equal(group?.kind, 'addressGroup');

      const browser = spyOnOpenExternal();
      const notes = spyOnNotifications();
      try {
        const opened = await vscode.commands.executeCommand('huaweicloud.openInConsole', group);
        assert.equal(opened, undefined);
        assert.deepEqual(browser.uris, []);
        assert.deepEqual(
          notes.shown.map((shown) => [shown.kind, shown.message.replace(/ \(.*\)/, '')]),
          [
            [
              'showWarningMessage',
              "The local emulator has no web console, so nothing was opened: Open in Console shows resources in Huawei Cloud's console. Stop the emulator and connect to your account to open address group seed-group-000000 there.",
            ],
          ],
        );
      } finally {
        browser.restore();
        notes.restore();
      }
    });
  });
});
