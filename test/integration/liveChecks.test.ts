// The live-aware checks in a real VS Code, against the local emulator the extension starts: a document whose CIDR
// overlaps a listed network is warned, naming it; a name that exists, or that groups carry, is told; a refresh
// after a deletion takes the finding away, and so does another connection. (That a document opened before the
// explorer was ever loaded sends nothing is in activation.test.ts: only there is the explorer not loaded yet.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import { signRequest } from '../../src/core/cloud/signer';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerApi, ExplorerNode } from '../../src/vscode/explorer/api';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
const LIVE_SOURCE = 'Huawei Cloud (live)';

describe('Live-aware checks in VS Code, against the local emulator', function () {
  this.timeout(90_000);
  let explorer: ExplorerApi;
  let emulatorUrl: string;
  let projectId: string;
  const written: vscode.Uri[] = [];

  const control = async (path: string, body: object): Promise<Record<string, unknown>> => {
    const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, unknown>;
  };
  /** A request signed with the emulator's well-known key, behind the extension's back. */
  const signed = async (
    method: string,
    path: string,
    body?: object,
  ): Promise<{ status: number; json: Record<string, unknown> | undefined }> => {
    const url = `${emulatorUrl}${path}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = signRequest(
      { method, url, headers: { 'Content-Type': 'application/json' }, body: text },
      EMULATOR_CREDENTIALS,
    );
    const response = await fetch(url, { method, headers, ...(text === undefined ? {} : { body: text }) });
    const answer = await response.text();
    return { status: response.status, json: answer ? (JSON.parse(answer) as Record<string, unknown>) : undefined };
  };
  const createGroup = async (name: string, entry: string): Promise<string> => {
    const answer = await signed('POST', `/v3/${projectId}/vpc/address-groups`, {
      address_group: { name, ip_version: 4, ip_set: [entry] },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    return (answer.json?.address_group as { id: string }).id;
  };
  /** Builds the tree as the view would, down to the first page of each group: what the explorer then knows. */
  const loadTree = async () => {
    const [root] = (await explorer.tree.getChildren()) ?? [];
    assert.ok(root, 'the tree has no root');
    for (const service of (await explorer.tree.getChildren(root)) ?? []) {
      await explorer.tree.getChildren(service as ExplorerNode);
    }
  };
  const openDocument = async (name: string, content: object): Promise<vscode.TextDocument> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'no workspace folder');
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(content, null, 2)));
    written.push(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
  const network = (name: string, cidr: string) => ({
    apiVersion: 'v1',
    kind: 'Network',
    metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' } },
    spec: { cidr },
  });
  const live = (document: vscode.TextDocument) =>
    vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === LIVE_SOURCE);
  const codeOf = (diagnostic: vscode.Diagnostic) => String(diagnostic.code);
  /** The live diagnostic of a rule, once it is there. */
  const liveFinding = (
    document: vscode.TextDocument,
    rule: string,
    accept: (diagnostic: vscode.Diagnostic) => boolean = () => true,
  ) =>
    waitFor(
      `the ${rule} diagnostic on ${document.uri.path}`,
      () => live(document).find((diagnostic) => codeOf(diagnostic) === rule && accept(diagnostic)),
      20_000,
    );

  let overlapping: vscode.TextDocument;
  let itself: vscode.TextDocument;
  let group: vscode.TextDocument;
  let groupIds: string[];

  before(async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
    assert.ok(api, 'the extension returned no API from activate()');
    explorer = await api.explorer();
    emulatorUrl = String(await vscode.commands.executeCommand<string>('huaweicloud.startEmulator'));
    await control('reset', {});
    projectId = String((await control('seed', { region: 'cn-north-4' })).projectId);
    const created = await signed('POST', `/v1/${projectId}/networks`, network('live-net', '172.16.0.0/16'));
    assert.equal(created.status, 200, JSON.stringify(created.json));
    // Listed once Active, so that the tracker does not follow it: what the explorer knows changes only when the
    // tests say so.
    await waitFor(
      'the network to be Active',
      async () => {
        const answer = await signed('GET', `/v1/${projectId}/networks/live-net-${projectId}`);
        return (answer.json?.status as { phase?: string } | undefined)?.phase === 'Active' ? true : undefined;
      },
      20_000,
    );
    groupIds = [await createGroup('shared-name', '10.0.0.1'), await createGroup('shared-name', '10.0.0.2')];
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
    // Created behind the explorer's back: list again.
    await explorer.refresh();
    await loadTree();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });

  it('warns on a CIDR that overlaps a listed network, on the cidr value, naming that network', async () => {
    overlapping = await openDocument('live-overlap.network.json', network('other-net', '172.16.8.0/24'));
    const warning = await liveFinding(overlapping, 'network.cidr-overlaps-live');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(overlapping.getText(warning.range), '"172.16.8.0/24"');
    assert.match(
      warning.message,
      /^172\.16\.8\.0\/24 overlaps the network "live-net" \(172\.16\.0\.0\/16\), which exists on this connection/,
    );
    assert.equal(
      live(overlapping).length,
      1,
      live(overlapping)
        .map((d) => d.message)
        .join('\n'),
    );
    // Its own collection: the document checks' diagnostics are theirs (this document has none).
    assert.deepEqual(
      vscode.languages
        .getDiagnostics(overlapping.uri)
        .filter((diagnostic) => diagnostic.source !== LIVE_SOURCE && diagnostic.source !== 'json'),
      [],
    );
  });

  it('tells a document naming that very network that it exists, without warning it about itself', async () => {
    itself = await openDocument('live-itself.network.json', network('live-net', '172.16.0.0/16'));
    const info = await liveFinding(itself, 'network.exists-live');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(itself.getText(info.range), '"live-net"');
    assert.equal(info.message, `"live-net" exists as live-net-${projectId} — Apply will update it.`);
    assert.deepEqual(live(itself).map(codeOf), ['network.exists-live']);
  });

  it("tells how many address groups carry a document's name, with their IDs", async () => {
    group = await openDocument('live-group.address-group.json', {
      address_group: { name: 'shared-name', ip_version: 4, ip_set: ['10.0.0.9'] },
    });
    const info = await liveFinding(group, 'address-group.name-used-live');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(group.getText(info.range), '"shared-name"');
    assert.match(info.message, /^"shared-name" is the name of 2 address groups on this connection/);
    for (const id of groupIds) assert.ok(info.message.includes(id), `${id} is not named: ${info.message}`);
  });

  it('follows an edit of the document', async () => {
    const editor = await vscode.window.showTextDocument(overlapping);
    const cidr = overlapping.getText().indexOf('172.16.8.0/24');
    await editor.edit((edit) =>
      edit.replace(
        new vscode.Range(overlapping.positionAt(cidr), overlapping.positionAt(cidr + '172.16.8.0/24'.length)),
        '192.168.8.0/24',
      ),
    );
    await waitFor(
      'the overlap warning to go after the edit',
      () => (live(overlapping).length === 0 ? true : undefined),
      10_000,
    );
    await editor.edit((edit) =>
      edit.replace(
        new vscode.Range(overlapping.positionAt(cidr), overlapping.positionAt(cidr + '192.168.8.0/24'.length)),
        '172.16.8.0/24',
      ),
    );
    await liveFinding(overlapping, 'network.cidr-overlaps-live');
  });

  /** The lightbulb's quick fixes on a diagnostic, as the editor asks for them. */
  const fixesOf = (document: vscode.TextDocument, diagnostic: vscode.Diagnostic) =>
    vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
  const cidrOf = (document: vscode.TextDocument) =>
    (JSON.parse(document.getText()) as { spec: { cidr: string } }).spec.cidr;
  const useFix = async (document: vscode.TextDocument, diagnostic: vscode.Diagnostic, block: string): Promise<void> => {
    const actions = await fixesOf(document, diagnostic);
    const fix = actions.find((action) => action.title.startsWith(`Use ${block}:`));
    assert.ok(fix?.edit, `no "Use ${block}" among: ${actions.map((action) => action.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(cidrOf(document), block);
  };
  const documentFinding = (document: vscode.TextDocument, rule: string) =>
    waitFor(
      `the ${rule} finding`,
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .find((diagnostic) => diagnostic.source === 'Huawei Cloud' && diagnostic.code === rule),
      10_000,
    );

  it('fixes a CIDR outside the allowed ranges with the nearest block no listed network uses', async () => {
    // 172.16.0.0/16, the nearest allowed /16 to 10.0.0.0/16, is live-net's: the fix skips it.
    const outside = await openDocument('live-fix-outside.network.json', network('fix-net', '10.0.0.0/16'));
    await useFix(outside, await documentFinding(outside, 'network.cidr-range'), '172.17.0.0/16');
    await waitFor(
      'no finding left',
      () => (vscode.languages.getDiagnostics(outside.uri).length === 0 ? true : undefined),
      10_000,
    );
    // Too large for any range: the largest allowed block that is free (live-net sits in 172.16.0.0/13).
    const tooLarge = await openDocument('live-fix-large.network.json', network('fix-net', '10.0.0.0/8'));
    await useFix(tooLarge, await documentFinding(tooLarge, 'network.cidr-range'), '172.24.0.0/13');
    await waitFor(
      'no finding left',
      () => (vscode.languages.getDiagnostics(tooLarge.uri).length === 0 ? true : undefined),
      10_000,
    );
  });

  it('offers a free block on the overlap warning, and the warning goes with it', async () => {
    const clash = await openDocument('live-fix-overlap.network.json', network('clash-net', '172.16.8.0/24'));
    await useFix(clash, await liveFinding(clash, 'network.cidr-overlaps-live'), '172.17.0.0/24');
    await waitFor('the overlap warning to go', () => (live(clash).length === 0 ? true : undefined), 10_000);
  });

  it('starts a New Network Document on a block no listed network uses', async () => {
    // The template's block, 192.168.128.0/17, overlaps this one.
    const created = await signed('POST', `/v1/${projectId}/networks`, network('template-net', '192.168.200.0/24'));
    assert.equal(created.status, 200, JSON.stringify(created.json));
    await explorer.refresh();
    await loadTree();
    await waitFor(
      'the new network to be known',
      () => (explorer.known()?.networks.some((n) => n.spec?.cidr === '192.168.200.0/24') ? true : undefined),
      10_000,
    );
    await vscode.commands.executeCommand('huaweicloud.newNetworkDocument');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && /\.network\.json$/.test(document.uri.path), 'no new network document');
    assert.equal(cidrOf(document), '192.168.0.0/17');
    // Checked as any document: nothing on this connection overlaps it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(
      live(document).map((diagnostic) => diagnostic.message),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('drops what a refresh no longer lists: a deleted network, a deleted group', async () => {
    const deleted = await signed('DELETE', `/v1/${projectId}/networks/live-net-${projectId}`);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.json));
    assert.equal((await signed('DELETE', `/v3/${projectId}/vpc/address-groups/${groupIds[1]}`)).status, 204);
    // A network being deleted still holds its block: it is gone once GET says so.
    await waitFor(
      'the network to be gone',
      async () =>
        (await signed('GET', `/v1/${projectId}/networks/live-net-${projectId}`)).status === 404 ? true : undefined,
      20_000,
    );
    // Deleted behind the explorer's back: until the tree is refreshed, it is what the explorer last listed.
    assert.equal(live(overlapping).length, 1);

    await explorer.refresh();
    await loadTree();
    // The group's finding is back with the new listing: the lists were read again, and hold neither.
    const info = await liveFinding(group, 'address-group.name-used-live', (diagnostic) =>
      diagnostic.message.includes('one address group'),
    );
    assert.ok(
      info.message.includes(groupIds[0] as string) && !info.message.includes(groupIds[1] as string),
      info.message,
    );
    assert.deepEqual(live(overlapping), []);
    assert.deepEqual(live(itself), []);
  });

  it('drops every live diagnostic when the connection changes (the emulator stopped)', async () => {
    assert.equal(live(group).length, 1);
    await control('reset', {});
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    await waitFor('the live diagnostics to go', () => (live(group).length === 0 ? true : undefined), 10_000);
    assert.deepEqual([...live(overlapping), ...live(itself)], []);
  });
});
