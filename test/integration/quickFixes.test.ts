// Quick fixes in the real VS Code: the lightbulb's actions (vscode.executeCodeActionProvider, as the editor asks for
// them) on the extension's findings and on a name the JSON service's schema flags, and Fix all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../support/waitFor';

let counter = 0;
async function untitled(extension: string, content: unknown): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `quick-fix-${++counter}${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), JSON.stringify(content, null, 2));
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  return document;
}

const ours = (document: vscode.TextDocument, code: string) =>
  vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Huawei Cloud' && d.code === code);

describe('quick fixes', function () {
  this.timeout(60_000);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('swaps a reversed range through the lightbulb, and the finding goes', async () => {
    const document = await untitled('.address-group.json', {
      address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.9-10.0.0.1'] },
    });
    const [diagnostic] = await waitFor('the reversed-range finding', () =>
      ours(document, 'address-group.range-reversed').length
        ? ours(document, 'address-group.range-reversed')
        : undefined,
    );
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const swap = actions.find((action) => /Swap the ends of the range/.test(action.title));
    assert.ok(swap?.edit, `no swap among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(swap.edit));
    assert.match(document.getText(), /"10\.0\.0\.1-10\.0\.0\.9"/);
    await waitFor('the finding to go', () =>
      ours(document, 'address-group.range-reversed').length === 0 ? true : undefined,
    );
  });

  it('corrects a network name the schema flags, and Fix all mends every fixable finding at once', async () => {
    const document = await untitled('.network.json', {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'My_Network' } },
      spec: { cidr: '192.168.1.1/16' },
    });
    await waitFor('the host-bits finding', () => (ours(document, 'network.cidr-host-bits').length ? true : undefined));
    const nameAt = document.positionAt(document.getText().indexOf('My_Network'));
    const nameDiagnostic = await waitFor('a diagnostic on the name', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.range.contains(nameAt)),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      nameDiagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      actions.some((action) => /my-network/.test(action.title)),
      `no corrected name among: ${actions.map((a) => a.title).join(' | ')}`,
    );

    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.huaweicloud',
    );
    const action = fixAll.find((candidate) => /Fix all Huawei Cloud problems/.test(candidate.title));
    assert.ok(action?.edit, 'no Fix all');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const fixed = JSON.parse(document.getText()) as {
      metadata: { labels: Record<string, string> };
      spec: { cidr: string };
    };
    assert.equal(fixed.spec.cidr, '192.168.0.0/16');
    assert.equal(fixed.metadata.labels['os.modelarts/name'], 'my-network');
    await waitFor('the findings to go', () =>
      vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
        .length === 0
        ? true
        : undefined,
    );
  });
});
