import * as vscode from 'vscode';
import snippets from '../../../snippets/json.code-snippets';
import type { ExtensionContext } from '../context';

/** Each new document starts as the contributed snippet of its kind: valid as it stands, with tab stops. */
const TEMPLATES = {
  network: { base: 'network', extension: '.network.json', snippet: 'Huawei Cloud: ModelArts network' },
  addressGroup: {
    base: 'address-group',
    extension: '.address-group.json',
    snippet: 'Huawei Cloud: VPC IP address group',
  },
} as const;

/**
 * Opens an untitled document named like `network-1.network.json`, so that the schema (matched on the name)
 * applies before it is ever saved, and fills it with a valid document.
 */
async function openNewDocument(ctx: ExtensionContext, kind: keyof typeof TEMPLATES): Promise<vscode.TextEditor> {
  const template = TEMPLATES[kind];
  const body = snippets[template.snippet]?.body;
  if (!body) throw new Error(`the snippet "${template.snippet}" is missing from the extension`);
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    uri = vscode.Uri.from({ scheme: 'untitled', path: `${template.base}-${n}${template.extension}` });
    // A name a link still holds (an untitled document of an earlier session) would make the new one that resource.
    if (!taken.has(uri.toString()) && !ctx.links.isLinkedAnywhere(uri)) break;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  let snippet = `${body.join('\n')}\n`;
  if (kind === 'network' && ctx.loadedExplorer()) {
    // A block no network known on the connection uses, so that the new document starts without an overlap warning.
    const [{ knownNow }, { networkBlocks }, { snippetWithFreeBlock }] = await Promise.all([
      import('../documents/liveFindings'),
      import('../../core/live/liveChecks'),
      import('../../core/documents/quickFixes'),
    ]);
    snippet = snippetWithFreeBlock(snippet, networkBlocks(knownNow(ctx)?.networks ?? []));
  }
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(snippet), new vscode.Position(0, 0));
  return editor;
}

export const newNetworkDocument = (ctx: ExtensionContext) => openNewDocument(ctx, 'network');
export const newAddressGroupDocument = (ctx: ExtensionContext) => openNewDocument(ctx, 'addressGroup');
