import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { getLive, type Kind, KIND_LIST, KINDS } from '../../core/kinds';
import { abortSignalFor } from '../cancellation';
import type { ConnectionService } from '../connections';
import { type LiveResource, resourceId } from '../resourceEvents';

/**
 * Read-only documents of live resources: `huaweicloud-resource:/network/<id>.json`, `…/address-group/<id>.json` (Open
 * as JSON: what the service answers), and `huaweicloud-resource:/live/<kind>/<id>/<file name>?<document Uri>` (the
 * live side of Compare with Live: the resource written as a document, laid out like that document).
 */
export const RESOURCE_SCHEME = 'huaweicloud-resource';

/** The kind whose URI segment this is (`network`, `address-group`), if any. */
const kindOfSegment = (segment: string | undefined): Kind | undefined =>
  KIND_LIST.find((kind) => KINDS[kind].slug === segment);

/**
 * The Uri of a resource's document. Named `<id>.json`, never `*.network.json`: the create schema would flag every
 * server field (status, timestamps, IDs) of a live resource.
 */
export function resourceUri(resource: Pick<LiveResource, 'kind'>, id: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: RESOURCE_SCHEME,
    path: `/${KINDS[resource.kind].slug}/${encodeURIComponent(id)}.json`,
  });
}

/** The live side of a comparison with `document`: named like it, so that it reads as the same kind of document. */
export function liveSideUri(resource: Pick<LiveResource, 'kind'>, id: string, document: vscode.Uri): vscode.Uri {
  const fileName = document.path.split('/').pop() || 'document.json';
  return vscode.Uri.from({
    scheme: RESOURCE_SCHEME,
    path: `/live/${KINDS[resource.kind].slug}/${encodeURIComponent(id)}/${fileName}`,
    query: document.toString(),
  });
}

/**
 * An ID as a resource document's Uri holds it; undefined when it does not decode (a Uri written by hand, or restored
 * from elsewhere). One that decodes to what no request path can carry is refused when it is read (see buildPath).
 */
function idIn(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseLiveSideUri(uri: vscode.Uri): { kind: Kind; id: string; document: string } | undefined {
  const match = /^\/live\/([^/]+)\/([^/]+)\/[^/]+$/.exec(uri.path);
  const kind = kindOfSegment(match?.[1]);
  const id = match?.[2] === undefined ? undefined : idIn(match[2]);
  if (!kind || id === undefined) return undefined;
  return { kind, id, document: uri.query };
}

/** The indentation a document uses (its first indented line's), so the live side is written alike; two spaces by default. */
function indentationOf(text: string): string {
  return /^[ \t]*\S[^\n]*\n([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
}

function parseUri(uri: vscode.Uri): { kind: Kind; id: string } | undefined {
  const match = /^\/([^/]+)\/([^/]+)\.json$/.exec(uri.path);
  const kind = kindOfSegment(match?.[1]);
  const id = match?.[2] === undefined ? undefined : idIn(match[2]);
  if (!kind || id === undefined) return undefined;
  return { kind, id };
}

/**
 * Serves those documents from the current connection: a GET on every (re)load, so the text is what the service
 * answers now. Registered at activation (an editor restored from a previous session asks for its text); nothing is
 * fetched until a document is opened.
 */
export class ResourceDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connections: ConnectionService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Live resources a command has just read, for the live side it opens next (no second GET). */
  private readonly preloaded = new Map<string, LiveResource>();

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const liveSide = parseLiveSideUri(uri);
    if (liveSide) return this.liveSideText(uri, liveSide, token);
    const target = parseUri(uri);
    if (!target) return `// Not a Huawei Cloud resource: ${uri.toString(true)}\n`;
    const signal = abortSignalFor(token);
    try {
      const connection = await this.connections.open({ signal });
      const { resource } = await getLive(connection, target.kind, target.id, { signal });
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

  /**
   * Shows `resource` (just read) as the live side `uri`: opened next (`opening`), or refreshed when open; a side
   * neither opening nor open keeps nothing, so that a later opening reads the resource afresh.
   */
  showLiveSide(uri: vscode.Uri, resource: LiveResource, opening: boolean): void {
    const open = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
    if (!opening && !open) return;
    this.preloaded.set(uri.toString(), resource);
    if (open) this.changed.fire(uri);
  }

  private async liveSideText(
    uri: vscode.Uri,
    target: { kind: Kind; id: string; document: string },
    token: vscode.CancellationToken,
  ): Promise<string> {
    const { liveSideOf } = await import('../../core/live/liveDocuments');
    // A live side that cannot be shown (not read, or malformed) says why in one comment line, whatever the server's
    // text holds (a line break or U+2028 in it would end the comment).
    const failed = (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Compare with Live ${target.id}: ${message}`);
      return `// ${shownValue(message)}\n`;
    };
    let resource = this.preloaded.get(uri.toString());
    this.preloaded.delete(uri.toString());
    if (!resource) {
      // Opened without a command that just read it (an editor restored after a reload): read it now.
      const signal = abortSignalFor(token);
      try {
        resource = await getLive(await this.connections.open({ signal }), target.kind, target.id, { signal });
      } catch (error) {
        return failed(error);
      }
    }
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === target.document);
    const text = document?.getText() ?? '';
    let layout: unknown;
    try {
      layout = JSON.parse(text);
    } catch {
      // A document that does not parse (being edited) gives no layout: the live side keeps its own order.
    }
    try {
      return `${JSON.stringify(liveSideOf(resource, layout), null, indentationOf(text))}\n`;
    } catch (error) {
      return failed(error);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Open as JSON: the live resource, read-only, as the service answers it; again on an open one refreshes it. */
export async function openResource(provider: ResourceDocuments, resource: LiveResource): Promise<vscode.TextEditor> {
  const uri = resourceUri(resource, resourceId(resource));
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) {
    provider.refresh(uri);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
  return vscode.window.showTextDocument(document, { preview: true });
}
