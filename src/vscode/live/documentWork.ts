// What commands have under way with documents, owned by the context (`ctx.documentWork()`), not by a command module:
// the documents busy with a create, a dry run or an Apply (one at a time each), and the changes Apply refused,
// marked on their fields until the document is edited or closed. Disposed with the context, so that a new
// activation starts with none.
import * as vscode from 'vscode';
import { Refusal } from '../errors';

export class DocumentWork implements vscode.Disposable {
  /** Documents with a create, dry run or Apply under way, by Uri: a second one of the same document is refused. */
  private readonly busy = new Set<string>();
  private refused: vscode.DiagnosticCollection | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Holds the document's busy key while `work` runs: one create, dry run or Apply of a document at a time. */
  async exclusively<T>(document: vscode.TextDocument, action: string, work: () => Thenable<T>): Promise<T> {
    const key = document.uri.toString();
    if (this.busy.has(key)) {
      throw new Refusal(vscode.l10n.t('{0} of this document is already under way: wait for it to finish', action));
    }
    this.busy.add(key);
    try {
      return await work();
    } finally {
      this.busy.delete(key);
    }
  }

  /** Marks the changes Apply refused on the document (none: clears them); they go when it is edited or closed. */
  markRefused(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    if (diagnostics.length === 0) {
      this.refused?.delete(uri);
      return;
    }
    this.refusedChanges().set(uri, diagnostics);
  }

  /** The diagnostics of refused changes: one collection, made the first time a change is refused. */
  private refusedChanges(): vscode.DiagnosticCollection {
    if (!this.refused) {
      const collection = vscode.languages.createDiagnosticCollection('huaweicloud-apply');
      this.refused = collection;
      this.disposables.push(
        collection,
        vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.contentChanges.length > 0) collection.delete(event.document.uri);
        }),
        vscode.workspace.onDidCloseTextDocument((closed) => collection.delete(closed.uri)),
      );
    }
    return this.refused;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.refused = undefined;
    this.busy.clear();
  }
}
