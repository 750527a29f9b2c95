// Linked documents in the real VS Code, against the local emulator the extension starts (issue 17, items 4 and 5):
// Edit as Document opens an unmodified document (closing it untouched asks nothing; an edit makes it modified;
// Apply works from it); a linked document hears nothing about its own resource existing, and a change Apply would
// refuse is an error on the field as soon as the live state is known; a deletion the extension sees (its own
// Delete…, a refresh that finds the resource gone) ends the links to it at once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Connection } from '../../src/core/api/connection';
import type { Tracker } from '../../src/core/provisioning/tracker';
import type { ExtensionApi } from '../../src/extension';
import type { ApplyResult } from '../../src/vscode/live/apply';
import type { ExplorerApi } from '../../src/vscode/explorer/api';
import { emulatorConnection } from '../support/emulatorConnection';
import { spyOnNotifications } from '../support/notifications';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
const LIVE_SOURCE = 'Huawei Cloud (live)';

const lensTitles = async (uri: vscode.Uri) =>
  ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map(
    (lens) => lens.command?.title ?? '',
  );

async function rewrite(document: vscode.TextDocument, value: unknown): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(value, null, 2)}\n`);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

const isOpenInTab = (uri: vscode.Uri) =>
  vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
  );

describe('linked documents: Edit as Document unmodified, no noise, immutable changes flagged, deletions end links', function () {
  this.timeout(120_000);
  let explorer: ExplorerApi;
  let tracker: Tracker;
  let url: string;
  let projectId: string;
  let connection: Connection;
  const control = (path: string, body: unknown) =>
    fetch(`${url}/__emulator/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
    assert.ok(api, 'the extension returned no API from activate()');
    url =
      (await vscode.commands.executeCommand<string>('huaweicloud.startEmulator')) ??
      assert.fail('the emulator did not start');
    explorer = await api.explorer();
    tracker = await api.tracker();
    await vscode.commands.executeCommand('workbench.view.extension.huaweicloud');
    connection = await emulatorConnection(url);
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal((await control('reset', {})).status, 200);
    // Two networks: these tests use the second (172.17.0.0/24), so that what the tracker still follows of them never
    // meets another suite's use of the first.
    projectId = ((await (await control('seed', { networks: 2 })).json()) as { projectId: string }).projectId;
    await explorer.refresh();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });

  const networkId = () => `seed-net-000001-${projectId}`;
  const edit = async (kind: 'network' | 'addressGroup', id: string): Promise<vscode.TextDocument> => {
    const node = await explorer.reveal(kind, id);
    assert.ok(node, `${id} is not in the tree`);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('huaweicloud.editResource', node);
    assert.ok(document, 'Edit as Document opened nothing');
    await waitFor('the link lens', async () =>
      (await lensTitles(document.uri)).some((title) => title.startsWith('$(link) Linked to')) ? true : undefined,
    );
    return document;
  };
  const unlinked = (document: vscode.TextDocument) =>
    waitFor(
      'the link to end',
      async () => ((await lensTitles(document.uri)).some((title) => /Linked to/.test(title)) ? undefined : true),
      10_000,
    );
  const live = (document: vscode.TextDocument) =>
    vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === LIVE_SOURCE);

  it('Edit as Document opens an unmodified document: closed untouched it asks nothing; an edit modifies it; Apply works from it', async () => {
    const document = await edit('network', networkId());
    assert.equal(document.isDirty, false, 'Edit as Document opened a modified document');
    await vscode.window.showTextDocument(document);
    // A modified document would stop here on "Do you want to save…?" (no answer comes: the close never ends).
    const closed = await Promise.race([
      vscode.commands.executeCommand('workbench.action.closeActiveEditor').then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    assert.ok(closed && !isOpenInTab(document.uri), 'closing the untouched document did not just close it');

    const again = await edit('network', networkId());
    assert.equal(again.isDirty, false);
    const written = JSON.parse(again.getText()) as { spec: object };
    await rewrite(again, {
      ...written,
      spec: { ...written.spec, connection: { peerConnectionList: [{ peerVpcId: 'vpc-a', peerSubnetId: 'subnet-a' }] } },
    });
    assert.equal(again.isDirty, true, 'an edit left the document unmodified');
    const dialogs = spyOnNotifications((shown) => (shown.modal ? 'Apply' : undefined));
    let result: ApplyResult | undefined;
    try {
      result = await vscode.commands.executeCommand<ApplyResult>('huaweicloud.applyDocument', again.uri);
    } finally {
      dialogs.restore();
    }
    assert.equal(result?.outcome, 'updated', JSON.stringify(result));
    assert.equal(
      (await connection.networks.get(networkId())).spec.connection?.peerConnectionList?.[0]?.peerVpcId,
      'vpc-a',
    );
    // Settled before the next test resets the emulator: a followed update would outlive it.
    await waitFor(
      'the update to settle',
      () =>
        tracker
          .operations()
          .find((op) => op.resourceId === networkId() && op.kind === 'update' && op.state !== 'following'),
      30_000,
    );
    // Saved, it keeps its text and its link.
    assert.ok(await again.save());
    assert.equal(again.isDirty, false);
    assert.ok((await lensTitles(again.uri)).some((title) => /Linked to seed-net-000001/.test(title)));
  });

  it('a linked document hears nothing of its own network existing; a changed CIDR is an error on the field at once, with Create as New', async () => {
    const document = await edit('network', networkId());
    await waitFor('the network to be known', () =>
      explorer.known()?.networks.some((network) => network.metadata.name === networkId()) ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(
      live(document).map((diagnostic) => diagnostic.message),
      [],
    );

    const written = JSON.parse(document.getText()) as { spec: object };
    await rewrite(document, { ...written, spec: { ...written.spec, cidr: '172.17.8.0/24' } });
    // No Apply, no Compare: what the explorer knows says it already.
    const diagnostic = await waitFor(
      'the immutable-change error',
      () => live(document).find((d) => d.code === 'apply.immutable'),
      10_000,
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), '"cidr": "172.17.8.0/24"');
    assert.match(
      diagnostic.message,
      /^CIDR: 172\.17\.0\.0\/24 → 172\.17\.8\.0\/24: cannot change after creation: Apply will refuse it; Create as New Network/,
    );
    assert.deepEqual(
      live(document).filter((d) => d.code === 'network.exists-live'),
      [],
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      actions.some((action) => action.title === 'Create as New Network' && action.command),
      actions.map((action) => action.title).join(' | '),
    );
    // Back to the live block: the error goes.
    await rewrite(document, written);
    await waitFor('the error to go', () => (live(document).length === 0 ? true : undefined), 10_000);
  });

  it('Delete… of a linked network ends the link at once, while the network is still being deleted', async () => {
    const document = await edit('network', networkId());
    const node = await explorer.reveal('network', networkId());
    const dialogs = spyOnNotifications((shown) => (shown.modal ? 'Delete' : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', node), 'deleting');
    } finally {
      dialogs.restore();
    }
    await unlinked(document);
    // Gone before the next test seeds a network of the same ID: a followed deletion would outlive the reset.
    await waitFor(
      'the deletion to settle',
      () =>
        tracker
          .operations()
          .find((op) => op.resourceId === networkId() && op.kind === 'delete' && op.state !== 'following'),
      60_000,
    );
  });

  it('a refresh that finds a linked group gone ends the link', async () => {
    const { resource } = await connection.addressGroups.create({
      address_group: { name: 'gone-group', ip_version: 4, ip_set: ['10.0.0.1'] },
    });
    await explorer.refresh();
    const document = await edit('addressGroup', resource.id);
    // Deleted behind the extension's back, then the resource refreshed in the tree.
    await connection.addressGroups.delete(resource.id);
    const node = await explorer.reveal('addressGroup', resource.id);
    assert.ok(node);
    await explorer.refresh(node);
    await unlinked(document);
  });
});
