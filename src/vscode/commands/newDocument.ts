import * as vscode from 'vscode';
import snippets from '../../../snippets/json.code-snippets';
import { type Kind, KINDS } from '../../core/kinds';
import type { Services } from '../services';

/**
 * Opens an untitled document named like `network-1.network.json`, so that the schema (matched on the name)
 * applies before it is ever saved, and fills it with a valid document.
 */
async function openNewDocument(ctx: Services, kind: Kind): Promise<vscode.TextEditor> {
  // Each new document starts as the contributed snippet of its kind: valid as it stands, with tab stops.
  const { slug, suffix, snippet: snippetName } = KINDS[kind];
  const body = snippets[snippetName]?.body;
  if (!body) throw new Error(`the snippet "${snippetName}" is missing from the extension`);
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    uri = vscode.Uri.from({ scheme: 'untitled', path: `${slug}-${n}${suffix}` });
    // A name a link still holds (an untitled document of an earlier session) would make the new one that resource.
    if (!taken.has(uri.toString()) && !ctx.links.isLinkedAnywhere(uri)) break;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  let snippet = `${body.join('\n')}\n`;
  const startsFree = FREE_START[kind];
  if (startsFree && ctx.loadedExplorer()) snippet = await startsFree(ctx, snippet);
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(snippet), new vscode.Position(0, 0));
  return editor;
}

/**
 * Per kind, how a new document starts clear of what is known on the connection: a network with a block no known
 * network uses, so that it starts without an overlap warning. A group's entries are its own business.
 */
const FREE_START: Readonly<Record<Kind, ((ctx: Services, snippet: string) => Promise<string>) | undefined>> = {
  network: async (ctx, snippet) => {
    const { knownNow, networkBlocks, snippetWithFreeBlock } = await import('../documents/checking');
    return snippetWithFreeBlock(snippet, networkBlocks(knownNow(ctx)?.networks ?? []));
  },
  addressGroup: undefined,
};

export const newNetworkDocument = (ctx: Services) => openNewDocument(ctx, 'network');
export const newAddressGroupDocument = (ctx: Services) => openNewDocument(ctx, 'addressGroup');
