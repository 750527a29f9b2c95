// Loaded with the explorer, not with the extension: the documents open now, and each one opened or edited later,
// are checked against what the explorer (and the tracker) already fetched for the connection in use, in a
// collection of their own beside the document checks'. Checked again whenever that changes; cleared at once when
// the connection changes. Never a request: what was not listed is not known.
import * as vscode from 'vscode';
import { kindFromFileName, mayHoldDocument } from '../../core/kinds';
import { type KnownResources, type LiveFinding, liveFindings, withFollowed } from '../../core/live/liveChecks';
import type { Services } from '../services';
import type { ExplorerApi } from '../explorer/api';
import { isJson } from './userJson';

export const LIVE_DIAGNOSTICS_SOURCE = 'Huawei Cloud (live)';

/** A pause in typing this long triggers a check; a large document waits longer, as its parse costs more. */
const DEBOUNCE_MS = 250;
const LARGE_DOCUMENT_DEBOUNCE_MS = 1000;
const LARGE_DOCUMENT = 1_000_000;

const SEVERITY: Record<LiveFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * What is known now on the connection in use, nothing fetched: the explorer's resources and the tracker's followed
 * ones (undefined until the explorer has loaded and opened a connection).
 */
export function knownNow(
  ctx: Services,
  explorer: ExplorerApi | undefined = ctx.loadedExplorer(),
): KnownResources | undefined {
  const known = explorer?.known();
  return known && withFollowed(known, ctx.tracking.operations());
}

export class LiveDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('huaweicloud-live');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];
  private recheckQueued = false;

  constructor(
    private readonly ctx: Services,
    private readonly explorer: ExplorerApi,
  ) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document, this.known())),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // A page loaded, a refresh, a resource updated or deleted, the tree reset for another connection.
      explorer.onDidChangeKnown(() => this.recheckAll()),
      // A document linked or unlinked is, or is no longer, the resource it names.
      ctx.links.onDidChange(() => this.recheckAll()),
      // A resource the tracker follows changed phase, or is gone.
      ctx.tracking.onDidChange(() => this.recheckAll()),
      // Another connection: what was listed on the old one says nothing of the new one, even before the tree resets.
      ctx.connections.onDidChange(() => this.collection.clear()),
    ];
    this.recheckAll();
  }

  /** What is known now: the explorer's resources and the tracker's followed ones, of the explorer's connection. */
  private known(): KnownResources | undefined {
    return knownNow(this.ctx, this.explorer);
  }

  /** Every open document again, once per turn however many changes arrive in it. */
  private recheckAll(): void {
    if (this.recheckQueued) return;
    this.recheckQueued = true;
    queueMicrotask(() => {
      this.recheckQueued = false;
      const known = this.known();
      if (!known) {
        this.collection.clear();
        return;
      }
      for (const document of vscode.workspace.textDocuments) this.check(document, known);
    });
  }

  private check(document: vscode.TextDocument, known: KnownResources | undefined): void {
    if (document.isClosed || !isJson(document)) return;
    try {
      const text = document.getText();
      const kindByName = kindFromFileName(document.uri.path);
      const findings =
        kindByName || mayHoldDocument(text)
          ? liveFindings(text, kindByName, known, this.ctx.links.linkFor(document.uri)?.id)
          : [];
      if (findings.length === 0) {
        this.collection.delete(document.uri);
        return;
      }
      this.collection.set(
        document.uri,
        findings.map((finding) => {
          const range = new vscode.Range(
            document.positionAt(finding.offset),
            document.positionAt(finding.offset + finding.length),
          );
          const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
          diagnostic.source = LIVE_DIAGNOSTICS_SOURCE;
          diagnostic.code = finding.rule;
          return diagnostic;
        }),
      );
    } catch (error) {
      // A checker bug must never break the editor: log it and leave the document without these diagnostics.
      this.collection.delete(document.uri);
      this.ctx.log.error(
        `Live-aware checks of ${document.uri.toString(true)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isJson(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    // The offset of the end is the length, without copying the text on every keystroke.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    this.pending.set(
      key,
      setTimeout(
        () => {
          this.pending.delete(key);
          this.check(document, this.known());
        },
        length > LARGE_DOCUMENT ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS,
      ),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    for (const disposable of this.disposables) disposable.dispose();
  }
}
