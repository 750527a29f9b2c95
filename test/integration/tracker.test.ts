// The provisioning tracker inside a real VS Code, against the local emulator the extension starts: networks go ""
// → Creating → Active after the emulator's delays (500 ms, 5 s), deletions answer GET for 3 s and then 404. The
// resources are created through the core client in the test (the Create command is not part of this suite), and
// tracked through the tracker activate() hands out, as a command would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Connection } from '../../src/core/api/connection';
import type { Network } from '../../src/core/api/networks';
import { tagged } from '../../src/core/kinds';
import type { Operation, Tracker } from '../../src/core/provisioning/tracker';
import type { ExtensionApi } from '../../src/extension';
import { emulatorConnection } from '../support/emulatorConnection';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

describe('provisioning tracker (against the local emulator)', function () {
  this.timeout(120_000);
  let url: string;
  let tracker: Tracker;
  let connection: Connection;
  /** Unique per run: the emulator keeps its state between runs. */
  const suffix = Date.now().toString(36).slice(-6);
  let third = 0;

  const createNetwork = async (name: string): Promise<Network> => {
    third = (third + 1) % 200;
    const document = {
      apiVersion: 'v1' as const,
      kind: 'Network' as const,
      metadata: { labels: { 'os.modelarts/name': name } },
      spec: { cidr: `192.168.${third}.0/24` },
    };
    return (await connection.networks.create(document)).resource;
  };
  const operationOf = (resourceId: string) => tracker.operations().find((op) => op.resourceId === resourceId);
  const settled = (resourceId: string) =>
    waitFor(`the operation of ${resourceId} settling`, () => {
      const op = operationOf(resourceId);
      return op && op.state !== 'following' ? op : undefined;
    });

  before(async () => {
    url = (await vscode.commands.executeCommand<string>('huaweicloud.startEmulator')) ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    tracker = await api.tracker();
    // The same connection the extension opens to the emulator, opened on its own: their identities must agree,
    // or the tracker (rightly) abandons what it is given.
    connection = await emulatorConnection(url);
  });

  after(async () => {
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });

  it('follows a network create from "" through Creating to Active, looking with backoff', async () => {
    const name = `trk-active-${suffix}`;
    const created = await createNetwork(name);
    assert.notEqual(created.status?.phase, 'Active', 'the emulator made the network Active at once: nothing to follow');
    const seen: string[] = [];
    const listening = tracker.onDidChange((changed) => {
      for (const op of changed) if (op.resourceId === created.metadata.name) seen.push(`${op.state} ${op.phase}`);
    });
    try {
      const tracked = tracker.track({
        kind: 'create',
        resourceKind: 'network',
        resourceId: created.metadata.name,
        name,
        connectionKey: connection.identity,
        resource: tagged('network', created),
      });
      assert.equal(tracked.state, 'following');
      const op = await settled(created.metadata.name);
      assert.equal(op.state, 'succeeded', `${op.state}: ${op.detail ?? ''}`);
      assert.equal(op.phase, 'Active');
      assert.equal((op.resource?.resource as Network | undefined)?.status?.phase, 'Active');
      // The first look after 2 s still sees Creating (the emulator needs 5 s); the next, 4 s later, Active.
      assert.ok(op.looks >= 2, `${op.looks} look(s)`);
      assert.ok((op.settledAt ?? 0) - op.startedAt >= 4_000, `settled after ${(op.settledAt ?? 0) - op.startedAt} ms`);
      assert.deepEqual(seen.at(-1), 'succeeded Active');
      assert.ok(seen.includes('following Creating'), seen.join(', '));
      assert.ok(tracker.snapshot().operations.some((stored) => stored.id === op.id && stored.state === 'succeeded'));
    } finally {
      listening.dispose();
    }
  });

  it('a network that ends Abnormal fails', async () => {
    const name = `trk-abnormal-${suffix}`;
    const faults = await fetch(`${url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ abnormalNetworks: [name] }),
    });
    assert.ok(faults.ok, `PUT /__emulator/faults: ${faults.status}`);
    try {
      const created = await createNetwork(name);
      tracker.track({
        kind: 'create',
        resourceKind: 'network',
        resourceId: created.metadata.name,
        name,
        connectionKey: connection.identity,
        resource: tagged('network', created),
      });
      const op = await settled(created.metadata.name);
      assert.deepEqual([op.state, op.phase, op.acknowledged], ['failed', 'Abnormal', false]);
    } finally {
      await fetch(`${url}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    }
  });

  it('Show Provisioning Operations lists them; picking one marks it seen', async () => {
    const failed = tracker.operations().find((op) => op.state === 'failed' && !op.acknowledged);
    assert.ok(failed, 'no unopened failure to pick (the previous test made one)');
    assert.equal(tracker.operations()[0]?.id, failed.id, 'the failure is not the newest operation');
    const picking = vscode.commands.executeCommand<Operation | undefined>('huaweicloud.showOperations');
    // The list: "Select Region / Project…", then the operations, newest first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const picked = await picking;
    assert.equal(picked?.id, failed.id);
    assert.equal(tracker.operations().find((op) => op.id === failed.id)?.acknowledged, true);
  });

  it('follows a deletion until the network is gone (404): succeeded, "Deleted"', async () => {
    const name = `trk-delete-${suffix}`;
    const created = await createNetwork(name);
    const deletion = await connection.networks.delete(created.metadata.name);
    assert.ok(
      deletion.network?.metadata.deletionTimestamp,
      'the emulator answered the DELETE without deletionTimestamp',
    );
    const tracked = tracker.track({
      kind: 'delete',
      resourceKind: 'network',
      resourceId: created.metadata.name,
      name,
      connectionKey: connection.identity,
      ...(deletion.network ? { resource: tagged('network', deletion.network) } : {}),
    });
    assert.equal(tracked.phase, 'Deleting');
    const op = await settled(created.metadata.name);
    assert.deepEqual([op.kind, op.state, op.phase], ['delete', 'succeeded', 'Deleted']);
  });

  it('stopping the emulator changes the connection: what is followed on it is abandoned', async () => {
    const name = `trk-abandon-${suffix}`;
    const created = await createNetwork(name);
    tracker.track({
      kind: 'create',
      resourceKind: 'network',
      resourceId: created.metadata.name,
      name,
      connectionKey: connection.identity,
      resource: tagged('network', created),
    });
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    const op = await settled(created.metadata.name);
    assert.equal(op.state, 'abandoned');
    assert.equal(op.detail, 'no longer followed: the connection changed');
  });
});
