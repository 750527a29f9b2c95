import * as vscode from 'vscode';
import type { Connection } from '../../core/api/connection';
import {
  type LinkScope,
  LinkStore,
  MAX_LINK_IMPORT_BYTES,
  parseLinkImport,
  type ResourceLink,
} from '../../core/live/links';
import type { ConnectionService } from '../connections';

/**
 * Names a links file (core/links.ts `LinkImport`) to take in once the window has started: `npm start` sets it in the
 * extension host's environment for the documents its emulator made live. Without it, nothing is read.
 */
export const LINKS_FILE_ENV = 'HUAWEICLOUD_LINKS_FILE';

/** Workspace-state key of the scope last connected to: links show after a reload without opening a connection. */
const LAST_SCOPE_KEY = 'huaweicloud.documentLinks.lastScope';

/** How long the text of a closed untitled linked document is remembered: saving it closes it, then opens the file. */
const CLOSED_UNTITLED_MEMORY_MS = 10_000;

/** Where a connection's resources live: the link scope. An emulator is keyed by region and project, not its port. */
export function linkScopeOf(connection: Pick<Connection, 'region' | 'projectId' | 'credentials'>): LinkScope {
  return {
    source: connection.credentials.source === 'emulator' ? 'emulator' : 'cloud',
    region: connection.region,
    projectId: connection.projectId,
  };
}

/** A document's text as JSON, whitespace aside (a save may format it); the text itself when it does not parse. */
function sameJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function isScope(value: unknown): value is LinkScope {
  const scope = value as Partial<LinkScope> | undefined;
  return (
    (scope?.source === 'cloud' || scope?.source === 'emulator') &&
    typeof scope.region === 'string' &&
    typeof scope.projectId === 'string'
  );
}

/**
 * The links of documents to live resources, in the scope of the connection in use (the one last opened; after a
 * reload, the one used before it). Knowing a link costs no I/O: the workspace state is in memory. When the
 * settings change, no scope is known until a connection opens again, and no document shows as linked.
 */
export class DocumentLinks implements vscode.Disposable {
  private readonly store: LinkStore;
  private scope: LinkScope | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a link, or the scope, changes: CodeLenses and checks read links again. */
  readonly onDidChange = this.changed.event;
  private readonly closedUntitled = new Map<string, { text: string; at: number }>();
  private readonly pendingForgets = new Set<ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * Where Edit as Document writes the extension's own copies of live resources (`<global storage>/documents`): like
   * untitled documents, their links follow them when they are saved as another file.
   */
  get scratchFolder(): vscode.Uri {
    return vscode.Uri.joinPath(this.globalStorage, 'documents');
  }

  constructor(
    private readonly workspaceState: vscode.Memento,
    connections: ConnectionService,
    private readonly log: vscode.LogOutputChannel,
    private readonly globalStorage: vscode.Uri,
  ) {
    this.store = new LinkStore(workspaceState);
    const last = workspaceState.get<unknown>(LAST_SCOPE_KEY);
    this.scope = isScope(last) ? last : undefined;
    this.disposables.push(
      this.changed,
      connections.onDidOpen((connection) => this.useScope(linkScopeOf(connection))),
      connections.onDidChange(() => this.useScope(undefined)),
      // An untitled document saved becomes a file: its links follow it (VS Code says nothing of the two being one).
      vscode.workspace.onDidCloseTextDocument((document) => this.rememberClosedUntitled(document)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.adoptUntitled(document)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.adoptUntitled(document)),
      vscode.workspace.onDidRenameFiles((event) => void this.followRenames(event)),
    );
    const linksFile = process.env[LINKS_FILE_ENV];
    if (linksFile) {
      // After activation, which reads nothing.
      const timer = setTimeout(() => void this.importFile(linksFile), 0);
      this.disposables.push({ dispose: () => clearTimeout(timer) });
    }
  }

  /**
   * Takes in the links of a file (once: see LinkStore.importLinks); with no scope known yet, the file's becomes the
   * one in use, so that the links show before a connection opens. A file that cannot be read is logged, not shown.
   */
  private async importFile(path: string): Promise<void> {
    try {
      const { readFile, stat } = await import('node:fs/promises');
      const { size } = await stat(path);
      if (size > MAX_LINK_IMPORT_BYTES) {
        throw new Error(`the file is larger than ${MAX_LINK_IMPORT_BYTES / 1024 / 1024} MB`);
      }
      const imported = parseLinkImport(await readFile(path, 'utf8'));
      // The store compares Uris as VS Code writes them (the case of an authority, escapes).
      const links = imported.links.map((link) => ({
        ...link,
        document: vscode.Uri.parse(link.document, true).toString(),
      }));
      const taken = await this.store.importLinks({ scope: imported.scope, links });
      this.log.info(
        `${LINKS_FILE_ENV}: ${taken ? `${links.length} document links taken in from ${path}` : `the links of ${path} were taken in before`}`,
      );
      if (this.scope) {
        if (taken) this.changed.fire();
      } else {
        this.useScope(imported.scope);
      }
    } catch (error) {
      this.log.warn(
        `${LINKS_FILE_ENV}: no document links were taken in from ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private useScope(scope: LinkScope | undefined): void {
    if (JSON.stringify(scope) === JSON.stringify(this.scope)) return;
    this.scope = scope;
    if (scope) void this.workspaceState.update(LAST_SCOPE_KEY, scope);
    this.changed.fire();
  }

  /** The document's link in the scope in use (none when no scope is known). */
  linkFor(uri: vscode.Uri): ResourceLink | undefined {
    return this.scope ? this.store.get(this.scope, uri.toString()) : undefined;
  }

  /** The document's link where `connection` reaches (what a command that opened a connection uses). */
  linkIn(connection: Connection, uri: vscode.Uri): ResourceLink | undefined {
    return this.store.get(linkScopeOf(connection), uri.toString());
  }

  async link(connection: Connection, uri: vscode.Uri, link: ResourceLink): Promise<void> {
    this.useScope(linkScopeOf(connection));
    await this.store.set(linkScopeOf(connection), uri.toString(), link);
    this.changed.fire();
  }

  async unlink(connection: Connection | undefined, uri: vscode.Uri): Promise<boolean> {
    const scope = connection ? linkScopeOf(connection) : this.scope;
    if (!scope) return false;
    const removed = await this.store.delete(scope, uri.toString());
    if (removed) this.changed.fire();
    return removed;
  }

  /** A resource was deleted: no document is linked to it any more. */
  async forgetResource(connection: Connection, kind: ResourceLink['kind'], id: string): Promise<void> {
    if ((await this.store.forgetResource(linkScopeOf(connection), kind, id)).length > 0) this.changed.fire();
  }

  /**
   * A resource seen gone on the connection in use (the tracker's look, the explorer's refresh): its links there end.
   * Both look only through the connection in use, whose scope this is.
   */
  async resourceGone(kind: ResourceLink['kind'], id: string): Promise<void> {
    if (this.scope && (await this.store.forgetResource(this.scope, kind, id)).length > 0) this.changed.fire();
  }

  /** An untitled document, or a copy Edit as Document wrote: what "Save As" turns into another file. */
  private isScratch(uri: vscode.Uri): boolean {
    return uri.scheme === 'untitled' || uri.toString().startsWith(`${this.scratchFolder.toString()}/`);
  }

  /**
   * A linked untitled document (or Edit as Document copy) closed: saved as a file (which opens with its text, and
   * adopts its links) or discarded. Past the moment a save takes, an untitled document's links go: a new untitled
   * document of the same name is another document. A copy keeps them: it is still a file.
   */
  private rememberClosedUntitled(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.isScratch(document.uri) || !this.store.linkedDocuments().has(key)) return;
    this.closedUntitled.set(key, { text: document.getText(), at: Date.now() });
    const timer = setTimeout(() => {
      this.pendingForgets.delete(timer);
      if (!this.closedUntitled.delete(key)) return;
      // Edit as Document's copy is still a file, still that resource.
      if (document.uri.scheme !== 'untitled') return;
      // Reopened meanwhile (undo of a close): still that document.
      if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
      void this.store.forgetDocument(key).then((forgot) => forgot && this.changed.fire());
    }, CLOSED_UNTITLED_MEMORY_MS);
    this.pendingForgets.add(timer);
  }

  /**
   * A file document that holds exactly the text of a linked untitled one, or of an Edit as Document copy (open, or
   * closed a moment ago), is that document saved as another file: the links move to the file.
   */
  private async adoptUntitled(document: vscode.TextDocument): Promise<void> {
    // Only a file the untitled one can have been saved as: not a read-only view (Compare's live side is written
    // exactly like an Edit as Document buffer), not a git revision.
    if (this.isScratch(document.uri) || vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== true) return;
    const linked = this.store.linkedDocuments();
    if (linked.size === 0 || linked.has(document.uri.toString())) return;
    const text = sameJson(document.getText());
    const now = Date.now();
    const open = vscode.workspace.textDocuments
      .filter(
        (candidate) =>
          this.isScratch(candidate.uri) &&
          linked.has(candidate.uri.toString()) &&
          sameJson(candidate.getText()) === text,
      )
      .map((candidate) => candidate.uri.toString());
    const closed = [...this.closedUntitled]
      .filter(
        ([key, memory]) =>
          linked.has(key) && sameJson(memory.text) === text && now - memory.at <= CLOSED_UNTITLED_MEMORY_MS,
      )
      .map(([key]) => key);
    const [from] = [...closed, ...open];
    if (from === undefined) return;
    this.closedUntitled.delete(from);
    if (await this.store.move(from, document.uri.toString())) this.changed.fire();
  }

  private async followRenames(event: vscode.FileRenameEvent): Promise<void> {
    let moved = false;
    for (const { oldUri, newUri } of event.files) {
      moved = (await this.store.move(oldUri.toString(), newUri.toString())) || moved;
    }
    if (moved) this.changed.fire();
  }

  /** Whether any link names this document (in any scope): a new untitled document must not take such a name. */
  isLinkedAnywhere(uri: vscode.Uri): boolean {
    return this.store.linkedDocuments().has(uri.toString());
  }

  dispose(): void {
    for (const timer of this.pendingForgets) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
