// Documents meet live resources in the real VS Code, against the local emulator the extension starts: Edit as
// Document → change → Compare with Live shows it → Apply (preview, confirmation, update) → the tracker (so the
// status bar) and the tree follow; a group's ip_set through a dry run first; an immutable change refused with its
// diagnostic and Create as New on the lightbulb; a live change since the preview stops the Apply; Link to Address
// Group… among groups of one name; an untitled linked document saved keeps its link.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../../src/core/api/connection';
import { statusBarView } from '../../src/core/provisioning/statusBar';
import type { Operation, Tracker } from '../../src/core/provisioning/tracker';
import type { ExtensionApi } from '../../src/extension';
import type { ApplyResult, ComparisonResult } from '../../src/vscode/live/apply';
import type { ExplorerApi } from '../../src/vscode/explorer/api';
import type { LiveResource } from '../../src/vscode/resourceEvents';
import { spyOnNotifications } from '../support/notifications';
import { emulatorConnection } from '../support/emulatorConnection';
import { recordPhases } from '../support/phases';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

/** The log the extension wrote so far (the "Huawei Cloud" output channel's files). */
function logText(folder: string): string {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return '';
  }
  return names
    .map((name) => join(folder, name))
    .map((path) => (statSync(path).isDirectory() ? logText(path) : readFileSync(path, 'utf8')))
    .join('\n');
}

/** Replaces a document's whole text with `value` as JSON, as a user's edits would leave it. */
async function rewrite(document: vscode.TextDocument, value: unknown): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(value, null, 2)}\n`);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** Runs Apply on a document, answering each notification and dialog with `answer`; what it returned and what it showed. */
async function applyAnswering(uri: vscode.Uri, answer: Parameters<typeof spyOnNotifications>[0]) {
  const dialogs = spyOnNotifications(answer);
  try {
    return { result: await vscode.commands.executeCommand<ApplyResult>('huaweicloud.applyDocument', uri), dialogs };
  } finally {
    dialogs.restore();
  }
}

const lensTitles = async (uri: vscode.Uri) =>
  ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map(
    (lens) => lens.command?.title ?? '',
  );

describe('documents meet live resources: Edit as Document, Compare with Live, Apply, links', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let tracker: Tracker;
  let explorer: ExplorerApi;
  let url: string;
  let projectId: string;
  let connection: Connection;
  /** Every phase and status bar text the tracker's changes gave, per resource, in order. */
  const phasesSeen = new Map<string, string[]>();
  const statusTexts: string[] = [];
  const control = (method: string, path: string, body: unknown) =>
    fetch(`${url}/__emulator/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    url =
      (await vscode.commands.executeCommand<string>('huaweicloud.startEmulator')) ??
      assert.fail('the emulator did not start');
    tracker = await api.tracker();
    tracker.onDidChange((changed: readonly Operation[]) => {
      recordPhases(phasesSeen, changed);
      statusTexts.push(statusBarView(tracker.operations(), 'cn-north-4', Date.now()).text);
    });
    explorer = await api.explorer();
    await vscode.commands.executeCommand('workbench.view.extension.huaweicloud');
    connection = await emulatorConnection(url);
  });
  beforeEach(async () => {
    assert.equal((await control('POST', 'reset', {})).status, 200);
    const seeded = (await (await control('POST', 'seed', { networks: 1 })).json()) as { projectId: string };
    projectId = seeded.projectId;
    await explorer.refresh();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });

  const seededNetworkId = () => `seed-net-000000-${projectId}`;
  const editNetwork = async () => {
    const node = await explorer.reveal('network', seededNetworkId());
    assert.ok(node, 'the seeded network is not in the tree');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('huaweicloud.editResource', node);
    assert.ok(document, 'Edit as Document opened nothing');
    return document;
  };

  it('a network: Edit as Document → add a peer → Compare shows it → Apply → Connecting → Active in the tracker, the status bar and the tree', async () => {
    const document = await editNetwork();
    // The extension's own file (global storage), not an untitled document: unmodified until edited.
    assert.equal(document.uri.scheme, 'file');
    assert.match(document.uri.path, /\/documents\/seed-net-000000(-\d+)?\.network\.json$/);
    const written = JSON.parse(document.getText()) as { metadata: object; spec: { cidr: string; connection?: object } };
    assert.deepEqual(Object.keys(written), ['apiVersion', 'kind', 'metadata', 'spec']);
    // Linked, valid, and Apply offered instead of Create.
    await waitFor('the lenses of a linked document', async () => {
      const titles = await lensTitles(document.uri);
      return titles.some((title) => /Linked to seed-net-000000/.test(title)) &&
        titles.some((title) => /Apply/.test(title)) &&
        !titles.some((title) => /Create/.test(title))
        ? true
        : undefined;
    });
    assert.deepEqual(
      vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
    );

    await rewrite(document, {
      ...written,
      spec: {
        ...written.spec,
        connection: { peerConnectionList: [{ peerVpcId: 'vpc-live', peerSubnetId: 'subnet-live' }] },
      },
    });
    const comparison = await vscode.commands.executeCommand<ComparisonResult>(
      'huaweicloud.compareWithLive',
      document.uri,
    );
    assert.deepEqual(comparison?.changes, ['peer connections: add vpc-live/subnet-live']);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff, 'Compare with Live opened no diff editor');
    assert.equal(tab.modified.toString(), document.uri.toString());
    const liveSide = await vscode.workspace.openTextDocument(tab.original);
    assert.doesNotMatch(liveSide.getText(), /vpc-live/);
    assert.match(liveSide.getText(), /"cidr": "172\.16\.0\.0\/24"/);
    assert.doesNotMatch(liveSide.getText(), /creationTimestamp|"status"|"phase"/);

    const { result, dialogs } = await applyAnswering(document.uri, (shown) => (shown.modal ? 'Apply' : undefined));
    assert.equal(result?.outcome, 'updated', JSON.stringify(result));
    const confirmation = dialogs.shown.find((shown) => shown.modal);
    assert.match(confirmation?.message ?? '', /Apply 1 change to network seed-net-000000\?/);
    assert.match(confirmation?.detail ?? '', /• peer connections: add vpc-live\/subnet-live/);
    assert.ok(
      dialogs.shown.some((shown) =>
        /Network seed-net-000000 updated: 1 change, now Active · peer Connecting/.test(shown.message),
      ),
      dialogs.shown.map((s) => s.message).join(' | '),
    );

    const settled = await waitFor('the update to settle', () =>
      tracker
        .operations()
        .find((op) => op.resourceId === seededNetworkId() && op.kind === 'update' && op.state !== 'following'),
    );
    assert.equal(settled.state, 'succeeded');
    const phases = phasesSeen.get(seededNetworkId()) ?? [];
    assert.ok(
      phases.indexOf('Active · peer Connecting') !== -1 &&
        phases.indexOf('Active · peer Connecting') < phases.lastIndexOf('Active'),
      phases.join(' → '),
    );
    assert.ok(
      statusTexts.some((text) => /seed-net-000000: Active · peer Connecting/.test(text)),
      statusTexts.join(' | '),
    );
    const node = await waitFor('the tree to show the peer', () => {
      const shown = explorer.nodeFor('network', seededNetworkId());
      return shown?.kind === 'network' &&
        !shown.malformed &&
        shown.resource.spec.connection?.peerConnectionList?.length === 1
        ? shown
        : undefined;
    });
    assert.equal(
      node.kind === 'network' && !node.malformed && node.resource.spec.connection?.peerConnectionList?.[0]?.peerVpcId,
      'vpc-live',
    );

    // Applied again: nothing to send.
    const again = await vscode.commands.executeCommand<ApplyResult>('huaweicloud.applyDocument', document.uri);
    assert.equal(again?.outcome, 'unchanged');
  });

  it('an address group: Edit as Document → change ip_set → Compare → Apply with a dry run first → UPDATING → NORMAL', async () => {
    const created = await connection.addressGroups.create({
      address_group: { name: 'live-web', ip_version: 4, ip_set: ['10.0.0.1'] },
    });
    const id = created.resource.id;
    const node = await explorer.reveal('addressGroup', id);
    assert.ok(node);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('huaweicloud.editResource', node);
    assert.ok(document);
    assert.match(document.uri.path, /\/documents\/live-web(-\d+)?\.address-group\.json$/);
    const written = JSON.parse(document.getText()) as { address_group: Record<string, unknown> };
    assert.deepEqual(written.address_group.ip_set, ['10.0.0.1']);
    await waitFor('the link lens', async () =>
      (await lensTitles(document.uri)).some((title) => title.endsWith('Linked to live-web')) ? true : undefined,
    );
    // Compared at once, unedited: the live side holds the very same text, and must not take the link.
    const unedited = await vscode.commands.executeCommand<ComparisonResult>(
      'huaweicloud.compareWithLive',
      document.uri,
    );
    assert.deepEqual(unedited?.changes, []);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(
      (await lensTitles(document.uri)).some((title) => title.endsWith('Linked to live-web')),
      'Compare took the link away from the document',
    );

    await rewrite(document, { address_group: { ...written.address_group, ip_set: ['10.0.0.1', '10.0.0.2'] } });
    const comparison = await vscode.commands.executeCommand<ComparisonResult>(
      'huaweicloud.compareWithLive',
      document.uri,
    );
    assert.deepEqual(comparison?.changes, ['entries: add 10.0.0.2']);

    const { result } = await applyAnswering(document.uri, (shown) => (shown.modal ? 'Apply' : undefined));
    assert.equal(result?.outcome, 'updated', JSON.stringify(result));
    // The dry run (202) went before the PUT itself (200), both to this group.
    const puts = await waitFor('the PUTs in the log', () => {
      const lines = logText(api.logUri.fsPath)
        .split('\n')
        .filter((line) => line.includes(`PUT ${url}/v3/${projectId}/vpc/address-groups/${id} →`));
      return lines.length >= 2 ? lines : undefined;
    });
    assert.match(puts.at(-2) ?? '', /→ 202/);
    assert.match(puts.at(-1) ?? '', /→ 200/);
    const settled = await waitFor('the update to settle', () =>
      tracker.operations().find((op) => op.resourceId === id && op.kind === 'update' && op.state !== 'following'),
    );
    assert.equal(settled.state, 'succeeded');
    assert.deepEqual(phasesSeen.get(id)?.slice(-2), ['UPDATING', 'NORMAL']);
    assert.deepEqual((await connection.addressGroups.get(id)).ip_set, ['10.0.0.1', '10.0.0.2']);
  });

  it('an immutable change is refused before anything is sent, with a diagnostic on the field, and the lightbulb offers Create as New', async () => {
    const document = await editNetwork();
    const written = JSON.parse(document.getText()) as { spec: object };
    await rewrite(document, { ...written, spec: { ...written.spec, cidr: '172.16.8.0/24' } });
    const before = logText(api.logUri.fsPath)
      .split('\n')
      .filter((line) => / PATCH /.test(line)).length;
    const { result, dialogs } = await applyAnswering(document.uri, () => undefined);
    assert.equal(result?.outcome, 'refused');
    const refusal = dialogs.shown.find((shown) => shown.kind === 'showErrorMessage');
    assert.match(refusal?.message ?? '', /CIDR block cannot change after creation.*Nothing was sent/);
    assert.ok(refusal?.items.includes('Create as New Network'));
    assert.equal(dialogs.shown.filter((shown) => shown.modal).length, 0, 'a refused Apply asked for confirmation');
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'apply.immutable');
    assert.ok(diagnostic, 'no diagnostic on the refused field');
    assert.equal(document.getText(diagnostic.range), '"cidr": "172.16.8.0/24"');
    assert.match(diagnostic.message, /CIDR: 172\.16\.0\.0\/24 → 172\.16\.8\.0\/24: .*cannot change/);
    assert.equal(
      logText(api.logUri.fsPath)
        .split('\n')
        .filter((line) => / PATCH /.test(line)).length,
      before,
      'a PATCH was sent',
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const createAsNew = actions.find((action) => action.title === 'Create as New Network');
    assert.ok(createAsNew?.command, `no Create as New among: ${actions.map((a) => a.title).join(' | ')}`);
    const shown = spyOnNotifications();
    let copy: vscode.TextDocument | undefined;
    try {
      copy = await vscode.commands.executeCommand<vscode.TextDocument>(
        createAsNew.command.command,
        ...(createAsNew.command.arguments ?? []),
      );
    } finally {
      shown.restore();
    }
    assert.ok(
      copy,
      `Create as New opened nothing (${createAsNew.command.command}: ${shown.shown.map((s) => s.message).join(' | ')})`,
    );
    const copied = JSON.parse(copy.getText()) as {
      metadata: { labels: Record<string, string> };
      spec: { cidr: string };
    };
    assert.equal(copied.metadata.labels['os.modelarts/name'], 'seed-net-000000-new');
    assert.equal(copied.spec.cidr, '172.16.8.0/24');
    await waitFor('a Create lens on the unlinked copy', async () =>
      (await lensTitles(copy.uri)).some((title) => /Create/.test(title)) ? true : undefined,
    );
    // Edited, the refused document loses the refusal's diagnostic.
    await rewrite(document, written);
    await waitFor("the refusal's diagnostic to go", () =>
      vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'apply.immutable') ? undefined : true,
    );
  });

  it('a change to the live resource after the preview stops the Apply with a new comparison; nothing is sent', async () => {
    const document = await editNetwork();
    const written = JSON.parse(document.getText()) as { metadata: object; spec: object };
    await rewrite(document, { ...written, spec: { ...written.spec, ipv6enable: true } });
    // While the confirmation is up, someone else changes the network's description.
    const { result, dialogs } = await applyAnswering(document.uri, (shown) => {
      if (!shown.modal) return undefined;
      return connection.networks
        .update(seededNetworkId(), { metadata: { annotations: { 'os.modelarts/description': 'changed meanwhile' } } })
        .then(() => 'Apply') as unknown as string;
    });
    assert.equal(result?.outcome, 'changedSince');
    assert.ok(dialogs.shown.some((shown) => /changed since the preview, so nothing was sent/.test(shown.message)));
    assert.notEqual((await connection.networks.get(seededNetworkId())).spec.ipv6enable, true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff);
    await waitFor('the live side to show the change made meanwhile', async () =>
      (await vscode.workspace.openTextDocument(tab.original)).getText().includes('changed meanwhile')
        ? true
        : undefined,
    );
  });

  it('Link to Address Group… picks one of several groups of a name; a linked untitled document saved keeps its link', async () => {
    const first = (
      await connection.addressGroups.create({
        address_group: { name: 'shared-name', ip_version: 4, ip_set: ['10.1.0.1'] },
      })
    ).resource;
    const second = (
      await connection.addressGroups.create({
        address_group: { name: 'shared-name', ip_version: 4, ip_set: ['10.2.0.1'], description: 'the second' },
      })
    ).resource;
    const folder = mkdtempSync(join(tmpdir(), 'hwc-links-'));
    try {
      const uri = vscode.Uri.file(join(folder, 'shared.address-group.json')).with({ scheme: 'untitled' });
      const document = await vscode.workspace.openTextDocument(uri);
      await rewrite(document, { address_group: { name: 'shared-name', ip_version: 4, ip_set: ['10.2.0.1'] } });
      const titles = await lensTitles(document.uri);
      assert.ok(
        titles.some((title) => /Link to Address Group…/.test(title)) && titles.some((title) => /Create/.test(title)),
        titles.join(' | '),
      );

      const quickPick = vscode.window.showQuickPick;
      let offered: string[] = [];
      (vscode.window as { showQuickPick: unknown }).showQuickPick = async (
        items: readonly (vscode.QuickPickItem & { group?: { id: string } })[],
      ) => {
        offered = items.map((item) => `${item.label} ${item.detail ?? ''}`);
        return items.find((item) => item.label === second.id);
      };
      try {
        const link = await vscode.commands.executeCommand<{ id: string }>('huaweicloud.linkDocument', document.uri);
        assert.equal(link?.id, second.id);
      } finally {
        (vscode.window as { showQuickPick: unknown }).showQuickPick = quickPick;
      }
      assert.equal(offered.length, 2);
      assert.ok(offered.some((item) => item.startsWith(first.id) && item.includes('10.1.0.1')));
      await waitFor('the link lens', async () =>
        (await lensTitles(document.uri)).some((title) => title === '$(link) Linked to shared-name') ? true : undefined,
      );
      const comparison = await vscode.commands.executeCommand<ComparisonResult>(
        'huaweicloud.compareWithLive',
        document.uri,
      );
      assert.deepEqual(comparison?.changes, ['description: remove "the second"']);

      // Saved (an untitled document with a path saves there): the file is linked as the untitled one was.
      assert.ok(await document.save(), 'the untitled document was not saved');
      const file = vscode.Uri.file(join(folder, 'shared.address-group.json'));
      await waitFor('the saved file to be linked', async () =>
        (await lensTitles(file)).some((title) => title === '$(link) Linked to shared-name') ? true : undefined,
      );

      assert.equal(await vscode.commands.executeCommand<boolean>('huaweicloud.unlinkDocument', file), true);
      await waitFor('the link to go', async () =>
        (await lensTitles(file)).some((title) => /Linked to/.test(title)) ? undefined : true,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Create links the document to what it created, and a network document whose name exists is linked instead of created', async () => {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: 'create-links.network.json' });
    const document = await vscode.workspace.openTextDocument(uri);
    await rewrite(document, {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'seed-net-000000' } },
      spec: { cidr: '172.16.0.0/24' },
    });
    const dialogs = spyOnNotifications();
    let created: LiveResource | undefined;
    try {
      created = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri);
    } finally {
      dialogs.restore();
    }
    assert.equal(created, undefined);
    const warning = dialogs.shown.find((shown) => shown.kind === 'showWarningMessage');
    assert.match(warning?.message ?? '', /already exists .* this document is now linked to it/);
    assert.deepEqual(warning?.items, ['Compare with Live', 'Apply']);
    await waitFor('the link lens', async () =>
      (await lensTitles(document.uri)).some((title) => /Linked to seed-net-000000/.test(title)) ? true : undefined,
    );
  });
});
