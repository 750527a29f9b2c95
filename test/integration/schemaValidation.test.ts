import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Waits until `predicate` holds for the document's diagnostics (the JSON language server works asynchronously). */
async function diagnosticsFor(
  uri: vscode.Uri,
  predicate: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    if (predicate(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      assert.fail(`diagnostics never matched; last: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

describe('the contributed network schema', () => {
  it('puts a diagnostic on a wrong kind in a *.network.json file', async () => {
    const uri = workspaceFile('invalid-kind.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(uri, (d) => d.length > 0);
    const kindLine = document
      .getText()
      .split('\n')
      .findIndex((line) => line.includes('"kind"'));
    const onKind = diagnostics.find((d) => d.range.start.line === kindLine);
    assert.ok(
      onKind,
      `no diagnostic on line ${kindLine}: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`,
    );
    assert.match(onKind.message, /Network/);
  });

  it('accepts the seed page example as it stands', async () => {
    const uri = workspaceFile('seed-example.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    // First prove the schema applies to this file (a broken kind is reported), then that the original has no error.
    const start = document.positionAt(document.getText().indexOf('"Network"'));
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(start, start.translate(0, '"Network"'.length)), '"Netwrk"'),
    );
    await diagnosticsFor(uri, (d) => d.length > 0);
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(start, start.translate(0, '"Netwrk"'.length)), '"Network"'),
    );
    await diagnosticsFor(uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('the contributed address-group schema', () => {
  it('puts diagnostics on a bad name and a bad ip_version in a *.address-group.json file', async () => {
    const uri = workspaceFile('invalid.address-group.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(uri, (d) => d.length >= 2);
    const lines = document.getText().split('\n');
    const lineOf = (key: string) => lines.findIndex((line) => line.includes(`"${key}"`));
    const onName = diagnostics.find((d) => d.range.start.line === lineOf('name'));
    const onVersion = diagnostics.find((d) => d.range.start.line === lineOf('ip_version'));
    assert.match(onName?.message ?? '', /letters, digits, underscores/);
    assert.ok(
      onVersion,
      `no diagnostic on ip_version: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`,
    );
  });
});
