// Fault suite in the real VS Code: the emulator run from the command line with --state (as `npm run emulator`
// runs it), the extension pointed at it through the settings like any endpoint, and the emulator killed with
// SIGKILL while a network it is creating is followed, then started again on the same port from its state file. The
// status bar (its view of the tracker's operations, as the item renders it) and the tree come back by themselves or
// by their Retry: nothing stays stuck on the outage, nothing is reported failed that did not fail.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import { statusBarView } from '../../src/core/provisioning/statusBar';
import type { Operation, Tracker } from '../../src/core/provisioning/tracker';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerApi, ExplorerNode } from '../../src/vscode/explorer/api';
import type { LiveResource } from '../../src/vscode/resourceEvents';
import { spyOnNotifications } from '../support/notifications';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
/** Long enough for the tracker's first look (2 s) to see Creating and the second (6 s) to meet the outage. */
const CREATE_DELAY_MS = 9_000;

/** A port free now, to start the emulator on, and again on after it is killed. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('fault suite: the emulator killed and restarted in the middle of provisioning', function () {
  this.timeout(90_000);
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  let script: string;
  let stateDir: string;
  let port: number;
  let child: ChildProcess | undefined;
  let tracker: Tracker;
  let explorer: ExplorerApi;
  const item = (node: ExplorerNode) => explorer.tree.getTreeItem(node) as vscode.TreeItem;
  const label = (node: ExplorerNode) => String(item(node).label);
  const children = async (node?: ExplorerNode) => (await explorer.tree.getChildren(node)) ?? [];
  const childNamed = async (parent: ExplorerNode | undefined, name: string) =>
    waitFor(`"${name}" in the tree`, async () => (await children(parent)).find((node) => label(node) === name));

  /** `node dist/emulator.js --port P --state FILE`, resolved when it listens. */
  const startEmulator = async (): Promise<string> => {
    const started = spawn(
      process.execPath,
      [
        script,
        '--port',
        String(port),
        '--state',
        join(stateDir, 'state.json'),
        '--quiet',
        '--create-delay-ms',
        String(CREATE_DELAY_MS),
      ],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = started;
    let output = '';
    return new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code, signal) =>
        reject(new Error(`the emulator exited (${signal ?? code}) before listening: ${output}`)),
      );
    });
  };
  const killEmulator = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    script = join(extension.extensionPath, 'dist', 'emulator.js');
    stateDir = mkdtempSync(join(tmpdir(), 'hwc-restart-'));
    port = await freePort();
    const url = await startEmulator();
    // Not the extension's own emulator: an endpoint like any other, with keys from the environment.
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    process.env.HUAWEICLOUD_SDK_AK = EMULATOR_CREDENTIALS.accessKeyId;
    process.env.HUAWEICLOUD_SDK_SK = EMULATOR_CREDENTIALS.secretAccessKey;
    await config().update('endpoints', { iam: url, modelarts: url, vpc: url }, vscode.ConfigurationTarget.Global);
    await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
    const api = await extension.activate();
    tracker = await api.tracker();
    // Failures left by earlier suites, opened as a person would: the status bar then speaks of this test alone.
    for (const op of tracker.operations()) tracker.acknowledge(op.id);
    explorer = await api.explorer();
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
  });

  after(async () => {
    await killEmulator();
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    for (const key of ['endpoints', 'credentialSource']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('the status bar keeps following through the outage and ends Active; the tree updates, and its Retry lists again', async () => {
    const root = await waitFor('the connection in the tree', async () =>
      (await children()).find((node) => label(node) === 'AK HWCE…'),
    );
    const networksNode = await childNamed(root, 'ModelArts Networks');
    const groupsNode = await childNamed(root, 'VPC Address Groups');
    await children(networksNode);
    assert.deepEqual((await children(groupsNode)).map(label), ['No address groups', 'New Address Group Document']);

    const name = `restart-net-${Date.now().toString(36).slice(-5)}`;
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}.network.json` });
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      uri,
      new vscode.Position(0, 0),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Network',
        metadata: { labels: { 'os.modelarts/name': name } },
        spec: { cidr: '192.168.0.0/16' },
      }),
    );
    await vscode.workspace.applyEdit(edit);
    const spy = spyOnNotifications();
    let created: LiveResource | undefined;
    try {
      created = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri);
    } finally {
      spy.restore();
    }
    assert.equal(created?.kind, 'network', spy.shown.map((shown) => shown.message).join(' | '));
    const networkId = created.kind === 'network' ? created.resource.metadata.name : '';
    const operation = () => tracker.operations().find((op: Operation) => op.resourceId === networkId);
    const statusBar = () => statusBarView(tracker.operations(), 'cn-north-4', Date.now());

    // Provisioning, seen once by the tracker: then the emulator dies.
    await waitFor('the first look at the new network', () => ((operation()?.looks ?? 0) >= 1 ? true : undefined));
    assert.equal(operation()?.state, 'following');
    assert.equal(operation()?.phase, 'Creating');
    await killEmulator();

    // The outage: the next look fails, and the operation is still followed — not failed, not paused, not red.
    const during = await waitFor(
      'a failed look during the outage',
      () => {
        const op = operation();
        return op?.detail?.startsWith('the last look failed') ? op : undefined;
      },
      20_000,
    );
    assert.equal(during.state, 'following');
    assert.match(during.detail ?? '', /connection failed \(ECONNREFUSED\)/);
    assert.equal(statusBar().text, `$(sync~spin) ${name}: Creating`);
    assert.equal(statusBar().background, undefined);
    assert.match(statusBar().tooltip, /the last look failed/);
    // The tree: a list asked for during the outage is an error node with Retry; the network's node stays as it was.
    await explorer.refresh(groupsNode);
    const [failed] = await children(groupsNode);
    assert.ok(failed);
    assert.equal(label(failed), 'Could not list the address groups');
    assert.match(String(item(failed).description), /ECONNREFUSED/);
    assert.ok((await children(failed)).some((action) => label(action) === 'Retry'));
    // The phase is the row's icon, and in what a screen reader says of it.
    assert.match(
      String(item(explorer.nodeFor('network', networkId) as ExplorerNode).accessibilityInformation?.label),
      /, Creating, /,
    );

    // The same emulator again, on the same port, from its state file: the network was kept and finishes.
    await startEmulator();
    const settled = await waitFor(
      'the operation settling after the restart',
      () => {
        const op = operation();
        return op && op.state !== 'following' ? op : undefined;
      },
      45_000,
    );
    assert.equal(settled.state, 'succeeded', `${settled.state}: ${settled.detail ?? ''}`);
    assert.equal(settled.phase, 'Active');
    assert.equal(statusBar().text, `$(check) ${name}: Active`);
    assert.equal(statusBar().background, undefined);
    // The tree: the network's node shows what the tracker saw, with no refresh; Retry lists the groups again.
    await waitFor(
      'the network node showing Active',
      () =>
        /, Active, /.test(
          String(item(explorer.nodeFor('network', networkId) as ExplorerNode).accessibilityInformation?.label),
        )
          ? true
          : undefined,
      5_000,
    );
    await vscode.commands.executeCommand('huaweicloud.refresh', failed);
    assert.deepEqual((await children(groupsNode)).map(label), ['No address groups', 'New Address Group Document']);
    const listed = await children(networksNode);
    assert.ok(
      listed.some((node) => node.id === explorer.nodeFor('network', networkId)?.id),
      `the network is not listed: ${listed.map(label).join(', ')}`,
    );
  });
});
