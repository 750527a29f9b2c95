import * as vscode from 'vscode';
import type { ConnectionService } from './connections';
import { type LiveResource, resourceId } from './resourceEvents';

/** Read-only documents of live resources: `huaweicloud-resource:/network/<id>.json`, `…/address-group/<id>.json`. */
export const RESOURCE_SCHEME = 'huaweicloud-resource';

const SEGMENT = { network: 'network', addressGroup: 'address-group' } as const;

/**
 * The Uri of a resource's document. Named `<id>.json`, never `*.network.json`: the create schema would flag every
 * server field (status, timestamps, IDs) of a live resource.
 */
export function resourceUri(resource: Pick<LiveResource, 'kind'>, id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, path: `/${SEGMENT[resource.kind]}/${encodeURIComponent(id)}.json` });
}

function parseUri(uri: vscode.Uri): { kind: LiveResource['kind']; id: string } | undefined {
  const match = /^\/(network|address-group)\/([^/]+)\.json$/.exec(uri.path);
  if (!match?.[1] || !match[2]) return undefined;
  return { kind: match[1] === 'network' ? 'network' : 'addressGroup', id: decodeURIComponent(match[2]) };
}

/**
 * Serves those documents from the current connection: a GET on every (re)load, so the text is what the service
 * answers now. Registered at activation (an editor restored from a previous session asks for its text); nothing is
 * fetched until a document is opened.
 */
export class ResourceDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connections: ConnectionService, private readonly log: vscode.LogOutputChannel) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const target = parseUri(uri);
    if (!target) return `// Not a Huawei Cloud resource: ${uri.toString(true)}\n`;
    const { abortSignalFor } = await import('./errors');
    const signal = abortSignalFor(token);
    try {
      const connection = await this.connections.open({ signal });
      const resource = target.kind === 'network'
        ? await connection.networks.get(target.id, { signal })
        : await connection.addressGroups.get(target.id, { signal });
      return `${JSON.stringify(resource, null, 2)}\n`;
    } catch (error) {
      // The document shows why it is empty rather than failing silently; Show Log has the details.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Open as JSON ${target.id}: ${message}`);
      return `// ${message.replace(/\n/g, ' ')}\n`;
    }
  }

  /** Loads a resource's document again (Open as JSON on an open one refreshes it). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
    this.registration.dispose();
  }

  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESOURCE_SCHEME, this);
}

/** Open as JSON: the live resource, read-only, as the service answers it; again on an open one refreshes it. */
export async function openResource(provider: ResourceDocuments, resource: LiveResource): Promise<vscode.TextEditor> {
  const uri = resourceUri(resource, resourceId(resource));
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) provider.refresh(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
  return vscode.window.showTextDocument(document, { preview: true });
}
