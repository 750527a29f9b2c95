import * as vscode from 'vscode';

/** What a new document starts as: valid as it stands, with tab stops on what to change. */
const TEMPLATES = {
  network: {
    base: 'network',
    extension: '.network.json',
    snippet: [
      '{',
      '\t"apiVersion": "v1",',
      '\t"kind": "Network",',
      '\t"metadata": {',
      '\t\t"labels": {',
      '\t\t\t"os.modelarts/name": "${1:network-name}",',
      '\t\t\t"os.modelarts/workspace.id": "${2:0}"',
      '\t\t}',
      '\t},',
      '\t"spec": {',
      '\t\t"cidr": "${3:192.168.128.0/17}"',
      '\t}',
      '}',
      '',
    ].join('\n'),
  },
  addressGroup: {
    base: 'address-group',
    extension: '.address-group.json',
    snippet: [
      '{',
      '\t"address_group": {',
      '\t\t"name": "${1:group-name}",',
      '\t\t"description": "${2:}",',
      '\t\t"ip_version": ${3:4},',
      '\t\t"ip_set": [',
      '\t\t\t"${4:192.168.0.0/24}"',
      '\t\t]',
      '\t}',
      '}',
      '',
    ].join('\n'),
  },
} as const;

/**
 * Opens an untitled document named like `network-1.network.json`, so that the schema (matched on the name)
 * applies before it is ever saved, and fills it with a valid document.
 */
async function openNewDocument(kind: keyof typeof TEMPLATES): Promise<vscode.TextEditor> {
  const template = TEMPLATES[kind];
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    uri = vscode.Uri.from({ scheme: 'untitled', path: `${template.base}-${n}${template.extension}` });
    if (!taken.has(uri.toString())) break;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(template.snippet), new vscode.Position(0, 0));
  return editor;
}

export const newNetworkDocument = () => openNewDocument('network');
export const newAddressGroupDocument = () => openNewDocument('addressGroup');
