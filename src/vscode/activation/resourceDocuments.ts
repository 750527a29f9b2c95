import * as vscode from 'vscode';

/**
 * The read-only documents of live resources (Open as JSON), as activation registers their scheme: an editor of one
 * restored with the window asks before anything else loaded, and the features serve it once loaded.
 */
export class ForwardingContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private target: vscode.TextDocumentContentProvider | undefined;
  private targetChanges: vscode.Disposable | undefined;

  constructor(private readonly load: () => Promise<unknown>) {}

  serve(target: vscode.TextDocumentContentProvider): void {
    this.targetChanges?.dispose();
    this.target = target;
    this.targetChanges = target.onDidChange?.((uri) => this.changes.fire(uri));
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string | undefined> {
    if (!this.target) await this.load();
    return (await this.target?.provideTextDocumentContent(uri, token)) ?? undefined;
  }

  dispose(): void {
    this.targetChanges?.dispose();
    this.changes.dispose();
  }
}
