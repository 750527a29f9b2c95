// The user's journey in the real VS Code, against the local emulator the extension starts: New Network Document →
// fix its diagnostics → Create → the tracker (and so the status bar) follows Creating, then Active → the tree shows
// it → Open as JSON → Delete → gone; and an address group with a dry run first. The log of the whole journey is
// then scanned for the secret key and Authorization values.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import type { Operation, Tracker } from '../../src/core/provisioning/tracker';
import type { ExtensionApi } from '../../src/extension';
import type { LiveResource } from '../../src/vscode/resourceEvents';
import { spyOnNotifications } from '../support/notifications';
import { recordPhases } from '../support/phases';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

/** Every file under a folder, as text. */
function filesUnder(folder: string): { path: string; text: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

describe('the journey: a document to a live resource and back, against the local emulator', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let tracker: Tracker;
  /** Every phase the tracker reported for a resource, in order. */
  const phasesSeen = new Map<string, string[]>();

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    const url = await vscode.commands.executeCommand<string>('huaweicloud.startEmulator');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    await fetch(`${url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    tracker = await api.tracker();
    tracker.onDidChange((changed: readonly Operation[]) => recordPhases(phasesSeen, changed));
    await vscode.commands.executeCommand('workbench.view.extension.huaweicloud');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });

  const settledOperation = (resourceId: string, kind: Operation['kind']) =>
    waitFor(`the ${kind} of ${resourceId} settling`, () =>
      tracker.operations().find((op) => op.resourceId === resourceId && op.kind === kind && op.state !== 'following'),
    );

  it('a network: new document, fix, Create, Creating → Active, in the tree, Open as JSON, Delete, gone', async () => {
    await vscode.commands.executeCommand('huaweicloud.newNetworkDocument');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('.network.json'));
    // Break it as a user might (a CIDR outside the allowed ranges), see the diagnostic, then fix it.
    const document = editor.document;
    const replaceCidr = async (cidr: string) => {
      const text = document.getText();
      const start = text.indexOf('"cidr"');
      const valueStart = text.indexOf('"', text.indexOf(':', start)) + 1;
      const valueEnd = text.indexOf('"', valueStart);
      await editor.edit((edit) =>
        edit.replace(new vscode.Range(document.positionAt(valueStart), document.positionAt(valueEnd)), cidr),
      );
    };
    const nameStart = document.getText().indexOf('"os.modelarts/name"');
    const nameValue = document.getText().indexOf('"', document.getText().indexOf(':', nameStart)) + 1;
    const nameEnd = document.getText().indexOf('"', nameValue);
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(document.positionAt(nameValue), document.positionAt(nameEnd)), 'journey-network'),
    );
    await replaceCidr('10.0.0.0/8');
    await waitFor('a diagnostic on the CIDR', () =>
      vscode.languages.getDiagnostics(document.uri).some((d) => /172\.16\.0\.0\/12/.test(d.message)) ? true : undefined,
    );
    const refused = await vscode.commands.executeCommand('huaweicloud.createFromDocument', document.uri);
    assert.equal(refused, undefined, 'a document with errors was created');
    await replaceCidr('192.168.0.0/16');
    await waitFor('the diagnostics to clear', () =>
      vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
        .length === 0
        ? true
        : undefined,
    );

    const created = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri);
    assert.ok(created?.kind === 'network');
    const id = created.resource.metadata.name;
    const explorer = await api.explorer();
    await waitFor('the new network in the tree', () => explorer.nodeFor('network', id));

    const operation = await settledOperation(id, 'create');
    assert.equal(operation.state, 'succeeded');
    assert.equal(operation.phase, 'Active');
    assert.ok(
      (phasesSeen.get(id) ?? []).some((phase) => /Creating|^$/.test(phase)),
      `phases seen: ${JSON.stringify(phasesSeen.get(id))}`,
    );
    const node = explorer.nodeFor('network', id);
    assert.equal(
      node?.kind === 'network' && !node.malformed ? node.resource.status?.phase : undefined,
      'Active',
      'the tree node did not refresh to Active',
    );

    const json = await vscode.commands.executeCommand<vscode.TextEditor>('huaweicloud.openResource', node);
    assert.equal((JSON.parse(json?.document.getText() ?? '{}') as { metadata?: { name?: string } }).metadata?.name, id);

    const dialogs = spyOnNotifications((shown) => (shown.modal ? 'Delete' : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', node), 'deleting');
    } finally {
      dialogs.restore();
    }
    const deletion = await settledOperation(id, 'delete');
    assert.deepEqual([deletion.state, deletion.phase], ['succeeded', 'Deleted']);
    await waitFor('the network to leave the tree', () => (explorer.nodeFor('network', id) ? undefined : true));
  });

  it('an address group: a dry run first, then Create, NORMAL, in the tree, Delete, gone', async () => {
    await vscode.commands.executeCommand('huaweicloud.newAddressGroupDocument');
    const document = vscode.window.activeTextEditor?.document;
    if (!document?.uri.path.endsWith('.address-group.json')) return assert.fail('no address-group document opened');
    await waitFor('the snippet to be inserted', () =>
      document.getText().includes('address_group') ? true : undefined,
    );
    const checked = await vscode.commands.executeCommand<string>('huaweicloud.dryRunDocument', document.uri);
    assert.match(checked ?? '', /passes the service's checks \(dry run\): nothing was created/);

    const created = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri);
    assert.ok(created?.kind === 'addressGroup');
    const explorer = await api.explorer();
    await waitFor('the new group in the tree', () => explorer.nodeFor('addressGroup', created.resource.id));
    assert.equal((await settledOperation(created.resource.id, 'create')).phase, 'NORMAL');

    const dialogs = spyOnNotifications((shown) => (shown.modal ? 'Delete' : undefined));
    try {
      assert.equal(
        await vscode.commands.executeCommand(
          'huaweicloud.deleteResource',
          explorer.nodeFor('addressGroup', created.resource.id),
        ),
        'deleted',
      );
    } finally {
      dialogs.restore();
    }
    await waitFor('the group to leave the tree', () =>
      explorer.nodeFor('addressGroup', created.resource.id) ? undefined : true,
    );
  });

  it('wrote neither the secret key nor an Authorization value to the log of the journey', () => {
    const files = filesUnder(api.logUri.fsPath);
    const log = files.map((file) => file.text).join('\n');
    assert.ok(
      /POST http:\/\/127\.0\.0\.1:\d+\/v1\/[0-9a-f]{32}\/networks → 200/.test(log),
      `the journey is not in the log at ${api.logUri.fsPath} (${files.length} files)`,
    );
    assert.ok(!log.includes(EMULATOR_CREDENTIALS.secretAccessKey), 'the secret key is in the log');
    assert.doesNotMatch(log, /SDK-HMAC-SHA256|Signature=|Authorization/i);
  });
});
