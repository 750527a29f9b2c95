import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Waits until `predicate` holds for the document's diagnostics (both checkers work asynchronously). */
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
      assert.fail(
        `diagnostics never matched; last: ${JSON.stringify(diagnostics.map((d) => [d.source, d.range.start.line, d.message]))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The text a diagnostic's range covers. */
const covered = (document: vscode.TextDocument, diagnostic: vscode.Diagnostic | undefined) =>
  diagnostic ? document.getText(diagnostic.range) : undefined;
const ours = (d: vscode.Diagnostic) => d.source === 'Huawei Cloud';

describe('document diagnostics in the editor', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("shows the schema's diagnostic on a bad name and the rules' on a CIDR outside the allowed ranges", async () => {
    const uri = workspaceFile('bad-cidr.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(uri, (d) => d.some(ours) && d.some((x) => !ours(x)));
    const rule = diagnostics.find(ours);
    assert.equal(covered(document, rule), '"172.32.0.0/24"');
    assert.match(rule?.message ?? '', /outside the private ranges .* 172\.16\.0\.0\/12 .* 192\.168\.0\.0\/16/);
    assert.equal(rule?.severity, vscode.DiagnosticSeverity.Error);
    const schema = diagnostics.find((d) => !ours(d));
    assert.equal(covered(document, schema), '"Net_1"');
    assert.match(schema?.message ?? '', /4-32 characters of lowercase letters/);
  });

  it('checks a JSON file of another name by its content, schema included, and updates as the user types', async () => {
    const uri = workspaceFile('recognised-by-content.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(uri, (d) => d.filter(ours).length >= 3);
    const on = (text: string) => diagnostics.find((d) => covered(document, d) === text);
    assert.match(on('"2001:db8::1"')?.message ?? '', /IPv6 entry, but ip_version is 4/);
    assert.equal(on('"192.168.3.40"')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(on('"office ranges"')?.message ?? '', /letters, digits, underscores/);

    // Fix the family error by typing: its diagnostic goes away, the others stay.
    const start = document.positionAt(document.getText().indexOf('"2001:db8::1"'));
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(start, start.translate(0, '"2001:db8::1"'.length)), '"10.0.0.1"'),
    );
    await diagnosticsFor(
      uri,
      (d) => !d.some((x) => /IPv6 entry/.test(x.message)) && d.some((x) => /overlaps/.test(x.message)),
    );
  });

  it('clears its diagnostics when the document closes', async () => {
    const uri = workspaceFile('bad-cidr.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await diagnosticsFor(uri, (d) => d.some(ours));
    // VS Code disposes a closed document only minutes later; a change of language closes it at once, with the
    // same event (onDidCloseTextDocument).
    await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await diagnosticsFor(uri, (d) => !d.some(ours));
  });
});

describe('new documents, snippets and hovers', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const [command, extension, kindKey] of [
    ['huaweicloud.newNetworkDocument', '.network.json', '"kind"'],
    ['huaweicloud.newAddressGroupDocument', '.address-group.json', '"ip_version"'],
  ] as const) {
    it(`${command} opens a valid untitled ${extension} document that the schema checks at once`, async () => {
      await vscode.commands.executeCommand(command);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      const { document } = editor;
      assert.equal(document.uri.scheme, 'untitled');
      assert.ok(document.uri.path.endsWith(extension), document.uri.path);
      // Break one value: the schema (matched on the name) reports it; restore it: nothing is reported.
      const line = document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes(kindKey));
      const valueRange = new vscode.Range(
        line,
        document.lineAt(line).text.indexOf(':') + 2,
        line,
        document.lineAt(line).text.replace(/,$/, '').length,
      );
      const original = document.getText(valueRange);
      await editor.edit((edit) => edit.replace(valueRange, '"wrong"'));
      await diagnosticsFor(document.uri, (d) => d.some((x) => !ours(x)));
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(valueRange), original);
      await diagnosticsFor(document.uri, (d) => d.length === 0);
    });
  }

  for (const [name, extension, into] of [
    ['Huawei Cloud: ModelArts network', '.network.json', undefined],
    ['Huawei Cloud: VPC IP address group', '.address-group.json', undefined],
    [
      'Huawei Cloud: peer connection',
      '.network.json',
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"peered"}},"spec":{"cidr":"192.168.0.0/16","connection":{"peerConnectionList":[\n\n]}}}',
    ],
    [
      'Huawei Cloud: ip_extra_set entry',
      '.address-group.json',
      '{"address_group":{"name":"g","ip_version":4,"ip_extra_set":[\n\n]}}',
    ],
  ] as const) {
    it(`the snippet "${name}" inserts a document with no diagnostics`, async () => {
      const uri = vscode.Uri.from({ scheme: 'untitled', path: `snippet-${name.length}-${Date.now()}${extension}` });
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      if (into) {
        await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), into));
        editor.selection = new vscode.Selection(1, 0, 1, 0);
      }
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'json', name });
      assert.ok(
        document.getText().length > (into?.length ?? 0) + 10,
        `the snippet was not inserted: ${document.getText()}`,
      );
      // Let both checkers see the text, then expect silence.
      await new Promise((r) => setTimeout(r, 1500));
      await diagnosticsFor(document.uri, (d) => d.length === 0);
    });
  }

  it('hovers on a CIDR with its first and last address, size and family; on a name with the ID it will get', async () => {
    const uri = workspaceFile('seed-example.network.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const hoverAt = async (needle: string) => {
      const position = document.positionAt(document.getText().indexOf(needle) + 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      return hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await hoverAt('192.168.128.0/17'), /IPv4, 32,768 addresses: 192\.168\.128\.0 – 192\.168\.255\.255/);
    assert.match(await hoverAt('network-7a03'), /the network's ID will be `network-7a03-\{project_id\}`/);
  });
});
